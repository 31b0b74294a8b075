import { isCard } from "../core/queries/card";
import { bindLiveCell, CellResult, CellValue } from "../core/runtime/live";
import { QueryError } from "../core/queries/query-error";
import { StoreSnapshot } from "../core/runtime/store";
import { toEntity } from "./entity";
import { store } from "../runtime/live-store";

/** Excel's form of a result: an error as data becomes a CustomFunctions.Error with its message. */
export function toExcel(result: CellResult): ExcelResult {
  if (isCard(result)) return toEntity(result);
  if (Array.isArray(result)) return result.map((row) => row.map(toExcelValue));
  return toExcelValue(result);
}

type ExcelValue = number | string | boolean | CustomFunctions.Error;
type ExcelResult = ExcelValue | ExcelValue[][] | Excel.EntityCellValue;

function toExcelValue(value: CellValue): ExcelValue {
  if (value instanceof QueryError) {
    return new CustomFunctions.Error(CustomFunctions.ErrorCode[value.code], value.message);
  }
  return value;
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

/** Streams `compute` over the live store into an Excel cell until Excel cancels it. */
export function live<T>(
  invocation: CustomFunctions.StreamingInvocation<T>,
  compute: (snapshot: StoreSnapshot) => CellResult
) {
  bindLiveCell(store, invocation, safely(compute), (result) => toExcel(result) as unknown as T);
}
