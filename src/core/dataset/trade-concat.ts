import { DictionaryColumn, TradeColumns } from "./trade-columns";

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
  return {
    length,
    commodity: mergeDictionaries(
      parts.map((p) => p.commodity),
      length
    ),
    reporter: mergeDictionaries(
      parts.map((p) => p.reporter),
      length
    ),
    partner: mergeDictionaries(
      parts.map((p) => p.partner),
      length
    ),
    flow: mergeDictionaries(
      parts.map((p) => p.flow),
      length
    ),
    period: mergeDictionaries(
      parts.map((p) => p.period),
      length
    ),
    quantity: measure((p) => p.quantity),
    unit: mergeDictionaries(
      parts.map((p) => p.unit),
      length
    ),
    value: measure((p) => p.value),
    estimated,
    source_id: mergeDictionaries(
      parts.map((p) => p.source_id),
      length
    ),
    note: mergeDictionaries(
      parts.map((p) => p.note),
      length
    ),
  };
}

function mergeDictionaries<T extends string>(
  columns: DictionaryColumn<T>[],
  length: number
): DictionaryColumn<T> {
  const positions = new Map<T, number>();
  const dictionary: T[] = [];
  const indices = new Int32Array(length);
  let row = 0;
  for (const column of columns) {
    const remap = column.dictionary.map((value) => {
      let k = positions.get(value);
      if (k === undefined) {
        k = dictionary.length;
        positions.set(value, k);
        dictionary.push(value);
      }
      return k;
    });
    for (const index of column.indices) indices[row++] = index < 0 ? -1 : remap[index];
  }
  return { dictionary, indices };
}
