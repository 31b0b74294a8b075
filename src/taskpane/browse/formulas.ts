/**
 * Formula text, as an analyst can paste it or the pane can insert it (the builder makes the calls). Pure.
 * Arguments use the exact forms the functions read: the commodity id, the partner or country code
 * ("World" for the reporter's total), a month as "YYYY-MM" text, a year as a number. Text is quoted
 * the Excel way (a `"` inside is doubled), so any dataset text makes a well-formed formula.
 */
import { WORLD } from "../../core/dataset/dataset";

export const NAMESPACE = "MINERALS";

export type FormulaArgument = string | number | undefined;

/** Excel's limits: a text constant in a formula holds at most 255 characters, a formula 8,192. */
export const EXCEL_MAX_TEXT_LITERAL = 255;
export const EXCEL_MAX_FORMULA_LENGTH = 8192;

/**
 * Text as an Excel formula expression: `"..."` with every `"` doubled; text longer than a text
 * constant may be is written as constants of at most 255 characters (a doubled `"` counted twice, a
 * character outside the BMP never cut) joined with `&`, which Excel reads as the same text.
 */
export function quote(text: string): string {
  const literals: string[] = [];
  let current = "";
  for (const character of text) {
    const escaped = character === '"' ? '""' : character;
    if (current.length + escaped.length > EXCEL_MAX_TEXT_LITERAL) {
      literals.push(current);
      current = "";
    }
    current += escaped;
  }
  literals.push(current);
  return literals.map((literal) => `"${literal}"`).join("&");
}

/** Why Excel would refuse the formula, or null: its length (each text constant is kept short by `quote`). */
export function formulaLimitProblem(formula: string): string | null {
  return formula.length > EXCEL_MAX_FORMULA_LENGTH
    ? `the formula is ${formula.length.toLocaleString("en-US")} characters long, more than the ${EXCEL_MAX_FORMULA_LENGTH.toLocaleString("en-US")} Excel allows`
    : null;
}

function argument(value: FormulaArgument): string {
  if (value === undefined) return "";
  return typeof value === "number" ? String(value) : quote(value);
}

/**
 * `=MINERALS.NAME(a,b,...)`. Trailing omitted arguments are dropped; an omitted argument before a
 * given one is left empty (`=MINERALS.FORECAST("lithium",2026,,,"citation")`), as Excel writes it.
 */
export function formulaText(name: string, args: readonly FormulaArgument[]): string {
  const list = [...args];
  while (list.length > 0 && list[list.length - 1] === undefined) list.pop();
  return `=${NAMESPACE}.${name}(${list.map(argument).join(",")})`;
}

/** A period as an argument: a year as a number (2024), anything else as text ("2025-11"). */
export function periodArgument(period: string): string | number {
  return /^\d{4}$/.test(period) ? Number(period) : period;
}

/** A country code as an argument: the reporter's total reads "World", as the README writes it. */
export function countryArgument(code: string): string {
  return code === WORLD ? "World" : code;
}

/**
 * A formula cut where a line may break when it is shown: after the opening parenthesis and after
 * each comma between arguments (not inside text). Joined, the parts are the formula.
 */
export function formulaLineParts(formula: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let inText = false;
  for (let i = 0; i < formula.length; i++) {
    const c = formula[i];
    if (c === '"') inText = !inText;
    else if (!inText && (c === "," || (c === "(" && parts.length === 0))) {
      parts.push(formula.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < formula.length) parts.push(formula.slice(start));
  return parts;
}
