import { Dataset } from "./dataset";
import { TABLE_KEYS, TableName } from "./keys";

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

/** The tables whose rows are figures a formula returns or cites. */
const FIGURE_TABLES = [
  "exports",
  "reported_changes",
  "forecasts",
  "indicators",
  "events",
  "usgs",
] as const satisfies readonly TableName[];

/**
 * Every figure of a dataset under its table's key (the key the formulas read it by and every load
 * path keeps unique), with what it says (value, unit, source, note).
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

export function diffDatasets(before: Dataset, after: Dataset): DatasetDiff {
  const old = figures(before);
  const next = figures(after);
  let added = 0;
  let changed = 0;
  for (const [key, value] of next) {
    const previous = old.get(key);
    if (previous === undefined) added++;
    else if (previous !== value) changed++;
  }
  let removed = 0;
  for (const key of old.keys()) if (!next.has(key)) removed++;
  const oldMonths = new Set(before.exports.map((o) => o.period));
  const newPeriods = [
    ...new Set(after.exports.map((o) => o.period).filter((p) => !oldMonths.has(p))),
  ].sort();
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
