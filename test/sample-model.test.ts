/**
 * The sample model the task pane inserts ("Insert sample model", src/taskpane/browse/sample-model.ts),
 * built as a real formula-engine workbook (HyperFormula) whose MINERALS cells run the add-in's own
 * custom functions (test/support/minerals-plugin.ts): every cell evaluated and asserted, the SERIES
 * spill checked against the chart's source range, then the dataset replaced and the model updated
 * the way HyperFormula needs after a data change (MINERALS formulas re-entered in one batch; rebuildAndRecalculate would break spills).
 *
 * Also here: the plugin's formula table checked against the generated metadata, and every registered
 * formula exercised in the engine with its optional arguments.
 */
import { readFileSync } from "fs";
import { join } from "path";
import {
  CellValue,
  DetailedCellError,
  ErrorType,
  HyperFormula,
  SimpleCellAddress,
} from "hyperformula";
import { localDay } from "../src/core/queries/control-dates";
import { controlsText } from "../src/core/queries/controls";
import { Dataset, ExportObservation } from "../src/core/dataset/dataset";
import { indexDataset } from "../src/core/dataset/indexed";
import { store } from "../src/runtime/live-store";
import { sampleModel, SampleModel } from "../src/taskpane/browse/sample-model";
import {
  cancelAllLiveCells,
  cancelStaleLiveCells,
  FORMULAS,
  invocationHistory,
  LiveInvocation,
  liveInvocation,
  liveInvocationCount,
  mineralsCells,
  reenterMineralsFormulas,
  registerMineralsPlugin,
  toCellResult,
} from "./support/minerals-plugin";
import { csvRows } from "./support/real-dataset";

const ROOT = join(__dirname, "..");
const original = store.current;

// ---------------------------------------------------------------------------------------------
// Workbook helpers

const CONFIG = { licenseKey: "gpl-v3", smartRounding: false };

function columnIndex(letters: string): number {
  return [...letters].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 64), 0) - 1;
}

