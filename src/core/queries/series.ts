import { isMissing, resolveCommodity, resolveCountry, resolveUnit } from "./arguments";
import {
  Citation,
  CITATION_FIELDS,
  CitationField,
  citationField,
  parseCitationField,
} from "./citation";
import { ExportObservation, ReportedChange, WORLD } from "../dataset/dataset";
import { DEFAULT_REPORTER, ExportFigure, latestMonth } from "./exports";
import { exportKey, IndexedDataset, seriesKey } from "../dataset/indexed";
import { reportedChangeKey } from "../dataset/keys";
import { CellMatrix } from "../runtime/live";
import { describe, isLatest, monthLabel, parsePeriod, Period, quoted } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { finiteOr, quantityIn, totalIn } from "./quantity";
import { withLatestNote } from "./source";
import { parseUnit, Unit } from "./units";

/**
 * SERIES, CHANGE, SHARE and TOP: the formulas that read China's reported export levels as a series,
 * a change between two levels, a share of the reporter's total and a ranking of partners. Like
 * EXPORT, the reporter is China, a span (quarter, half, year) is a total only when every month in it
 * is reported, a reported 0 is 0 and absence is #N/A saying what is reported.
 *
 * Each formula has a `find…` function returning the figure together with the rows it was computed
 * from (for citations: SOURCE-style access), and a `…Value`/`…Table` function returning the cell(s).
 */

const REPORTER = DEFAULT_REPORTER;

// ---------------------------------------------------------------------------------------------------
// Indexes this module needs beyond IndexedDataset's, built lazily once per dataset.

interface SeriesIndex {
  /** `commodity|reporter|YYYY-MM` → every partner's row for that month (WORLD included), dataset order. */
  readonly monthRows: ReadonlyMap<string, ExportObservation[]>;
  /** `commodity|reporter` → partner codes with any reported figure, sorted as labelled. */
  readonly partners: ReadonlyMap<string, string[]>;
  /** `commodity|reporter` → months with a figure for a ranked partner (a country), oldest first. */
  readonly rankedMonths: ReadonlyMap<string, string[]>;
  /** The reported changes in quantity, by their table's key. */
  readonly changes: ReadonlyMap<string, ReportedChange>;
}

const indexes = new WeakMap<IndexedDataset, SeriesIndex>();

function seriesIndex(data: IndexedDataset): SeriesIndex {
  let index = indexes.get(data);
  if (index) return index;
  const monthRows = new Map<string, ExportObservation[]>();
  const partnerSets = new Map<string, Set<string>>();
  const rankedMonthSets = new Map<string, Set<string>>();
  for (const o of data.dataset.exports) {
    const monthKey = `${o.commodity}|${o.reporter}|${o.period}`;
    const rows = monthRows.get(monthKey);
    if (rows) rows.push(o);
    else monthRows.set(monthKey, [o]);
    const pairKey = `${o.commodity}|${o.reporter}`;
    const set = partnerSets.get(pairKey);
    if (set) set.add(o.partner);
    else partnerSets.set(pairKey, new Set([o.partner]));
    if (isRanked(data, o.partner)) {
      const months = rankedMonthSets.get(pairKey);
      if (months) months.add(o.period);
      else rankedMonthSets.set(pairKey, new Set([o.period]));
    }
  }
  const partners = new Map(
    [...partnerSets].map(([key, set]) => [key, [...set].sort(byLabel)] as [string, string[]])
  );
  const changes = new Map<string, ReportedChange>();
  for (const c of data.dataset.reported_changes) {
    if (c.measure !== "quantity") continue;
    // Keys are unique in a loaded dataset (every load path refuses duplicates).
    changes.set(changeKey(c.commodity, c.reporter, c.partner, c.period, c.basis), c);
  }
  const rankedMonths = new Map(
    [...rankedMonthSets].map(([key, set]) => [key, [...set].sort()] as [string, string[]])
  );
  index = { monthRows, partners, rankedMonths, changes };
  indexes.set(data, index);
  return index;
}

