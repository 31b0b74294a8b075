import { isMissing, resolveCommodity, resolveCountry, parsePeriodArgument } from "./arguments";
import { Citation, citationField } from "./citation";
import { ReportedChange } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { reportedChangeKey } from "../dataset/keys";
import {
  exportQuantities,
  findLevel,
  isLevel,
  Level,
  levelNote,
  MissingLevel,
  missingClause,
  reportedPeriods,
  reportedTail,
  route,
  SeriesRef,
} from "./levels";
import { describe, isLatest, monthLabel, parsePeriod, Period, quoted } from "./period";
import { finiteOr } from "./quantity";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { parseFigureField, sourceOf, withLatestNote } from "./source";
import { parseUnit } from "./units";

/**
 * CHANGE(commodity, partner, period, [basis], [field]): the change between two reported levels (the
 * trade-level engine's, levels.ts), otherwise the change the source reported, otherwise #N/A naming
 * the missing figure.
 */

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
  current: Level;
  /** In the current level's unit. */
  previous: Level;
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
  ref: SeriesRef;
  period: Period;
  basis: Basis;
  /** The period "latest" resolved to, when it was asked for. */
  latest?: string;
};

/** The reported changes in quantity by their table's key, per dataset. */
const reportedChanges = new WeakMap<IndexedDataset, Map<string, ReportedChange>>();

function reportedChange(data: IndexedDataset, q: ChangeQuery): ReportedChange | undefined {
  let changes = reportedChanges.get(data);
  if (!changes) {
    changes = new Map();
    for (const c of data.dataset.reported_changes) {
      if (c.measure !== "quantity") continue;
      // Keys are unique in a loaded dataset (every load path refuses duplicates).
      changes.set(
        reportedChangeKey(c.commodity, c.reporter, c.partner, c.period, c.basis, "quantity"),
        c
      );
    }
    reportedChanges.set(data, changes);
  }
  const { ref } = q;
  return changes.get(
    reportedChangeKey(ref.commodity, ref.reporter, ref.partner, q.period.label, q.basis, "quantity")
  );
}

function changeQuery(data: IndexedDataset, args: ChangeArguments): ChangeQuery | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const partner = resolveCountry(data, args.partner, "partner");
  if (isQueryError(partner)) return partner;
  const ref = exportQuantities(commodity, partner);
  const period = parsePeriodArgument(args.period, {
    months: reportedPeriods(data, ref),
    subject: route(ref),
  });
  if (isQueryError(period)) return period;
  const basis = parseBasis(args.basis);
  if (isQueryError(basis)) return basis;
  const latest = isLatest(args.period) ? period.label : undefined;
  return { ref, period, basis, latest };
}

function divisionByZero(message: string): QueryError {
  return new QueryError("divisionByZero", message);
}

function computeChange(data: IndexedDataset, q: ChangeQuery): ChangeFigure | QueryError {
  const { ref, period, basis } = q;
  const current = findLevel(data, ref, period);
  const before = previousPeriod(period, basis);
  const previous =
    before && isLevel(current)
      ? findLevel(data, ref, before, parseUnit(current.unit))
      : before && findLevel(data, ref, before);
  const name = basisName(period, basis);
  if (isLevel(current) && previous && isLevel(previous)) {
    if (isQueryError(current.value)) return current.value;
    if (isQueryError(previous.value)) return previous.value;
    if (previous.value === 0) {
      return divisionByZero(
        `The ${name} change for ${route(ref)} in ${period.label} is undefined: it went from a reported 0 ${current.unit} in ${previous.period.label} to ${current.value} ${current.unit} in ${period.label}.`
      );
    }
    const value = finiteOr(
      current.value / previous.value - 1,
      `The ${name} change for ${route(ref)} in ${period.label}`
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
  const row = reportedChange(data, q);
  if (row) return { kind: "reported", value: row.percent / 100, basis, period, row };

  const missing: MissingLevel[] = [];
  if (!isLevel(current)) missing.push({ period, found: current.found });
  if (before && previous && !isLevel(previous))
    missing.push({ period: before, found: previous.found });
  const clauses = missing.length > 0 ? [missingClause(ref, missing)] : [];
  if (!before) clauses.push(`no period before ${period.label}`);
  return notAvailable(
    `No ${name} change for ${route(ref)} in ${period.label}: ${clauses.join(", ")}, and no reported change; ${reportedTail(data, ref)}.`
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
  const field = parseFigureField(args.field);
  if (isQueryError(field)) return field;
  const figure = computeChange(data, q);
  if (isQueryError(figure)) return figure;
  if (field === "value") return figure.value;
  const citation = withLatestNote(changeCitation(data, figure), q.latest);
  return isQueryError(citation) ? citation : citationField(citation, field);
}
