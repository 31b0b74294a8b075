import { QueryError, tooLarge } from "./query-error";
import { convert, Unit } from "./units";

/**
 * Arithmetic on reported quantities that stays within what a number holds: a finite figure can
 * still overflow when converted (1e308 t in grams) or totalled, and Excel must then show #NUM! with
 * a reason rather than ±Infinity.
 */

const LIMIT = "beyond ±1.8e308";

/**
 * A quantity reported in `from` (spelt `fromText` in the data) expressed in `unit`, or #NUM! when it
 * cannot be expressed there.
 */
export function quantityIn(
  quantity: number,
  from: Unit,
  fromText: string,
  unit: Unit
): number | QueryError {
  if (from === unit) return quantity;
  const value = convert(quantity, from, unit);
  return Number.isFinite(value)
    ? value
    : tooLarge(`${quantity} ${fromText} is too large to express in ${unit.symbol} (${LIMIT}).`);
}

/** A total of `months` reported months in `unit`, or #NUM! when the sum overflowed. */
export function finiteTotal(total: number, months: number, unit: Unit): number | QueryError {
  return Number.isFinite(total)
    ? total
    : tooLarge(
        `The total of ${months} reported months is too large to compute in ${unit.symbol} (${LIMIT}).`
      );
}

/** A ratio or difference computed from figures, or #NUM! saying what could not be computed. */
export function finiteOr(value: number, what: string): number | QueryError {
  return Number.isFinite(value) ? value : tooLarge(`${what} is too large for a number (${LIMIT}).`);
}
