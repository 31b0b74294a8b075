import { concatTradeColumns } from "./trade-concat";
import { decodeTradePart, PartError } from "./arrow-part";
import { DATASET_FORMAT, MANIFEST_FORMAT_VERSION } from "./dataset";
import { sha256BytesHex } from "./hash";
import { IndexedDataset } from "./indexed";
import {
  indexPrepared,
  LoadPhase,
  PreparedDataset,
  withSeriesLayout,
  yieldUnlessAborted,
} from "./prepared";
import { ManifestBundle, ManifestPart, readManifest } from "./manifest";
import { MAX_DATASET_BYTES } from "./load";
import { tradeProblems } from "./trade-checks";
import { TradeColumns } from "./trade-columns";
import { DatasetError, parseDatasetText } from "./validate";

/**
 * The one load path of a format 2 dataset, whatever brought it (feed, files, stored copy): the
 * manifest (schema, tables), then each part it lists (present, its byte length, its SHA-256, its
 * Arrow columns), then the observations' rules over all parts. The dataset's hash is the SHA-256 of
 * the manifest's bytes: it names the parts' hashes, so it covers every byte. Nothing is applied here.
 */
export async function loadManifestBundle(
  bundle: ManifestBundle,
  signal?: AbortSignal
): Promise<IndexedDataset> {
  return indexPrepared(await prepareManifestBundle(bundle, signal));
}

/**
 * loadManifestBundle up to the index: what a worker does. In this thread it yields to the event
 * loop between phases and stops if Cancel or the timeout fired (each phase is tens of milliseconds
 * at a million observations); in a worker, Cancel ends the worker.
 */
export async function prepareManifestBundle(
  bundle: ManifestBundle,
  signal?: AbortSignal,
  onPhase?: (phase: LoadPhase) => void
): Promise<PreparedDataset> {
  const checkpoint = () => yieldUnlessAborted(signal);
  if (bundle.manifest.byteLength > MAX_DATASET_BYTES) {
    throw new DatasetError([
      `the manifest is larger than the ${MAX_DATASET_BYTES / 1024 / 1024} MB limit`,
    ]);
  }
  const manifest = readManifest(parseDatasetText(new TextDecoder().decode(bundle.manifest)));
  const parts: TradeColumns[] = [];
  for (const part of manifest.parts) {
    await checkpoint();
    parts.push(await readPart(part, bundle, checkpoint, onPhase));
  }
  await checkpoint();
  onPhase?.("validate");
  const trade = concatTradeColumns(parts);
  const starts = [0];
  for (const p of parts) starts.push(starts[starts.length - 1] + p.length);
  const where = (row: number) => {
    let k = 0;
    while (row >= starts[k + 1]) k++;
    return `part ${manifest.parts[k].path}, row ${row - starts[k]}`;
  };
  const problems = tradeProblems(
    trade,
    {
      sources: new Set(manifest.sources.map((s) => s.source_id)),
      commodities: new Set(manifest.commodities.map((c) => c.id)),
      countries: new Set(manifest.countries.map((c) => c.code)),
    },
    where
  );
  if (problems.length > 0) throw new DatasetError(problems);
  await checkpoint();
  onPhase?.("index");
  const indexed = withSeriesLayout(trade);
  await checkpoint();
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { parts: listed, ...tables } = manifest;
  return {
    tables: {
      ...tables,
      format: DATASET_FORMAT,
      format_version: MANIFEST_FORMAT_VERSION,
      hash: await sha256BytesHex(bundle.manifest),
    },
    trade: indexed,
  };
}

async function readPart(
  part: ManifestPart,
  bundle: ManifestBundle,
  checkpoint: () => Promise<void>,
  onPhase?: (phase: LoadPhase) => void
): Promise<TradeColumns> {
  const found = bundle.parts.find((p) => p.path === part.path);
  if (found === undefined) throw new DatasetError([`part ${part.path}: missing`]);
  if (found.bytes.byteLength !== part.bytes) {
    throw new DatasetError([
      `part ${part.path}: ${found.bytes.byteLength} bytes where the manifest says ${part.bytes} (a cut-off or altered file)`,
    ]);
  }
  onPhase?.("verify");
  const actual = await sha256BytesHex(found.bytes);
  if (actual !== part.sha256) {
    throw new DatasetError([
      `part ${part.path}: its SHA-256 does not match the manifest (stated ${part.sha256.slice(0, 12)}…, computed ${actual.slice(0, 12)}…)`,
    ]);
  }
  await checkpoint();
  onPhase?.("decode");
  try {
    return decodeTradePart(part.path, new Uint8Array(found.bytes));
  } catch (error) {
    if (error instanceof PartError) throw new DatasetError(error.problems);
    throw error;
  }
}
