import { ExportObservation, Flow, TradeObservation } from "./dataset";
import { DictionaryColumn, TradeColumns } from "./trade-columns";

/**
 * Between trade rows as objects and TradeColumns: format 1's `exports` rows become columns (flow
 * "export", value not reported, not estimated), and one row of columns becomes a TradeObservation
 * again where a formula hands its rows to a citation.
 */

/** Builds a dictionary column, one distinct string per dictionary entry, in first-seen order. */
class DictionaryBuilder<T extends string = string> {
  readonly dictionary: T[] = [];
  private readonly codes = new Map<T, number>();
  readonly indices: Int32Array;
  constructor(length: number) {
    this.indices = new Int32Array(length);
  }
  set(row: number, text: T | null): void {
    if (text === null) {
      this.indices[row] = -1;
      return;
    }
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.dictionary.length;
      this.dictionary.push(text);
      this.codes.set(text, code);
    }
    this.indices[row] = code;
  }
  column(): DictionaryColumn<T> {
    return { dictionary: this.dictionary, indices: this.indices };
  }
}

/** Format 1's export rows as TradeColumns, row i being `rows[i]`. */
export function tradeColumnsFromExports(rows: readonly ExportObservation[]): TradeColumns {
  const n = rows.length;
  const commodity = new DictionaryBuilder(n);
  const reporter = new DictionaryBuilder(n);
  const partner = new DictionaryBuilder(n);
  const flow = new DictionaryBuilder<Flow>(n);
  const period = new DictionaryBuilder(n);
  const unit = new DictionaryBuilder(n);
  const sourceId = new DictionaryBuilder(n);
  const note = new DictionaryBuilder(n);
  const quantity = new Float64Array(n);
  const value = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const o = rows[i];
    commodity.set(i, o.commodity);
    reporter.set(i, o.reporter);
    partner.set(i, o.partner);
    flow.set(i, "export");
    period.set(i, o.period);
    quantity[i] = o.quantity;
    unit.set(i, o.unit);
    sourceId.set(i, o.source_id);
    note.set(i, o.note);
  }
  return {
    length: n,
    commodity: commodity.column(),
    reporter: reporter.column(),
    partner: partner.column(),
    flow: flow.column(),
    period: period.column(),
    quantity,
    unit: unit.column(),
    value,
    estimated: new Uint8Array(n),
    source_id: sourceId.column(),
    note: note.column(),
  };
}

/** Trade observations (official statistics with their flows and values) as TradeColumns, row i being `rows[i]`. */
export function tradeColumnsFromRows(rows: readonly TradeObservation[]): TradeColumns {
  const n = rows.length;
  const commodity = new DictionaryBuilder(n);
  const reporter = new DictionaryBuilder(n);
  const partner = new DictionaryBuilder(n);
  const flow = new DictionaryBuilder<Flow>(n);
  const period = new DictionaryBuilder(n);
  const unit = new DictionaryBuilder(n);
  const sourceId = new DictionaryBuilder(n);
  const note = new DictionaryBuilder(n);
  const quantity = new Float64Array(n);
  const value = new Float64Array(n);
  const estimated = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const o = rows[i];
    commodity.set(i, o.commodity);
    reporter.set(i, o.reporter);
    partner.set(i, o.partner);
    flow.set(i, o.flow);
    period.set(i, o.period);
    quantity[i] = o.quantity ?? NaN;
    unit.set(i, o.unit);
    value[i] = o.value ?? NaN;
    estimated[i] = o.estimated ? 1 : 0;
    sourceId.set(i, o.source_id);
    note.set(i, o.note);
  }
  return {
    length: n,
    commodity: commodity.column(),
    reporter: reporter.column(),
    partner: partner.column(),
    flow: flow.column(),
    period: period.column(),
    quantity,
    unit: unit.column(),
    value,
    estimated,
    source_id: sourceId.column(),
    note: note.column(),
  };
}

/** The text of row `row` of a dictionary column, or null. */
export function textAt<T extends string>(column: DictionaryColumn<T>, row: number): T | null {
  const index = column.indices[row];
  return index < 0 ? null : column.dictionary[index];
}

/** Row `row` of the columns as an object (for citations and tables that show a row's fields). */
export function observationAt(columns: TradeColumns, row: number): TradeObservation {
  const quantity = columns.quantity[row];
  const value = columns.value[row];
  return {
    commodity: textAt(columns.commodity, row) as string,
    reporter: textAt(columns.reporter, row) as string,
    partner: textAt(columns.partner, row) as string,
    flow: textAt(columns.flow, row) as Flow,
    period: textAt(columns.period, row) as string,
    quantity: Number.isNaN(quantity) ? null : quantity,
    unit: textAt(columns.unit, row),
    value: Number.isNaN(value) ? null : value,
    estimated: columns.estimated[row] === 1,
    source_id: textAt(columns.source_id, row) as string,
    note: textAt(columns.note, row),
  };
}

/** A format 1 export figure as a trade observation: flow "export", no value, not estimated. */
export function tradeFromExport(o: ExportObservation): TradeObservation {
  return { ...o, flow: "export", value: null, estimated: false };
}

/** Row i of the columns as a trade observation. */
export const tradeRow = observationAt;

/** The monthly export quantities of the columns as format 1 `exports` rows. */
export function exportRowsFromColumns(columns: TradeColumns): ExportObservation[] {
  const rows: ExportObservation[] = [];
  for (let i = 0; i < columns.length; i++) {
    const o = observationAt(columns, i);
    if (o.flow !== "export" || o.period.length !== 7 || o.quantity === null) continue;
    rows.push({
      commodity: o.commodity,
      reporter: o.reporter,
      partner: o.partner,
      period: o.period,
      quantity: o.quantity,
      unit: o.unit as string,
      source_id: o.source_id,
      note: o.note,
    });
  }
  return rows;
}