/** A reported change in quantity, under its table's key. */
function changeKey(
  commodity: string,
  reporter: string,
  partner: string,
  period: string,
  basis: Basis
): string {
  return reportedChangeKey(commodity, reporter, partner, period, basis, "quantity");
}

// ---------------------------------------------------------------------------------------------------
// Shared helpers.

/** How messages name a country: its code, "World" for the reporter's total (as EXPORT does). */
function label(code: string): string {
  return code === WORLD ? "World" : code;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byLabel(a: string, b: string): number {
  return compareText(label(a), label(b));
}

function countryName(data: IndexedDataset, code: string): string {
  return data.countries.get(code)?.name ?? code;
}

function route(commodity: string, partner: string): string {
  return `${commodity} → ${label(partner)}`;
}

/**
 * The reported level of a series in a period: the month's figure, or a span's total when every month
 * is reported (in `unit`, default the first row's unit), else how many months are reported.
 */
function findLevel(
  data: IndexedDataset,
  commodity: string,
  partner: string,
  period: Period,
  unit?: Unit
): ExportFigure | { found: number } {
  const rows: ExportObservation[] = [];
  for (const month of period.months) {
    const row = data.exports.get(exportKey(commodity, REPORTER, partner, month));
    if (row) rows.push(row);
  }
  if (rows.length < period.months.length) return { found: rows.length };
  const target = unit ?? (parseUnit(rows[0].unit) as Unit);
  return {
    value: totalIn(rows, target),
    unit: unit ? unit.symbol : rows[0].unit,
    rows,
    period,
    latest: false,
  };
}

function isFigure(level: ExportFigure | { found: number }): level is ExportFigure {
  return "rows" in level;
}

/** What is reported for a series, for the end of a message. */
function reportedTail(data: IndexedDataset, commodity: string, partner: string): string {
  const months = data.exportMonths.get(seriesKey(commodity, REPORTER, partner));
  if (months) return `reported months: ${months.join(", ")}`;
  const partners = seriesIndex(data).partners.get(`${commodity}|${REPORTER}`);
  if (partners) {
    return `nothing is reported for ${route(commodity, partner)}; partners with figures: ${partners.map(label).join(", ")}`;
  }
  return `no export figures for ${commodity} from ${label(REPORTER)} in this dataset`;
}

/** A period a level is missing in, and for a span how many of its months are reported. */
interface MissingLevel {
  period: Period;
  found: number;
}

/**
 * "no figure for magnets → US in 2025-09", "no World total for magnets in 2025-Q4 (1 of 3 months
 * reported)"; several periods of one series are joined with "or in". A `tail` (what is reported)
 * goes inside the last parentheses.
 */
function missingClause(
  commodity: string,
  partner: string,
  missing: MissingLevel[],
  tail?: string
): string {
  const span = missing[0].period.kind !== "month";
  const what =
    partner === WORLD
      ? `World ${span ? "total" : "figure"} for ${commodity}`
      : `${span ? "total" : "figure"} for ${route(commodity, partner)}`;
  const periods = missing.map(({ period, found }, i) => {
    const notes = [
      ...(span ? [`${found} of ${period.months.length} months reported`] : []),
      ...(tail && i === missing.length - 1 ? [tail] : []),
    ];
    return notes.length > 0 ? `${period.label} (${notes.join("; ")})` : period.label;
  });
  return `no ${what} in ${periods.join(" or in ")}`;
}

/**
 * A period argument; "latest" is the last of `months` (the series' reported months, oldest first),
 * and #N/A naming `subject` when it has none.
 */
function parsePeriodArgument(
  value: unknown,
  months: readonly string[] | undefined,
  subject: string,
  what?: string
): Period | QueryError {
  const period = isLatest(value) ? latestMonth(months) : parsePeriod(value);
  if (period === undefined)
    return notAvailable(`No reported figures for ${subject}, so no "latest" period.`);
  if ("error" in period) return invalid(what ? `${what}: ${period.error}` : period.error);
  return period;
}

function sourceOf(data: IndexedDataset, sourceId: string) {
  return (
    data.sources.get(sourceId) ??
    notAvailable(`The source '${sourceId}' of this figure is not in the dataset's sources.`)
  );
}

/** A level's note: the month's, or for a span every month's, prefixed with the month (as SOURCE does). */
function levelNote(level: ExportFigure): string | null {
  if (level.period.kind === "month") return level.rows[0].note;
  const notes = level.rows.filter((r) => r.note).map((r) => `${r.period}: ${r.note}`);
  return notes.length > 0 ? notes.join("; ") : null;
}

function divisionByZero(message: string): QueryError {
  return new QueryError("divisionByZero", message);
}

// ---------------------------------------------------------------------------------------------------
// SERIES(commodity, partner, [start], [end], [headers], [unit])

export interface SeriesArguments {
  commodity: unknown;
  partner: unknown;
  start?: unknown;
  end?: unknown;
  headers?: unknown;
  unit?: unknown;
}

export type SeriesHeaders = 0 | 1 | 2;

/** The reported months of a SERIES, oldest first, with the rows they come from. */
export interface SeriesFigure {
  commodity: string;
  reporter: string;
  partner: string;
  headers: SeriesHeaders;
  /** The unit of `values`: the requested unit's symbol, or the first row's reported unit. */
  unit: string;
  /** The source rows, one per reported month in range, oldest first. */
  rows: ExportObservation[];
  /** Each row's quantity in `unit` (#NUM! where it cannot be expressed there). */
  values: (number | QueryError)[];
}

function parseHeaders(value: unknown): SeriesHeaders | QueryError {
  if (isMissing(value)) return 1;
  const n = typeof value === "string" && /^\s*[012]\s*$/.test(value) ? Number(value) : value;
  if (n === 0 || n === 1 || n === 2) return n;
  return invalid(
    `Cannot read ${describe(value)} as headers; use 0 (no headers), 1 (a header row) or 2 (an identifier row and a header row).`
  );
}

/** SERIES with the rows behind it. */
export function findSeries(data: IndexedDataset, args: SeriesArguments): SeriesFigure | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const partner = resolveCountry(data, args.partner, "partner");
  if (isQueryError(partner)) return partner;
  const reported = data.exportMonths.get(seriesKey(commodity, REPORTER, partner));
  const subject = route(commodity, partner);
  const start = isMissing(args.start)
    ? undefined
    : parsePeriodArgument(args.start, reported, subject, "start");
  if (isQueryError(start)) return start;
  const end = isMissing(args.end)
    ? undefined
    : parsePeriodArgument(args.end, reported, subject, "end");
  if (isQueryError(end)) return end;
  const headers = parseHeaders(args.headers);
  if (isQueryError(headers)) return headers;
  const requestedUnit = resolveUnit(args.unit);
  if (isQueryError(requestedUnit)) return requestedUnit;

  // A span as start means its first month; as end, its last month.
  const from = start?.months[0];
  const to = end?.months[end.months.length - 1];
  if (from !== undefined && to !== undefined && from > to)
    return invalid(`The start (${from}) is after the end (${to}).`);

  const months = data.exportMonths.get(seriesKey(commodity, REPORTER, partner));
  if (!months) {
    const partners = seriesIndex(data).partners.get(`${commodity}|${REPORTER}`);
    return notAvailable(
      partners
        ? `No reported figures for ${route(commodity, partner)}; partners with figures: ${partners.map(label).join(", ")}.`
        : `No export figures for ${commodity} from ${label(REPORTER)} in this dataset.`
    );
  }
  const rows: ExportObservation[] = [];
  for (const month of months) {
    if ((from === undefined || month >= from) && (to === undefined || month <= to))
      rows.push(
        data.exports.get(exportKey(commodity, REPORTER, partner, month)) as ExportObservation
      );
  }
  if (rows.length === 0) {
    const range = [from && `from ${from}`, to && `to ${to}`].filter(Boolean).join(" ");
    return notAvailable(
      `No reported figures for ${route(commodity, partner)} ${range}; reported months: ${months.join(", ")}.`
    );
  }
  // One column, one unit: rows reported in another unit are converted into the first row's.
  const unit = requestedUnit ?? (parseUnit(rows[0].unit) as Unit);
  const values = rows.map((r) => quantityIn(r, unit));
  const unitText = requestedUnit ? unit.symbol : rows[0].unit;
  return { commodity, reporter: REPORTER, partner, headers, unit: unitText, rows, values };
}

