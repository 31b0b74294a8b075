import { Dataset, Flow } from "./dataset";
import { Comparable, tablesOf, tradeOf } from "./diff";
import { TradeComparison } from "./trade-diff";
import { DictionaryColumn, TradeColumns } from "./trade-columns";
import { textAt } from "./trade-rows";

/**
 * The change list: which figures a replacement added, changed or removed, as text an analyst reads,
 * grouped by series. The counts are diff.ts's; this writes what the pane lists and the change log.
 */

/** One figure that a replacement added, changed or removed, as text an analyst reads. */
export interface FigureChange {
  period: string;
  /** The figure before ("582 t"); null when it was added. */
  before: string | null;
  /** The figure after; null when it was removed. */
  after: string | null;
}

/** The changes of one series ("magnets CN → US exports"), periods in order. */
export interface ChangeGroup {
  series: string;
  changes: FigureChange[];
}

interface Described {
  series: string;
  period: string;
  text: string;
  /** Everything the row says (value, unit, source, note), to tell a change of source or note. */
  full: string;
}

function amount(value: number | string | null, unit: string | null | undefined): string {
  if (value === null) return "no number";
  return unit ? `${value} ${unit}` : String(value);
}

/** How a change list names a series' flow. */
const FLOW_WORDS: Record<Flow, string> = {
  export: "exports",
  import: "imports",
  "re-export": "re-exports",
  "re-import": "re-imports",
};

/**
 * A trade observation as the change list shows it: its series, its period and what it states
 * ("582 t", "582 t, 1200000 USD", "1200000 USD", with "(estimated)" when the publisher says so).
 */
function describeTrade(trade: TradeColumns, row: number): Omit<Described, "full"> {
  const text = (column: DictionaryColumn) => textAt(column, row);
  const quantity = trade.quantity[row];
  const value = trade.value[row];
  const stated = [
    ...(Number.isNaN(quantity) ? [] : [amount(quantity, text(trade.unit))]),
    ...(Number.isNaN(value) ? [] : [`${value} USD`]),
  ].join(", ");
  return {
    series: `${text(trade.commodity)} ${text(trade.reporter)} → ${text(trade.partner)} ${FLOW_WORDS[textAt(trade.flow, row) as Flow]}`,
    period: text(trade.period) as string,
    text: trade.estimated[row] === 1 ? `${stated} (estimated)` : stated,
  };
}

/** Every figure of a dataset's small tables under its key, described as the change list shows it. */
function described(dataset: Dataset): Map<string, Described> {
  const map = new Map<string, Described>();
  const put = (key: string, d: Omit<Described, "full">, row: unknown) =>
    map.set(key, { ...d, full: JSON.stringify(row) });
  for (const o of dataset.reported_changes)
    put(
      `change|${o.commodity}|${o.reporter}|${o.partner}|${o.period}|${o.basis}|${o.measure}`,
      {
        series: `${o.commodity} ${o.reporter} → ${o.partner} reported ${o.basis} change (${o.measure})`,
        period: o.period,
        text: `${o.percent}%`,
      },
      o
    );
  for (const o of dataset.forecasts)
    put(
      `forecast|${o.commodity}|${o.variable}|${o.region}|${o.year}|${o.forecaster}|${o.scenario}|${o.published}`,
      {
        series: `${o.commodity}: ${o.variable} forecast by ${o.forecaster} (published ${o.published})`,
        period: String(o.year),
        text: amount(o.value, o.unit),
      },
      o
    );
  for (const o of dataset.indicators)
    put(
      `indicator|${o.commodity}|${o.indicator}|${o.region}|${o.period}`,
      {
        series: `${o.commodity}: ${o.indicator}${o.region === "WORLD" ? "" : ` (${o.region})`}`,
        period: o.period,
        text: amount(o.value, o.unit),
      },
      o
    );
  for (const o of dataset.events)
    put(
      `event|${o.date}|${o.commodities.join(";")}|${o.partner}|${o.action}`,
      {
        series: `${o.commodities.join(", ")}: export controls`,
        period: o.date,
        text: `${o.action}${o.partner === "ALL" ? "" : ` to ${o.partner}`}${o.until ? ` until ${o.until}` : ""}`,
      },
      o
    );
  for (const o of dataset.usgs)
    put(
      `usgs|${o.commodity}|${o.country}|${o.statistic}|${o.detail}|${o.year}`,
      {
        series: `${o.commodity}: USGS ${(o.detail || o.statistic).toLowerCase()}, ${o.country.trim()}`,
        period: o.year,
        text: amount(o.raw, o.unit),
      },
      o
    );
  return map;
}

