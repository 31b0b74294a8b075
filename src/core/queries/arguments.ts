import { IndexedDataset } from "../dataset/indexed";
import { NameIndex } from "./names";
import { describe, excelSerialToDate, isLatest, parsePeriod, Period, quoted } from "./period";
import { invalid, notAvailable, QueryError } from "./query-error";
import { parseUnit, Unit, UNIT_SYMBOLS } from "./units";

/** An argument Excel left empty: omitted, or a reference to an empty cell. */
export function isMissing(value: unknown): value is null | undefined | "" {
  return (
    value === null || value === undefined || (typeof value === "string" && value.trim() === "")
  );
}

/** Names may arrive as numbers (an HS code typed without quotes: 8505.11). */
function nameText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function resolveName(index: NameIndex, value: unknown, what: string): string | QueryError {
  if (isMissing(value)) return invalid(`A ${what} is required.`);
  const text = nameText(value);
  if (text === undefined) return invalid(`Cannot read ${describe(value)} as a ${what}.`);
  const id = index.resolve(text);
  if (id !== undefined) return id;
  const meanings = index.ambiguity(text);
  if (meanings)
    return invalid(`${quoted(text)} is ambiguous: it could be ${meanings.join(" or ")}.`);
  const suggestion = index.suggest(text);
  return invalid(
    `Unknown ${what} ${quoted(text)}.${suggestion ? ` Did you mean '${suggestion}'?` : ""}`
  );
}

export function resolveCommodity(data: IndexedDataset, value: unknown): string | QueryError {
  return resolveName(data.commodityNames, value, "commodity");
}

/** A country's name as the dataset spells it; its code when the dataset does not list it. */
export function countryName(data: IndexedDataset, code: string): string {
  return data.countries.get(code)?.name ?? code;
}

export function resolveCountry(
  data: IndexedDataset,
  value: unknown,
  what = "country"
): string | QueryError {
  return resolveName(data.countryNames, value, what);
}

/** The requested unit, or undefined for "the unit the source reported". */
export function resolveUnit(value: unknown): Unit | undefined | QueryError {
  if (isMissing(value)) return undefined;
  if (typeof value !== "string")
    return invalid(
      `Cannot read ${describe(value)} as a unit; use one of ${UNIT_SYMBOLS.join(", ")}.`
    );
  const unit = parseUnit(value);
  if (unit) return unit;
  if (value.trim() === "Mt") {
    return invalid(`'Mt' is ambiguous (metric tons or megatonnes); use 't' or 'million tonnes'.`);
  }
  return invalid(`Unknown unit ${quoted(value)}; use one of ${UNIT_SYMBOLS.join(", ")}.`);
}

/** A year as typed (2026, "2026") or from a date cell (its year). */
export function parseYear(value: unknown): number | QueryError {
  if (isMissing(value)) return invalid("A year is required, such as 2026.");
  if (typeof value === "string" && /^\s*\d{4}\s*$/.test(value)) return Number(value);
  if (typeof value === "number" && Number.isInteger(value) && value >= 1900 && value <= 2200)
    return value;
  // A date cell means its year.
  if (typeof value === "number" && value >= 10000 && value <= 2958465)
    return excelSerialToDate(value)[0];
  return invalid(`Cannot read ${describe(value)} as a year; use a year such as 2026.`);
}

/** A year argument that may also be "latest" (each formula resolves it against its own figures). */
export function parseYearOrLatest(value: unknown): number | "latest" | QueryError {
  return isLatest(value) ? "latest" : parseYear(value);
}

/**
 * A period argument, with what it is ("start: …") in its message. "latest" is the last of
 * `latest.months` (the reported months of what the formula reads, oldest first), and #N/A naming
 * `latest.subject` when there are none; without `latest` it is read like any other text.
 */
export function parsePeriodArgument(
  value: unknown,
  latest?: { months: readonly string[]; subject: string },
  what?: string
): Period | QueryError {
  let input = value;
  if (latest && isLatest(value)) {
    if (latest.months.length === 0)
      return notAvailable(`No reported figures for ${latest.subject}, so no "latest" period.`);
    input = latest.months[latest.months.length - 1];
  }
  const period = parsePeriod(input);
  if ("error" in period) return invalid(what ? `${what}: ${period.error}` : period.error);
  return period;
}
