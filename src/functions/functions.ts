import { exportValue } from "../core/exports";
import { forecastValue } from "../core/forecasts";
import { bindLiveCell, CellResult, CellValue } from "../core/live";
import { QueryError } from "../core/query-error";
import { StoreSnapshot } from "../core/store";
import { store } from "./live-store";

/**
 * Thin wrappers: each formula reads the live store through a pure query and streams its result, so a
 * dataset refresh reaches every live cell (and only the cells whose value changed).
 */

/** Excel's form of a result: an error as data becomes a CustomFunctions.Error with its message. */
export function toExcel(result: CellResult): ExcelResult {
  if (Array.isArray(result)) return result.map((row) => row.map(toExcelValue));
  return toExcelValue(result);
}

type ExcelValue = number | string | boolean | CustomFunctions.Error;
type ExcelResult = ExcelValue | ExcelValue[][];

function toExcelValue(value: CellValue): ExcelValue {
  if (value instanceof QueryError) {
    return new CustomFunctions.Error(CustomFunctions.ErrorCode[value.code], value.message);
  }
  return value;
}

/** Computes a result, turning an unexpected exception into #VALUE! rather than a broken cell. */
function safely(
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

function live<T>(
  invocation: CustomFunctions.StreamingInvocation<T>,
  compute: (snapshot: StoreSnapshot) => CellResult
) {
  bindLiveCell(store, invocation, safely(compute), (result) => toExcel(result) as unknown as T);
}

/**
 * China's reported export quantity of a commodity to a partner in a period, in the unit the source reported.
 * @customfunction EXPORT
 * @param commodity Commodity name, alias or customs code: "magnets", "rare earth magnets", "8505.11", "gallium".
 * @param partner Destination: ISO code, country name or "World" for the reporter's total ("US", "Japan", "World").
 * @param period Month, quarter, half or year: "2025-11", "Nov 2025", a date, 2025, "2025-Q2", "2025-H1".
 * @param [unit] Unit to convert to: "t", "kg", "g", "lb". Default: the unit the source reported.
 * @param [reporter] Exporting country. Default: China ("CN").
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The reported quantity; #N/A when nothing was reported, never a made-up zero.
 */
export function exportQuantity(
  commodity: string,
  partner: string,
  period: any,
  unit: string | undefined,
  reporter: string | undefined,
  invocation: CustomFunctions.StreamingInvocation<number>
): void {
  live(invocation, ({ data }) => exportValue(data, { commodity, partner, period, unit, reporter }));
}

/**
 * A published forecast for a commodity and year: a number, or a word for qualitative outlooks.
 * @customfunction FORECAST
 * @param commodity Commodity name or alias: "lithium", "copper", "nickel".
 * @param year Forecast year, such as 2026.
 * @param [variable] What is forecast: "price" (default), "market balance", ... Default: the price, or the only variable.
 * @param [forecaster] Who published it ("Bernstein"). Default: the most recently published forecast.
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The forecast value; its citation names the forecaster.
 */
export function forecast(
  commodity: string,
  year: any,
  variable: string | undefined,
  forecaster: string | undefined,
  invocation: CustomFunctions.StreamingInvocation<any>
): void {
  live(invocation, ({ data }) => forecastValue(data, { commodity, year, variable, forecaster }));
}
