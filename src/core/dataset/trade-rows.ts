import { ExportObservation, Flow, TradeObservation } from "./dataset";
import { DictionaryColumn, DictionaryInterner, TradeColumns } from "./trade-columns";

/**
 * Conversions between trade observations as rows (format 1's `exports`, the build's CSV rows) and
 * TradeColumns. Format 1 loads go rows → columns; until the queries read TradeColumns through the
 * series index, every load also goes columns → format 1 `exports` rows (exportRowsFromColumns), in
 * one place: loaded.ts.
 */

/** A format 1 export figure as a trade observation: flow "export", no value, not estimated. */
export function tradeFromExport(o: ExportObservation): TradeObservation {
  return {
    commodity: o.commodity,
    reporter: o.reporter,
    partner: o.partner,
    flow: "export",
    period: o.period,
    quantity: o.quantity,
    unit: o.unit,
    value: null,
    estimated: false,
    source_id: o.source_id,
    note: o.note,
  };
}

/** Builds a dictionary column row by row (null: index -1). */
class DictionaryBuilder<T extends string> extends DictionaryInterner<T> {
  readonly indices: Int32Array;
  constructor(length: number) {
    super();
    this.indices = new Int32Array(length);
  }
  set(row: number, value: T | null): void {
    this.indices[row] = value === null ? -1 : this.intern(value);
  }
}

export function tradeColumnsFromRows(rows: readonly TradeObservation[]): TradeColumns {
  const n = rows.length;
  const commodity = new DictionaryBuilder<string>(n);
  const reporter = new DictionaryBuilder<string>(n);
  const partner = new DictionaryBuilder<string>(n);
  const flow = new DictionaryBuilder<Flow>(n);
  const period = new DictionaryBuilder<string>(n);
  const unit = new DictionaryBuilder<string>(n);
  const sourceId = new DictionaryBuilder<string>(n);
  const note = new DictionaryBuilder<string>(n);
  const quantity = new Float64Array(n);
  const value = new Float64Array(n);
  const estimated = new Uint8Array(n);
  rows.forEach((o, i) => {
    commodity.set(i, o.commodity);
    reporter.set(i, o.reporter);
    partner.set(i, o.partner);
    flow.set(i, o.flow);
    period.set(i, o.period);
    unit.set(i, o.unit);
    sourceId.set(i, o.source_id);
    note.set(i, o.note);
    quantity[i] = o.quantity ?? NaN;
    value[i] = o.value ?? NaN;
    estimated[i] = o.estimated ? 1 : 0;
  });
  return {
    length: n,
    commodity,
    reporter,
    partner,
    flow,
    period,
    quantity,
    unit,
    value,
    estimated,
    source_id: sourceId,
    note,
  };
}

/** Format 1's export rows as TradeColumns, row i being `rows[i]` (what indexDataset indexes). */
export function tradeColumnsFromExports(rows: readonly ExportObservation[]): TradeColumns {
  return tradeColumnsFromRows(rows.map(tradeFromExport));
}

/** The text of row `row` of a dictionary column, or null. */
export function textAt<T extends string>(column: DictionaryColumn<T>, row: number): T | null {
  const index = column.indices[row];
  return index < 0 ? null : column.dictionary[index];
}

/** Row i of the columns as a trade observation. */
export function tradeRow(columns: TradeColumns, i: number): TradeObservation {
  const quantity = columns.quantity[i];
  const value = columns.value[i];
  return {
    commodity: textAt(columns.commodity, i) as string,
    reporter: textAt(columns.reporter, i) as string,
    partner: textAt(columns.partner, i) as string,
    flow: textAt(columns.flow, i) as Flow,
    period: textAt(columns.period, i) as string,
    quantity: Number.isNaN(quantity) ? null : quantity,
    unit: textAt(columns.unit, i),
    value: Number.isNaN(value) ? null : value,
    estimated: columns.estimated[i] === 1,
    source_id: textAt(columns.source_id, i) as string,
    note: textAt(columns.note, i),
  };
}

/**
 * The figures today's queries read, as format 1 `exports` rows: monthly export quantities. Rows of
 * other flows, annual periods or without a quantity have no format 1 form and are left out here
 * (they stay in the TradeColumns).
 */
export function exportRowsFromColumns(columns: TradeColumns): ExportObservation[] {
  const rows: ExportObservation[] = [];
  const exportFlow = columns.flow.dictionary.indexOf("export");
  const monthly = columns.period.dictionary.map((p) => p.length === 7);
  for (let i = 0; i < columns.length; i++) {
    if (columns.flow.indices[i] !== exportFlow || !monthly[columns.period.indices[i]]) continue;
    const quantity = columns.quantity[i];
    if (Number.isNaN(quantity)) continue;
    rows.push({
      commodity: columns.commodity.dictionary[columns.commodity.indices[i]],
      reporter: columns.reporter.dictionary[columns.reporter.indices[i]],
      partner: columns.partner.dictionary[columns.partner.indices[i]],
      period: columns.period.dictionary[columns.period.indices[i]],
      quantity,
      unit: textAt(columns.unit, i) as string,
      source_id: columns.source_id.dictionary[columns.source_id.indices[i]],
      note: textAt(columns.note, i),
    });
  }
  return rows;
}
