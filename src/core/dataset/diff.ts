import { Dataset, Flow } from "./dataset";
import { IndexedDataset } from "./indexed";
import { TABLE_KEYS, TableName } from "./keys";
import { SeriesIndex } from "./series-index";
import { compareTrade, TradeComparison } from "./trade-diff";
import { DictionaryColumn, TradeColumns } from "./trade-columns";
import { textAt, tradeColumnsFromExports } from "./trade-rows";

/** What a replacement changes, in figures an analyst recognises. */
export interface DatasetDiff {
  added: number;
  changed: number;
  removed: number;
  /** Months with export figures in the new dataset and none in the old, oldest first. */
  newPeriods: string[];
  /** True when nothing a formula can return differs (same figures, same citations). */
  identical: boolean;
}

type Keyed = Map<string, string>;

/**
 * What the diff compares: a loaded dataset (its trade observations read through its series index,
 * as the formulas read them), or a dataset's JSON form (its `exports` rows, indexed here). A refresh
 * passes the loaded ones, so that a format 2 dataset's observations are never made into rows.
 */
export type Comparable = Dataset | IndexedDataset;

function tablesOf(d: Comparable): Dataset {
  return "series" in d ? d.dataset : d;
}

function tradeOf(d: Comparable): SeriesIndex {
  return "series" in d ? d.series : new SeriesIndex(tradeColumnsFromExports(d.exports));
}

/** The tables besides trade whose rows are figures a formula returns or cites. */
const FIGURE_TABLES = [
  "reported_changes",
  "forecasts",
  "indicators",
  "events",
  "usgs",
] as const satisfies readonly TableName[];

/**
 * Every figure of a dataset's small tables (all but trade) under its table's key (the key the
 * formulas read it by and every load path keeps unique), with what it says (value, unit, source, note).
 */
function figures(dataset: Dataset): Keyed {
  const map: Keyed = new Map();
  for (const name of FIGURE_TABLES) {
    const { key } = TABLE_KEYS[name] as { key: (row: unknown) => string };
    for (const row of dataset[name] as unknown[])
      map.set(`${name}|${key(row)}`, JSON.stringify(row));
  }
  return map;
}

/** The months (`YYYY-MM`) any export figure is reported in. */
function exportMonths(trade: TradeColumns): Set<string> {
  const isExport = Uint8Array.from(trade.flow.dictionary, (f) => (f === "export" ? 1 : 0));
  const used = new Uint8Array(trade.period.dictionary.length);
  const flows = trade.flow.indices;
  const periods = trade.period.indices;
  for (let i = 0; i < trade.length; i++) if (isExport[flows[i]] === 1) used[periods[i]] = 1;
  return new Set(trade.period.dictionary.filter((p, k) => used[k] === 1 && p.length === 7));
}

/**
 * Counts what a replacement changes. Trade observations are compared column by column through the
 * two series indexes (trade-diff.ts); the small tables by key and JSON.
 */
export function diffDatasets(before: Comparable, after: Comparable): DatasetDiff {
  const trade = new TradeComparison(tradeOf(before), tradeOf(after));
  trade.step();
  return summary(before, after, trade);
}

/** Observations compared per slice of diffDatasetsInSlices: a few milliseconds each. */
const SLICE_ROWS = 100_000;

/**
 * diffDatasets in slices that yield to the event loop, for the main thread (a million observations
 * take some tens of milliseconds to compare); stops with an AbortError when `signal` fires.
 */
export async function diffDatasetsInSlices(
  before: Comparable,
  after: Comparable,
  signal?: AbortSignal
): Promise<DatasetDiff> {
  signal?.throwIfAborted();
  const trade = new TradeComparison(tradeOf(before), tradeOf(after));
  while (!trade.step(SLICE_ROWS)) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    signal?.throwIfAborted();
  }
  return summary(before, after, trade);
}

function summary(
  beforeData: Comparable,
  afterData: Comparable,
  trade: TradeComparison
): DatasetDiff {
  const before = tablesOf(beforeData);
  const after = tablesOf(afterData);
  let { added, changed, removed } = trade.counts;
  const old = figures(before);
  const next = figures(after);
  for (const [key, value] of next) {
    const previous = old.get(key);
    if (previous === undefined) added++;
    else if (previous !== value) changed++;
  }
  for (const key of old.keys()) if (!next.has(key)) removed++;
  const oldMonths = exportMonths(trade.before.columns);
  const newPeriods = [...exportMonths(trade.after.columns)].filter((p) => !oldMonths.has(p)).sort();
  const sameSources = JSON.stringify(before.sources) === JSON.stringify(after.sources);
  return {
    added,
    changed,
    removed,
    newPeriods,
    identical: added + changed + removed === 0 && sameSources,
  };
}

/** "3 figures added, 1 changed, 0 removed; new periods: 2025-12" or "no figures changed". */
export function describeDiff(diff: DatasetDiff): string {
  if (diff.added + diff.changed + diff.removed === 0) return "No figures changed.";
  const counts = `${diff.added} figure${diff.added === 1 ? "" : "s"} added, ${diff.changed} changed, ${diff.removed} removed`;
  return diff.newPeriods.length > 0
    ? `${counts}; new periods: ${diff.newPeriods.join(", ")}.`
    : `${counts}.`;
}

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
export function figureChanges(beforeData: Comparable, afterData: Comparable): ChangeGroup[] {
  const oldTrade = tradeOf(beforeData);
  const newTrade = tradeOf(afterData);
  // Trade first (as its rows come first in a dataset): what the new dataset added or changed, in
  // its row order; what the old one had and the new one lacks comes after the other tables' changes.
  const changedRows: [number, number][] = [];
  const removedRows: number[] = [];
  compareTrade(oldTrade, newTrade, (b, a) => {
    if (a < 0) removedRows.push(b);
    else changedRows.push([b, a]);
  });
  changedRows.sort((x, y) => x[1] - y[1]);
  removedRows.sort((x, y) => x - y);
  const old = described(tablesOf(beforeData));
  const next = described(tablesOf(afterData));
  const groups = new Map<string, FigureChange[]>();
  const add = (series: string, change: FigureChange) => {
    const list = groups.get(series);
    if (list) list.push(change);
    else groups.set(series, [change]);
  };
  for (const [b, a] of changedRows) {
    const now = describeTrade(newTrade.columns, a);
    if (b < 0) add(now.series, { period: now.period, before: null, after: now.text });
    else {
      const was = describeTrade(oldTrade.columns, b).text;
      add(now.series, {
        period: now.period,
        before: was,
        after: was === now.text ? `${now.text} (source or note changed)` : now.text,
      });
    }
  }
  for (const [key, now] of next) {
    const was = old.get(key);
    if (was === undefined) add(now.series, { period: now.period, before: null, after: now.text });
    else if (was.full !== now.full) {
      const same = was.text === now.text;
      add(now.series, {
        period: now.period,
        before: was.text,
        after: same ? `${now.text} (source or note changed)` : now.text,
      });
    }
  }
  for (const b of removedRows) {
    const was = describeTrade(oldTrade.columns, b);
    add(was.series, { period: was.period, before: was.text, after: null });
  }
  for (const [key, was] of old) {
    if (!next.has(key)) add(was.series, { period: was.period, before: was.text, after: null });
  }
  return [...groups].map(([series, changes]) => ({
    series,
    changes: changes.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0)),
  }));
}
