import { BoundedCache } from "./bounded-cache";

/**
 * Periods as analysts type them: `2025-11`, `Nov 2025`, `November 2025`, `2025-11-20`, an Excel
 * date serial from a date cell, `2025`, `2025-Q2`, `Q2 2025`, `2025-H1`. A period is the list of
 * calendar months it covers; a day or a date serial means its month.
 */
export interface Period {
  kind: "month" | "quarter" | "half" | "year";
  /** Canonical label: `2025-11`, `2025-Q2`, `2025-H1`, `2025`. */
  label: string;
  year: number;
  /** Months covered, `YYYY-MM`, in order. */
  months: string[];
}

export type PeriodResult = Period | { error: string };

/** A Map: an object literal would also read "constructor 2025" as a month. */
const MONTH_NAMES = new Map<string, number>([
  ["jan", 1],
  ["january", 1],
  ["feb", 2],
  ["february", 2],
  ["mar", 3],
  ["march", 3],
  ["apr", 4],
  ["april", 4],
  ["may", 5],
  ["jun", 6],
  ["june", 6],
  ["jul", 7],
  ["july", 7],
  ["aug", 8],
  ["august", 8],
  ["sep", 9],
  ["sept", 9],
  ["september", 9],
  ["oct", 10],
  ["october", 10],
  ["nov", 11],
  ["november", 11],
  ["dec", 12],
  ["december", 12],
]);

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;
/** Excel's largest date serial (9999-12-31). */
const MAX_SERIAL = 2958465;

