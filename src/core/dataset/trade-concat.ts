import { DictionaryColumn, DictionaryInterner, TradeColumns } from "./trade-columns";

/**
 * The observations of several parts as one TradeColumns, rows in part order. Each dictionary column
 * gets one merged dictionary (each value once) and its indices are remapped; one part is returned
 * as it is.
 */
export function concatTradeColumns(parts: readonly TradeColumns[]): TradeColumns {
  if (parts.length === 1) return parts[0];
  const length = parts.reduce((n, p) => n + p.length, 0);
  const measure = (pick: (p: TradeColumns) => Float64Array) => {
    const out = new Float64Array(length);
    let at = 0;
    for (const p of parts) {
      out.set(pick(p), at);
      at += p.length;
    }
    return out;
  };
  const estimated = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    estimated.set(p.estimated, at);
    at += p.length;
  }
  const dictionary = <T extends string>(pick: (p: TradeColumns) => DictionaryColumn<T>) =>
    mergeDictionaries(parts.map(pick), length);
  return {
    length,
    commodity: dictionary((p) => p.commodity),
    reporter: dictionary((p) => p.reporter),
    partner: dictionary((p) => p.partner),
    flow: dictionary((p) => p.flow),
    period: dictionary((p) => p.period),
    quantity: measure((p) => p.quantity),
    unit: dictionary((p) => p.unit),
    value: measure((p) => p.value),
    estimated,
    source_id: dictionary((p) => p.source_id),
    note: dictionary((p) => p.note),
  };
}

function mergeDictionaries<T extends string>(
  columns: DictionaryColumn<T>[],
  length: number
): DictionaryColumn<T> {
  const interner = new DictionaryInterner<T>();
  const indices = new Int32Array(length);
  let row = 0;
  for (const column of columns) {
    const remap = column.dictionary.map((value) => interner.intern(value));
    for (const index of column.indices) indices[row++] = index < 0 ? -1 : remap[index];
  }
  return { dictionary: interner.dictionary, indices };
}
