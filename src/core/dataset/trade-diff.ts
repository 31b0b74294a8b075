import { SeriesIndex } from "./series-index";
import { DictionaryColumn, TradeColumns } from "./trade-columns";

/** How many trade observations a replacement added, changed and removed. */
export interface TradeChangeCounts {
  added: number;
  changed: number;
  removed: number;
}

/**
 * Called for each observation a replacement added (`before` is -1), changed, or removed (`after`
 * is -1), with its rows in the old and the new TradeColumns.
 */
export type TradeChangeVisitor = (before: number, after: number) => void;

/**
 * Compares two datasets' trade observations under their key (commodity, reporter, partner, flow,
 * period) through their series indexes: series matched by name, then each pair's periods merged in
 * order. An observation changed when any of its measures, unit, estimated flag, source or note
 * differs. Typed arrays and dictionary positions only: no string and no object per observation, so
 * a million observations compare in milliseconds on the main thread.
 */
export function compareTrade(
  before: SeriesIndex,
  after: SeriesIndex,
  visit?: TradeChangeVisitor
): TradeChangeCounts {
  const same = sameFigure(before.columns, after.columns);
  const counts: TradeChangeCounts = { added: 0, changed: 0, removed: 0 };
  const matched = new Uint8Array(before.size);
  for (let s = 0; s < after.size; s++) {
    const ids = after.ids(s);
    const t = before.series(ids.commodity, ids.reporter, ids.partner, ids.flow);
    const newRows = after.rows(s);
    if (t < 0) {
      counts.added += newRows.length;
      if (visit) for (let j = 0; j < newRows.length; j++) visit(-1, newRows[j]);
      continue;
    }
    matched[t] = 1;
    const oldRows = before.rows(t);
    const oldPeriods = before.periodNumbers(t);
    const newPeriods = after.periodNumbers(s);
    let i = 0;
    let j = 0;
    while (i < oldRows.length || j < newRows.length) {
      const p = i < oldRows.length ? oldPeriods[i] : Infinity;
      const q = j < newRows.length ? newPeriods[j] : Infinity;
      if (p < q) {
        counts.removed++;
        visit?.(oldRows[i], -1);
        i++;
      } else if (q < p) {
        counts.added++;
        visit?.(-1, newRows[j]);
        j++;
      } else {
        if (!same(oldRows[i], newRows[j])) {
          counts.changed++;
          visit?.(oldRows[i], newRows[j]);
        }
        i++;
        j++;
      }
    }
  }
  for (let t = 0; t < before.size; t++) {
    if (matched[t] === 1) continue;
    const oldRows = before.rows(t);
    counts.removed += oldRows.length;
    if (visit) for (let i = 0; i < oldRows.length; i++) visit(oldRows[i], -1);
  }
  return counts;
}

/** Whether row `b` of `before` and row `a` of `after` state the same figure (key aside). */
function sameFigure(before: TradeColumns, after: TradeColumns): (b: number, a: number) => boolean {
  const unit = sameText(before.unit, after.unit);
  const source = sameText(before.source_id, after.source_id);
  const note = sameText(before.note, after.note);
  const number = (x: number, y: number) => x === y || (x !== x && y !== y);
  return (b, a) =>
    number(before.quantity[b], after.quantity[a]) &&
    number(before.value[b], after.value[a]) &&
    before.estimated[b] === after.estimated[a] &&
    unit(b, a) &&
    source(b, a) &&
    note(b, a);
}

/**
 * Whether two dictionary columns hold the same text (or both null) at two rows, by position: each
 * old position is mapped once to the new dictionary's first position of that text.
 */
function sameText(
  before: DictionaryColumn,
  after: DictionaryColumn
): (b: number, a: number) => boolean {
  const first = new Map<string, number>();
  const canonical = Int32Array.from(after.dictionary, (text, k) => {
    const at = first.get(text);
    if (at !== undefined) return at;
    first.set(text, k);
    return k;
  });
  // -2: a text the new dictionary does not have, equal to no new row's.
  const mapped = Int32Array.from(before.dictionary, (text) => first.get(text) ?? -2);
  const bi = before.indices;
  const ai = after.indices;
  return (b, a) => {
    const x = bi[b];
    const y = ai[a];
    return x < 0 || y < 0 ? x === y : mapped[x] === canonical[y];
  };
}
