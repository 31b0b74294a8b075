// The package's single-file build, not its modules: see flechette-writer.d.ts.
import {
  bool,
  dictionary,
  float64,
  int32,
  tableFromArrays,
  tableToIPC,
  utf8,
} from "@uwdata/flechette/dist/flechette.cjs";
import { TradeColumns } from "./trade-columns";

/**
 * Writes trade observations as one Arrow IPC file, the format 2 part (see README "Format 2"):
 * dictionary<utf8, int32> text columns, float64 measures with nulls for "not reported", a bool flag.
 * Rows keep their order.
 */
export function tradePartBytes(columns: TradeColumns): Uint8Array {
  // One dictionary type per column: each column has its own dictionary (and dictionary id).
  const text = () => dictionary(utf8(), int32());
  const strings = (c: { dictionary: readonly string[]; indices: Int32Array }) =>
    Array.from(c.indices, (k) => (k < 0 ? null : c.dictionary[k]));
  const measure = (values: Float64Array) => Array.from(values, (v) => (Number.isNaN(v) ? null : v));
  const table = tableFromArrays(
    {
      commodity: strings(columns.commodity),
      reporter: strings(columns.reporter),
      partner: strings(columns.partner),
      flow: strings(columns.flow),
      period: strings(columns.period),
      quantity: measure(columns.quantity),
      unit: strings(columns.unit),
      value: measure(columns.value),
      estimated: Array.from(columns.estimated, (v) => v === 1),
      source_id: strings(columns.source_id),
      note: strings(columns.note),
    },
    {
      types: {
        commodity: text(),
        reporter: text(),
        partner: text(),
        flow: text(),
        period: text(),
        quantity: float64(),
        unit: text(),
        value: float64(),
        estimated: bool(),
        source_id: text(),
        note: text(),
      },
    }
  );
  const bytes = tableToIPC(table, { format: "file" });
  if (!bytes) throw new Error("flechette wrote no Arrow file");
  return bytes;
}
