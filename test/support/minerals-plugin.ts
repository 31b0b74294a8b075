/**
 * A HyperFormula function plugin that runs the add-in's real custom functions, so tests can build
 * workbooks where `=MINERALS.EXPORT(...)` and `=MINERALS.FORECAST(...)` feed ordinary formulas.
 *
 * Each evaluation of a MINERALS cell calls the exported function from src/functions/functions.ts
 * with a streaming invocation, the way Excel does. The functions set their first result
 * synchronously; that value (or CustomFunctions.Error, translated to a CellError with its type and
 * message) is what the cell shows. The invocation stays subscribed to the live store, like a live
 * Excel cell, and records every later setResult, so a test can see what a refresh streamed.
 *
 * Excel cancels a streaming invocation when its cell is recalculated with new arguments, edited or
 * deleted. Here, evaluating a cell cancels the invocation that cell had before, and
 * `cancelStaleLiveCells(hf)` / `cancelAllLiveCells()` cancel the invocations of cells that no longer
 * hold a MINERALS formula, so no store subscription leaks.
 *
 * The registry is module-level: use one workbook at a time (call `cancelAllLiveCells()` between).
 */
import {
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleCellAddress,
} from "hyperformula";
import type { InterpreterState } from "hyperformula/typings/interpreter/InterpreterState";
import type { ProcedureAst } from "hyperformula/typings/parser";
import { exportQuantity, forecast } from "../../src/functions/functions";

export type FunctionId = "EXPORT" | "FORECAST";

/** One call of a streaming custom function for one cell, and everything it was sent. */
export interface LiveInvocation {
  readonly functionId: FunctionId;
  readonly address: SimpleCellAddress;
  readonly args: readonly unknown[];
  /** Every value passed to setResult, in order; the first is the one set during the call. */
  readonly results: unknown[];
  canceled: boolean;
  /** The invocation object handed to the product function (its onCanceled is set by the product). */
  readonly invocation: CustomFunctions.StreamingInvocation<unknown>;
}

const liveCells = new Map<string, LiveInvocation>();
const allInvocations: LiveInvocation[] = [];

function cellKey(address: SimpleCellAddress): string {
  return `${address.sheet}!${address.row}:${address.col}`;
}

function cancel(live: LiveInvocation): void {
  if (live.canceled) return;
  live.canceled = true;
  live.invocation.onCanceled?.();
}

/** The invocation currently live for a cell, if the cell holds an evaluated MINERALS formula. */
export function liveInvocation(address: SimpleCellAddress): LiveInvocation | undefined {
  return liveCells.get(cellKey(address));
}

/** Every invocation ever made since the last `cancelAllLiveCells()`, canceled ones included. */
export function invocationHistory(): readonly LiveInvocation[] {
  return allInvocations;
}

export function liveInvocationCount(): number {
  return liveCells.size;
}

/** Cancels the invocations of cells that no longer hold a MINERALS formula (edited or cleared). */
export function cancelStaleLiveCells(hf: HyperFormula): void {
  for (const [key, live] of liveCells) {
    const formula = hf.getCellFormula(live.address);
    if (formula === undefined || !/MINERALS\./i.test(formula)) {
      cancel(live);
      liveCells.delete(key);
    }
  }
}

/** Cancels every live invocation (the workbook is closed) and forgets the history. */
export function cancelAllLiveCells(): void {
  for (const live of liveCells.values()) cancel(live);
  liveCells.clear();
  allInvocations.length = 0;
}

/** Addresses of every cell of a sheet whose formula calls a MINERALS function. */
export function mineralsCells(hf: HyperFormula, sheet: number): SimpleCellAddress[] {
  const cells: SimpleCellAddress[] = [];
  hf.getSheetFormulas(sheet).forEach((row, r) =>
    row.forEach((formula, c) => {
      if (formula !== undefined && /MINERALS\./i.test(formula))
        cells.push({ sheet, row: r, col: c });
    })
  );
  return cells;
}

/**
 * What TOOLCHAIN.md prescribes after the plugin's data changed: re-enter the MINERALS formulas in
 * one batch, so their cells are evaluated again and dependents recalculate once.
 */
export function reenterMineralsFormulas(hf: HyperFormula, sheet: number): void {
  const cells = mineralsCells(hf, sheet);
  const formulas = cells.map((address) => hf.getCellFormula(address) as string);
  hf.batch(() => {
    cells.forEach((address, i) => hf.setCellContents(address, formulas[i]));
  });
}

