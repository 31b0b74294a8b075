import { isQueryError, QueryError, tooLarge } from "./query-error";
import { convert, parseUnit, Unit } from "./units";

/**
 * Arithmetic on reported quantities that stays within what a number holds: a finite figure can
 * still overflow when converted (1e308 t in grams) or totalled, and Excel must then show #NUM! with
 * a reason rather than ±Infinity.
 */

const LIMIT = "beyond ±1.8e308";

/** A row's quantity in `unit`, or #NUM! when it cannot be expressed there. */
export function quantityIn(
  row: { quantity: number; unit: string },
  unit: Unit
): number | QueryError {
  const value = convert(row.quantity, parseUnit(row.unit) as Unit, unit);
  return Number.isFinite(value)
    ? value
    : tooLarge(`${row.quantity} ${row.unit} is too large to express in ${unit.symbol} (${LIMIT}).`);
}

/** The total of rows' quantities in `unit`, or #NUM! when a conversion or the sum overflows. */
export function totalIn(
  rows: readonly { quantity: number; unit: string }[],
  unit: Unit
): number | QueryError {
  let total = 0;
  for (const row of rows) {
    const value = quantityIn(row, unit);
    if (isQueryError(value)) return value;
    total += value;
  }
  return Number.isFinite(total)
    ? total
    : tooLarge(
        `The total of ${rows.length} reported months is too large to compute in ${unit.symbol} (${LIMIT}).`
      );
}

/** A ratio or difference computed from figures, or #NUM! saying what could not be computed. */
export function finiteOr(value: number, what: string): number | QueryError {
  return Number.isFinite(value) ? value : tooLarge(`${what} is too large for a number (${LIMIT}).`);
}
