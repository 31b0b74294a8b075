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
 * differs. Typed arrays and dictionary positions only: no string and no object per observation.
 * At a million observations that is a few tens of milliseconds, so it can run in slices (`step`)
 * that yield to the event loop between them.
 */
export class TradeComparison {
  readonly counts: TradeChangeCounts = { added: 0, changed: 0, removed: 0 };
  private readonly same: (b: number, a: number) => boolean;
  private readonly matched: Uint8Array;
  /** The next series of `after` to compare. */
  private next = 0;

  constructor(
    readonly before: SeriesIndex,
    readonly after: SeriesIndex,
    private readonly visit?: TradeChangeVisitor
  ) {
    this.same = sameFigure(before.columns, after.columns);
    this.matched = new Uint8Array(before.size);
  }

  /** Compares series until at least `rows` observations were read; true once everything is compared. */
  step(rows = Infinity): boolean {
    const { before, after, counts, visit, same } = this;
    let budget = rows;
    for (; this.next < after.size && budget > 0; this.next++) {
      const s = this.next;
      const ids = after.ids(s);
      const t = before.series(ids.commodity, ids.reporter, ids.partner, ids.flow);
      const newRows = after.rows(s);
      budget -= newRows.length;
      if (t < 0) {
        counts.added += newRows.length;
        if (visit) for (let j = 0; j < newRows.length; j++) visit(-1, newRows[j]);
        continue;
      }
      this.matched[t] = 1;
      const oldRows = before.rows(t);
      const oldPeriods = before.periodNumbers(t);
      const newPeriods = after.periodNumbers(s);
      let i = 0;
      let j = 0;
      while (i < oldRows.length && j < newRows.length) {
        const p = oldPeriods[i];
        const q = newPeriods[j];
        // (Not `visit?.(rows[i++])`: without a visitor its arguments are never evaluated.)
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
      counts.removed += oldRows.length - i;
      counts.added += newRows.length - j;
      if (visit) {
        for (; i < oldRows.length; i++) visit(oldRows[i], -1);
        for (; j < newRows.length; j++) visit(-1, newRows[j]);
      }
    }
    if (this.next < after.size) return false;
    for (let t = 0; t < before.size; t++) {
      if (this.matched[t] === 1) continue;
      const oldRows = before.rows(t);
      counts.removed += oldRows.length;
      if (visit) for (let i = 0; i < oldRows.length; i++) visit(oldRows[i], -1);
      this.matched[t] = 1;
    }
    return true;
  }
}

/** Every difference at once (see TradeComparison). */
export function compareTrade(
  before: SeriesIndex,
  after: SeriesIndex,
  visit?: TradeChangeVisitor
): TradeChangeCounts {
  const comparison = new TradeComparison(before, after, visit);
  comparison.step();
  return comparison.counts;
}

/** Whether row `b` of `before` and row `a` of `after` state the same figure (key aside). */
function sameFigure(before: TradeColumns, after: TradeColumns): (b: number, a: number) => boolean {
  const [oldUnit, newUnit] = textCodes(before.unit, after.unit);
  const [oldSource, newSource] = textCodes(before.source_id, after.source_id);
  const [oldNote, newNote] = textCodes(before.note, after.note);
  const { quantity: q0, value: v0, estimated: e0 } = before;
  const { quantity: q1, value: v1, estimated: e1 } = after;
  const [u0, s0, n0] = [before.unit.indices, before.source_id.indices, before.note.indices];
  const [u1, s1, n1] = [after.unit.indices, after.source_id.indices, after.note.indices];
  // Text columns read codes at index + 1: slot 0 is a null's (-1).
  return (b, a) => {
    const x = q0[b];
    const y = q1[a];
    const v = v0[b];
    const w = v1[a];
    return (
      (x === y || (x !== x && y !== y)) &&
      (v === w || (v !== v && w !== w)) &&
      e0[b] === e1[a] &&
      oldUnit[u0[b] + 1] === newUnit[u1[a] + 1] &&
      oldSource[s0[b] + 1] === newSource[s1[a] + 1] &&
      oldNote[n0[b] + 1] === newNote[n1[a] + 1]
    );
  };
}

/**
 * One code per distinct text of two dictionary columns, for each dictionary position shifted by one
 * (position 0 stands for a null, code -1): equal codes, equal texts. Made once per dictionary entry,
 * so that rows compare by two array reads.
 */
function textCodes(before: DictionaryColumn, after: DictionaryColumn): [Int32Array, Int32Array] {
  const codes = new Map<string, number>();
  const code = (text: string) => {
    let c = codes.get(text);
    if (c === undefined) codes.set(text, (c = codes.size));
    return c;
  };
  const of = (column: DictionaryColumn) => {
    const out = new Int32Array(column.dictionary.length + 1);
    out[0] = -1;
    column.dictionary.forEach((text, k) => (out[k + 1] = code(text)));
    return out;
  };
  return [of(before), of(after)];
}
