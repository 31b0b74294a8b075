import { OfficeMockObject } from "office-addin-mock";
import { realIndexed } from "../../test/support/real-dataset";
import { sampleModel } from "./browse/sample-model";
import {
  callsMinerals,
  detectExcel,
  insertIntoSelectedCell,
  insertSampleModel,
  insertTableSheet,
  insertTableWithChart,
  NOT_IN_EXCEL,
  OLD_EXCEL,
  repairMineralsFormulas,
} from "./excel-actions";
import { quote } from "./browse/formulas";

const globals = globalThis as unknown as { Excel?: unknown; Office?: unknown };

afterEach(() => {
  delete globals.Excel;
  delete globals.Office;
});

/** What a mocked range was given (plain objects: the code only writes to them). */
interface WrittenRange {
  address: string;
  formulas?: unknown[][];
  values?: unknown[][];
  numberFormat?: unknown[][];
  format: { font: { bold?: boolean }; columnWidth?: number };
}

describe("insert into the selected cell", () => {
  function excelWithSelection(selected: string, topLeft: string) {
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          selection: {
            address: selected,
            topLeft: { address: topLeft, formulas: [[""]] },
            getCell(this: any, row: number, column: number) {
              this.cellAsked = [row, column];
              return this.topLeft;
            },
          },
          getSelectedRange(this: any) {
            return this.selection;
          },
        },
      },
      run: async function (this: any, callback: (context: unknown) => Promise<unknown>) {
        return callback(this.context);
      },
    });
    globals.Excel = mock;
    return mock as any;
  }

  test("writes the formula into the selected cell and returns its address", async () => {
    const excel = excelWithSelection("Sheet1!C5", "Sheet1!C5");
    const formula = '=MINERALS.EXPORT("magnets","US","2025-11")';
    await expect(insertIntoSelectedCell(formula)).resolves.toBe("Sheet1!C5");
    expect(excel.context.workbook.selection.topLeft.formulas).toEqual([[formula]]);
    expect(excel.context.workbook.selection.cellAsked).toEqual([0, 0]);
  });

  test("a selected range gets the formula in its top-left cell only (room for a spill below)", async () => {
    const excel = excelWithSelection("Data!B2:D9", "Data!B2");
    const formula = '=MINERALS.SERIES("magnets","US")';
    await expect(insertIntoSelectedCell(formula)).resolves.toBe("Data!B2");
    expect(excel.context.workbook.selection.topLeft.formulas).toEqual([[formula]]);
    // The selected range itself was not written (a write would have set its formulas).
    expect(excel.context.workbook.selection.formulas).toBeUndefined();
  });

  test("a formula longer than Excel allows is not written (issue 12, defect 11)", async () => {
    const excel = excelWithSelection("Sheet1!C5", "Sheet1!C5");
    const formula = `=MINERALS.INDICATOR("rare earths",${quote("i".repeat(9000))})`;
    await expect(insertIntoSelectedCell(formula)).rejects.toThrow(
      /^the formula is [\d,]+ characters long, more than the 8,192 Excel allows; nothing was inserted$/
    );
    // Excel was not asked for the cell at all.
    expect(excel.context.workbook.selection.cellAsked).toBeUndefined();
  });

  test("Excel's refusal reaches the caller", async () => {
    globals.Excel = new OfficeMockObject({
      run: async function () {
        throw new Error("The cell is being edited.");
      },
    });
    await expect(insertIntoSelectedCell("=1")).rejects.toThrow("The cell is being edited.");
  });
});

