/**
 * A HyperFormula function plugin that runs the add-in's real custom functions, so tests can build
 * workbooks where `=MINERALS.EXPORT(...)`, `=MINERALS.SERIES(...)` and every other registered formula
 * feed ordinary formulas.
 *
 * Every formula of the catalogue is registered as `MINERALS.<ID>` from one table (`FORMULAS`): its
 * id, argument count, optional count, whether it spills, and the exported wrapper from
 * src/functions/functions.ts it calls. The table is checked against the generated metadata
 * (test/golden/functions.json) by test/sample-model.test.ts, so it cannot drift from what Excel
 * registers.
 *
 * Each evaluation of a MINERALS cell calls the wrapper with a streaming invocation, the way Excel
 * does: required arguments as values (an empty cell or a skipped argument is null), optional
 * arguments left out at the end as undefined. The functions set their first result synchronously;
 * that value (or CustomFunctions.Error, translated to a CellError with its type and message) is
 * what the cell shows. The invocation stays subscribed to the live store, like a live Excel cell,
 * and records every later setResult, so a test can see what a refresh streamed.
 *
 * Spilled results (SERIES, TOP, LIST, EVENTS). HyperFormula reserves a formula's spill range when
 * the formula is entered, through `sizeOfResultArrayMethod`. Here that method makes the cell's one
 * invocation and sizes the spill from its result; the evaluation then adopts that same invocation
 * (same arguments) and shows its latest result, so size and cells come from one result. Error cells
 * inside a table become CellErrors. If the result later has another size than the range reserved
 * (its arguments are cells whose values changed, or the dataset changed and the formula was not
 * re-entered), the cell shows #SPILL! saying so: HyperFormula cannot resize a spill in place, and
 * the way to update a workbook after a refresh is to re-enter the MINERALS formulas in
 * `hf.batch()` (`reenterMineralsFormulas`), which sizes them again. A matrix used inside another
 * function (`=ROWS(MINERALS.SERIES(...))`) is handed over as a range.
 *
 * Excel cancels a streaming invocation when its cell is recalculated with new arguments, edited or
 * deleted. Here, evaluating a cell cancels the invocation that cell had before, and
 * `cancelStaleLiveCells(hf)` / `cancelAllLiveCells()` cancel the invocations of cells that no longer
 * hold a MINERALS formula, so no store subscription leaks. Cells are keyed by address: structural
 * edits (inserting rows above a MINERALS cell) are not followed; re-enter the formulas after them.
 * One MINERALS call per cell is tracked (a second call in the same formula replaces the first's
 * invocation, though both values are used).
 *
 * The registry is module-level: use one workbook at a time (call `cancelAllLiveCells()` between).
 */
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleCellAddress,
  SimpleRangeValue,
} from "hyperformula";
import type { InterpreterState } from "hyperformula/typings/interpreter/InterpreterState";
import type { InterpreterValue } from "hyperformula/typings/interpreter/InterpreterValue";
import type { ProcedureAst } from "hyperformula/typings/parser";
import {
  change,
  commodity,
  controls,
  dataVersionInfo,
  events,
  exportQuantity,
  importQuantity,
  forecast,
  indicator,
  list,
  production,
  reserves,
  series,
  share,
  source,
  top,
} from "../../src/functions/functions";

/** A custom function as Excel calls it: its arguments, then the streaming invocation. */
type Wrapper = (...args: never[]) => void;

export interface FormulaSpec {
  /** The id Excel registers (without the MINERALS namespace). */
  readonly id: string;
  /** How many arguments it takes, not counting the invocation. */
  readonly args: number;
  /** How many of them, at the end, are optional. */
  readonly optional: number;
  /** Whether its result is a spilled matrix (metadata `"dimensionality": "matrix"`). */
  readonly matrix: boolean;
  /** The exported wrapper in src/functions/functions.ts. */
  readonly wrapper: Wrapper;
}

/**
 * Every registered formula, in the order of src/functions/functions.ts. Checked against
 * test/golden/functions.json (ids, argument and optional counts, dimensionality) and against each
 * wrapper's arity by test/sample-model.test.ts.
 */
