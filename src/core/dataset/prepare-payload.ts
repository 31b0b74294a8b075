import { prepareDatasetText } from "./load";
import { prepareManifestBundle } from "./manifest-load";
import { DatasetPayload } from "./payload";
import { PreparedDataset } from "./prepared";

/**
 * Prepares a payload through its format's one load path, in the thread that calls it: the dataset
 * worker runs it, and so does this thread where no worker is available.
 */
export function preparePayload(
  payload: DatasetPayload,
  signal?: AbortSignal
): Promise<PreparedDataset> {
  return typeof payload === "string"
    ? prepareDatasetText(payload, signal)
    : prepareManifestBundle(payload, signal);
}