describe("insert the sample model", () => {
  function excelWithSheets(existing: string[]) {
    const ranges = new Map<string, WrittenRange>();
    const added: string[] = [];
    const asked: string[] = [];
    const charts: Record<string, unknown>[] = [];
    let activated = 0;
    const sheet = {
      getRange(address: string) {
        let range = ranges.get(address);
        if (!range) ranges.set(address, (range = { address, format: { font: {} } }));
        return range;
      },
      charts: {
        add(type: string, source: WrittenRange, seriesBy: string) {
          const chart: Record<string, unknown> = {
            type,
            source: source.address,
            seriesBy,
            title: {},
            legend: {},
            setPosition(topLeft: string, bottomRight: string) {
              chart.position = [topLeft, bottomRight];
            },
          };
          charts.push(chart);
          return chart;
        },
      },
      activate() {
        activated++;
      },
    };
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            taken: { isNullObject: false },
            free: { isNullObject: true },
            getItemOrNullObject(this: any, name: string) {
              asked.push(name);
              return existing.includes(name) ? this.taken : this.free;
            },
            add(name: string) {
              added.push(name);
              return sheet;
            },
          },
        },
      },
      run: async function (this: any, callback: (context: unknown) => Promise<unknown>) {
        return callback(this.context);
      },
    });
    globals.Excel = mock;
    return { ranges, added, asked, charts, activated: () => activated };
  }

  const model = sampleModel(realIndexed());

  test("adds the sheet, writes every formula and label to its cell, and charts the SERIES spill", async () => {
    const excel = excelWithSheets(["Sheet1"]);
    await expect(insertSampleModel(model)).resolves.toBe("Minerals model");
    expect(excel.added).toEqual(["Minerals model"]);

    const written = (address: string) => excel.ranges.get(address);
    // Formulas go in as formulas, labels as values, each at its address.
    expect(written("B6")?.formulas).toEqual([['=MINERALS.EXPORT("magnets","US","2025-11")']]);
    expect(written("B7")?.formulas).toEqual([['=MINERALS.EXPORT("magnets","World","2025-11")']]);
    expect(written("B8")?.formulas).toEqual([["=B6/B7"]]);
    expect(written("B9")?.formulas).toEqual([['=MINERALS.CHANGE("magnets","US","2025-11")']]);
    expect(written("B10")?.formulas).toEqual([
      ['=MINERALS.EXPORT("gallium","Japan","2025-06","t")'],
    ]);
    expect(written("B11")?.formulas).toEqual([['=MINERALS.FORECAST("lithium",2026)']]);
    expect(written("B12")?.formulas).toEqual([['=MINERALS.CONTROLS("gallium","US")']]);
    expect(written("A16")?.formulas).toEqual([['=MINERALS.SERIES("magnets","US")']]);
    expect(written("C6")?.formulas).toEqual([['=MINERALS.SOURCE("magnets","US","2025-11")']]);
    expect(written("A8")?.values).toEqual([["US share of magnets, 2025-11"]]);
    expect(written("A8")?.formulas).toBeUndefined();
    expect(written("B8")?.values).toBeUndefined();
    for (const cell of model.cells) {
      const range = written(cell.address)!;
      const isFormula = typeof cell.content === "string" && cell.content.startsWith("=");
      expect(isFormula ? range.formulas : range.values).toEqual([[cell.content]]);
    }
    expect(written("B8")?.numberFormat).toEqual([["0.0%"]]);
    expect(written("B9")?.numberFormat).toEqual([["0.0%"]]);
    expect(written("B10")?.numberFormat).toEqual([["0.000"]]);
    expect(written("A1")?.format.font.bold).toBe(true);
    expect(written("A:A")?.format.columnWidth).toBe(260);

    expect(excel.charts).toHaveLength(1);
    expect(excel.charts[0]).toMatchObject({
      type: "ColumnClustered",
      source: "A16:B19",
      seriesBy: "Columns",
      title: { text: "Magnets to the US (t)" },
      legend: { visible: false },
      position: ["C15", "C30"],
    });
    expect(excel.activated()).toBe(1);
  });

  test("an existing model is kept: the new one goes on the next free sheet name", async () => {
    const excel = excelWithSheets(["Minerals model", "Minerals model (2)"]);
    await expect(insertSampleModel(model)).resolves.toBe("Minerals model (3)");
    expect(excel.added).toEqual(["Minerals model (3)"]);
    // Every candidate name was asked for in one batch, before the one sync.
    expect(excel.asked.slice(0, 3)).toEqual([
      "Minerals model",
      "Minerals model (2)",
      "Minerals model (3)",
    ]);
  });

  test("when every candidate name is taken, nothing is added and the reason is given", async () => {
    const names = [
      "Minerals model",
      ...Array.from({ length: 49 }, (_, i) => `Minerals model (${i + 2})`),
    ];
    const excel = excelWithSheets(names);
    await expect(insertSampleModel(model)).rejects.toThrow(
      'Sheets "Minerals model" to "Minerals model (50)" all exist.'
    );
    expect(excel.added).toEqual([]);
  });
});

