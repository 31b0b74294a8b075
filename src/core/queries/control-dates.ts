import { isMissing } from "./arguments";
import { ControlEvent } from "../dataset/dataset";
import { describe, excelSerialToDate, isDateText, isLatest, parsePeriod, quoted } from "./period";
import { invalid, QueryError } from "./query-error";

/**
 * The days export-control formulas read and write: the date CONTROLS is asked about, and an
 * event's date as precise as the data knows it (a day, or a month).
 */

/** The date CONTROLS is asked about: omitted means today; a month, quarter or year means its first day. */
const DATE_HINT =
  "use a date such as 2026-11-22 or a date cell; a month such as 2026-11 means its first day";

/** Excel's largest date serial (9999-12-31). */
const MAX_SERIAL = 2958465;

// ---------------------------------------------------------------------------------------------
// Days as `YYYY-MM-DD` text: they compare correctly as strings.

function dayText(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The first day a date as precise as known (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) covers. */
export function firstDay(text: string): string {
  if (text.length === 4) return `${text}-01-01`;
  if (text.length === 7) return `${text}-01`;
  return text;
}

/** The last day a date as precise as known covers. */
export function lastDay(text: string): string {
  if (text.length === 4) return `${text}-12-31`;
  if (text.length === 7) {
    const [year, month] = text.split("-").map(Number);
    return dayText(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
  }
  return text;
}

export function nextDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  const next = new Date(Date.UTC(year, month - 1, date + 1));
  return dayText(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** The local calendar day of a Date (Excel's TODAY() is the user's local date). */
export function localDay(date: Date): string {
  return dayText(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** An event's date as the text shows it: the day, or the month when only the month is known. */
export function eventDateText(event: ControlEvent): string {
  if (event.date_precision === "month") return `${event.date.slice(0, 7)} (month)`;
  return dateText(event.date);
}

export function dateText(text: string): string {
  if (text.length === 7) return `${text} (month)`;
  if (text.length === 4) return `${text} (year)`;
  return text;
}

/** An event's date for a table cell: `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
export function eventDateCell(event: ControlEvent): string {
  return event.date_precision === "month" ? event.date.slice(0, 7) : event.date;
}

/** Reads `today` as the wrapper passes it: a Date (its local day) or `YYYY-MM-DD`. */
function parseToday(today: Date | string): string | QueryError {
  if (today instanceof Date) {
    if (Number.isNaN(today.getTime())) return invalid("Today's date is not a valid date.");
    return localDay(today);
  }
  if (typeof today === "string" && /^\d{4}-\d{2}-\d{2}$/.test(today) && isDateText(today))
    return today;
  return invalid(`Cannot read ${describe(today)} as today's date.`);
}

/**
 * The day a status is asked for: omitted means today; "latest" the dataset's as-of date (the last
 * day it reports on); an Excel date serial or `YYYY-MM-DD` text means that day; any period EXPORT
 * reads (`2026-11`, `Nov 2026`, `2026-Q4`, `2026`) means its first day.
 */
export function parseStatusDate(
  value: unknown,
  today: Date | string,
  asOf?: string
): string | QueryError {
  if (isLatest(value) && asOf !== undefined) return asOf;
  if (isMissing(value)) return parseToday(today);
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      return invalid(`Cannot read ${String(value)} as a date; ${DATE_HINT}.`);
    if (Number.isInteger(value) && value >= 1900 && value <= 2200) return `${value}-01-01`;
    if (value >= 10000 && value <= MAX_SERIAL) {
      const [year, month, day] = excelSerialToDate(value);
      return dayText(year, month, day);
    }
    return invalid(`Cannot read the number ${value} as a date; ${DATE_HINT}.`);
  }
  if (typeof value !== "string")
    return invalid(`Cannot read ${describe(value)} as a date; ${DATE_HINT}.`);
  const text = value.trim();
  const day = text.match(/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+Z?)?$/i);
  if (day) {
    const candidate = dayText(Number(day[1]), Number(day[2]), Number(day[3]));
    if (!isDateText(candidate)) return invalid(`${quoted(text)} is not a calendar date.`);
    return candidate;
  }
  const period = parsePeriod(text);
  if ("error" in period) {
    // Keep a specific reason ("has no month 13"); replace the generic one with date wording.
    return invalid(
      period.error.startsWith("Cannot read")
        ? `Cannot read ${quoted(text)} as a date; ${DATE_HINT}.`
        : period.error
    );
  }
  return `${period.months[0]}-01`;
}
