/**
 * Excel's custom-functions runtime provides `CustomFunctions.Error` and `ErrorCode`. For unit tests
 * that need no runtime, this reproduces the same public shape — a class with `code` and `message`,
 * and the ErrorCode string values — so the functions layer runs unchanged. What the real runtime
 * does with results (and sends to Excel) is tested in test/runtime, with Microsoft's own runtime.
 */
class CustomFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string
  ) {
    super(message);
    this.name = "CustomFunctionError";
  }
}

const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

(globalThis as unknown as { CustomFunctions: unknown }).CustomFunctions = {
  Error: CustomFunctionError,
  ErrorCode,
  associate: () => undefined,
};
