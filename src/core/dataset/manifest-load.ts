import { ipcSizeProblem } from "./arrow-bounds";
import { IndexedDataset } from "./indexed";
import { ManifestBundle } from "./manifest";
import { loadManifestParts } from "./manifest-parts";

/**
 * Loads a format 2 dataset that arrives (a feed, files the analyst opens): the one load path
 * (manifest-parts.ts) with each part's Arrow header sizes checked against its bytes before it is
 * decoded (arrow-bounds.ts). A saved copy is restored through loadManifestParts alone (payload.ts):
 * its parts passed this check when they arrived and are verified by their hash again, and the check
 * stays out of the functions bundle, which restores at start-up within its size budget.
 */
export function loadManifestBundle(
  bundle: ManifestBundle,
  signal?: AbortSignal
): Promise<IndexedDataset> {
  return loadManifestParts(bundle, signal, ipcSizeProblem);
}
