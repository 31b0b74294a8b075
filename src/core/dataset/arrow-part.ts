import { tableFromIPC, Type } from "@uwdata/flechette";
import { ipcSizeProblem } from "./arrow-bounds";
import { DictionaryColumn, DictionaryInterner, TradeColumns } from "./trade-columns";

/**
 * Decodes one Arrow IPC file of trade observations (a format 2 part) into TradeColumns, checking each
 * column's Arrow type and every value's shape over whole columns: dictionary indices in range, no
 * null where the model has none, finite non-negative measures. Reads the library's typed arrays,
 * never a row at a time: a column whose Arrow form is already ours (one batch, int32 indices, no
 * nulls, a dictionary without repeats; float64 without nulls) is used without copying.
 * Cross-table rules (a source_id resolves, keys are unique) are trade-checks.ts's.
 */

/** Thrown with every problem found in the part, each naming the part, the row and the column. */
export class PartError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("; "));
    this.name = "PartError";
  }
}

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/** The columns of a part, their kinds, and whether the model allows a null in them. */
export const PART_COLUMNS: readonly {
  name: keyof TradeColumns;
  kind: "string" | "float64" | "bool";
  nullable: boolean;
}[] = [
  { name: "commodity", kind: "string", nullable: false },
  { name: "reporter", kind: "string", nullable: false },
  { name: "partner", kind: "string", nullable: false },
  { name: "flow", kind: "string", nullable: false },
  { name: "period", kind: "string", nullable: false },
  { name: "quantity", kind: "float64", nullable: true },
  { name: "unit", kind: "string", nullable: true },
  { name: "value", kind: "float64", nullable: true },
  { name: "estimated", kind: "bool", nullable: false },
  { name: "source_id", kind: "string", nullable: false },
  { name: "note", kind: "string", nullable: true },
];

/** The parts of flechette's batches this module reads (its typings keep them protected). */
interface ArrowBatch {
  length: number;
  nullCount: number;
  validity?: Uint8Array | null;
  values: ArrayLike<number> & { BYTES_PER_ELEMENT?: number };
  /** Dictionary batches: the dictionary's values. */
  cache?: readonly unknown[];
  at(index: number): unknown;
}

interface ArrowType {
  typeId: number;
  precision?: number;
  bitWidth?: number;
  dictionary?: ArrowType;
  indices?: { bitWidth: number; signed: boolean };
}

const MAX_PROBLEMS = 50;

/** Whether the bytes begin and end like an Arrow IPC file ("ARROW1"). */
function hasFileMagic(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 12) return false;
  const end = bytes.byteLength - MAGIC.length;
  return MAGIC.every((b, i) => bytes[i] === b && bytes[end + i] === b);
}

function isValid(batch: ArrowBatch, i: number): boolean {
  const validity = batch.validity;
  return !batch.nullCount || !validity || ((validity[i >> 3] >> (i & 7)) & 1) === 1;
}

function typeName(type: ArrowType): string {
  switch (type.typeId) {
    case Type.Dictionary:
      return `dictionary<${typeName(type.dictionary as ArrowType)}>`;
    case Type.Int:
      return `int${type.bitWidth}`;
    case Type.Float:
      return ["float16", "float32", "float64"][type.precision ?? 0] ?? "float";
    case Type.Utf8:
      return "utf8";
    case Type.LargeUtf8:
      return "large_utf8";
    case Type.Bool:
      return "bool";
    default:
      return `Arrow type ${type.typeId}`;
  }
}

