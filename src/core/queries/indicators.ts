import { isMissing, resolveCommodity } from "./arguments";
import { Indicator } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { nameKey } from "./names";
import {
  byPeriodEnd,
  describe,
  excelSerialToDate,
  isDateText,
  isLatest,
  monthLabel,
  parsePeriod,
} from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { citationOf, CitedFigure, figureResult, withLatestNote } from "./source";

/**
 * INDICATOR(commodity, indicator, [period], [field]): other reported figures — quotas, shares,
 * prices, market sizes — in the unit the source reported, never converted.
 */

/** One indicator of a commodity: its rows by period, reported periods in order. */
interface IndicatorSeries {
  name: string;
  /** Period as written in the dataset → its rows (several only when they differ by region). */
  byPeriod: Map<string, Indicator[]>;
  /** Reported periods, in the order they end (2025-09 before 2025). */
  periods: string[];
}

interface CommodityIndicators {
  /** Indicator names in dataset order. */
  names: string[];
  byName: Map<string, IndicatorSeries>;
  /** nameKey(name) → names with that key, for exact matches. */
  byKey: Map<string, string[]>;
}

interface IndicatorIndex {
  /** Commodity id → its indicators, in dataset order. */
  byCommodity: Map<string, CommodityIndicators>;
}

const indexes = new WeakMap<IndexedDataset, IndicatorIndex>();

function indicatorIndex(data: IndexedDataset): IndicatorIndex {
  let index = indexes.get(data);
  if (index) return index;
  index = { byCommodity: new Map() };
  for (const row of data.dataset.indicators) {
    let commodity = index.byCommodity.get(row.commodity);
    if (!commodity) {
      commodity = { names: [], byName: new Map(), byKey: new Map() };
      index.byCommodity.set(row.commodity, commodity);
    }
    let series = commodity.byName.get(row.indicator);
    if (!series) {
      series = { name: row.indicator, byPeriod: new Map(), periods: [] };
      commodity.byName.set(row.indicator, series);
      commodity.names.push(row.indicator);
      const key = nameKey(row.indicator);
      commodity.byKey.set(key, [...(commodity.byKey.get(key) ?? []), row.indicator]);
    }
    const rows = series.byPeriod.get(row.period) ?? [];
    rows.push(row);
    series.byPeriod.set(row.period, rows);
  }
  for (const commodity of index.byCommodity.values()) {
    for (const series of commodity.byName.values()) {
      series.periods = [...series.byPeriod.keys()].sort(byPeriodEnd);
    }
  }
  indexes.set(data, index);
  return index;
}

/**
 * The periods an argument asks for, most precise first: a date asks for that day and then its month
 * (`2025-12-15` → 2025-12-15, 2025-12); a month for the month; a year for the year.
 */
function wantedPeriods(value: unknown): string[] | QueryError {
  if (typeof value === "number" && value >= 10000 && value <= 2958465) {
    const [year, month, day] = excelSerialToDate(value);
    const monthText = monthLabel(year, month);
    return [`${monthText}-${String(day).padStart(2, "0")}`, monthText];
  }
  if (typeof value === "string" && isDateText(value.trim()) && value.trim().length === 10) {
    return [value.trim(), value.trim().slice(0, 7)];
  }
  const period = parsePeriod(value);
  if ("error" in period) return invalid(period.error);
  return [period.label];
}

export interface IndicatorArguments {
  commodity: unknown;
  indicator: unknown;
  period?: unknown;
  field?: unknown;
}

/** The indicator names an argument matches: the exact name, else every name containing it. */
function matchIndicator(commodity: CommodityIndicators, wanted: string): string[] {
  const key = nameKey(wanted);
  if (key === "") return [];
  const exact = commodity.byKey.get(key);
  if (exact) return exact;
  return commodity.names.filter((n) => nameKey(n).includes(key));
}

/** INDICATOR's figure and citation. */
export function findIndicator(
  data: IndexedDataset,
  args: IndicatorArguments
): CitedFigure<number> | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  if (isMissing(args.indicator))
    return invalid('An indicator is required, such as "mining quota".');
  if (typeof args.indicator !== "string")
    return invalid(`Cannot read ${describe(args.indicator)} as an indicator.`);
  const wanted = args.indicator.trim();
  // No period and "latest" both mean the indicator's last reported period; "latest" is cited as such.
  const latest = isLatest(args.period);
  const periods = isMissing(args.period) || latest ? undefined : wantedPeriods(args.period);
  if (isQueryError(periods)) return periods;

  const index = indicatorIndex(data);
  const byName = index.byCommodity.get(commodity);
  if (!byName) {
    return notAvailable(
      `No indicators for ${commodity}; indicators exist for: ${[...index.byCommodity.keys()].join(", ")}.`
    );
  }
  const matches = matchIndicator(byName, wanted);
  if (matches.length === 0) {
    return notAvailable(
      `No '${wanted}' indicator for ${commodity}; indicators: ${byName.names.join("; ")}.`
    );
  }
  if (matches.length > 1) {
    return invalid(
      `'${wanted}' matches several ${commodity} indicators; give one: ${matches.join("; ")}.`
    );
  }
  const series = byName.byName.get(matches[0]) as IndicatorSeries;
  const name = series.name;

  const label =
    periods === undefined
      ? series.periods[series.periods.length - 1]
      : periods.find((p) => series.byPeriod.has(p));
  if (label === undefined) {
    return notAvailable(
      `No '${name}' figure for ${commodity} in ${(periods as string[])[0]}; reported periods: ${series.periods.join(", ")}.`
    );
  }
  const chosen = series.byPeriod.get(label) as Indicator[];
  if (chosen.length > 1) {
    const regions = chosen.map((r) => r.region).join(", ");
    return invalid(
      `Several '${name}' figures for ${commodity} in ${label}, one per region (${regions}); INDICATOR cannot tell them apart.`
    );
  }
  const row = chosen[0];
  const citation = citationOf(
    data,
    row.source_id,
    row.note,
    row.approximate ? "approximate" : null
  );
  return { value: row.value, citation: withLatestNote(citation, latest ? label : undefined) };
}

/** INDICATOR(commodity, indicator, [period], [field]). */
export function indicatorResult(
  data: IndexedDataset,
  args: IndicatorArguments
): number | string | QueryError {
  return figureResult(findIndicator(data, args), args.field);
}
