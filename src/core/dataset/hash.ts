import { Dataset } from "./dataset";

/**
 * The text a dataset's hash covers: its JSON with the hash field emptied and every object's keys
 * sorted, so that any publisher can reproduce it whatever order it writes fields in.
 */
export function canonicalText(dataset: Dataset): string {
  // JSON.stringify with a property list writes, in every object, the listed keys it has, in list
  // order: the sorted list of every key in the dataset writes each object's keys sorted, natively.
  const keys = new Set<string>();
  collectKeys(dataset, keys);
  return JSON.stringify({ ...dataset, hash: "" }, [...keys].sort());
}

function collectKeys(value: unknown, keys: Set<string>): void {
  if (value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, keys);
    return;
  }
  for (const key of Object.keys(value)) {
    keys.add(key);
    collectKeys((value as Record<string, unknown>)[key], keys);
  }
}

/** SHA-256 of a text as lower-case hex, with the platform's Web Crypto (browsers and Node 20). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function datasetHash(dataset: Dataset): Promise<string> {
  return sha256Hex(canonicalText(dataset));
}
