import { BoundedCache } from "./bounded-cache";

/**
 * Units of quantity the formulas convert between. Factors are exact multiples of one gram so that a
 * conversion is a single multiplication and division of exact integers (2004 kg → 2.004 t, not
 * 2.0040000000000004).
 */
export interface Unit {
  symbol: string;
  dimension: "mass";
  grams: number;
}

/** Lookup tables of text are Maps: an object literal would also "know" "constructor" or "toString". */
const MASS_UNITS = new Map<string, { symbol: string; grams: number }>([
  ["g", { symbol: "g", grams: 1 }],
  ["kg", { symbol: "kg", grams: 1_000 }],
  ["t", { symbol: "t", grams: 1_000_000 }],
  ["kt", { symbol: "kt", grams: 1_000_000_000 }],
  ["million tonnes", { symbol: "million t", grams: 1_000_000_000_000 }],
  ["lb", { symbol: "lb", grams: 453.59237 }],
]);

const ALIASES = new Map<string, string>([
  ["gram", "g"],
  ["grams", "g"],
  ["kilogram", "kg"],
  ["kilograms", "kg"],
  ["kgs", "kg"],
  ["tonne", "t"],
  ["tonnes", "t"],
  ["ton", "t"],
  ["tons", "t"],
  ["metric ton", "t"],
  ["metric tons", "t"],
  ["metric tonne", "t"],
  ["metric tonnes", "t"],
  ["tonnes_metric", "t"],
  ["kilotonne", "kt"],
  ["kilotonnes", "kt"],
  ["thousand tonnes", "kt"],
  ["thousand metric tons", "kt"],
  ["mt", "t"],
  ["megatonne", "million tonnes"],
  ["megatonnes", "million tonnes"],
  ["million metric tons", "million tonnes"],
  ["pound", "lb"],
  ["pounds", "lb"],
  ["lbs", "lb"],
]);

/** Units already read, by the text as written (a dataset has few spellings; frozen, as shared). */
export const readUnits = new BoundedCache<string, Unit | undefined>(
  { entries: 1_000, bytes: 500_000 },
  (unit) => (unit ? 2 * unit.symbol.length + 16 : 0)
);

/**
 * The unit a text names (case-insensitive, common spellings), or undefined. Trade usage reads "MT"
 * as metric tons, SI reads "Mt" as megatonnes: that exact spelling is refused rather than guessed.
 */
export function parseUnit(text: string): Unit | undefined {
  return readUnits.get(text, () => {
    const unit = readUnit(text);
    return unit && Object.freeze(unit);
  });
}

function readUnit(text: string): Unit | undefined {
  if (text.trim() === "Mt") return undefined;
  const key = text.trim().replace(/\s+/g, " ").toLowerCase();
  const unit = MASS_UNITS.get(key) ?? MASS_UNITS.get(ALIASES.get(key) ?? "");
  return unit && { symbol: unit.symbol, dimension: "mass", grams: unit.grams };
}

/** Converts a quantity between two units of the same dimension. */
export function convert(value: number, from: Unit, to: Unit): number {
  if (from.grams === to.grams) return value;
  return (value * from.grams) / to.grams;
}

export const UNIT_SYMBOLS = [...MASS_UNITS.values()].map((u) => u.symbol);
