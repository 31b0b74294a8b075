import { createHash } from "crypto";
import { Dataset } from "../core/dataset/dataset";
import { ManifestPart } from "../core/dataset/manifest";
import { manifestBytes } from "../core/dataset/manifest-write";
import { TradeColumns } from "../core/dataset/trade-columns";
import { tradeColumnsFromRows, tradeFromExport } from "../core/dataset/trade-rows";
import { tradePartBytes } from "../core/dataset/arrow-writer";

/** The file names `npm run build:data` publishes format 2 under, beside minerals.json. */
export const MANIFEST_FILE = "minerals.manifest.json";
export const OBSERVATIONS_FILE = "minerals.observations.arrow";

export interface PublishedFile {
  path: string;
  bytes: Uint8Array;
}

/**
 * A dataset in format 2: its trade observations as Arrow parts of at most `rowsPerPart` rows each,
 * and the manifest listing them with their SHA-256 and byte length. The manifest is written once,
 * its bytes final: the dataset's hash is the SHA-256 of exactly these bytes.
 */
export function formatTwoFiles(
  dataset: Dataset,
  trade: TradeColumns = tradeColumnsFromRows(dataset.exports.map(tradeFromExport)),
  rowsPerPart = Infinity
): { manifest: PublishedFile; parts: PublishedFile[] } {
  const parts: PublishedFile[] = [];
  for (let start = 0; start < trade.length || parts.length === 0; start += rowsPerPart) {
    const end = Math.min(trade.length, start + rowsPerPart);
    const path =
      rowsPerPart >= trade.length
        ? OBSERVATIONS_FILE
        : OBSERVATIONS_FILE.replace(".arrow", `.${parts.length + 1}.arrow`);
    parts.push({ path, bytes: tradePartBytes(sliceColumns(trade, start, end)) });
  }
  return { manifest: manifestFile(dataset, parts.map(partEntry)), parts };
}

/** A written part as the manifest lists it: path, SHA-256 (hex) and byte length. */
export function partEntry(part: PublishedFile): ManifestPart {
  return {
    path: part.path,
    sha256: createHash("sha256").update(part.bytes).digest("hex"),
    bytes: part.bytes.byteLength,
  };
}

/** The manifest of a dataset's tables and its parts (written elsewhere, as a publisher streams them). */
export function manifestFile(dataset: Dataset, parts: ManifestPart[]): PublishedFile {
  return { path: MANIFEST_FILE, bytes: manifestBytes(dataset, parts) };
}

function sliceColumns(c: TradeColumns, start: number, end: number): TradeColumns {
  if (start === 0 && end === c.length) return c;
  const dict = <T extends string>(d: { dictionary: readonly T[]; indices: Int32Array }) => ({
    dictionary: d.dictionary,
    indices: d.indices.subarray(start, end),
  });
  return {
    length: end - start,
    commodity: dict(c.commodity),
    reporter: dict(c.reporter),
    partner: dict(c.partner),
    flow: dict(c.flow),
    period: dict(c.period),
    quantity: c.quantity.subarray(start, end),
    unit: dict(c.unit),
    value: c.value.subarray(start, end),
    estimated: c.estimated.subarray(start, end),
    source_id: dict(c.source_id),
    note: dict(c.note),
  };
}
