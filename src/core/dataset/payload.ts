import { IndexedDataset } from "./indexed";
import { loadDatasetText } from "./load";
import { ManifestBundle } from "./manifest";
import { loadManifestParts } from "./manifest-parts";

/**
 * A dataset as it arrived from outside, before it is loaded: format 1's JSON text, or format 2's
 * manifest and parts as bytes. This is what a stored copy keeps, so that a restore verifies exactly
 * what was received.
 */
export type DatasetPayload = string | ManifestBundle;

/**
 * Loads a saved payload through its format's one load path; throws DatasetError when it is refused.
 * A format 2 copy's Arrow headers were checked when it arrived (manifest-load.ts).
 */
export function loadPayload(payload: DatasetPayload): Promise<IndexedDataset> {
  return typeof payload === "string" ? loadDatasetText(payload) : loadManifestParts(payload);
}