export function decodeTradePart(name: string, bytes: Uint8Array): TradeColumns {
  const problems: string[] = [];
  const fail = (row: number | null, column: string | null, what: string) => {
    if (problems.length < MAX_PROBLEMS)
      problems.push(
        `${[`part ${name}`, row === null ? null : `row ${row}`, column && `column ${column}`]
          .filter((p) => p)
          .join(", ")}: ${what}`
      );
  };
  if (!hasFileMagic(bytes)) {
    throw new PartError([
      `part ${name}: not an Arrow IPC file (it must begin and end with "ARROW1"; a truncated download or another format)`,
    ]);
  }
  // The sizes the headers state, before the decoder allocates by them (arrow-bounds.ts).
  const damaged = ipcSizeProblem(bytes);
  if (damaged) throw new PartError([`part ${name}: ${damaged} (a damaged file)`]);
  let table: ReturnType<typeof tableFromIPC>;
  try {
    table = tableFromIPC(bytes);
  } catch (error) {
    throw new PartError([
      `part ${name}: not a readable Arrow IPC file (${(error as Error).message})`,
    ]);
  }
  const fields = new Map(table.schema.fields.map((f) => [f.name, f]));
  for (const field of table.schema.fields) {
    if (!PART_COLUMNS.some((c) => c.name === field.name))
      fail(null, field.name, "unexpected column");
  }
  for (const c of PART_COLUMNS) if (!fields.has(c.name)) fail(null, c.name, "missing column");
  if (problems.length > 0) throw new PartError(problems);

  const length = table.numRows;
  // A damaged file can state any row count: every batch must hold the rows it claims before a
  // loop walks them.
  const batchesOf = (column: string, bitPacked: boolean): ArrowBatch[] => {
    const data = (table.getChild(column) as unknown as { data: ArrowBatch[] }).data;
    const inconsistent =
      data.reduce((n, b) => n + b.length, 0) !== length ||
      data.some(
        (b) =>
          (bitPacked ? b.values.length * 8 : b.values.length) < b.length ||
          (b.nullCount > 0 && b.validity && b.validity.length * 8 < b.length)
      );
    if (inconsistent)
      throw new PartError([
        `part ${name}, column ${column}: its buffers do not hold the table's ${length} rows (a damaged file)`,
      ]);
    return data;
  };
  const columns: Partial<Record<keyof TradeColumns, unknown>> = { length };
  try {
    for (const spec of PART_COLUMNS) {
      const type = fields.get(spec.name)?.type as unknown as ArrowType;
      const batches = batchesOf(spec.name, type.typeId === Type.Bool);
      const wrongType = (expected: string) =>
        fail(null, spec.name, `must be ${expected}, not ${typeName(type)}`);
      if (spec.kind === "string") {
        const isString = (t?: ArrowType) => t?.typeId === Type.Utf8 || t?.typeId === Type.LargeUtf8;
        if (type.typeId === Type.Dictionary && isString(type.dictionary)) {
          const bits = type.indices?.bitWidth ?? 0;
          if (bits > 32 || (bits === 32 && type.indices?.signed === false))
            wrongType("dictionary<utf8> with int8, int16 or int32 indices");
          else columns[spec.name] = dictionaryColumn(batches, spec, length, fail);
        } else if (isString(type)) {
          columns[spec.name] = encodedColumn(batches, spec, length, fail);
        } else wrongType("dictionary<utf8> (or utf8)");
      } else if (spec.kind === "float64") {
        if (type.typeId !== Type.Float || type.precision !== 2) wrongType("float64");
        else columns[spec.name] = measureColumn(batches, spec, length, fail);
      } else {
        if (type.typeId === Type.Bool) columns[spec.name] = flagColumn(batches, spec, true, fail);
        else if (type.typeId === Type.Int && type.bitWidth === 8)
          columns[spec.name] = flagColumn(batches, spec, false, fail);
        else wrongType("bool (or uint8 0/1)");
      }
    }
  } catch (error) {
    if (error instanceof PartError) throw error;
    throw new PartError([
      `part ${name}: not a readable Arrow IPC file (${(error as Error).message})`,
    ]);
  }
  if (problems.length > 0) throw new PartError(problems);
  return columns as unknown as TradeColumns;
}

type Fail = (row: number | null, column: string | null, what: string) => void;
type Spec = (typeof PART_COLUMNS)[number];

/**
 * A dictionary<utf8> column as ours: nulls become -1, a dictionary that repeats a value is made
 * distinct (so that equal values have equal indices), every index is checked against its dictionary.
 */
