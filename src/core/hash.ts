import { Dataset } from "./dataset";

/**
 * The text a dataset's hash covers: its JSON with the hash field emptied and every object's keys
 * sorted, so that any publisher can reproduce it whatever order it writes fields in.
 */
export function canonicalText(dataset: Dataset): string {
  return JSON.stringify({ ...dataset, hash: "" }, (_key, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0
          )
        )
      : value
  );
}

/** SHA-256 of a text as lower-case hex, with the platform's Web Crypto (browsers and Node 20). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function datasetHash(dataset: Dataset): Promise<string> {
  return sha256Hex(canonicalText(dataset));
}