/**
 * SERIES's spilled table. Periods are TEXT `YYYY-MM`, everywhere (a product decision): the label
 * the data, the messages and every other formula's period argument use, exact for a month and
 * readable as typed; a column of them is accepted back as the `period` argument of EXPORT & co.
 */
export function seriesTable(data: IndexedDataset, args: SeriesArguments): CellMatrix | QueryError {
  const figure = findSeries(data, args);
  if (isQueryError(figure)) return figure;
  const table: CellMatrix = [];
  if (figure.headers === 2) {
    table.push([
      `${figure.commodity}: ${countryName(data, figure.reporter)} → ${countryName(data, figure.partner)}`,
      figure.unit,
    ]);
  }
  if (figure.headers >= 1) table.push(["Period", `Quantity (${figure.unit})`]);
  figure.rows.forEach((row, i) => table.push([row.period, figure.values[i]]));
  return table;
}

// ---------------------------------------------------------------------------------------------------
// CHANGE(commodity, partner, period, [basis], [field])

export type Basis = "mom" | "yoy";

const BASES = new Map<string, Basis>([
  ["mom", "mom"],
  ["month on month", "mom"],
  ["m/m", "mom"],
  ["yoy", "yoy"],
  ["year on year", "yoy"],
  ["y/y", "yoy"],
]);

