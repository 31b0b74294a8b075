import { countryName, isMissing, resolveCommodity, parsePeriodArgument } from "./arguments";
import { TradeObservation, WORLD } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import {
  byLabel,
  compareText,
  exportQuantities,
  findLevel,
  isLevel,
  Level,
  label,
  missingClause,
  nothingReported,
  reportedTail,
  SeriesRef,
} from "./levels";
import { CellMatrix } from "../runtime/live";
import { describe, Period } from "./period";
import { finiteOr } from "./quantity";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { parseUnit, Unit } from "./units";

/**
 * TOP(commodity, period, [n]): partners ranked by their level in a period (a span counts only for
 * partners with every month reported, as levels.ts rules), with their share of the World total.
 */

export interface TopArguments {
  commodity: unknown;
  period: unknown;
  n?: unknown;
}

export interface TopEntry {
  partner: string;
  /** The partner's name as the dataset spells it. */
  name: string;
  /** In the ranking's unit; #NUM! when the total is too large for a number. */
  quantity: number | QueryError;
  rows: TradeObservation[];
  /** quantity / World total, or why there is none (#N/A no World total, #DIV/0! a World total of 0). */
  share: number | QueryError;
}

export interface TopFigure {
  commodity: string;
  period: Period;
  unit: string;
  /** The reporter's World total in `unit`, or why there is none. */
  world: Level | QueryError;
  /** Largest first, ties by name; at most n. */
  entries: TopEntry[];
}

function parseCount(value: unknown): number | undefined | QueryError {
  if (isMissing(value)) return undefined;
  const n = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof n === "number" && Number.isSafeInteger(n) && n >= 1) return n;
  return invalid(
    `Cannot read ${describe(value)} as a number of partners; use a whole number of 1 or more, such as 5.`
  );
}

/**
 * Partners are countries: the reporter's World total and other regions (The West, Other countries)
 * are aggregates, not destinations to rank.
 */
function isRanked(data: IndexedDataset, code: string): boolean {
  return code !== WORLD && (data.countries.get(code)?.iso3 ?? null) !== null;
}

/** The ranked partners of a commodity, each with its level in the period or how many months it has. */
function partnerLevels(
  data: IndexedDataset,
  group: SeriesRef,
  period: Period
): { partner: string; level: Level | { found: number } }[] {
  const index = data.series;
  const result: { partner: string; level: Level | { found: number } }[] = [];
  for (const s of index.partnerSeries(group.commodity, group.reporter, group.flow)) {
    const partner = index.partner(s);
    if (!isRanked(data, partner)) continue;
    result.push({ partner, level: findLevel(data, { ...group, partner }, period) });
  }
  return result;
}

/** TOP with every entry's rows and the World total behind the shares. */
export function findTop(data: IndexedDataset, args: TopArguments): TopFigure | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const worldRef = exportQuantities(commodity, WORLD);
  // "latest" for a ranking: the commodity's last month with a figure for any partner country.
  const period = parsePeriodArgument(args.period, {
    months: rankedMonths(data, worldRef),
    subject: `${commodity} by partner`,
  });
  if (isQueryError(period)) return period;
  const n = parseCount(args.n);
  if (isQueryError(n)) return n;

  const levels = partnerLevels(data, worldRef, period);
  const complete = levels.filter((p) => isLevel(p.level)) as { partner: string; level: Level }[];
  if (complete.length === 0) return noRanking(data, worldRef, period, levels);

  // One column, one unit: the first row's in dataset order (a commodity's figures normally share one unit).
  complete.sort((a, b) => a.level.rowIds[0] - b.level.rowIds[0]);
  const unitText = complete[0].level.unit;
  const unit = parseUnit(unitText) as Unit;
  const worldLevel = findLevel(data, worldRef, period, unit);
  const world = isLevel(worldLevel)
    ? worldLevel
    : notAvailable(
        `No share of the total: ${missingClause(worldRef, [{ period, found: worldLevel.found }], reportedTail(data, worldRef))}.`
      );
  const zeroTotal = new QueryError(
    "divisionByZero",
    `No share of the total: the reported World total for ${commodity} in ${period.label} is 0.`
  );
  const total = isQueryError(world) ? world : world.value;
  const entries = complete.map(({ partner, level }): TopEntry => {
    const quantity = (findLevel(data, { ...worldRef, partner }, period, unit) as Level).value;
    const share = isQueryError(quantity)
      ? quantity
      : isQueryError(total)
        ? total
        : total === 0
          ? zeroTotal
          : finiteOr(quantity / total, `The share of ${label(partner)} in ${period.label}`);
    return {
      partner,
      name: countryName(data, partner),
      quantity,
      get rows() {
        return level.rows;
      },
      share,
    };
  });
  // A quantity too large for a number ranks above every other.
  const rank = (q: number | QueryError) => (isQueryError(q) ? Infinity : q);
  entries.sort((a, b) => rank(b.quantity) - rank(a.quantity) || compareText(a.name, b.name));
  return {
    commodity,
    period,
    unit: unitText,
    world,
    entries: n === undefined ? entries : entries.slice(0, n),
  };
}

/** The months, oldest first, in which a ranked partner (a country) has a figure. */
function rankedMonths(data: IndexedDataset, group: SeriesRef): string[] {
  const index = data.series;
  const months = new Set<string>();
  for (const s of index.partnerSeries(group.commodity, group.reporter, group.flow))
    if (isRanked(data, index.partner(s)))
      for (const month of index.periods(s, group.measure)) months.add(month);
  return [...months].sort();
}

function noRanking(
  data: IndexedDataset,
  group: SeriesRef,
  period: Period,
  levels: { partner: string; level: Level | { found: number } }[]
): QueryError {
  const index = data.series;
  const all = index.partnerSeries(group.commodity, group.reporter, group.flow);
  if (all.length === 0) return notAvailable(nothingReported(group));
  const months = rankedMonths(data, group);
  const reported =
    months.length > 0
      ? `months with partner figures: ${months.join(", ")}`
      : `only World totals are reported for ${group.commodity}`;
  const partial = levels.filter((p) => !isLevel(p.level) && p.level.found > 0);
  if (partial.length > 0) {
    const counts = partial
      .sort((a, b) => byLabel(a.partner, b.partner))
      .map(
        ({ partner, level }) =>
          `${label(partner)} ${(level as { found: number }).found} of ${period.months.length}`
      );
    return notAvailable(
      `No partner has every month of ${period.label} reported for ${group.commodity} (${counts.join(", ")}); ${reported}.`
    );
  }
  return notAvailable(`No partner figures for ${group.commodity} in ${period.label}; ${reported}.`);
}

/** TOP's spilled table: a header row, then partner name, quantity and share of the World total. */
export function topTable(data: IndexedDataset, args: TopArguments): CellMatrix | QueryError {
  const figure = findTop(data, args);
  if (isQueryError(figure)) return figure;
  const table: CellMatrix = [["Partner", `Quantity (${figure.unit})`, "Share of total"]];
  for (const e of figure.entries) table.push([e.name, e.quantity, e.share]);
  return table;
}
