import type { CellResult, CellValue } from "./live";

/**
 * Excel cells hold at most 32,767 characters of text; a longer result would be cut without a word
 * (or refused). Every text a formula returns goes through `fitCellText` (bindLiveCell applies it to
 * every result), which ends an over-long text with an explicit "… (n more characters)".
 */
export const EXCEL_TEXT_LIMIT = 32_767;

export function fitCellText(text: string, limit = EXCEL_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  // The count never has more digits than the whole length, so this suffix is never too short.
  let kept = limit - marker(text.length).length;
  // Never split a surrogate pair (an emoji, a rare CJK character) in two.
  const code = text.charCodeAt(kept - 1);
  if (code >= 0xd800 && code <= 0xdbff) kept--;
  return `${text.slice(0, kept)}${marker(text.length - kept)}`;
}

function marker(more: number): string {
  return `… (${more} more characters)`;
}

/** A formula result with every text in it fitted to a cell (a card fits its own text as it is built). */
export function fitResult(result: CellResult): CellResult {
  if (typeof result === "string") return fitCellText(result);
  if (!Array.isArray(result) || !result.some((row) => row.some(isLongText))) return result;
  return result.map((row) => row.map((value) => (isLongText(value) ? fitCellText(value) : value)));
}

function isLongText(value: CellValue): value is string {
  return typeof value === "string" && value.length > EXCEL_TEXT_LIMIT;
}