export function parseBasis(value: unknown): Basis | QueryError {
  if (isMissing(value)) return "mom";
  const hint = "use mom (month on month) or yoy (year on year)";
  if (typeof value !== "string")
    return invalid(`Cannot read ${describe(value)} as a basis; ${hint}.`);
  const basis = BASES.get(
    value
      .trim()
      .toLowerCase()
      .replace(/[\s_-]+/g, " ")
  );
  return basis ?? invalid(`Unknown basis ${quoted(value)}; ${hint}.`);
}

/**
 * The period a change is measured from. Year on year: the same period a year earlier. "mom" on a
 * span means period on period: the preceding quarter, half or year.
 */
export function previousPeriod(period: Period, basis: Basis): Period | undefined {
  const year = period.year;
  let text: string;
  if (basis === "yoy") text = period.label.replace(/^\d{4}/, String(year - 1));
  else if (period.kind === "year") text = String(year - 1);
  else if (period.kind === "month") {
    const month = Number(period.label.slice(5));
    text = month === 1 ? monthLabel(year - 1, 12) : monthLabel(year, month - 1);
  } else {
    const letter = period.kind === "quarter" ? "Q" : "H";
    const n = Number(period.label.slice(6));
    const last = period.kind === "quarter" ? 4 : 2;
    text = n === 1 ? `${year - 1}-${letter}${last}` : `${year}-${letter}${n - 1}`;
  }
  const previous = parsePeriod(text);
  // Before the first year a period can have: nothing can be reported there.
  return "error" in previous ? undefined : previous;
}

function basisName(period: Period, basis: Basis): string {
  if (basis === "yoy") return "year-on-year";
  return {
    month: "month-on-month",
    quarter: "quarter-on-quarter",
    half: "half-on-half",
    year: "year-on-year",
  }[period.kind];
}

export interface ChangeArguments {
  commodity: unknown;
  partner: unknown;
  period: unknown;
  basis?: unknown;
  field?: unknown;
}

/** A change computed from two reported levels (current / previous − 1). */
export interface ComputedChange {
  kind: "computed";
  value: number;
  basis: Basis;
  current: ExportFigure;
  /** In the current level's unit. */
  previous: ExportFigure;
}

/** A change as the source reported it (percent / 100). */
export interface ReportedChangeFigure {
  kind: "reported";
  value: number;
  basis: Basis;
  period: Period;
  row: ReportedChange;
}

