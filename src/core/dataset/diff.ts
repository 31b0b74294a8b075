import { Dataset } from "./dataset";
import { IndexedDataset } from "./indexed";
import { TABLE_KEYS, TableName } from "./keys";
import { SeriesIndex } from "./series-index";
import { TradeComparison } from "./trade-diff";
import { TradeColumns } from "./trade-columns";
import { tradeColumnsFromExports } from "./trade-rows";

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

export function tablesOf(d: Comparable): Dataset {
  return "series" in d ? d.dataset : d;
}

export function tradeOf(d: Comparable): SeriesIndex {
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
 * diffDatasets in slices, each in a task of its own, for the main thread (a million observations
 * take some tens of milliseconds to compare); stops with an AbortError when `signal` fires.
 */
export async function diffDatasetsInSlices(
  before: Comparable,
  after: Comparable,
  signal?: AbortSignal
): Promise<DatasetDiff> {
  const trade = new TradeComparison(tradeOf(before), tradeOf(after));
  // Every slice in a task of its own, the first too (not the caller's, which made the index).
  do {
    await new Promise((resolve) => setTimeout(resolve, 0));
    signal?.throwIfAborted();
  } while (!trade.step(SLICE_ROWS));
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
