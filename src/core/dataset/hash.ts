import { Dataset } from "./dataset";
import { findNonFinite, nonFiniteProblem } from "./finite";
import { DatasetError } from "./validate";

/**
 * The text a dataset's hash covers: its JSON with the hash field emptied and every object's keys
 * sorted, so that any publisher can reproduce it whatever order it writes fields in. A non-finite
 * number is refused: JSON writes ±Infinity and NaN alike as null, so no hash could tell them apart.
 */
export function canonicalText(dataset: Dataset): string {
  // JSON.stringify with a property list writes, in every object, the listed keys it has, in list
  // order: the sorted list of every key in the dataset writes each object's keys sorted, natively.
  const keys = new Set<string>();
  if (!collectKeys(dataset, keys))
    throw new DatasetError(findNonFinite(dataset).map(nonFiniteProblem));
  return JSON.stringify({ ...dataset, hash: "" }, [...keys].sort());
}

/** Adds every key below `value` to `keys`; false when a number there is not finite. */
function collectKeys(value: unknown, keys: Set<string>): boolean {
  if (typeof value === "number") return Number.isFinite(value);
  if (value === null || typeof value !== "object") return true;
  let finite = true;
  if (Array.isArray(value)) {
    for (const item of value) finite = collectKeys(item, keys) && finite;
    return finite;
  }
  for (const key of Object.keys(value)) {
    keys.add(key);
    finite = collectKeys((value as Record<string, unknown>)[key], keys) && finite;
  }
  return finite;
}

/** SHA-256 of a text (its UTF-8 bytes) as lower-case hex. */
export function sha256Hex(text: string): Promise<string> {
  return sha256BytesHex(new TextEncoder().encode(text));
}

/**
 * SHA-256 of bytes as lower-case hex (what `sha256sum` prints), with the platform's Web Crypto
 * (browsers and Node 20). Format 2's hashes are this over each file's bytes as published.
 */
export async function sha256BytesHex(
  bytes: ArrayBuffer | Uint8Array<ArrayBuffer>
): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function datasetHash(dataset: Dataset): Promise<string> {
  return sha256Hex(canonicalText(dataset));
}
