import { createHash } from "crypto";
import { tableFromIPC } from "@uwdata/flechette";
import { Dataset } from "../../src/core/dataset/dataset";
import { Manifest, ManifestBundle } from "../../src/core/dataset/manifest";
import { TradeColumns } from "../../src/core/dataset/trade-columns";
import { formatTwoFiles } from "../../src/dataset-build/manifest-writer";

/** An ArrayBuffer holding exactly these bytes. */
export function bufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

/** A dataset in format 2, as the build writes it, in the form the load path receives. */
export function formatTwoBundle(
  dataset: Dataset,
  trade?: TradeColumns,
  rowsPerPart?: number
): ManifestBundle {
  const files = formatTwoFiles(dataset, trade, rowsPerPart);
  return {
    manifest: bufferOf(files.manifest.bytes),
    parts: files.parts.map((p) => ({ path: p.path, bytes: bufferOf(p.bytes) })),
  };
}

export function manifestOf(bundle: ManifestBundle): Manifest {
  return JSON.parse(new TextDecoder().decode(bundle.manifest)) as Manifest;
}

/** The bundle with its manifest changed by `edit`. */
export function withManifest(
  bundle: ManifestBundle,
  edit: (manifest: Manifest) => unknown
): ManifestBundle {
  const manifest = manifestOf(bundle);
  const replaced = edit(manifest);
  const text = JSON.stringify(replaced === undefined ? manifest : replaced);
  return { ...bundle, manifest: bufferOf(new TextEncoder().encode(text)) };
}

/**
 * The bundle with the first part's bytes replaced; with `restate`, the manifest states the new
 * bytes' SHA-256 and length (so that the Arrow checks, not the hash, must catch the damage).
 */
export function withPart(
  bundle: ManifestBundle,
  change: (bytes: Uint8Array) => Uint8Array,
  restate: boolean
): ManifestBundle {
  const [first, ...rest] = bundle.parts;
  const bytes = change(new Uint8Array(first.bytes.slice(0)));
  const changed = { ...bundle, parts: [{ path: first.path, bytes: bufferOf(bytes) }, ...rest] };
  if (!restate) return changed;
  return withManifest(changed, (m) => {
    m.parts[0].sha256 = createHash("sha256").update(bytes).digest("hex");
    m.parts[0].bytes = bytes.byteLength;
  });
}

/**
 * Where a column's values (or dictionary indices) of the first record batch sit in an Arrow file's
 * bytes, found by decoding it with flechette (whose typed arrays are views of those bytes).
 */
export function valuesOffset(bytes: Uint8Array, column: string): number {
  const copy = bytes.slice();
  const batch = (
    tableFromIPC(copy).getChild(column) as unknown as { data: { values: ArrayBufferView }[] }
  ).data[0];
  if (batch.values.buffer !== copy.buffer) throw new Error(`${column}: values were copied`);
  return batch.values.byteOffset - copy.byteOffset;
}

/**
 * Where sizes sit in an Arrow IPC file's headers (read independently of the product's checks, from
 * the Arrow format's flatbuffer layout): the record-batch vector's count in the footer, the row
 * count of the first dictionary batch and of its first column, and that of the first record batch.
 */
export function ipcSizeOffsets(bytes: Uint8Array): {
  recordBlocksCount: number;
  dictionaryRows: number;
  dictionaryValues: number;
  recordRows: number;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const i32 = (at: number) => view.getInt32(at, true);
  const field = (at: number, slot: number) => {
    const pos = at + i32(at);
    const vtable = pos - i32(pos);
    return pos + view.getUint16(vtable + slot, true);
  };
  const vector = (at: number) => at + i32(at);
  const footer = bytes.byteLength - 10 - i32(bytes.byteLength - 10);
  /** The batch the first block of the footer's vector `slot` points at. */
  const firstBatch = (slot: number) => {
    const block = vector(field(footer, slot)) + 4;
    const metadata = Number(view.getBigInt64(block, true)) + 8; // after the continuation and length
    let header = field(metadata, 8);
    if (bytes[field(metadata, 6)] === 2) header = field(header, 6); // a dictionary batch's data
    return header;
  };
  return {
    recordBlocksCount: vector(field(footer, 10)),
    dictionaryRows: field(firstBatch(8), 4),
    dictionaryValues: vector(field(firstBatch(8), 6)) + 4,
    recordRows: field(firstBatch(10), 4),
  };
}
