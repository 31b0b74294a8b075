import { countryName } from "./arguments";
import { Flow, TradeObservation, WORLD } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { Measure } from "../dataset/series-index";
import { TradeColumns } from "../dataset/trade-columns";
import { tradeRow } from "../dataset/trade-rows";
import { Period } from "./period";
import { finiteOr, finiteTotal, quantityIn } from "./quantity";
import { isQueryError, QueryError } from "./query-error";
import { parseUnit, Unit } from "./units";

/**
 * The trade-level engine every trade formula (EXPORT, SOURCE, SERIES, CHANGE, SHARE, TOP) reads: the
 * one place that knows the rule "a month's level is its reported figure; a quarter, half or year is a
 * total only when every month in it is reported; a reported 0 is 0", and the one place that says
 * what is reported when a level is not (the not-reported messages and the way they name series).
 */

/** The reporter a trade formula reads when none is named. */
export const DEFAULT_REPORTER = "CN";

export type { Measure };

/** One series of trade figures and the measure read from it. */
export interface SeriesRef {
  commodity: string;
  reporter: string;
  partner: string;
  flow: Flow;
  measure: Measure;
}

/** China's export quantities: what every trade formula reads today. */
export function exportQuantities(
  commodity: string,
  partner: string,
  reporter = DEFAULT_REPORTER
): SeriesRef {
  return { commodity, reporter, partner, flow: "export", measure: "quantity" };
}

/**
 * A reported level: a month's figure or a span's total, in `unit`. `rowIds` are the rows of the
 * dataset's trade columns it comes from, one per month; `rows` gives them as observations (made
 * when asked for: most callers need only the value).
 */
export class Level {
  constructor(
    private readonly data: IndexedDataset,
    /** #NUM! when the figure cannot be expressed in the unit asked for (a conversion or total overflows). */
    readonly value: number | QueryError,
    /** The requested unit's symbol, or the first row's unit as reported ("USD" for values). */
    readonly unit: string,
    readonly period: Period,
    readonly rowIds: readonly number[]
  ) {}

  /** Whether the period was asked for as "latest" (the citation says which month it was). */
  latest = false;

  /** Made on each read (a level has a handful of rows); nothing is cached on the figure. */
  get rows(): TradeObservation[] {
    return this.rowIds.map((r) => tradeRow(this.data.trade, r));
  }
}

/** A level that is not there: how many of the period's months are reported. */
export interface Shortfall {
  found: number;
}

export function isLevel(level: Level | Shortfall): level is Level {
  return level instanceof Level;
}

/**
 * The units of a dataset's unit dictionary, read once per dataset: unitTable(trade)[unit.indices[row]]
 * is a row's unit without reading its text again on every lookup.
 */
export function unitTable(trade: TradeColumns): readonly Unit[] {
  let units = unitTables.get(trade.unit);
  if (!units) {
    // Validation has checked every unit a row uses.
    units = trade.unit.dictionary.map((text: string) => parseUnit(text) as Unit);
    unitTables.set(trade.unit, units);
  }
  return units;
}
const unitTables = new WeakMap<object, readonly Unit[]>();

/**
 * The level of a series in a period, in `unit` (default: the first row's unit; a value is in USD
 * and `unit` does not apply), or how many of its months are reported.
 */
export function findLevel(
  data: IndexedDataset,
  ref: SeriesRef,
  period: Period,
  unit?: Unit
): Level | Shortfall {
  const index = data.series;
  const series = index.series(ref.commodity, ref.reporter, ref.partner, ref.flow);
  if (series < 0) return { found: 0 };
  const measures = data.trade[ref.measure];
  const rowIds: number[] = [];
  // An indexed loop: periods are shared frozen objects, and for…of over a frozen array is slow in V8.
  const months = period.months;
  for (let i = 0; i < months.length; i++) {
    const row = index.row(series, monthNumber(months[i]));
    if (row >= 0 && !Number.isNaN(measures[row])) rowIds.push(row);
  }
  if (rowIds.length < period.months.length) return { found: rowIds.length };
  if (ref.measure === "value") {
    let total = 0;
    for (const row of rowIds) total += measures[row];
    const value = finiteOr(total, `The total of ${rowIds.length} reported months`);
    return new Level(data, value, "USD", period, rowIds);
  }
  // Rows of one series may be reported in different units; a span is totalled in the first row's.
  const { dictionary, indices: unitOf } = data.trade.unit;
  const units = unitTable(data.trade);
  const target = unit ?? units[unitOf[rowIds[0]]];
  const unitText = unit ? unit.symbol : dictionary[unitOf[rowIds[0]]];
  let total = 0;
  for (const row of rowIds) {
    const value = quantityIn(measures[row], units[unitOf[row]], dictionary[unitOf[row]], target);
    if (isQueryError(value)) return new Level(data, value, unitText, period, rowIds);
    total += value;
  }
  return new Level(data, finiteTotal(total, rowIds.length, target), unitText, period, rowIds);
}

/** `YYYY-MM` (as Period.months holds it) → the series index's period number. */
function monthNumber(month: string): number {
  const year =
    month.charCodeAt(0) * 1000 +
    month.charCodeAt(1) * 100 +
    month.charCodeAt(2) * 10 +
    month.charCodeAt(3) -
    48 * 1111;
  return year * 13 + (month.charCodeAt(5) - 48) * 10 + month.charCodeAt(6) - 48;
}

// ---------------------------------------------------------------------------------------------------
// What is reported, and how messages say it.

/** How messages name a country: its code, "World" for the reporter's total. */
export function label(code: string): string {
  return code === WORLD ? "World" : code;
}