export type ChangeFigure = ComputedChange | ReportedChangeFigure;

type ChangeQuery = {
  commodity: string;
  partner: string;
  period: Period;
  basis: Basis;
  /** The period "latest" resolved to, when it was asked for. */
  latest?: string;
};

function changeQuery(data: IndexedDataset, args: ChangeArguments): ChangeQuery | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const partner = resolveCountry(data, args.partner, "partner");
  if (isQueryError(partner)) return partner;
  const reported = data.exportMonths.get(seriesKey(commodity, REPORTER, partner));
  const period = parsePeriodArgument(args.period, reported, route(commodity, partner));
  if (isQueryError(period)) return period;
  const basis = parseBasis(args.basis);
  if (isQueryError(basis)) return basis;
  const latest = isLatest(args.period) ? period.label : undefined;
  return { commodity, partner, period, basis, latest };
}

function computeChange(data: IndexedDataset, q: ChangeQuery): ChangeFigure | QueryError {
  const { commodity, partner, period, basis } = q;
  const current = findLevel(data, commodity, partner, period);
  const before = previousPeriod(period, basis);
  const previous =
    before && isFigure(current)
      ? findLevel(data, commodity, partner, before, parseUnit(current.unit))
      : before && findLevel(data, commodity, partner, before);
  const name = basisName(period, basis);
  if (isFigure(current) && previous && isFigure(previous)) {
    if (isQueryError(current.value)) return current.value;
    if (isQueryError(previous.value)) return previous.value;
    if (previous.value === 0) {
      return divisionByZero(
        `The ${name} change for ${route(commodity, partner)} in ${period.label} is undefined: it went from a reported 0 ${current.unit} in ${previous.period.label} to ${current.value} ${current.unit} in ${period.label}.`
      );
    }
    const value = finiteOr(
      current.value / previous.value - 1,
      `The ${name} change for ${route(commodity, partner)} in ${period.label}`
    );
    if (isQueryError(value)) return value;
    return {
      kind: "computed",
      value,
      basis,
      current,
      previous,
    };
  }
  const row = seriesIndex(data).changes.get(
    changeKey(commodity, REPORTER, partner, period.label, basis)
  );
  if (row) return { kind: "reported", value: row.percent / 100, basis, period, row };

  const missing: MissingLevel[] = [];
  if (!isFigure(current)) missing.push({ period, found: current.found });
  if (before && previous && !isFigure(previous))
    missing.push({ period: before, found: previous.found });
  const clauses = missing.length > 0 ? [missingClause(commodity, partner, missing)] : [];
  if (!before) clauses.push(`no period before ${period.label}`);
  return notAvailable(
    `No ${name} change for ${route(commodity, partner)} in ${period.label}: ${clauses.join(", ")}, and no reported change; ${reportedTail(data, commodity, partner)}.`
  );
}

/** CHANGE with the levels or the reported-change row behind it. */
export function findChange(data: IndexedDataset, args: ChangeArguments): ChangeFigure | QueryError {
  const q = changeQuery(data, args);
  return isQueryError(q) ? q : computeChange(data, q);
}

/**
 * Where a change comes from. Computed: the current level's source (for a span, its last month's),
 * its note(s), and the two levels in the qualifier. Reported: the reported-change row's source and note.
 */
export function changeCitation(data: IndexedDataset, figure: ChangeFigure): Citation | QueryError {
  if (figure.kind === "computed") {
    const { current, previous } = figure;
    const source = sourceOf(data, current.rows[current.rows.length - 1].source_id);
    if (isQueryError(source)) return source;
    return {
      source,
      note: levelNote(current),
      qualifier: `computed from reported levels: ${previous.value} (${previous.period.label}) → ${current.value} (${current.period.label})`,
    };
  }
  const source = sourceOf(data, figure.row.source_id);
  if (isQueryError(source)) return source;
  return {
    source,
    note: figure.row.note,
    qualifier: `reported change, not computed${figure.row.approximate ? "; approximate" : ""}`,
  };
}

const FIELDS = ["value", ...CITATION_FIELDS].join(", ");

