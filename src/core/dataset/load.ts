import { datasetHash } from "./hash";
import { IndexedDataset, indexDataset } from "./indexed";
import { DatasetError, parseDatasetText, validateDataset } from "./validate";

/** The largest dataset text any load path accepts (a refresh, an import, a stored copy). */
export const MAX_DATASET_BYTES = 64 * 1024 * 1024;

/**
 * The one load path for dataset text from outside the bundle (feed, file, stored copy): size, JSON,
 * format version, schema, cross-row rules, then the hash. A dataset without a hash gets one; a hash
 * that does not match the content is refused. Nothing is applied here: the caller swaps the result in.
 */
export async function loadDatasetText(text: string): Promise<IndexedDataset> {
  if (text.length > MAX_DATASET_BYTES) {
    throw new DatasetError([
      `the dataset is larger than the ${MAX_DATASET_BYTES / 1024 / 1024} MB limit`,
    ]);
  }
  return loadDatasetValue(parseDatasetText(text));
}

/** loadDatasetText after the parse, for a caller that parsed the text already (the feed). */
export async function loadDatasetValue(value: unknown): Promise<IndexedDataset> {
  const dataset = validateDataset(value);
  const actual = await datasetHash(dataset);
  if (dataset.hash === "") {
    dataset.hash = actual;
  } else if (dataset.hash !== actual) {
    throw new DatasetError([
      `hash: the content does not match its hash (stated ${dataset.hash.slice(0, 12)}…, computed ${actual.slice(0, 12)}…)`,
    ]);
  }
  return indexDataset(dataset);
}