function dictionaryColumn(
  batches: ArrowBatch[],
  spec: Spec,
  length: number,
  fail: Fail
): DictionaryColumn | undefined {
  const interner = new DictionaryInterner();
  const dictionary = interner.dictionary;
  // Each batch's dictionary mapped to the merged one; batches usually share one dictionary.
  let lastCache: readonly unknown[] | undefined;
  let remap = new Int32Array(0);
  let identity = true;
  const remapFor = (cache: readonly unknown[]): Int32Array => {
    if (cache === lastCache) return remap;
    remap = new Int32Array(cache.length);
    cache.forEach((value, k) => {
      if (typeof value !== "string") {
        fail(null, spec.name, `dictionary entry ${k} is null`);
        remap[k] = -1;
        return;
      }
      const at = interner.intern(value);
      remap[k] = at;
      if (at !== k) identity = false;
    });
    lastCache = cache;
    return remap;
  };
  const only = batches.length === 1 ? batches[0] : undefined;
  if (only && only.values instanceof Int32Array && only.nullCount === 0) {
    const map = remapFor(only.cache ?? []);
    const size = map.length;
    const values = only.values.subarray(0, length);
    for (let i = 0; i < length; i++) {
      const k = values[i];
      if (k < 0 || k >= size) {
        fail(
          i,
          spec.name,
          `dictionary index ${k} is out of range (the dictionary has ${size} entries)`
        );
        return undefined;
      }
    }
    if (identity) return { dictionary, indices: values };
  }
  const indices = new Int32Array(length);
  let row = 0;
  for (const batch of batches) {
    const map = remapFor(batch.cache ?? []);
    const size = map.length;
    const values = batch.values;
    for (let i = 0; i < batch.length; i++, row++) {
      if (!isValid(batch, i)) {
        if (!spec.nullable) {
          fail(row, spec.name, "null, where a value is required");
          return undefined;
        }
        indices[row] = -1;
        continue;
      }
      const k = values[i];
      if (k < 0 || k >= size) {
        fail(
          row,
          spec.name,
          `dictionary index ${k} is out of range (the dictionary has ${size} entries)`
        );
        return undefined;
      }
      indices[row] = map[k];
    }
  }
  return { dictionary, indices };
}

/** A plain utf8 column, dictionary-encoded here (slower than a dictionary column; still accepted). */
function encodedColumn(
  batches: ArrowBatch[],
  spec: Spec,
  length: number,
  fail: Fail
): DictionaryColumn | undefined {
  const interner = new DictionaryInterner();
  const indices = new Int32Array(length);
  let row = 0;
  for (const batch of batches) {
    for (let i = 0; i < batch.length; i++, row++) {
      const value = batch.at(i);
      if (typeof value !== "string") {
        if (!spec.nullable) {
          fail(row, spec.name, "null, where a value is required");
          return undefined;
        }
        indices[row] = -1;
        continue;
      }
      indices[row] = interner.intern(value);
    }
  }
  return { dictionary: interner.dictionary, indices };
}

/** A float64 measure: null → NaN (not reported); NaN, ±Infinity and negative figures refused. */
function measureColumn(
  batches: ArrowBatch[],
  spec: Spec,
  length: number,
  fail: Fail
): Float64Array | undefined {
  const only = batches.length === 1 ? batches[0] : undefined;
  // Zero-copy when there is nothing to turn into NaN; a copy otherwise, so the received bytes
  // (kept for the stored copy and its hash) are never written to.
  const out =
    only && only.nullCount === 0 && only.values instanceof Float64Array
      ? only.values.subarray(0, length)
      : new Float64Array(length);
  let row = 0;
  for (const batch of batches) {
    const values = batch.values;
    const copy = out !== values;
    for (let i = 0; i < batch.length; i++, row++) {
      if (!isValid(batch, i)) {
        out[row] = NaN;
        continue;
      }
      const v = values[i];
      // One comparison passes every finite non-negative figure; NaN and -0 checks follow only on failure.
      if (!(v >= 0 && v < Infinity)) {
        fail(
          row,
          spec.name,
          Number.isNaN(v)
            ? "NaN is not a figure (a figure not reported is null)"
            : `${v} is not a figure (measures are finite and not negative)`
        );
        return undefined;
      }
      if (copy) out[row] = v;
    }
  }
  return out;
}

/** The estimated flag: Arrow bool (bit-packed) or uint8/int8 0 or 1, as one byte per row. */
function flagColumn(
  batches: ArrowBatch[],
  spec: Spec,
  packed: boolean,
  fail: Fail
): Uint8Array | undefined {
  const length = batches.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(length);
  let row = 0;
  for (const batch of batches) {
    const values = batch.values;
    for (let i = 0; i < batch.length; i++, row++) {
      if (!isValid(batch, i)) {
        fail(row, spec.name, "null, where true or false is required");
        return undefined;
      }
      const v = packed ? (values[i >> 3] >> (i & 7)) & 1 : values[i];
      if (v !== 0 && v !== 1) {
        fail(row, spec.name, `${v} is neither 0 nor 1`);
        return undefined;
      }
      out[row] = v;
    }
  }
  return out;
}