function columnLetters(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

function parseA1(a1: string): { row: number; col: number } {
  const m = a1.match(/^([A-Z]+)(\d+)$/);
  if (!m) throw new Error(`bad address ${a1}`);
  return { col: columnIndex(m[1]), row: Number(m[2]) - 1 };
}

function toA1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** The model's cells as a sheet: a formula or constant at each address, as the pane writes them. */
function sheetOf(model: SampleModel): (string | number | null)[][] {
  const grid: (string | number | null)[][] = [];
  for (const cell of model.cells) {
    const { row, col } = parseA1(cell.address);
    while (grid.length <= row) grid.push([]);
    while (grid[row].length <= col) grid[row].push(null);
    grid[row][col] = cell.content;
  }
  return grid;
}

/** A plain form of a cell value to compare: errors as { error, message }. */
type Shown = number | string | boolean | { error: ErrorType; message: string };

function shown(value: CellValue): Shown | null {
  if (value instanceof DetailedCellError) return { error: value.type, message: value.message };
  return value;
}

/** Every non-empty cell of a sheet, by A1 address. */
function sheetValues(hf: HyperFormula, sheet: number): Record<string, Shown> {
  const values: Record<string, Shown> = {};
  hf.getSheetValues(sheet).forEach((row, r) =>
    row.forEach((value, c) => {
      const v = shown(value);
      if (v !== null) values[toA1(r, c)] = v;
    })
  );
  return values;
}

/** The range a spilled formula occupies, as "A16:B19" (HyperFormula's array cells from its anchor). */
function spillRange(hf: HyperFormula, anchor: SimpleCellAddress): string {
  const part = (row: number, col: number) =>
    hf.isCellPartOfArray({ sheet: anchor.sheet, row, col });
  expect(part(anchor.row, anchor.col)).toBe(true);
  let height = 1;
  while (part(anchor.row + height, anchor.col)) height++;
  let width = 1;
  while (part(anchor.row, anchor.col + width)) width++;
  for (let r = 0; r < height; r++)
    for (let c = 0; c < width; c++) expect(part(anchor.row + r, anchor.col + c)).toBe(true);
  for (let r = 0; r < height; r++) expect(part(anchor.row + r, anchor.col + width)).toBe(false);
  for (let c = 0; c < width; c++) expect(part(anchor.row + height, anchor.col + c)).toBe(false);
  return `${toA1(anchor.row, anchor.col)}:${toA1(anchor.row + height - 1, anchor.col + width - 1)}`;
}

// ---------------------------------------------------------------------------------------------
// Figures read from the source CSVs and the published dataset, independently of the product's code

function exportRow(commodity: string, partner: string, period: string): Record<string, string> {
  const row = csvRows("news/exports.csv").find(
    (r) =>
      r.commodity === commodity &&
      r.reporter === "CN" &&
      r.partner === partner &&
      r.period === period
  );
  if (!row) throw new Error(`no CSV row ${commodity} ${partner} ${period}`);
  return row;
}

function quantity(commodity: string, partner: string, period: string): number {
  return Number(exportRow(commodity, partner, period).quantity);
}

/** The one-line citation of a source: publisher, "title", publication date, origin. */
function citation(sourceId: string): string {
  const s = csvRows("news/sources.csv").find((r) => r.source_id === sourceId);
  if (!s) throw new Error(`no source ${sourceId}`);
  return `${s.publisher}, "${s.title}", ${s.published}, ${s.origin}`;
}

function publishedDataset(): Dataset {
  return JSON.parse(readFileSync(join(ROOT, "build", "minerals.json"), "utf8")) as Dataset;
}

/** CONTROLS("gallium","US") today, the way the wrapper computes it: core's text for `new Date()`. */
function controlsToday(): string {
  const text = controlsText(
    store.current.data,
    { commodity: "gallium", partner: "US" },
    new Date()
  );
  if (typeof text !== "string") throw new Error(`CONTROLS failed: ${text.message}`);
  return text;
}

// ---------------------------------------------------------------------------------------------

describe("the MINERALS plugin registers every formula of the catalogue", () => {
  interface GoldenParameter {
    name: string;
    optional?: boolean;
  }
  interface GoldenFunction {
    id: string;
    parameters: GoldenParameter[];
    result: { dimensionality?: string };
    options?: { stream?: boolean };
  }
  const golden = JSON.parse(
    readFileSync(join(ROOT, "test", "golden", "functions.json"), "utf8")
  ) as { functions: GoldenFunction[] };

  test("its table matches the generated metadata (test/golden/functions.json) and the wrappers", () => {
    expect(golden.functions).toHaveLength(16);
    expect(FORMULAS.map((f) => f.id)).toEqual(golden.functions.map((f) => f.id));
    for (const fn of golden.functions) {
      const spec = FORMULAS.find((f) => f.id === fn.id);
      const optional = fn.parameters.filter((p) => p.optional === true).length;
      // Optional parameters come last, so a count says which they are.
      expect(fn.parameters.map((p) => p.optional === true)).toEqual(
        fn.parameters.map((_, i) => i >= fn.parameters.length - optional)
      );
      expect({
        id: spec?.id,
        args: spec?.args,
        optional: spec?.optional,
        matrix: spec?.matrix,
        // The wrapper takes the arguments, then the invocation.
        arity: spec?.wrapper.length,
      }).toEqual({
        id: fn.id,
        args: fn.parameters.length,
        optional,
        matrix: fn.result.dimensionality === "matrix",
        arity: fn.parameters.length + 1,
      });
      expect(fn.options?.stream).toBe(true);
    }
  });

  test("each formula works as MINERALS.<ID> with its optional arguments, spills included", () => {
    registerMineralsPlugin();
    const registered = HyperFormula.getRegisteredFunctionNames("enGB");
    for (const spec of FORMULAS) expect(registered).toContain(`MINERALS.${spec.id}`);
    const baseline = store.listenerCount;

    const cells: [string, string][] = [
      ["A1", '=MINERALS.EXPORT("gallium","Japan","2025-06","t","CN")'],
      ["A2", '=MINERALS.FORECAST("lithium",2026,"market balance","Fitch Ratings")'],
      ["A3", '=MINERALS.FORECAST("lithium",2026,,,"qualifier")'],
      ["A4", '=MINERALS.SOURCE("magnets","US","2025-11","publisher")'],
      ["A5", '=MINERALS.PRODUCTION("rare earths","China",2024,"mine production")'],
      ["A6", '=MINERALS.PRODUCTION("cobalt","Congo (Kinshasa)",2024,,"qualifier")'],
      ["A7", '=MINERALS.RESERVES("cobalt","Congo (Kinshasa)",,"date")'],
      ["A8", '=MINERALS.INDICATOR("rare earths","mining quota",2024,"value")'],
      ["A9", '=MINERALS.CONTROLS("gallium","US","2024-12-10")'],
      ["A10", '=MINERALS.DATAVERSION("asof")'],
      ["A11", '=MINERALS.CHANGE("magnets","JP","2025-11","mom","qualifier")'],
      ["A12", '=MINERALS.SHARE("magnets","US","2025-11")'],
      ["A13", '=MINERALS.CHANGE("magnets","JP","2025-11","yoy")'],
      ["A14", "=ROWS(MINERALS.LIST())"],
      ["C1", '=MINERALS.SERIES("magnets","US","2025-10","2025-11",0,"kg")'],
      ["C4", '=MINERALS.TOP("magnets","2025-10",5)'],
      ["C7", '=MINERALS.EVENTS("gallium","US")'],
      ["C12", '=MINERALS.LIST("partners","magnets")'],
    ];
    const grid: string[][] = [];
    for (const [a1, formula] of cells) {
      const { row, col } = parseA1(a1);
      while (grid.length <= row) grid.push([]);
      grid[row][col] = formula;
    }
    const hf = HyperFormula.buildFromSheets({ Formulas: grid }, CONFIG);
    const sheet = hf.getSheetId("Formulas") as number;
    try {
      const at = (a1: string) => ({ sheet, ...parseA1(a1) });
      const value = (a1: string) => shown(hf.getCellValue(at(a1)));
      expect(value("A1")).toBe(quantity("gallium", "JP", "2025-06") / 1000);
      expect(value("A2")).toBe("oversupplied");
      expect(value("A3")).toBe("forecast by Bernstein, published 2025-12");
      expect(value("A4")).toBe("ts2.tech");
      expect(value("A5")).toBe(270000);
      expect(value("A6")).toBe("estimated");
      expect(value("A7")).toBe("2026");
      expect(value("A8")).toBe(270000);
      expect(value("A9")).toBe(
        "Licence required since 2023-08-01; export ban to the United States in force since 2024-12-03."
      );
      expect(value("A10")).toBe(publishedDataset().as_of);
      expect(value("A11")).toBe("reported change, not computed");
      expect(value("A12")).toBe(582 / 6150);
      expect(value("A13")).toEqual({
        error: ErrorType.NA,
        message: expect.stringMatching(/^No year-on-year change for magnets/),
      });
      expect(value("A14")).toBe(publishedDataset().commodities.length);

      // Spills: exactly the wrapper's table, error cells as errors.
      expect(spillRange(hf, at("C1"))).toBe("C1:D2");
      expect(value("C1")).toBe("2025-10");
      expect(value("D1")).toBe(656_000);
      expect(value("C2")).toBe("2025-11");
      expect(value("D2")).toBe(582_000);
      expect(spillRange(hf, at("C4"))).toBe("C4:E5");
      expect([value("C4"), value("D4"), value("E4")]).toEqual([
        "Partner",
        "Quantity (t)",
        "Share of total",
      ]);
      expect([value("C5"), value("D5")]).toEqual(["United States", 656]);
      expect(value("E5")).toEqual({
        error: ErrorType.NA,
        message: expect.stringContaining("no World figure for magnets in 2025-10"),
      });
      expect(spillRange(hf, at("C7"))).toBe("C7:G10");
      expect(value("D9")).toBe("export ban");
      expect(value("F10")).toBe("2026-11-27");
      expect(spillRange(hf, at("C12"))).toBe("C12:D16");
      expect(value("C13")).toBe("WORLD");

      // Every cell's invocation is live, holds one subscription, and shows what the wrapper set.
      const anchors = cells.map(([a1]) => a1).filter((a1) => a1 !== "A14");
      for (const a1 of anchors) {
        const live = liveInvocation(at(a1)) as LiveInvocation;
        expect(live.canceled).toBe(false);
        expect(live.results).toHaveLength(1);
        const set = toCellResult(live.results[0]);
        const top = Array.isArray(set) ? set[0][0] : set;
        const cell = value(a1);
        if (typeof top === "object") expect(cell).toMatchObject({ message: top.message });
        else expect(cell).toBe(top);
      }
      // Optional arguments reach the wrapper as Excel passes them: skipped → null, left out → undefined.
      expect(liveInvocation(at("A3"))?.args).toStrictEqual([
        "lithium",
        2026,
        null,
        null,
        "qualifier",
      ]);
      expect(liveInvocation(at("A10"))?.args).toStrictEqual(["asof"]);
      expect(liveInvocation(at("C4"))?.args).toStrictEqual([
        "magnets",
        "2025-10",
        5,
        undefined,
        undefined,
        undefined,
      ]);
      expect(liveInvocation(at("A12"))?.args).toStrictEqual([
        "magnets",
        "US",
        "2025-11",
        undefined,
        undefined,
        undefined,
      ]);
      // The spills were sized from the very invocation the cell shows: one call per spilled cell.
      expect(invocationHistory().filter((live) => live.functionId === "SERIES")).toHaveLength(1);
      expect(store.listenerCount - baseline).toBe(cells.length);
    } finally {
      cancelAllLiveCells();
      hf.destroy();
    }
    expect(store.listenerCount).toBe(baseline);
  });

  test("a spill whose size changes without re-entry says #SPILL!; re-entering sizes it again", () => {
    registerMineralsPlugin();
    const baseline = store.listenerCount;
    const hf = HyperFormula.buildFromSheets(
      { S: [["2025-10", '=MINERALS.SERIES("magnets","US",A1)']] },
      CONFIG
    );
    try {
      const at = (a1: string) => ({ sheet: 0, ...parseA1(a1) });
      expect(spillRange(hf, at("B1"))).toBe("B1:C3");
      expect(hf.getCellValue(at("C3"))).toBe(582);
      // A later start month shrinks the table; the reserved range cannot follow.
      hf.setCellContents(at("A1"), "2025-11");
      const error = hf.getCellValue(at("B1")) as DetailedCellError;
      expect(error).toBeInstanceOf(DetailedCellError);
      expect(error.type).toBe(ErrorType.SPILL);
      expect(error.message).toBe(
        "MINERALS.SERIES now returns 2×2 cells but its cell reserved 3×2 when the formula was entered; re-enter the formula."
      );
      reenterMineralsFormulas(hf, 0);
      expect(spillRange(hf, at("B1"))).toBe("B1:C2");
      expect(hf.getCellValue(at("B2"))).toBe("2025-11");
      expect(hf.getCellValue(at("C2"))).toBe(582);
      expect(liveInvocationCount()).toBe(1);
      expect(store.listenerCount - baseline).toBe(1);
      // Clearing the cell lets its invocation go.
      hf.setCellContents(at("B1"), null);
      cancelStaleLiveCells(hf);
      expect(liveInvocationCount()).toBe(0);
      expect(store.listenerCount).toBe(baseline);
    } finally {
      cancelAllLiveCells();
      hf.destroy();
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe("the sample model the task pane inserts, evaluated in a formula engine", () => {
  let hf: HyperFormula;
  let sheet: number;
  let model: SampleModel;
  let baseline: number;
  /** Every non-empty cell after the first evaluation. */
  let initial: Record<string, Shown>;

  const at = (a1: string): SimpleCellAddress => ({ sheet, ...parseA1(a1) });
  const value = (a1: string) => shown(hf.getCellValue(at(a1)));

  /** The MINERALS cells of the model, by address. */
  function modelMineralsCells(): string[] {
    return model.cells
      .filter((c) => typeof c.content === "string" && c.content.startsWith("=MINERALS."))
      .map((c) => c.address);
  }

  /** The sheet every cell of which the tests expect, for the dataset's figures given. */
  function expectedSheet(figures: {
    usNov: number;
    worldNov: number;
    series: [string, number][];
  }): Record<string, Shown> {
    const expected: Record<string, Shown> = {};
    // Constants (labels, headers, the share's note) exactly as the model writes them.
    for (const cell of model.cells) {
      if (!(typeof cell.content === "string" && cell.content.startsWith("="))) {
        expected[cell.address] = cell.content;
      }
    }
    const published = publishedDataset();
    const ts2 = citation("ts2-2025-12-20");
    const usOct = quantity("magnets", "US", "2025-10");
    Object.assign(expected, {
      B3: published.version,
      C3: published.as_of,
      B6: figures.usNov,
      C6: citation(exportRow("magnets", "US", "2025-11").source_id),
      B7: figures.worldNov,
      C7: citation(exportRow("magnets", "WORLD", "2025-11").source_id),
      B8: figures.usNov / figures.worldNov,
      B9: figures.usNov / usOct - 1,
      C9: `${ts2}, computed from reported levels: ${usOct} (2025-10) → ${figures.usNov} (2025-11)`,
      // Reported in kg, asked for in t.
      B10: quantity("gallium", "JP", "2025-06") / 1000,
      C10: citation(exportRow("gallium", "JP", "2025-06").source_id),
      B11: 17000,
      C11: `${ts2}, forecast by Bernstein, published 2025-12`,
      B12: controlsToday(),
      A16: "Period",
      B16: "Quantity (t)",
    });
    figures.series.forEach(([period, q], i) => {
      expected[`A${17 + i}`] = period;
      expected[`B${17 + i}`] = q;
    });
    return expected;
  }

  beforeAll(() => {
    registerMineralsPlugin();
    expect(liveInvocationCount()).toBe(0);
    baseline = store.listenerCount;
    model = sampleModel(store.current.data);
    hf = HyperFormula.buildFromSheets({ [model.sheetName]: sheetOf(model) }, CONFIG);
    sheet = hf.getSheetId(model.sheetName) as number;
    initial = sheetValues(hf, sheet);
  });

  afterAll(() => {
    cancelAllLiveCells();
    hf.destroy();
    store.replace(original.data, original.origin, original.loadedAt);
    // No store listener leaks: every live cell let go (CONTROLS' daily timer too).
    expect(store.listenerCount).toBe(baseline);
  });

  test("the model holds the figures the issue names, as live MINERALS formulas", () => {
    const content = (a1: string) => model.cells.find((c) => c.address === a1)?.content;
    expect(content("B6")).toBe('=MINERALS.EXPORT("magnets","US","2025-11")');
    expect(content("B8")).toBe("=B6/B7");
    expect(content("B9")).toBe('=MINERALS.CHANGE("magnets","US","2025-11")');
    expect(content("B10")).toBe('=MINERALS.EXPORT("gallium","Japan","2025-06","t")');
    expect(content("B11")).toBe('=MINERALS.FORECAST("lithium",2026)');
    expect(content("B12")).toBe('=MINERALS.CONTROLS("gallium","US")');
    expect(content("A16")).toBe('=MINERALS.SERIES("magnets","US")');
    expect(model.chart.source).toBe("A16:B19");
    // Every MINERALS cell of the model is one the engine evaluated through a live invocation.
    expect(
      mineralsCells(hf, sheet)
        .map((a) => toA1(a.row, a.col))
        .sort()
    ).toEqual(modelMineralsCells().sort());
    expect(store.listenerCount - baseline).toBe(modelMineralsCells().length);
  });

  test("every cell has its exact value, figures straight from data/", () => {
    // The figures the issue quotes, and the CSV rows they come from.
    expect(quantity("magnets", "US", "2025-11")).toBe(582);
    expect(quantity("magnets", "WORLD", "2025-11")).toBe(6150);
    expect(quantity("magnets", "US", "2025-10")).toBe(656);
    expect(quantity("gallium", "JP", "2025-06")).toBe(2004);
    expect(exportRow("gallium", "JP", "2025-06").unit).toBe("kg");
    const lithium = csvRows("news/forecasts.csv").find(
      (r) => r.commodity === "lithium" && r.year === "2026" && r.variable.startsWith("price")
    );
    expect(Number(lithium?.value)).toBe(17000);

    expect(initial).toEqual(
      expectedSheet({
        usNov: 582,
        worldNov: 6150,
        series: [
          ["2025-06", 353],
          ["2025-10", 656],
          ["2025-11", 582],
        ],
      })
    );
    expect(value("B6")).toBe(582);
    expect(value("B7")).toBe(6150);
    expect(value("B8")).toBe(582 / 6150);
    expect(value("B8")).toBeCloseTo(0.0946, 4);
    expect(value("B9")).toBe(582 / 656 - 1);
    expect(value("B9")).toBeCloseTo(-0.1128, 4);
    expect(value("B10")).toBe(2.004);
    expect(value("B11")).toBe(17000);
    expect(value("C6")).toContain("ts2.tech");
    expect(value("C6")).toContain("2025-12-20");
  });

  test("gallium controls today: core's text for the local date, suspended until 2026-11-27", () => {
    const today = localDay(new Date());
    const text = value("B12");
    expect(text).toBe(controlsToday());
    if (today < "2024-12-03") {
      expect(text).toBe("Licence required since 2023-08-01.");
    } else if (today < "2025-11-09") {
      expect(text).toBe(
        "Licence required since 2023-08-01; export ban to the United States in force since 2024-12-03."
      );
    } else if (today <= "2026-11-27") {
      // 2026-11-22, when this was written: the US ban is suspended, five days before it returns.
      expect(text).toBe(
        "Licence required since 2023-08-01; export ban to the United States (since 2024-12-03) suspended since 2025-11-09 until 2026-11-27."
      );
      expect(text).toContain("suspended");
      expect(text).not.toContain("in force");
    } else {
      // The end of the suspension is after the dataset's as-of date (2026-11-22): scheduled, not a fact.
      expect(text).toBe(
        "Licence required since 2023-08-01; export ban to the United States (since 2024-12-03) suspended since 2025-11-09; suspension scheduled to end on 2026-11-27 (as announced on 2025-11-09); no later event recorded."
      );
      expect(text).not.toContain("in force again");
    }
  });

  test("the SERIES spill occupies exactly the chart's source range", () => {
    expect(spillRange(hf, at("A16"))).toBe(model.chart.source);
    expect(model.chart.source).toBe("A16:B19");
    // Nothing else sits in the spill's way, so it is not #SPILL!.
    expect(value("A16")).toBe("Period");
  });

  test("a refresh reaches the model: changed cells and the spill update, the rest stay", () => {
    const before = sheetValues(hf, sheet);
    const old = new Map(modelMineralsCells().map((a1) => [a1, liveInvocation(at(a1))]));
    const listeners = store.listenerCount;

    // A modified copy of the dataset in use: magnets US 2025-11 → 600, a new month 2025-12 = 700,
    // World 2025-11 → 6000.
    const dataset = structuredClone(store.current.data.dataset) as Dataset;
    const find = (partner: string, period: string) =>
      dataset.exports.find(
        (o) =>
          o.commodity === "magnets" &&
          o.reporter === "CN" &&
          o.partner === partner &&
          o.period === period
      );
    const usNov = find("US", "2025-11") as ExportObservation;
    (find("WORLD", "2025-11") as ExportObservation).quantity = 6000;
    usNov.quantity = 600;
    expect(find("US", "2025-12")).toBeUndefined();
    dataset.exports.push({ ...usNov, period: "2025-12", quantity: 700, note: null });
    expect(dataset.sources.some((s) => s.source_id === usNov.source_id)).toBe(true);
    dataset.hash = "";
    const refreshed = indexDataset(dataset);
    store.replace(refreshed, { kind: "file", name: "sample-model-test.json" });

    // The live cells were sent new values where their value changed, and only there.
    const streamed = [...old]
      .filter(([, live]) => (live as LiveInvocation).results.length > 1)
      .map(([a1]) => a1)
      .sort();
    expect(streamed).toEqual(["A16", "B6", "B7", "B9", "C9"]);
    expect(old.get("B6")?.results).toEqual([582, 600]);
    expect((old.get("A16")?.results.at(-1) as unknown[][]).slice(-1)).toEqual([["2025-12", 700]]);

    // The engine is told as HyperFormula needs: the MINERALS formulas re-entered in one batch.
    reenterMineralsFormulas(hf, sheet);

    const after = sheetValues(hf, sheet);
    const newModel = sampleModel(store.current.data);
    expect(after).toEqual(
      expectedSheet({
        usNov: 600,
        worldNov: 6000,
        series: [
          ["2025-06", 353],
          ["2025-10", 656],
          ["2025-11", 600],
          ["2025-12", 700],
        ],
      })
    );
    expect(value("B6")).toBe(600);
    expect(value("B7")).toBe(6000);
    expect(value("B8")).toBe(600 / 6000);
    expect(value("B9")).toBe(600 / 656 - 1);
    expect(value("B9")).toBeCloseTo(-0.0854, 4);
    expect([value("A20"), value("B20")]).toEqual(["2025-12", 700]);

    // Exactly these cells changed (the spill grew by one row); every other cell kept its value.
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
      .filter((a1) => JSON.stringify(before[a1]) !== JSON.stringify(after[a1]))
      .sort();
    expect(changed).toEqual(["A20", "B19", "B20", "B6", "B7", "B8", "B9", "C9"].sort());
    expect(before.B19).toBe(582);
    expect(after.B19).toBe(600);

    // The spill grew by a row: it is exactly the range a model inserted now would chart. The chart of
    // a model inserted before the refresh keeps its fixed range, one row short.
    expect(spillRange(hf, at("A16"))).toBe("A16:B20");
    expect(newModel.chart.source).toBe("A16:B20");
    expect(model.chart.source).toBe("A16:B19");

    // Re-entry replaced every invocation; the old ones are canceled, nothing leaked.
    expect([...old.values()].every((live) => live?.canceled)).toBe(true);
    expect(store.listenerCount).toBe(listeners);

    // Back to the original dataset: every cell as at first, the spill back to its first extent.
    store.replace(original.data, original.origin, original.loadedAt);
    reenterMineralsFormulas(hf, sheet);
    expect(sheetValues(hf, sheet)).toEqual(initial);
    expect(spillRange(hf, at("A16"))).toBe(model.chart.source);
    expect(store.listenerCount).toBe(listeners);
  });
});