export function monthLabel(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, "0")}`;
}

function span(
  kind: Period["kind"],
  label: string,
  year: number,
  first: number,
  count: number
): Period {
  const months: string[] = [];
  for (let m = first; m < first + count; m++) months.push(monthLabel(year, m));
  return { kind, label, year, months };
}

export function monthPeriod(year: number, month: number): Period {
  return span("month", monthLabel(year, month), year, month, 1);
}

export function yearPeriod(year: number): Period {
  return span("year", String(year), year, 1, 12);
}

function quarterPeriod(year: number, quarter: number): Period {
  return span("quarter", `${year}-Q${quarter}`, year, quarter * 3 - 2, 3);
}

function halfPeriod(year: number, half: number): Period {
  return span("half", `${year}-H${half}`, year, half * 6 - 5, 6);
}

/** The calendar date of an Excel (1900 date system) serial number, as [year, month, day]. */
export function excelSerialToDate(serial: number): [number, number, number] {
  const whole = Math.floor(serial);
  // Excel counts the non-existent 1900-02-29 as serial 60, so serials from 61 on are one day ahead.
  const days = whole >= 61 ? whole - 1 : whole;
  const date = new Date(Date.UTC(1899, 11, 31) + days * 86_400_000);
  return [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
}

function inYearRange(year: number): boolean {
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Whether text is a date as precise as known (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) that exists on the calendar. */
export function isDateText(text: string): boolean {
  const m = text.match(/^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d{2}))?)?$/);
  if (!m) return false;
  return m[3] === undefined || validDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

function validDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

const HINT = "use a form such as 2025-11, Nov 2025, 2025-Q2, 2025-H1, 2025 or a date";

/**
 * `"latest"` as a period argument: the most recent period the series asked about reports. Each
 * query resolves it against its own series (a formula moves forward when a refresh adds a period).
 */
export function isLatest(value: unknown): value is string {
  return typeof value === "string" && value.trim().toLowerCase() === "latest";
}

/** What a citation's qualifier says when "latest" chose the period. */
export function latestNote(label: string): string {
  return `"latest" = ${label}`;
}

/** Periods already read, by the text or number typed; shared, hence frozen. */
export const readPeriods = new BoundedCache<string | number, PeriodResult>(
  { entries: 10_000, bytes: 2_000_000 },
  (result) => ("error" in result ? result.error.length * 2 : result.months.length * 32)
);

/** Reads a period from a cell value: text, a year number or a date serial. */
export function parsePeriod(input: unknown): PeriodResult {
  if (typeof input !== "string" && typeof input !== "number") return readPeriod(input);
  return readPeriods.get(input, () => {
    const result = readPeriod(input);
    if ("months" in result) Object.freeze(result.months);
    return Object.freeze(result);
  });
}

function readPeriod(input: unknown): PeriodResult {
  if (typeof input === "number") return periodFromNumber(input);
  // An empty cell may arrive as null or as "": both mean no period was given.
  if (input === null || input === undefined || (typeof input === "string" && input.trim() === "")) {
    return { error: `A period is required; ${HINT}.` };
  }
  if (typeof input === "string") return periodFromText(input);
  return { error: `Cannot read ${describe(input)} as a period; ${HINT}.` };
}

function periodFromNumber(value: number): PeriodResult {
  if (!Number.isFinite(value)) return { error: `Cannot read ${value} as a period; ${HINT}.` };
  if (Number.isInteger(value) && inYearRange(value)) return yearPeriod(value);
  // Serials below 10000 (before 1927) are far more likely a mistyped year than a date.
  if (value >= 10000 && value <= MAX_SERIAL) {
    const [year, month] = excelSerialToDate(value);
    if (inYearRange(year)) return monthPeriod(year, month);
  }
  return {
    error: `Cannot read the number ${value} as a period: not a year (${MIN_YEAR}–${MAX_YEAR}) or a date; ${HINT}.`,
  };
}

function periodFromText(raw: string): PeriodResult {
  const text = raw.trim().replace(/\s+/g, " ");
  const result = matchText(text);
  if (result === undefined) {
    return { error: `Cannot read ${quoted(raw)} as a period; ${HINT}.` };
  }
  if ("error" in result) return result;
  if (!inYearRange(result.year)) {
    return { error: `The year in ${quoted(raw)} is outside ${MIN_YEAR}–${MAX_YEAR}.` };
  }
  return result;
}

function matchText(text: string): PeriodResult | undefined {
  let m: RegExpMatchArray | null;
  if ((m = text.match(/^(\d{4})$/))) return yearPeriod(Number(m[1]));
  if ((m = text.match(/^(\d{4})\s?[-/.M]\s?(\d{1,2})$/i)))
    return monthOrError(text, Number(m[1]), Number(m[2]));
  if ((m = text.match(/^(\d{1,2})\s?[-/.]\s?(\d{4})$/)))
    return monthOrError(text, Number(m[2]), Number(m[1]));
  if ((m = text.match(/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/i))) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validDay(year, month, day)) return { error: `'${text}' is not a calendar date.` };
    return monthPeriod(year, month);
  }
  if (
    (m =
      text.match(/^(\d{4})\s?-?\s?([QH])([1-4])$/i) ??
      text.match(/^([QH])([1-4])\s?-?\s?(\d{4})$/i))
  ) {
    const [year, letter, n] = /^\d/.test(m[1]) ? [m[1], m[2], m[3]] : [m[3], m[1], m[2]];
    if (letter.toUpperCase() === "Q") return quarterPeriod(Number(year), Number(n));
    if (Number(n) > 2) return { error: `'${text}' has no half ${n}; use H1 or H2.` };
    return halfPeriod(Number(year), Number(n));
  }
  if ((m = text.match(/^([A-Za-z]+)\.?[ ,/-]*(\d{4})$/))) {
    const month = MONTH_NAMES.get(m[1].toLowerCase());
    if (month === undefined) return undefined;
    return monthPeriod(Number(m[2]), month);
  }
  if ((m = text.match(/^(\d{4})[ ,/-]*([A-Za-z]+)\.?$/))) {
    const month = MONTH_NAMES.get(m[2].toLowerCase());
    if (month === undefined) return undefined;
    return monthPeriod(Number(m[1]), month);
  }
  return undefined;
}

function monthOrError(text: string, year: number, month: number): PeriodResult {
  if (month < 1 || month > 12)
    return { error: `'${text}' has no month ${month}; months run 1–12.` };
  return monthPeriod(year, month);
}

/** An argument quoted for a message; a very long one is shortened so the message stays readable. */
export function quoted(text: string): string {
  const trimmed = text.trim();
  return `'${trimmed.length > 80 ? `${trimmed.slice(0, 77)}…` : trimmed}'`;
}

/** A short description of an unexpected argument, for messages. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return "a range";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return quoted(value);
  if (typeof value === "number") return String(value);
  if (value === null || value === undefined) return "an empty value";
  return "this value";
}

/** Where a period of any precision ends, as sortable text: 2025-09 before 2025 before 2026-01. */
function endKey(period: string): string {
  if (/^\d{4}$/.test(period)) return `${period}-12-99`;
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-99`;
  return period;
}

/** Orders periods of mixed precision (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) by when they end. */
export function byPeriodEnd(a: string, b: string): number {
  const [x, y] = [endKey(a), endKey(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}
