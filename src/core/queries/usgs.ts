import { isMissing, parseYearOrLatest, resolveCommodity, resolveCountry } from "./arguments";
import { UsgsObservation } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { usgsCountryKey, usgsStatisticKey, usgsStatisticLabel, usgsYear } from "../dataset/keys";
import { describe } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { citationOf, CitedFigure, figureResult, withLatestNote } from "./source";

/**
 * PRODUCTION(commodity, country, year, [statistic], [field]) and RESERVES(commodity, country, [year],
 * [field]): figures from the USGS Mineral Commodity Summaries data release, as USGS printed them.
 */

/** One USGS statistic of a commodity ("Mine production"), its World total row included. */
interface UsgsStatistic {
  /** As USGS names it, without ": rounded" ("Mine production", "Production capacity"). */
  label: string;
  /** The key of the Statistics column ("production", "capacity", "reserves"). */
  statisticKey: string;
  /** The key of the label ("mine production"). */
  detailKey: string;
  /** `country key|year` → row; a country key is `code:XX` or `name:<USGS spelling, lower case>`. */
  rows: Map<string, UsgsObservation>;
  /** Country key → the years it has a row for, in release order. */
  years: Map<string, number[]>;
  /** Every year with a row, ascending. */
  allYears: number[];
  /** The countries as USGS spells them, in release order. */
  countries: string[];
}

interface UsgsIndex {
  /** Commodity id → its statistics, in release order. */
  statistics: Map<string, UsgsStatistic[]>;
  /** Lower-cased USGS spelling → that spelling, over the whole release ("congo (kinshasa)"). */
  spellings: Map<string, string>;
}

const indexes = new WeakMap<IndexedDataset, UsgsIndex>();

// Rows are found by their table's key (dataset/keys.ts): statistic without ": rounded", country
// code or USGS spelling, four-digit year. Every load path keeps that key unique.
function spellingKey(spelling: string): string {
  return usgsCountryKey(null, spelling);
}

function usgsIndex(data: IndexedDataset): UsgsIndex {
  let index = indexes.get(data);
  if (index) return index;
  index = { statistics: new Map(), spellings: new Map() };
  for (const row of data.dataset.usgs) {
    const year = usgsYear(row);
    if (year === undefined) continue;
    const spelling = row.country.trim();
    if (!index.spellings.has(spelling.toLowerCase()))
      index.spellings.set(spelling.toLowerCase(), spelling);
    const list = index.statistics.get(row.commodity) ?? [];
    index.statistics.set(row.commodity, list);
    const label = usgsStatisticLabel(row.detail || row.statistic);
    const detailKey = usgsStatisticKey(label);
    let statistic = list.find((s) => s.detailKey === detailKey);
    if (!statistic) {
      statistic = {
        label,
        statisticKey: usgsStatisticKey(row.statistic),
        detailKey,
        rows: new Map(),
        years: new Map(),
        allYears: [],
        countries: [],
      };
      list.push(statistic);
    }
    const keys = [spellingKey(spelling)];
    if (row.country_code) keys.unshift(usgsCountryKey(row.country_code, spelling));
    for (const key of keys) {
      if (statistic.rows.has(`${key}|${year}`)) continue;
      statistic.rows.set(`${key}|${year}`, row);
      const years = statistic.years.get(key) ?? [];
      years.push(year);
      statistic.years.set(key, years);
    }
    if (!statistic.allYears.includes(year)) {
      statistic.allYears.push(year);
      statistic.allYears.sort((a, b) => a - b);
    }
    if (!statistic.countries.includes(spelling)) statistic.countries.push(spelling);
  }
  indexes.set(data, index);
  return index;
}

/** A country argument: the keys to look it up by (ISO code first, then the USGS spelling), and a name for messages. */
interface CountryChoice {
  keys: string[];
  name: string;
}

function resolveUsgsCountry(
  data: IndexedDataset,
  index: UsgsIndex,
  value: unknown
): CountryChoice | QueryError {
  const code = resolveCountry(data, value);
  const text = typeof value === "string" ? value.trim() : undefined;
  const spelling = text === undefined ? undefined : index.spellings.get(text.toLowerCase());
  if (isQueryError(code)) {
    // A USGS spelling that matches no known country (the full release has a few) still works.
    return spelling === undefined ? code : { keys: [spellingKey(spelling)], name: spelling };
  }
  const keys = [usgsCountryKey(code, "")];
  if (spelling !== undefined) keys.push(spellingKey(spelling));
  return { keys, name: spelling ?? data.countries.get(code)?.name ?? code };
}