/**
 * Which figures a replacement added, changed or removed, grouped by series (in the order the
 * groups first appear in the new dataset, then the old), each group's periods in order. Figures are
 * written as the dataset states them, never rounded.
 */
export function figureChanges(before: Comparable, after: Comparable): ChangeGroup[] {
  return listChanges(before, after, Infinity).groups;
}

/** How many figures a replacement changed, and the first of them as figureChanges lists them. */
export interface ChangeList {
  total: number;
  /** The first `listed` changes (figureChanges' order), in their groups. */
  groups: ChangeGroup[];
}

/** A group of changes: the small tables' as written; trade's are counted here and kept as rows. */
interface PendingGroup {
  series: string | (() => string);
  changes: FigureChange[];
  trade: number;
}

/**
 * figureChanges for a pane that shows the first `listed` changes and counts the rest: every change
 * is found and grouped (trade's in typed arrays), but only the listed ones are written as text, so
 * that a million changed figures do not become a million strings on the main thread.
 */
export function listChanges(
  beforeData: Comparable,
  afterData: Comparable,
  listed: number
): ChangeList {
  const steps = changeListSteps(beforeData, afterData, listed, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Rows handled per slice of listChangesInSlices: a few milliseconds each (the grouping reads a map
 * per series and writes three arrays per change: slower per row than the diff's comparison).
 */
const SLICE_ROWS = 25_000;

/**
 * listChanges in slices, each in a task of its own, for the main thread (at a million changed
 * figures the comparison and the grouping take longer than a frame); stops with an AbortError when
 * `signal` fires.
 */
export async function listChangesInSlices(
  beforeData: Comparable,
  afterData: Comparable,
  listed: number,
  signal?: AbortSignal,
  sliceRows = SLICE_ROWS
): Promise<ChangeList> {
  const steps = changeListSteps(beforeData, afterData, listed, sliceRows);
  for (;;) {
    // Every slice in a task of its own, the first too (not the caller's: a swap's, say).
    await new Promise((resolve) => setTimeout(resolve, 0));
    signal?.throwIfAborted();
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The work of listChanges, pausing (yield) after about `sliceRows` rows. */
function* changeListSteps(
  beforeData: Comparable,
  afterData: Comparable,
  listed: number,
  sliceRows: number
): Generator<void, ChangeList> {
  const oldTrade = tradeOf(beforeData);
  const newTrade = tradeOf(afterData);
  const [oldCols, newCols] = [oldTrade.columns, newTrade.columns];
  // Trade first (as its rows come first in a dataset): what the new dataset added or changed, in
  // its row order; what the old one had and the new one lacks comes after the other tables' changes.
  const beforeOf = new Int32Array(newCols.length).fill(-2);
  const removed = new Uint8Array(oldCols.length);
  const comparison = new TradeComparison(oldTrade, newTrade, (b, a) => {
    if (a < 0) removed[b] = 1;
    else beforeOf[a] = b;
  });
  while (!comparison.step(sliceRows)) yield;
  yield;
  const [oldKey, newKey] = seriesKeys(oldCols, newCols);
  const groups = new Map<string | number, number>();
  const pending: PendingGroup[] = [];
  const group = (key: string | number, series: PendingGroup["series"]) => {
    let g = groups.get(key);
    if (g === undefined) {
      groups.set(key, (g = pending.length));
      pending.push({ series, changes: [], trade: 0 });
    }
    return g;
  };
  // Trade changes as rows: their group, the old row and the new (-1: none).
  const capacity = newCols.length + oldCols.length;
  const [eventGroup, eventBefore, eventAfter] = [0, 0, 0].map(() => new Int32Array(capacity));
  let events = 0;
  // Rows usually come grouped by series: the map is read once per run of a series.
  let [lastKey, lastGroup] = [-1, -1];
  const addTrade = (key: number, b: number, a: number) => {
    const g =
      key === lastKey
        ? lastGroup
        : group(key, () => describeTrade(a < 0 ? oldCols : newCols, a < 0 ? b : a).series);
    [lastKey, lastGroup] = [key, g];
    pending[g].trade++;
    eventGroup[events] = g;
    eventBefore[events] = b;
    eventAfter[events++] = a;
  };
  for (let a = 0; a < newCols.length; a++) {
    if (beforeOf[a] !== -2) addTrade(newKey(a), beforeOf[a], a);
    if ((a + 1) % sliceRows === 0) yield;
  }
  const old = described(tablesOf(beforeData));
  const next = described(tablesOf(afterData));
  const addOther = (series: string, change: FigureChange) =>
    pending[group(series, series)].changes.push(change);
  for (const [key, now] of next) {
    const was = old.get(key);
    if (was === undefined)
      addOther(now.series, { period: now.period, before: null, after: now.text });
    else if (was.full !== now.full) {
      const same = was.text === now.text;
      addOther(now.series, {
        period: now.period,
        before: was.text,
        after: same ? `${now.text} (source or note changed)` : now.text,
      });
    }
  }
  for (let b = 0; b < oldCols.length; b++) {
    if (removed[b] === 1) addTrade(oldKey(b), b, -1);
    if ((b + 1) % sliceRows === 0) yield;
  }
  for (const [key, was] of old) {
    if (!next.has(key)) addOther(was.series, { period: was.period, before: was.text, after: null });
  }

  let total = 0;
  for (const g of pending) total += g.changes.length + g.trade;
  const out: ChangeGroup[] = [];
  let room = listed;
  let firstOf: Int32Array | undefined;
  let byGroup: Int32Array | undefined;
  for (let g = 0; g < pending.length && room > 0; g++) {
    const { series, changes, trade } = pending[g];
    let shown: FigureChange[];
    if (trade > 0) {
      if (!firstOf || !byGroup) [firstOf, byGroup] = eventsByGroup(eventGroup, events, pending);
      const own = Array.from(byGroup.subarray(firstOf[g], firstOf[g] + trade), (k) => {
        const [b, a] = [eventBefore[k], eventAfter[k]];
        return [b < 0 ? null : describeTrade(oldCols, b), a < 0 ? null : describeTrade(newCols, a)];
      });
      shown = own
        .map(([was, now]) => ({
          period: (now ?? was)!.period,
          before: was && was.text,
          after:
            now && (was?.text === now.text ? `${now.text} (source or note changed)` : now.text),
        }))
        .sort(byPeriod)
        .slice(0, room);
    } else shown = changes.sort(byPeriod).slice(0, room);
    room -= shown.length;
    out.push({ series: typeof series === "string" ? series : series(), changes: shown });
  }
  return { total, groups: out };
}

function byPeriod(x: FigureChange, y: FigureChange): number {
  return x.period < y.period ? -1 : x.period > y.period ? 1 : 0;
}

/** The events in group order (a counting sort): group g's are byGroup[firstOf[g] …]. */
function eventsByGroup(
  eventGroup: Int32Array,
  events: number,
  pending: readonly PendingGroup[]
): [Int32Array, Int32Array] {
  const firstOf = new Int32Array(pending.length + 1);
  pending.forEach((g, k) => (firstOf[k + 1] = firstOf[k] + g.trade));
  const next = firstOf.slice();
  const byGroup = new Int32Array(events);
  for (let k = 0; k < events; k++) byGroup[next[eventGroup[k]]++] = k;
  return [firstOf, byGroup];
}

/**
 * A number per series (commodity, reporter, partner and flow) for each row of two datasets' trade,
 * equal for the same names in either: their dictionaries mapped once to shared codes.
 */
function seriesKeys(
  before: TradeColumns,
  after: TradeColumns
): [(row: number) => number, (row: number) => number] {
  const dims = (c: TradeColumns) => [c.commodity, c.reporter, c.partner, c.flow];
  const codes = dims(before).map((column, d) => {
    const names = new Map<string, number>();
    const of = (col: DictionaryColumn) =>
      Int32Array.from(col.dictionary, (name) => {
        let code = names.get(name);
        if (code === undefined) names.set(name, (code = names.size));
        return code;
      });
    const pair = [of(column), of(dims(after)[d])];
    return { pair, size: names.size };
  });
  const keyOf = (columns: TradeColumns, side: 0 | 1) => {
    const cols = dims(columns);
    return (row: number) => {
      let key = 0;
      for (let d = 0; d < 4; d++)
        key = key * codes[d].size + codes[d].pair[side][cols[d].indices[row]];
      return key;
    };
  };
  return [keyOf(before, 0), keyOf(after, 1)];
}