export const FORMULAS: readonly FormulaSpec[] = [
  { id: "EXPORT", args: 6, optional: 3, matrix: false, wrapper: exportQuantity },
  { id: "IMPORT", args: 6, optional: 3, matrix: false, wrapper: importQuantity },
  { id: "FORECAST", args: 5, optional: 3, matrix: false, wrapper: forecast },
  { id: "SOURCE", args: 7, optional: 4, matrix: false, wrapper: source },
  { id: "PRODUCTION", args: 5, optional: 2, matrix: false, wrapper: production },
  { id: "RESERVES", args: 4, optional: 2, matrix: false, wrapper: reserves },
  { id: "INDICATOR", args: 4, optional: 2, matrix: false, wrapper: indicator },
  { id: "CONTROLS", args: 3, optional: 2, matrix: false, wrapper: controls },
  { id: "EVENTS", args: 2, optional: 1, matrix: true, wrapper: events },
  { id: "LIST", args: 2, optional: 2, matrix: true, wrapper: list },
  { id: "DATAVERSION", args: 1, optional: 1, matrix: false, wrapper: dataVersionInfo },
  { id: "SERIES", args: 9, optional: 7, matrix: true, wrapper: series },
  { id: "CHANGE", args: 8, optional: 5, matrix: false, wrapper: change },
  { id: "SHARE", args: 6, optional: 3, matrix: false, wrapper: share },
  { id: "TOP", args: 6, optional: 4, matrix: true, wrapper: top },
  { id: "COMMODITY", args: 1, optional: 0, matrix: false, wrapper: commodity },
];

export type FunctionId = string;

const NAMESPACE = "MINERALS.";
const SPECS = new Map(FORMULAS.map((spec) => [`${NAMESPACE}${spec.id}`, spec]));

/** Calls a formula's wrapper with `args` (padded with undefined to its argument count), as Excel does. */
export function callWrapper(
  spec: FormulaSpec,
  args: readonly unknown[],
  invocation: CustomFunctions.StreamingInvocation<unknown>
): void {
  const padded = Array.from({ length: spec.args }, (_, i) => args[i]);
  (spec.wrapper as unknown as (...values: unknown[]) => void)(...padded, invocation);
}

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

/** Invocations the cells' evaluations use, by cell. */
const liveCells = new Map<string, LiveInvocation>();
/** Invocations a spill was sized from, waiting for the cell's evaluation to adopt them, by cell. */
const pendingCells = new Map<string, LiveInvocation>();
/** The spill size each cell reserved, and for which call (AST node) of its formula. */
const reservedSizes = new Map<string, { ast: ProcedureAst; width: number; height: number }>();
const allInvocations: LiveInvocation[] = [];

function cellKey(address: SimpleCellAddress): string {
  return `${address.sheet}!${address.row}:${address.col}`;
}

function cancel(live: LiveInvocation | undefined): void {
  if (!live || live.canceled) return;
  live.canceled = true;
  live.invocation.onCanceled?.();
}

/** Lets go of a cell's invocations (live and pending). */
function cancelCell(key: string): void {
  cancel(liveCells.get(key));
  cancel(pendingCells.get(key));
  liveCells.delete(key);
  pendingCells.delete(key);
}

/** Forgets a cell that no longer holds a MINERALS formula: its invocations and reserved spill size. */
function dropCell(key: string): void {
  cancelCell(key);
  reservedSizes.delete(key);
}

/** The invocation currently live for a cell, if the cell holds an evaluated MINERALS formula. */
export function liveInvocation(address: SimpleCellAddress): LiveInvocation | undefined {
  const key = cellKey(address);
  return liveCells.get(key) ?? pendingCells.get(key);
}

/** Every invocation ever made since the last `cancelAllLiveCells()`, canceled ones included. */
export function invocationHistory(): readonly LiveInvocation[] {
  return allInvocations;
}

/** Invocations not canceled: those of evaluated cells and those a spill was just sized from. */
export function liveInvocationCount(): number {
  return liveCells.size + pendingCells.size;
}

/** Cancels the invocations of cells that no longer hold a MINERALS formula (edited or cleared). */
export function cancelStaleLiveCells(hf: HyperFormula): void {
  const keys = new Set([...liveCells.keys(), ...pendingCells.keys(), ...reservedSizes.keys()]);
  for (const key of keys) {
    const live = liveCells.get(key) ?? pendingCells.get(key);
    const address = live?.address ?? addressOfKey(key);
    const formula = hf.getCellFormula(address);
    if (formula === undefined || !/MINERALS\./i.test(formula)) dropCell(key);
  }
}

function addressOfKey(key: string): SimpleCellAddress {
  const [sheet, row, col] = key.split(/[!:]/).map(Number);
  return { sheet, row, col };
}