/** What a USGS code printed instead of a number means. */
const USGS_CODES = new Map([
  ["W", "withheld to avoid disclosing company proprietary data"],
  ["NA", "not available"],
  ["E", "net exporter"],
  ["XX", "not applicable"],
]);

const BOUNDS = new Map([
  [">", "more than"],
  ["<", "less than"],
  [">=", "at least"],
  ["<=", "at most"],
]);

/** Short words for what USGS printed: "withheld", "not available", "more than" (a bound), "zero" (—). */
const CODE_WORDS = new Map([
  ...BOUNDS,
  ["W", "withheld"],
  ["—", "zero"],
  ["NA", "not available"],
  ["E", "net exporter"],
  ["XX", "not applicable"],
]);

/** A USGS code or bound in a word or two, for a figure shown in words; undefined for an unknown code. */
export function usgsCodeWord(code: string): string | undefined {
  return CODE_WORDS.get(code);
}

/** What qualifies a USGS figure: its code or bound, "rounded" (World totals), "estimated" (per the notes). */
function usgsQualifier(row: UsgsObservation): string | null {
  const parts: string[] = [];
  const code = row.qualifier;
  if (code) {
    const meaning = code === "—" ? "zero" : (BOUNDS.get(code) ?? USGS_CODES.get(code));
    parts.push(meaning ? `${code} (${meaning})` : code);
  }
  if (/:\s*rounded\s*$/i.test(row.detail)) parts.push("rounded");
  if (row.notes && /^\s*estimated/i.test(row.notes)) parts.push("estimated");
  return parts.length > 0 ? parts.join("; ") : null;
}

function cited(
  data: IndexedDataset,
  commodity: string,
  statistic: UsgsStatistic,
  row: UsgsObservation
): CitedFigure<number> {
  const citation = citationOf(data, row.source_id, row.notes, usgsQualifier(row));
  const code = row.qualifier;
  if (row.value !== null) return { value: row.value, citation, code };
  const what = `${capitalise(commodity)} ${statistic.label.toLowerCase()}, ${row.country}, ${row.year}`;
  const meaning = !code
    ? "no figure given in the USGS release"
    : `${USGS_CODES.get(code) ?? "no number given"} (USGS code ${code})`;
  return { value: notAvailable(`${what}: ${meaning}.`), citation, code };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function commoditiesWith(index: UsgsIndex, statisticKeyWanted?: string): string[] {
  return [...index.statistics]
    .filter(([, list]) =>
      statisticKeyWanted === undefined
        ? true
        : list.some((s) => s.statisticKey === statisticKeyWanted)
    )
    .map(([commodity]) => commodity);
}

/** The statistic a `statistic` argument names; default: the commodity's (mine or primary) production. */
function chooseStatistic(
  commodity: string,
  list: UsgsStatistic[],
  wanted: string | undefined
): UsgsStatistic | QueryError {
  const labels = list.map((s) => s.label).join(", ");
  const key = usgsStatisticKey(wanted ?? "production");
  let matches = list.filter((s) => s.detailKey === key || s.statisticKey === key);
  if (matches.length > 1 && wanted === undefined) {
    const preferred = ["mine production", "primary production"]
      .map((k) => matches.find((s) => s.detailKey === k))
      .find((s) => s !== undefined);
    if (preferred) matches = [preferred];
  }
  if (matches.length === 1) return matches[0];
  if (matches.length > 1)
    return invalid(
      `'${wanted ?? "production"}' matches several USGS statistics for ${commodity}; give one: ${matches.map((s) => s.label).join(", ")}.`
    );
  return wanted === undefined
    ? notAvailable(`No USGS production figures for ${commodity}; statistics: ${labels}.`)
    : notAvailable(`No USGS '${wanted.trim()}' figures for ${commodity}; statistics: ${labels}.`);
}

interface UsgsQuery {
  commodity: string;
  statistic: UsgsStatistic;
  country: CountryChoice;
  /** Undefined: the latest year of the statistic; "latest": the country's latest year (cited as such). */
  year: number | "latest" | undefined;
}

function findRow(data: IndexedDataset, query: UsgsQuery): CitedFigure<number> | QueryError {
  const { commodity, statistic, country } = query;
  const what = `USGS ${statistic.label.toLowerCase()} figure for ${commodity}`;
  const countryKey = country.keys.find((k) => statistic.years.has(k));
  if (countryKey === undefined) {
    return notAvailable(
      `No ${what} in ${country.name}; countries: ${statistic.countries.join(", ")}.`
    );
  }
  const year =
    query.year === "latest"
      ? Math.max(...(statistic.years.get(countryKey) as number[]))
      : (query.year ?? statistic.allYears[statistic.allYears.length - 1]);
  const row = statistic.rows.get(`${countryKey}|${year}`);
  if (!row) {
    const years = [...(statistic.years.get(countryKey) ?? [])].sort((a, b) => a - b);
    return notAvailable(`No ${what} in ${country.name} in ${year}; years: ${years.join(", ")}.`);
  }
  const figure = cited(data, commodity, statistic, row);
  if (query.year !== "latest") return figure;
  return { ...figure, citation: withLatestNote(figure.citation, String(year)) };
}

export interface ProductionArguments {
  commodity: unknown;
  country: unknown;
  year: unknown;
  statistic?: unknown;
  field?: unknown;
}

/** PRODUCTION's figure and citation. */
export function findProduction(
  data: IndexedDataset,
  args: ProductionArguments
): CitedFigure<number> | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const index = usgsIndex(data);
  const country = resolveUsgsCountry(data, index, args.country);
  if (isQueryError(country)) return country;
  const year = parseYearOrLatest(args.year);
  if (isQueryError(year)) return year;
  if (!isMissing(args.statistic) && typeof args.statistic !== "string")
    return invalid(
      `Cannot read ${describe(args.statistic)} as a USGS statistic; use a name such as "mine production" or "capacity".`
    );
  const statistic = isMissing(args.statistic) ? undefined : args.statistic;

  const list = index.statistics.get(commodity);
  if (!list) {
    return notAvailable(
      `No USGS figures for ${commodity}; USGS figures exist for: ${commoditiesWith(index).join(", ")}.`
    );
  }
  const chosen = chooseStatistic(commodity, list, statistic);
  if (isQueryError(chosen)) return chosen;
  return findRow(data, { commodity, statistic: chosen, country, year });
}

