/**
 * A formula's error as data: `invalidValue` (#VALUE!) for input that cannot mean anything,
 * `notAvailable` (#N/A) for valid input with nothing reported, `divisionByZero` (#DIV/0!) for a
 * ratio whose reported denominator is 0, `invalidNumber` (#NUM!) for a conversion, total or ratio of
 * reported figures too large for a number (beyond ±1.8e308). Returned, never thrown, so a lookup miss costs no more than
 * a hit; the functions layer turns it into a CustomFunctions.Error.
 */
export type QueryErrorCode = "invalidValue" | "notAvailable" | "divisionByZero" | "invalidNumber";

export class QueryError {
  constructor(
    readonly code: QueryErrorCode,
    readonly message: string
  ) {}

  equals(other: unknown): boolean {
    return (
      other instanceof QueryError && other.code === this.code && other.message === this.message
    );
  }
}

export function invalid(message: string): QueryError {
  return new QueryError("invalidValue", message);
}

export function notAvailable(message: string): QueryError {
  return new QueryError("notAvailable", message);
}

export function tooLarge(message: string): QueryError {
  return new QueryError("invalidNumber", message);
}

export function isQueryError(value: unknown): value is QueryError {
  return value instanceof QueryError;
}