describe("detecting Excel", () => {
  /** Office's namespace is plain data (enums, functions), not a proxy object: a plain object mocks it. */
  function office(host: string | null, supported = true) {
    return {
      HostType: { Excel: "Excel", Word: "Word" },
      context: {
        requirements: {
          isSetSupported: (name: string, version: string) =>
            supported && name === "ExcelApi" && Number(version) <= 1.4,
        },
      },
      onReady: async () => ({ host, platform: null }),
    };
  }

  test("in Excel with the API: available", async () => {
    globals.Office = office("Excel");
    globals.Excel = new OfficeMockObject({ run: async () => undefined });
    await expect(detectExcel()).resolves.toEqual({ available: true, reason: "" });
  });

  test("in a plain browser (no host), in another Office app, or without office.js: not available, and why", async () => {
    globals.Office = office(null);
    await expect(detectExcel()).resolves.toEqual({ available: false, reason: NOT_IN_EXCEL });
    globals.Office = office("Word");
    globals.Excel = new OfficeMockObject({ run: async () => undefined });
    await expect(detectExcel()).resolves.toEqual({ available: false, reason: NOT_IN_EXCEL });
    delete globals.Office;
    await expect(detectExcel()).resolves.toEqual({ available: false, reason: NOT_IN_EXCEL });
    expect(NOT_IN_EXCEL).toBe("Open in Excel to insert formulas.");
  });

  test("in an Excel without the API set: not available, and why", async () => {
    globals.Office = office("Excel", false);
    globals.Excel = new OfficeMockObject({ run: async () => undefined });
    await expect(detectExcel()).resolves.toEqual({ available: false, reason: OLD_EXCEL });
  });
});

describe("Repair formulas", () => {
  function excelWithWorkbook(sheets: Record<string, unknown[][] | null>) {
    const written: { sheet: string; cell: [number, number]; formulas: unknown }[] = [];
    // Each worksheet is an office-addin-mock object: its used range must be loaded and synced
    // before its formulas can be read. (The mock cannot hold a collection's `items` array, so the
    // collection is a plain object whose sync syncs every sheet, as one context.sync() would.)
    const items = Object.entries(sheets).map(
      ([name, formulas]) =>
        new OfficeMockObject({
          used: {
            isNullObject: formulas === null,
            formulas: formulas ?? [[]],
            getCell(row: number, column: number) {
              const cell = {
                cell: [row, column] as [number, number],
                sheet: name,
                formulas: undefined,
              };
              written.push(cell);
              return cell;
            },
          },
          getUsedRangeOrNullObject(this: any) {
            return this.used;
          },
        }) as any
    );
    const context = {
      workbook: { worksheets: { items, load: () => undefined } },
      sync: async () => {
        for (const item of items) await item.sync();
      },
    };
    globals.Excel = { run: (callback: (c: unknown) => Promise<unknown>) => callback(context) };
    return written;
  }

  test("re-enters every =MINERALS. formula on every sheet, each with its own text, and counts them", async () => {
    const written = excelWithWorkbook({
      Model: [
        ["Label", '=MINERALS.EXPORT("magnets","US","latest")', "=B1*2"],
        [42, '=b1/minerals.export("magnets","World","2025-11")', ""],
      ],
      Empty: null,
      Other: [['=MINERALS.SERIES("magnets","US")'], [582]],
    });
    await expect(repairMineralsFormulas()).resolves.toBe(3);
    // Only those cells were written, with their own formulas; labels, numbers, other formulas and
    // spilled values were left alone.
    expect(written.map((w) => [w.sheet, w.cell, w.formulas])).toEqual([
      ["Model", [0, 1], [['=MINERALS.EXPORT("magnets","US","latest")']]],
      ["Model", [1, 1], [['=b1/minerals.export("magnets","World","2025-11")']]],
      ["Other", [0, 0], [['=MINERALS.SERIES("magnets","US")']]],
    ]);
  });

  test("a workbook without MINERALS formulas repairs nothing", async () => {
    const written = excelWithWorkbook({ Sheet1: [["=SUM(A1:A3)", "MINERALS.EXPORT as text"]] });
    await expect(repairMineralsFormulas()).resolves.toBe(0);
    expect(written).toEqual([]);
  });

  test("callsMinerals: formulas only, any case", () => {
    expect(callsMinerals('=MINERALS.TOP("magnets","latest")')).toBe(true);
    expect(callsMinerals("=1+minerals.share(A1,B1,C1)")).toBe(true);
    expect(callsMinerals("MINERALS.EXPORT")).toBe(false);
    expect(callsMinerals(582)).toBe(false);
  });
});