/** PRODUCTION(commodity, country, year, [statistic], [field]). */
export function productionResult(
  data: IndexedDataset,
  args: ProductionArguments
): number | string | QueryError {
  return figureResult(findProduction(data, args), args.field);
}

export interface ReservesArguments {
  commodity: unknown;
  country: unknown;
  year?: unknown;
  field?: unknown;
}

/** RESERVES' figure and citation; the default year is the latest with reserves for the commodity. */
export function findReserves(
  data: IndexedDataset,
  args: ReservesArguments
): CitedFigure<number> | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const index = usgsIndex(data);
  const country = resolveUsgsCountry(data, index, args.country);
  if (isQueryError(country)) return country;
  const year = isMissing(args.year) ? undefined : parseYearOrLatest(args.year);
  if (isQueryError(year)) return year;

  const reserves = index.statistics.get(commodity)?.find((s) => s.statisticKey === "reserves");
  if (!reserves) {
    return notAvailable(
      `No USGS reserves figures for ${commodity}; USGS reserves exist for: ${commoditiesWith(index, "reserves").join(", ")}.`
    );
  }
  return findRow(data, { commodity, statistic: reserves, country, year });
}

/**
 * The latest year of a commodity's default production statistic (or of its reserves), its unit and
 * the countries USGS lists for it (World total and "Other countries" left out), or undefined when
 * the release has none.
 */
export function usgsYears(
  data: IndexedDataset,
  commodity: string,
  which: "production" | "reserves"
): { year: number; unit: string; countries: string[] } | undefined {
  const list = usgsIndex(data).statistics.get(commodity);
  if (!list) return undefined;
  const statistic =
    which === "reserves"
      ? list.find((s) => s.statisticKey === "reserves")
      : chooseStatistic(commodity, list, undefined);
  if (!statistic || isQueryError(statistic) || statistic.allYears.length === 0) return undefined;
  const year = statistic.allYears[statistic.allYears.length - 1];
  const rows = [...statistic.rows.values()].filter((row) => usgsYear(row) === year);
  const countries = statistic.countries.filter(
    (c) => !/^(world|other countries)/i.test(c) && rows.some((row) => row.country.trim() === c)
  );
  return { year, unit: rows[0]?.unit ?? "", countries };
}

/** RESERVES(commodity, country, [year], [field]). */
export function reservesResult(
  data: IndexedDataset,
  args: ReservesArguments
): number | string | QueryError {
  return figureResult(findReserves(data, args), args.field);
}