/** "magnets → US"; a reporter other than China is named: "magnets JP → US". */
export function route(ref: SeriesRef): string {
  const from = ref.reporter === DEFAULT_REPORTER ? "" : ` ${label(ref.reporter)}`;
  return `${ref.commodity}${from} → ${label(ref.partner)}`;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function byLabel(a: string, b: string): number {
  return compareText(label(a), label(b));
}

/** The periods a series reports its measure in, oldest first; empty when none. */
export function reportedPeriods(data: IndexedDataset, ref: SeriesRef): readonly string[] {
  const series = data.series.series(ref.commodity, ref.reporter, ref.partner, ref.flow);
  return series < 0 ? [] : data.series.periods(series, ref.measure);
}

/**
 * Partners with any figure of the series' measure for its commodity, reporter and flow, sorted as
 * labelled; worked out once per partner group and measure (an index's groups never change).
 */
export function partnersWithFigures(data: IndexedDataset, ref: SeriesRef): readonly string[] {
  const index = data.series;
  const group = index.partnerSeries(ref.commodity, ref.reporter, ref.flow);
  let known = partnerLists.get(group);
  if (!known) partnerLists.set(group, (known = {}));
  return (known[ref.measure] ??= Object.freeze(
    group
      .filter((s) => index.periods(s, ref.measure).length > 0)
      .map((s) => index.partner(s))
      .sort(byLabel)
  ));
}
const partnerLists = new WeakMap<readonly number[], Partial<Record<Measure, readonly string[]>>>();

/** Partners as message text ("DE, JP, US, World"), joined once per list. */
export function partnerLabels(partners: readonly string[]): string {
  let text = joined.get(partners);
  if (text === undefined) joined.set(partners, (text = partners.map(label).join(", ")));
  return text;
}

/** Reported periods as message text, joined once per list (an index's lists never change). */
const joined = new WeakMap<readonly string[], string>();
export function periodList(periods: readonly string[]): string {
  let text = joined.get(periods);
  if (text === undefined) joined.set(periods, (text = periods.join(", ")));
  return text;
}

/** "No export figures for copper from CN in this dataset." */
export function nothingReported(ref: SeriesRef): string {
  return `No ${ref.flow} figures for ${ref.commodity} from ${label(ref.reporter)} in this dataset.`;
}

/**
 * EXPORT's message for a level that is not there: which months the series reports, or, when it
 * reports none, which months any partner has.
 */
export function noLevelMessage(
  data: IndexedDataset,
  ref: SeriesRef,
  /** Undefined when "latest" was asked for and the series reports nothing. */
  period: Period | undefined,
  found: number
): string {
  const months = reportedPeriods(data, ref);
  const asked = period ? ` in ${period.label}` : "";
  if (months.length > 0) {
    if (period && period.kind !== "month")
      return `No total for ${route(ref)} in ${period.label}: ${found} of ${period.months.length} months reported; reported months: ${periodList(months)}.`;
    return `No reported figure for ${route(ref)}${asked}; reported months: ${periodList(months)}.`;
  }
  const anyPartner = data.series.groupPeriods(ref.commodity, ref.reporter, ref.flow, ref.measure);
  if (anyPartner.length > 0)
    return `No reported figure for ${route(ref)}${asked}; nothing is reported for ${countryName(data, ref.partner)}. ${ref.commodity} ${ref.flow}s from ${label(ref.reporter)} are reported for ${periodList(anyPartner)}.`;
  return nothingReported(ref);
}

/** What is reported for a series, for the end of a clause ("reported months: …"). */
export function reportedTail(data: IndexedDataset, ref: SeriesRef): string {
  const months = reportedPeriods(data, ref);
  if (months.length > 0) return `reported months: ${periodList(months)}`;
  const partners = partnersWithFigures(data, ref);
  if (partners.length > 0)
    return `nothing is reported for ${route(ref)}; partners with figures: ${partnerLabels(partners)}`;
  const sentence = nothingReported(ref);
  return sentence.charAt(0).toLowerCase() + sentence.slice(1, -1);
}

/** A period a level is missing in, and for a span how many of its months are reported. */
export interface MissingLevel {
  period: Period;
  found: number;
}

/**
 * "no figure for magnets → US in 2025-09", "no World total for magnets in 2025-Q4 (1 of 3 months
 * reported)"; several periods of one series are joined with "or in". A `tail` (what is reported)
 * goes inside the last parentheses.
 */
export function missingClause(ref: SeriesRef, missing: MissingLevel[], tail?: string): string {
  const span = missing[0].period.kind !== "month";
  const what =
    ref.partner === WORLD
      ? `World ${span ? "total" : "figure"} for ${ref.commodity}`
      : `${span ? "total" : "figure"} for ${route(ref)}`;
  const periods = missing.map(({ period, found }, i) => {
    const notes = [
      ...(span ? [`${found} of ${period.months.length} months reported`] : []),
      ...(tail && i === missing.length - 1 ? [tail] : []),
    ];
    return notes.length > 0 ? `${period.label} (${notes.join("; ")})` : period.label;
  });
  return `no ${what} in ${periods.join(" or in ")}`;
}

/** A level's note: the month's, or for a span every month's, prefixed with the month (as SOURCE does). */
export function levelNote(level: Level): string | null {
  const { rows } = level;
  if (level.period.kind === "month") return rows[0].note;
  const notes = rows.filter((r) => r.note).map((r) => `${r.period}: ${r.note}`);
  return notes.length > 0 ? notes.join("; ") : null;
}
