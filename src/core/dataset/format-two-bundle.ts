import { tradePartBytes } from "./arrow-writer";
import { sha256BytesHex } from "./hash";
import { IndexedDataset } from "./indexed";
import { ManifestBundle } from "./manifest";
import { loadManifestBundle } from "./manifest-load";
import { manifestBytes, ManifestTables } from "./manifest-write";
import { TradeColumns } from "./trade-columns";

/** The one Arrow part of a dataset the pane's Import writes. */
const PART_PATH = "minerals.observations.arrow";

/**
 * Whether trade columns hold figures that format 1's `exports` rows cannot carry: other flows, years,
 * values, estimates, rows without a quantity. A dataset holding any is kept in format 2.
 */
export function needsFormatTwo(trade: TradeColumns): boolean {
  const exportFlow = trade.flow.dictionary.indexOf("export");
  const monthly = trade.period.dictionary.map((p) => p.length === 7);
  for (let i = 0; i < trade.length; i++) {
    if (
      trade.flow.indices[i] !== exportFlow ||
      !monthly[trade.period.indices[i]] ||
      Number.isNaN(trade.quantity[i]) ||
      !Number.isNaN(trade.value[i]) ||
      trade.estimated[i] === 1
    )
      return true;
  }
  return false;
}

/**
 * A dataset made by an import, written in format 2 (its tables as a manifest, its trade observations
 * as one Arrow part) and loaded through the one format 2 load path, as a stored copy will be.
 * Throws DatasetError when the load refuses it.
 */
export async function formatTwoBundle(
  tables: ManifestTables,
  trade: TradeColumns
): Promise<{ bundle: ManifestBundle; data: IndexedDataset }> {
  const part = tradePartBytes(trade).slice().buffer;
  const manifest = manifestBytes(tables, [
    { path: PART_PATH, sha256: await sha256BytesHex(part), bytes: part.byteLength },
  ]);
  const bundle: ManifestBundle = {
    manifest: manifest.slice().buffer,
    parts: [{ path: PART_PATH, bytes: part }],
  };
  return { bundle, data: await loadManifestBundle(bundle) };
}
