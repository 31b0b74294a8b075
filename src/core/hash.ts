import { Dataset } from "./dataset";

/** The text a dataset's hash covers: its JSON with the hash field emptied. */
export function canonicalText(dataset: Dataset): string {
  return JSON.stringify({ ...dataset, hash: "" });
}