/** Excel's error code (CustomFunctions.ErrorCode value) → HyperFormula's error type. */
const ERROR_TYPES: Record<string, ErrorType> = {
  "#VALUE!": ErrorType.VALUE,
  "#N/A": ErrorType.NA,
  "#DIV/0!": ErrorType.DIV_BY_ZERO,
  "#NUM!": ErrorType.NUM,
  "#NAME?": ErrorType.NAME,
  "#REF!": ErrorType.REF,
};

/** A value a custom function set, as a HyperFormula cell value. */
export function toCellValue(value: unknown): number | string | boolean | CellError {
  if (value instanceof CustomFunctions.Error) {
    const type = ERROR_TYPES[value.code];
    if (type === undefined) throw new Error(`Unexpected custom function error code ${value.code}`);
    return new CellError(type, value.message);
  }
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean")
    return value;
  // EXPORT and FORECAST are scalar functions; anything else is a product bug the test must see.
  throw new Error(`Unexpected custom function result ${JSON.stringify(value)}`);
}

/** An argument as Excel hands it to a custom function: empty cells and omitted arguments are null. */
function excelArgument(value: unknown): unknown {
  return value === EmptyValue ? null : value;
}

/** Optional trailing arguments the formula left out are undefined, as in Excel. */
function optionalArgument(value: unknown): unknown {
  return value === undefined ? undefined : excelArgument(value);
}

const required = { argumentType: FunctionArgumentType.NOERROR };
const optional = { argumentType: FunctionArgumentType.NOERROR, optionalArg: true };

export class MineralsPlugin extends FunctionPlugin {
  static implementedFunctions = {
    "MINERALS.EXPORT": {
      method: "mineralsExport",
      parameters: [required, required, required, optional, optional],
      // One invocation per cell: a range argument is not spread into several calls.
      vectorizationForbidden: true,
    },
    "MINERALS.FORECAST": {
      method: "mineralsForecast",
      parameters: [required, required, optional, optional],
      vectorizationForbidden: true,
    },
  };

  mineralsExport(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata("MINERALS.EXPORT"),
      (commodity: unknown, partner: unknown, period: unknown, unit: unknown, reporter: unknown) =>
        this.invoke(
          "EXPORT",
          state.formulaAddress,
          [
            excelArgument(commodity),
            excelArgument(partner),
            excelArgument(period),
            optionalArgument(unit),
            optionalArgument(reporter),
          ],
          (args, invocation) =>
            exportQuantity(
              args[0] as string,
              args[1] as string,
              args[2],
              args[3] as string | undefined,
              args[4] as string | undefined,
              invocation as CustomFunctions.StreamingInvocation<number>
            )
        )
    );
  }

  mineralsForecast(ast: ProcedureAst, state: InterpreterState) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata("MINERALS.FORECAST"),
      (commodity: unknown, year: unknown, variable: unknown, forecaster: unknown) =>
        this.invoke(
          "FORECAST",
          state.formulaAddress,
          [
            excelArgument(commodity),
            excelArgument(year),
            optionalArgument(variable),
            optionalArgument(forecaster),
          ],
          (args, invocation) =>
            forecast(
              args[0] as string,
              args[1],
              args[2] as string | undefined,
              args[3] as string | undefined,
              undefined as never,
              invocation
            )
        )
    );
  }

  private invoke(
    functionId: FunctionId,
    address: SimpleCellAddress,
    args: unknown[],
    call: (args: unknown[], invocation: CustomFunctions.StreamingInvocation<unknown>) => void
  ): number | string | boolean | CellError {
    const key = cellKey(address);
    // The cell is being recalculated: Excel cancels the invocation it had before.
    const previous = liveCells.get(key);
    if (previous) cancel(previous);
    liveCells.delete(key);

    const results: unknown[] = [];
    const invocation: CustomFunctions.StreamingInvocation<unknown> = {
      functionName: functionId,
      setResult: (value) => {
        results.push(value);
      },
    };
    const live: LiveInvocation = {
      functionId,
      address,
      args,
      results,
      canceled: false,
      invocation,
    };
    allInvocations.push(live);
    call(args, invocation);
    liveCells.set(key, live);
    if (results.length === 0) {
      return new CellError(ErrorType.ERROR, `${functionId} set no result synchronously`);
    }
    return toCellValue(results[results.length - 1]);
  }
}

export const mineralsTranslations = {
  enGB: { "MINERALS.EXPORT": "MINERALS.EXPORT", "MINERALS.FORECAST": "MINERALS.FORECAST" },
};

/** Registers the plugin once per module registry (jest loads this file per test file). */
export function registerMineralsPlugin(): void {
  if (!HyperFormula.getRegisteredFunctionNames("enGB").includes("MINERALS.EXPORT")) {
    HyperFormula.registerFunctionPlugin(MineralsPlugin, mineralsTranslations);
  }
}
