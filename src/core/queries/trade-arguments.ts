import { Flow, FLOWS } from "../dataset/dataset";
import { isMissing } from "./arguments";
import { describe, quoted } from "./period";
import { invalid, QueryError } from "./query-error";

/**
 * The trade formulas' `measure` and `flow` arguments: what they accept and what a choice means. The
 * functions' @customenum lists offer exactly these names (a test holds them equal).
 */

/** `quantity` (default), `value` (US dollars), `unit value` (value ÷ quantity, computed). */
export type TradeMeasure = "quantity" | "value" | "unit value";
export const TRADE_MEASURES: readonly TradeMeasure[] = ["quantity", "value", "unit value"];

/** Other spellings analysts use, read as the measure they name. */
const MEASURE_ALIASES = new Map<string, TradeMeasure>([
  ["quantity", "quantity"],
  ["qty", "quantity"],
  ["volume", "quantity"],
  ["weight", "quantity"],
  ["net weight", "quantity"],
  ["value", "value"],
  ["usd", "value"],
  ["trade value", "value"],
  ["unit value", "unit value"],
  ["unitvalue", "unit value"],
  ["unit price", "unit value"],
  ["price", "unit value"],
]);

/** Flow names and Comtrade's codes (X, M, RX, RM). */
const FLOW_ALIASES = new Map<string, Flow>([
  ["export", "export"],
  ["exports", "export"],
  ["x", "export"],
  ["import", "import"],
  ["imports", "import"],
  ["m", "import"],
  ["re-export", "re-export"],
  ["re-exports", "re-export"],
  ["reexport", "re-export"],
  ["reexports", "re-export"],
  ["rx", "re-export"],
  ["re-import", "re-import"],
  ["re-imports", "re-import"],
  ["reimport", "re-import"],
  ["reimports", "re-import"],
  ["rm", "re-import"],
]);

const key = (text: string) => text.trim().toLowerCase().replace(/\s+/g, " ");

/** The measure a `measure` argument names; an omitted one is `quantity`. */
export function resolveMeasure(value: unknown): TradeMeasure | QueryError {
  if (isMissing(value)) return "quantity";
  const measure = typeof value === "string" ? MEASURE_ALIASES.get(key(value)) : undefined;
  if (measure !== undefined) return measure;
  return invalid(
    `Unknown measure ${typeof value === "string" ? quoted(value) : describe(value)}; use "quantity", "value" (USD) or "unit value".`
  );
}

/** The flow a `flow` argument names; an omitted one is `fallback` (the formula's own flow). */
export function resolveFlow(value: unknown, fallback: Flow): Flow | QueryError {
  if (isMissing(value)) return fallback;
  const flow = typeof value === "string" ? FLOW_ALIASES.get(key(value)) : undefined;
  if (flow !== undefined) return flow;
  return invalid(
    `Unknown flow ${typeof value === "string" ? quoted(value) : describe(value)}; use ${FLOWS.map((f) => `"${f}"`).join(", ")}.`
  );
}
