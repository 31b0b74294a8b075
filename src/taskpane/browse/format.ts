/**
 * How browse writes figures, periods and addresses. Pure: no DOM.
 */
import { usgsCodeWord } from "../../core/queries/usgs";
import type { Figure } from "./search";

/** A number as the reader's locale writes it, up to 6 decimals; 0 is "0". */
export function formatNumber(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }).format(value);
}

/**
 * A figure's value as text, codes in words: the number; a bound as "more than 85,000,000"; what a
 * USGS code printed instead of a number means ("withheld", "not available"); or the word of a
 * qualitative forecast. Never "0" for a missing number.
 */
export function figureValueText(figure: Figure, locale?: string): string {
  if (typeof figure.value === "string") return figure.value;
  const word = figure.code ? usgsCodeWord(figure.code) : undefined;
  if (figure.value === null) return word ?? (figure.code || "not available");
  if (word && /^[<>]/.test(figure.code as string))
    return `${word} ${formatNumber(figure.value, locale)}`;
  return formatNumber(figure.value, locale);
}

/** A figure as a cell of the pane shows it: value, unit (only with a number), and "estimated". */
export function figureText(figure: Figure, locale?: string): string {
  const value = figureValueText(figure, locale);
  const text = typeof figure.value === "number" ? withUnit(value, figure.unit) : value;
  return figure.estimated ? `${text} (estimated)` : text;
}

/** Value and unit: "582 t"; a unit-less figure is its value alone. */
export function withUnit(text: string, unit: string | null | undefined): string {
  return unit ? `${text} ${unit}` : text;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^\d{4}$/;

/** The regular step of a list of periods: every one a month, every one a year, or neither. */
export function periodFrequency(periods: readonly string[]): "month" | "year" | "irregular" {
  if (periods.length > 0 && periods.every((p) => MONTH.test(p))) return "month";
  if (periods.length > 0 && periods.every((p) => YEAR.test(p))) return "year";
  return "irregular";
}

/** A period's position on a regular axis: months since year 0, or the year; undefined otherwise. */
export function periodIndex(period: string): number | undefined {
  const month = period.match(MONTH);
  if (month) return Number(month[1]) * 12 + Number(month[2]) - 1;
  if (YEAR.test(period)) return Number(period);
  return undefined;
}

/** The period at a position of a regular axis (periodIndex's inverse). */
export function periodAt(index: number, frequency: "month" | "year"): string {
  if (frequency === "year") return String(index);
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The periods between the first and last reported ones that are not reported, as ranges:
 * ["2025-02 to 2025-05", "2025-07 to 2025-10"] for months 2025-01, 2025-06, 2025-11.
 * Irregular periods (mixed precision) have no gaps to name.
 */
export function missingRanges(periods: readonly string[]): string[] {
  const frequency = periodFrequency(periods);
  if (frequency === "irregular") return [];
  const indexes = [...new Set(periods.map((p) => periodIndex(p) as number))].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 1; i < indexes.length; i++) {
    const from = indexes[i - 1] + 1;
    const to = indexes[i] - 1;
    if (from > to) continue;
    const first = periodAt(from, frequency);
    ranges.push(from === to ? first : `${first} to ${periodAt(to, frequency)}`);
  }
  return ranges;
}

/** The address when it is an absolute http(s) URL; undefined for anything else (javascript:, data:, relative). */
export function safeHttpUrl(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
}