describe("insert a spilled table with a chart beside it, and the change log", () => {
  test("the formula goes in the selected cell; the chart covers the table's cells and sits to its right", async () => {
    const charts: Record<string, unknown>[] = [];
    const cell = {
      address: "Sheet1!B2",
      formulas: [[""]] as unknown,
      getResizedRange: (rows: number, columns: number) => ({ resized: [rows, columns] }),
      getOffsetRange: (rows: number, columns: number) => ({
        offset: [rows, columns],
        getOffsetRange: (r: number, c: number) => ({ offset: [rows + r, columns + c] }),
      }),
      worksheet: {
        charts: {
          add(type: string, source: unknown, seriesBy: string) {
            const chart: Record<string, unknown> = {
              type,
              source,
              seriesBy,
              title: {},
              legend: {},
              setPosition: (from: unknown, to: unknown) => (chart.position = [from, to]),
            };
            charts.push(chart);
            return chart;
          },
        },
      },
    };
    const mock = new OfficeMockObject({
      context: {
        workbook: {
          selection: {
            topLeft: cell,
            getCell(this: any) {
              return this.topLeft;
            },
          },
          getSelectedRange(this: any) {
            return this.selection;
          },
        },
      },
      run: async function (this: any, callback: (context: unknown) => Promise<unknown>) {
        return callback(this.context);
      },
    });
    globals.Excel = mock;
    const formula = '=MINERALS.SERIES("magnets","US")';
    await expect(
      insertTableWithChart(formula, "Magnets → US", { rows: 4, columns: 2 })
    ).resolves.toBe("Sheet1!B2");
    expect((mock as any).context.workbook.selection.topLeft.formulas).toEqual([[formula]]);
    expect(charts).toEqual([
      expect.objectContaining({
        type: "ColumnClustered",
        source: { resized: [3, 1] },
        seriesBy: "Columns",
        title: { text: "Magnets → US" },
        legend: { visible: false },
        position: [{ offset: [0, 3], getOffsetRange: expect.any(Function) }, { offset: [14, 9] }],
      }),
    ]);
  });

  test("the change log goes to a new sheet as text, header in bold", async () => {
    const written: Record<string, unknown> = {};
    const range = {
      format: { font: {} as { bold?: boolean }, autofitColumns: () => (written.autofit = true) },
      set numberFormat(v: unknown) {
        written.numberFormat = v;
      },
      set values(v: unknown) {
        written.values = v;
      },
    };
    const header = { format: { font: {} as { bold?: boolean } } };
    const sheet = {
      getRange: () => ({
        getResizedRange: (rows: number) => (rows === 0 ? header : range),
      }),
      activate: () => (written.activated = true),
    };
    globals.Excel = new OfficeMockObject({
      context: {
        workbook: {
          worksheets: {
            taken: { isNullObject: false },
            free: { isNullObject: true },
            getItemOrNullObject(this: any, name: string) {
              return name === "Minerals changes" ? this.taken : this.free;
            },
            add: (name: string) => ((written.sheet = name), sheet),
          },
        },
      },
      run: async function (this: any, callback: (context: unknown) => Promise<unknown>) {
        return callback(this.context);
      },
    });
    const rows = [
      ["Series", "Period", "Before", "After", "Change"],
      ["magnets CN → US exports", "2025-12", "", "700 t", "added"],
    ];
    await expect(insertTableSheet("Minerals changes", rows)).resolves.toBe("Minerals changes (2)");
    expect(written.sheet).toBe("Minerals changes (2)");
    expect(written.values).toEqual(rows);
    expect(written.numberFormat).toEqual(rows.map((row) => row.map(() => "@")));
    expect(header.format.font.bold).toBe(true);
    expect(written.activated).toBe(true);
  });
});