/** Reads a `field` argument where empty or "value" means the figure itself. */
function parseValueOrCitationField(value: unknown): "value" | CitationField | QueryError {
  if (isMissing(value)) return "value";
  if (typeof value !== "string")
    return invalid(`Cannot read ${describe(value)} as a field; use one of ${FIELDS}.`);
  if (value.trim().toLowerCase() === "value") return "value";
  const field = parseCitationField(value);
  return isQueryError(field)
    ? invalid(`Unknown field ${quoted(value)}; use one of ${FIELDS}.`)
    : field;
}

/**
 * CHANGE as a value with its citation (the shape SOURCE-style helpers take: `{ value, citation }`),
 * or why there is none.
 */
export function citedChange(
  data: IndexedDataset,
  args: ChangeArguments
): { value: number; citation: Citation | QueryError; figure: ChangeFigure } | QueryError {
  const q = changeQuery(data, args);
  if (isQueryError(q)) return q;
  const figure = computeChange(data, q);
  if (isQueryError(figure)) return figure;
  const citation = withLatestNote(changeCitation(data, figure), q.latest);
  return { value: figure.value, citation, figure };
}

/** CHANGE's cell: the change as a fraction, or a field of its citation. */
export function changeValue(
  data: IndexedDataset,
  args: ChangeArguments
): number | string | QueryError {
  const q = changeQuery(data, args);
  if (isQueryError(q)) return q;
  const field = parseValueOrCitationField(args.field);
  if (isQueryError(field)) return field;
  const figure = computeChange(data, q);
  if (isQueryError(figure)) return figure;
  if (field === "value") return figure.value;
  const citation = withLatestNote(changeCitation(data, figure), q.latest);
  return isQueryError(citation) ? citation : citationField(citation, field);
}

// ---------------------------------------------------------------------------------------------------
// SHARE(commodity, partner, period)

export interface ShareArguments {
  commodity: unknown;
  partner: unknown;
  period: unknown;
}

export interface ShareFigure {
  value: number;
  /** The partner's level. */
  partner: ExportFigure;
  /** The reporter's WORLD total, in the partner level's unit. */
  world: ExportFigure;
}

/** SHARE with the two levels behind it. */
export function findShare(data: IndexedDataset, args: ShareArguments): ShareFigure | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const partner = resolveCountry(data, args.partner, "partner");
  if (isQueryError(partner)) return partner;
  const reported = data.exportMonths.get(seriesKey(commodity, REPORTER, partner));
  const period = parsePeriodArgument(args.period, reported, route(commodity, partner));
  if (isQueryError(period)) return period;

  const level = findLevel(data, commodity, partner, period);
  const world = isFigure(level)
    ? findLevel(data, commodity, WORLD, period, parseUnit(level.unit))
    : findLevel(data, commodity, WORLD, period);
  if (!isFigure(level) || !isFigure(world)) {
    const levels = partner === WORLD ? [level] : [level, world];
    const clauses = levels.flatMap((found, i) => {
      if (isFigure(found)) return [];
      const code = i === 0 ? partner : WORLD;
      const tail = reportedTail(data, commodity, code);
      return [missingClause(commodity, code, [{ period, found: found.found }], tail)];
    });
    return notAvailable(
      `No share for ${route(commodity, partner)} in ${period.label}: ${clauses.join("; ")}.`
    );
  }
  if (isQueryError(level.value)) return level.value;
  if (isQueryError(world.value)) return world.value;
  if (world.value === 0) {
    return divisionByZero(
      `The share for ${route(commodity, partner)} in ${period.label} is undefined: the reported World total is 0.`
    );
  }
  const value = finiteOr(
    level.value / world.value,
    `The share for ${route(commodity, partner)} in ${period.label}`
  );
  return isQueryError(value) ? value : { value, partner: level, world };
}

export function shareValue(data: IndexedDataset, args: ShareArguments): number | QueryError {
  const figure = findShare(data, args);
  return isQueryError(figure) ? figure : figure.value;
}

