import { QueryError } from "../../src/core/queries/query-error";

/** Asserts a formula result is an error as data with this code and message (exact text or pattern). */
export function expectError(result: unknown, code: string, message: RegExp | string): void {
  expect(result).toBeInstanceOf(QueryError);
  const error = result as QueryError;
  expect(error.code).toBe(code);
  if (typeof message === "string") expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}