/** Cancels every live invocation (the workbook is closed) and forgets the history. */
export function cancelAllLiveCells(): void {
  for (const key of new Set([...liveCells.keys(), ...pendingCells.keys()])) dropCell(key);
  reservedSizes.clear();
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
 * What HyperFormula needs after the plugin's data changed: re-enter the MINERALS formulas in
 * one batch, so their cells are evaluated again (spills sized again) and dependents recalculate once.
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

export type ScalarCell = number | string | boolean | CellError;

/**
 * A scalar a custom function set (or one cell of a matrix it set), as a HyperFormula cell value.
 * Anything Excel could not show (NaN, Infinity, null, an object) throws: a product bug the test must see.
 */
export function toCellValue(value: unknown): ScalarCell {
  if (value instanceof CustomFunctions.Error) {
    const type = ERROR_TYPES[value.code];
    if (type === undefined) throw new Error(`Unexpected custom function error code ${value.code}`);
    return new CellError(type, value.message);
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Custom function result ${value} is not finite`);
    return value;
  }
  if (typeof value === "string" || typeof value === "boolean") return value;
  // HyperFormula has no data types: an entity shows its text, as an Excel without them would.
  if (isEntity(value)) return value.text;
  throw new Error(`Unexpected custom function result ${JSON.stringify(value)}`);
}

function isEntity(value: unknown): value is { type: "Entity"; text: string } {
  const entity = value as { type?: unknown; text?: unknown } | null;
  return (
    typeof entity === "object" &&
    entity !== null &&
    entity.type === "Entity" &&
    typeof entity.text === "string"
  );
}

/** A result as cell values: a scalar, or a non-empty rectangular matrix of scalars. */
export function toCellResult(value: unknown): ScalarCell | ScalarCell[][] {
  if (!Array.isArray(value)) return toCellValue(value);
  const width = Array.isArray(value[0]) ? value[0].length : 0;
  if (width === 0 || !value.every((row) => Array.isArray(row) && row.length === width)) {
    throw new Error(`Custom function matrix is empty or not rectangular: ${JSON.stringify(value)}`);
  }
  return value.map((row: unknown[]) => row.map(toCellValue));
}

/** An argument as Excel hands it to a custom function: empty cells and skipped arguments are null. */
function excelArgument(value: unknown): unknown {
  return value === EmptyValue ? null : value;
}

/** Optional trailing arguments the formula left out are undefined, as in Excel. */
function optionalArgument(value: unknown): unknown {
  return value === undefined ? undefined : excelArgument(value);
}

function sameArguments(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => Object.is(value, b[i]));
}

const required = { argumentType: FunctionArgumentType.NOERROR };
const optional = { argumentType: FunctionArgumentType.NOERROR, optionalArg: true };

function implementedFunctions() {
  return Object.fromEntries(
    FORMULAS.map((spec) => [
      `${NAMESPACE}${spec.id}`,
      {
        method: "mineralsCall",
        ...(spec.matrix ? { sizeOfResultArrayMethod: "mineralsArraySize" } : {}),
        parameters: Array.from({ length: spec.args }, (_, i) =>
          i < spec.args - spec.optional ? required : optional
        ),
        // One invocation per cell: a range argument is not spread into several calls.
        vectorizationForbidden: true,
      },
    ])
  );
}

function specOf(name: string): FormulaSpec {
  const spec = SPECS.get(name.toUpperCase());
  if (!spec) throw new Error(`No MINERALS formula ${name}`);
  return spec;
}

export class MineralsPlugin extends FunctionPlugin {
  static implementedFunctions = implementedFunctions();

  /** Evaluates any MINERALS formula in its cell. */
  mineralsCall(ast: ProcedureAst, state: InterpreterState): InterpreterValue {
    const spec = specOf(ast.procedureName);
    const address = state.formulaAddress;
    const key = cellKey(address);
    let called = false;
    const value = this.runFunction(
      ast.args,
      state,
      this.metadata(ast.procedureName),
      (...values: unknown[]) => {
        called = true;
        const live = this.adoptOrInvoke(spec, address, this.excelArguments(spec, values));
        return this.cellValue(spec, live, ast, state);
      }
    );
    // An error argument (or a wrong argument count) means the function is not called: like Excel,
    // let go of the invocation the cell had.
    if (!called) cancelCell(key);
    return value;
  }

  /**
   * The spill size of a matrix formula when it is entered: the cell's one invocation is made now,
   * its result sized, and the evaluation adopts it (see mineralsCall).
   */
  mineralsArraySize(ast: ProcedureAst, state: InterpreterState): ArraySize {
    const spec = specOf(ast.procedureName);
    const address = state.formulaAddress;
    const key = cellKey(address);
    cancel(pendingCells.get(key));
    pendingCells.delete(key);
    let size = ArraySize.scalar();
    try {
      this.runFunction(
        ast.args,
        state,
        this.metadata(ast.procedureName),
        (...values: unknown[]) => {
          const live = this.invoke(spec, address, this.excelArguments(spec, values));
          pendingCells.set(key, live);
          const result = live.results[live.results.length - 1];
          if (Array.isArray(result) && Array.isArray(result[0]) && result[0].length > 0) {
            size = new ArraySize(result[0].length, result.length);
          }
          return 0;
        }
      );
    } catch {
      // An argument that cannot be evaluated yet (a formula cell not computed when the sheet is
      // built): size it as one cell; if the evaluation then gives a table, it says #SPILL!.
    }
    reservedSizes.set(key, { ast, width: size.width, height: size.height });
    return size;
  }

  private excelArguments(spec: FormulaSpec, values: unknown[]): unknown[] {
    return Array.from({ length: spec.args }, (_, i) =>
      i < spec.args - spec.optional ? excelArgument(values[i]) : optionalArgument(values[i])
    );
  }

  /** The cell's invocation: the one its spill was sized from (same arguments), else a new one. */
  private adoptOrInvoke(
    spec: FormulaSpec,
    address: SimpleCellAddress,
    args: unknown[]
  ): LiveInvocation {
    const key = cellKey(address);
    const pending = pendingCells.get(key);
    pendingCells.delete(key);
    if (pending && !pending.canceled && sameArguments(pending.args, args)) {
      const previous = liveCells.get(key);
      if (previous !== pending) cancel(previous);
      liveCells.set(key, pending);
      return pending;
    }
    cancel(pending);
    const live = this.invoke(spec, address, args);
    liveCells.set(key, live);
    return live;
  }

  /** Calls the wrapper with a recording streaming invocation; the cell's previous one is canceled. */
  private invoke(spec: FormulaSpec, address: SimpleCellAddress, args: unknown[]): LiveInvocation {
    const key = cellKey(address);
    // The cell is being recalculated: Excel cancels the invocation it had before.
    cancel(liveCells.get(key));
    liveCells.delete(key);

    const results: unknown[] = [];
    const invocation: CustomFunctions.StreamingInvocation<unknown> = {
      functionName: spec.id,
      setResult: (value) => {
        results.push(value);
      },
    };
    const live: LiveInvocation = {
      functionId: spec.id,
      address,
      args,
      results,
      canceled: false,
      invocation,
    };
    allInvocations.push(live);
    callWrapper(spec, args, invocation);
    return live;
  }

  /** What the cell shows: the invocation's latest result, a spill when it is a matrix. */
  private cellValue(
    spec: FormulaSpec,
    live: LiveInvocation,
    ast: ProcedureAst,
    state: InterpreterState
  ): InterpreterValue {
    if (live.results.length === 0) {
      return new CellError(ErrorType.ERROR, `${spec.id} set no result synchronously`);
    }
    const result = toCellResult(live.results[live.results.length - 1]);
    if (!Array.isArray(result)) return result;
    const height = result.length;
    const width = result[0].length;
    const reserved = reservedSizes.get(cellKey(state.formulaAddress));
    const vertex = state.formulaVertex;
    let expected: { width: number; height: number } | undefined;
    if (reserved && reserved.ast === ast) expected = reserved;
    else if (vertex && (vertex.width > 1 || vertex.height > 1))
      expected = { width: vertex.width, height: vertex.height };
    // Otherwise the matrix is an argument of another function: hand it over whole.
    if (expected && (expected.width !== width || expected.height !== height)) {
      return new CellError(
        ErrorType.SPILL,
        `MINERALS.${spec.id} now returns ${height}×${width} cells but its cell reserved ` +
          `${expected.height}×${expected.width} when the formula was entered; re-enter the formula.`
      );
    }
    if (width === 1 && height === 1) return result[0][0];
    return SimpleRangeValue.onlyValues(result);
  }
}

export const mineralsTranslations = {
  enGB: Object.fromEntries(
    FORMULAS.map((spec) => [`${NAMESPACE}${spec.id}`, `${NAMESPACE}${spec.id}`])
  ),
};

/** Registers the plugin once per module registry (jest loads this file per test file). */
export function registerMineralsPlugin(): void {
  const registered = HyperFormula.getRegisteredFunctionNames("enGB");
  if (!FORMULAS.every((spec) => registered.includes(`${NAMESPACE}${spec.id}`))) {
    HyperFormula.registerFunctionPlugin(MineralsPlugin, mineralsTranslations);
  }
}