// ---------------------------------------------------------------------------------------------------
// TOP(commodity, period, [n])

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
  rows: ExportObservation[];
  /** quantity / World total, or why there is none (#N/A no World total, #DIV/0! a World total of 0). */
  share: number | QueryError;
}

export interface TopFigure {
  commodity: string;
  period: Period;
  unit: string;
  /** The reporter's World total in `unit`, or why there is none. */
  world: ExportFigure | QueryError;
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

/** TOP with every entry's rows and the World total behind the shares. */
export function findTop(data: IndexedDataset, args: TopArguments): TopFigure | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  // "latest" for a ranking: the commodity's last month with a figure for any partner country.
  const ranked = seriesIndex(data).rankedMonths.get(`${commodity}|${REPORTER}`);
  const period = parsePeriodArgument(args.period, ranked, `${commodity} by partner`);
  if (isQueryError(period)) return period;
  const n = parseCount(args.n);
  if (isQueryError(n)) return n;

  const index = seriesIndex(data);
  const byPartner = new Map<string, ExportObservation[]>();
  for (const month of period.months) {
    for (const row of index.monthRows.get(`${commodity}|${REPORTER}|${month}`) ?? []) {
      if (!isRanked(data, row.partner)) continue;
      const rows = byPartner.get(row.partner);
      if (rows) rows.push(row);
      else byPartner.set(row.partner, [row]);
    }
  }
  const complete = [...byPartner].filter(([, rows]) => rows.length === period.months.length);
  if (complete.length === 0) return noRanking(data, commodity, period, byPartner);

  // One column, one unit: the first row's (a commodity's figures normally share one unit).
  const unitText = complete[0][1][0].unit;
  const unit = parseUnit(unitText) as Unit;
  const worldLevel = findLevel(data, commodity, WORLD, period, unit);
  const world = isFigure(worldLevel)
    ? worldLevel
    : notAvailable(
        `No share of the total: ${missingClause(commodity, WORLD, [{ period, found: worldLevel.found }], reportedTail(data, commodity, WORLD))}.`
      );
  const zeroTotal = divisionByZero(
    `No share of the total: the reported World total for ${commodity} in ${period.label} is 0.`
  );
  const total = isQueryError(world) ? world : world.value;
  const entries = complete.map(([partner, rows]): TopEntry => {
    const quantity = totalIn(rows, unit);
    const share = isQueryError(quantity)
      ? quantity
      : isQueryError(total)
        ? total
        : total === 0
          ? zeroTotal
          : finiteOr(quantity / total, `The share of ${label(partner)} in ${period.label}`);
    return { partner, name: countryName(data, partner), quantity, rows, share };
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

function noRanking(
  data: IndexedDataset,
  commodity: string,
  period: Period,
  partial: Map<string, ExportObservation[]>
): QueryError {
  const index = seriesIndex(data);
  const pair = `${commodity}|${REPORTER}`;
  if (!index.partners.has(pair))
    return notAvailable(
      `No export figures for ${commodity} from ${label(REPORTER)} in this dataset.`
    );
  const months = index.rankedMonths.get(pair);
  const reported = months
    ? `months with partner figures: ${months.join(", ")}`
    : `only World totals are reported for ${commodity}`;
  if (partial.size > 0) {
    const counts = [...partial]
      .sort(([a], [b]) => byLabel(a, b))
      .map(([p, rows]) => `${label(p)} ${rows.length} of ${period.months.length}`);
    return notAvailable(
      `No partner has every month of ${period.label} reported for ${commodity} (${counts.join(", ")}); ${reported}.`
    );
  }
  return notAvailable(`No partner figures for ${commodity} in ${period.label}; ${reported}.`);
}

/** TOP's spilled table: a header row, then partner name, quantity and share of the World total. */
export function topTable(data: IndexedDataset, args: TopArguments): CellMatrix | QueryError {
  const figure = findTop(data, args);
  if (isQueryError(figure)) return figure;
  const table: CellMatrix = [["Partner", `Quantity (${figure.unit})`, "Share of total"]];
  for (const e of figure.entries) table.push([e.name, e.quantity, e.share]);
  return table;
}
