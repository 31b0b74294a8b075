import { CommodityCard, isCard } from "../core/queries/card";
import { bindLiveCell, CellResult } from "../core/runtime/live";
import { QueryError, QueryErrorCode } from "../core/queries/query-error";
import { StoreSnapshot } from "../core/runtime/store";
import { toEntity } from "./entity";
import { store } from "../runtime/live-store";

/**
 * The boundary between the core and Excel's custom-functions runtime: what arrives from Excel is read
 * here (the invocation found by its shape, cell value objects unwrapped) and every result leaves
 * through `toExcel`, which sends Excel only what it can show.
 */

type ExcelValue = number | string | boolean | CustomFunctions.Error;
type ExcelResult = ExcelValue | ExcelValue[][] | Excel.EntityCellValue;
type Invocation<T> = CustomFunctions.StreamingInvocation<T>;

/**
 * The Excel error for each core error. Excel shows an add-in's message only with #VALUE! and #N/A
 * (the runtime drops it for every other code), so a ratio with a reported 0 below the line is #N/A
 * with its message rather than a bare #DIV/0!.
 */
function excelErrorCode(code: QueryErrorCode): CustomFunctions.ErrorCode {
  switch (code) {
    case "invalidValue":
      return CustomFunctions.ErrorCode.invalidValue;
    case "notAvailable":
    case "divisionByZero":
      return CustomFunctions.ErrorCode.notAvailable;
    // A figure too large for a number: Excel's word for it is #NUM!, but its runtime would drop the
    // message saying which figure and why, so it is #VALUE! with the message.
    case "invalidNumber":
      return CustomFunctions.ErrorCode.invalidValue;
  }
}

/**
 * Excel's form of a result: an error as data becomes a CustomFunctions.Error with its message, a
 * commodity card an entity. Whatever Excel could not show — NaN, ±Infinity, an empty cell in a spill, a BigInt, an object,
 * an empty or ragged table — becomes #VALUE! saying so: the runtime would otherwise turn it into a
 * silent blank, a bare error, or a request it cannot serialise that holds back every other cell.
 */
export function toExcel(result: CellResult): ExcelResult {
  if (isCard(result)) return toExcelEntity(result);
  const value: unknown = result;
  if (!Array.isArray(value)) return toExcelValue(value);
  const rows: unknown[] = value;
  if (rows.length === 0 || !rows.every((row) => Array.isArray(row) && row.length > 0))
    return cannotShow("an empty table");
  const width = (rows[0] as unknown[]).length;
  if (rows.some((row) => (row as unknown[]).length !== width))
    return cannotShow("a table with rows of different lengths");
  return rows.map((row) => (row as unknown[]).map(toExcelValue));
}

/** A card as Excel's entity; one whose numbers Excel could not show is refused whole. */
function toExcelEntity(card: CommodityCard): Excel.EntityCellValue | CustomFunctions.Error {
  const entity = toEntity(card);
  for (const [name, property] of Object.entries(entity.properties ?? {})) {
    const value = (property as { basicValue?: unknown }).basicValue;
    if (typeof value === "number" && !Number.isFinite(value))
      return cannotShow(`a card whose ${name} is ${value}`);
  }
  return entity;
}

function toExcelValue(value: unknown): ExcelValue {
  if (value instanceof QueryError)
    return new CustomFunctions.Error(excelErrorCode(value.code), value.message);
  switch (typeof value) {
    case "string":
    case "boolean":
      return value;
    case "number":
      return Number.isFinite(value) ? value : cannotShow(String(value));
    case "bigint":
      return cannotShow("a BigInt");
    case "undefined":
      return cannotShow("an empty value");
    default:
      if (value === null) return cannotShow("an empty value");
      if (Array.isArray(value)) return cannotShow("a table in one cell");
      return cannotShow(typeof value === "object" ? "an object" : `a ${typeof value}`);
  }
}

function cannotShow(what: string): CustomFunctions.Error {
  return new CustomFunctions.Error(
    CustomFunctions.ErrorCode.invalidValue,
    `Internal error: the result (${what}) cannot be shown in Excel. Please report it.`
  );
}

/** Computes a result, turning an unexpected exception into #VALUE! rather than a broken cell. */
export function safely(
  compute: (snapshot: StoreSnapshot) => CellResult
): (snapshot: StoreSnapshot) => CellResult {
  return (snapshot) => {
    try {
      return compute(snapshot);
    } catch (error) {
      return new QueryError("invalidValue", `Unexpected error: ${(error as Error).message}`);
    }
  };
}

/** One call from Excel: the arguments by name, and the invocation to answer. */
export interface ExcelCall<A, T> {
  args: { [K in keyof A]: unknown };
  invocation: Invocation<T>;
}

function isInvocation(value: unknown): value is Invocation<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { setResult?: unknown }).setResult === "function"
  );
}

/**
 * Reads one call. Excel appends its invocation after the values it sends, one per parameter of the
 * functions.json it holds; a stale copy (office-js #2777) sends one more or fewer, so the invocation
 * is found by its shape, not its position. `named` lists the wrapper's parameters in order; those at
 * or after the invocation were not sent (omitted), values after the declared ones are ignored.
 */
export function excelCall<A extends Record<string, unknown>, T>(
  received: ArrayLike<unknown>,
  named: A,
  declared: Invocation<T>
): ExcelCall<A, T> {
  const names = Object.keys(named);
  let position = received[names.length] === declared && isInvocation(declared) ? names.length : -1;
  for (let i = received.length - 1; position < 0 && i >= 0; i--)
    if (isInvocation(received[i])) position = i;
  if (position < 0) throw new Error("Excel supplied no invocation to answer.");
  const args: Record<string, unknown> = {};
  names.forEach((name, i) => {
    args[name] = i < position ? excelValue(received[i]) : undefined;
  });
  return {
    args: args as { [K in keyof A]: unknown },
    invocation: received[position] as Invocation<T>,
  };
}

/**
 * The plain value a cell value object (Excel data types) stands for: an entity (a Geography, a
 * Stocks or an add-in's own) its display text; a FormattedNumber (a date cell), Double, String,
 * Boolean or Empty its basic value. Anything else is passed on for the core to refuse with its message.
 */
export function excelValue(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const own = (key: string) => Object.prototype.hasOwnProperty.call(value, key);
  const cell = value as { type?: unknown; text?: unknown; basicValue?: unknown };
  if (own("text") && typeof cell.text === "string") return cell.text;
  if (own("basicValue") && own("type") && PLAIN_TYPES.has(String(cell.type)))
    return cell.basicValue;
  return value;
}

const PLAIN_TYPES = new Set(["FormattedNumber", "Double", "String", "Boolean", "Empty"]);

/** Streams `compute` over the live store into an Excel cell until Excel cancels it. */
export function live<A, T>(
  call: ExcelCall<A, T>,
  compute: (snapshot: StoreSnapshot, args: ExcelCall<A, T>["args"]) => CellResult
) {
  bindLiveCell(
    store,
    call.invocation,
    safely((snapshot) => compute(snapshot, call.args)),
    (result) => toExcel(result) as unknown as T
  );
}
