import { Dataset } from "./dataset";
import { datasetHash } from "./hash";
import { IndexedDataset, indexDataset } from "./indexed";
import { PreparedDataset, withSeriesLayout, yieldUnlessAborted } from "./prepared";
import { tradeColumnsFromExports } from "./trade-rows";
import { DatasetError, parseDatasetText, validateDataset } from "./validate";

/** Validates any parsed JSON value and indexes it; throws DatasetError when it is not a valid dataset. */
export function loadDataset(value: unknown): IndexedDataset {
  return indexDataset(validateDataset(value));
}

/** The largest dataset text any load path accepts (a refresh, an import, a stored copy). */
export const MAX_DATASET_BYTES = 64 * 1024 * 1024;

/**
 * The one load path for dataset text from outside the bundle (feed, file, stored copy): size, JSON,
 * format version, schema, cross-row rules, then the hash. A dataset without a hash gets one; a hash
 * that does not match the content is refused. Nothing is applied here: the caller swaps the result in.
 */
export async function loadDatasetText(text: string): Promise<IndexedDataset> {
  refuseOversize(text);
  return indexDataset(await verifiedDataset(parseDatasetText(text)));
}

function refuseOversize(text: string): void {
  if (text.length > MAX_DATASET_BYTES) {
    throw new DatasetError([
      `the dataset is larger than the ${MAX_DATASET_BYTES / 1024 / 1024} MB limit`,
    ]);
  }
}

/**
 * loadDatasetText up to the index, with the observations as columns (the shape format 2 has): what
 * a worker does. In this thread it yields between its steps and stops there if `signal` fired; the
 * JSON parse and the schema check are one step each (a worker is what makes them interruptible).
 */
export async function prepareDatasetText(
  text: string,
  signal?: AbortSignal
): Promise<PreparedDataset> {
  refuseOversize(text);
  await yieldUnlessAborted(signal);
  return prepareDatasetValue(parseDatasetText(text), signal);
}

/** prepareDatasetText after the parse, for a caller that parsed the text already (the feed). */
export async function prepareDatasetValue(
  value: unknown,
  signal?: AbortSignal
): Promise<PreparedDataset> {
  await yieldUnlessAborted(signal);
  const dataset = validateDataset(value);
  await yieldUnlessAborted(signal);
  await verifyHash(dataset);
  await yieldUnlessAborted(signal);
  const { exports: rows, ...tables } = dataset;
  return { tables, trade: withSeriesLayout(tradeColumnsFromExports(rows)) };
}

/** The validated dataset with its hash checked (or computed, when it states none). */
async function verifiedDataset(value: unknown): Promise<Dataset> {
  const dataset = validateDataset(value);
  await verifyHash(dataset);
  return dataset;
}

async function verifyHash(dataset: Dataset): Promise<void> {
  const actual = await datasetHash(dataset);
  if (dataset.hash === "") {
    dataset.hash = actual;
  } else if (dataset.hash !== actual) {
    throw new DatasetError([
      `hash: the content does not match its hash (stated ${dataset.hash.slice(0, 12)}…, computed ${actual.slice(0, 12)}…)`,
    ]);
  }
}
