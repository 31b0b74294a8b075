import { DictionaryColumn, TradeColumns } from "./trade-columns";

/**
 * The rows of `columns` whose `keep` flag is 1, in order, as columns of their own (dictionaries are
 * shared: a value no kept row uses may stay in one, as in any Arrow dictionary).
 */
export function selectTradeRows(columns: TradeColumns, keep: Uint8Array): TradeColumns {
  const rows: number[] = [];
  for (let i = 0; i < columns.length; i++) if (keep[i] === 1) rows.push(i);
  const dict = <T extends string>(c: DictionaryColumn<T>): DictionaryColumn<T> => ({
    dictionary: c.dictionary,
    indices: Int32Array.from(rows, (i) => c.indices[i]),
  });
  return {
    length: rows.length,
    commodity: dict(columns.commodity),
    reporter: dict(columns.reporter),
    partner: dict(columns.partner),
    flow: dict(columns.flow),
    period: dict(columns.period),
    quantity: Float64Array.from(rows, (i) => columns.quantity[i]),
    unit: dict(columns.unit),
    value: Float64Array.from(rows, (i) => columns.value[i]),
    estimated: Uint8Array.from(rows, (i) => columns.estimated[i]),
    source_id: dict(columns.source_id),
    note: dict(columns.note),
  };
}
