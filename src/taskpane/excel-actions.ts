/**
 * Everything the pane does through the Excel JavaScript API, and nothing else does: whether Excel is
 * there, writing a formula into the selected cell, and adding the sample model. Outside Excel (a
 * plain browser tab) these are unavailable and the pane says why; everything else still works.
 */
import { formulaLimitProblem } from "./browse/formulas";
import { SampleModel, sheetNameCandidates } from "./browse/sample-model";

/** Excel API set the actions need (Range.getCell, worksheets.getItemOrNullObject, charts). */
export const EXCEL_API_VERSION = "1.4";

export const NOT_IN_EXCEL = "Open in Excel to insert formulas.";
export const OLD_EXCEL = `This version of Excel cannot insert from the pane (it needs ExcelApi ${EXCEL_API_VERSION}); copy the formula instead.`;

export interface ExcelSupport {
  available: boolean;
  /** Why the Excel actions are unavailable; "" when they are available. */
  reason: string;
}

function officeGlobal(): typeof Office | undefined {
  return typeof Office === "undefined" ? undefined : Office;
}

function excelGlobal(): typeof Excel | undefined {
  return typeof Excel === "undefined" ? undefined : Excel;
}

/**
 * Whether the pane runs in Excel with the API the actions need. Settles when Office.onReady does
 * (immediately in a plain browser, where office.js reports no host).
 */
export async function detectExcel(): Promise<ExcelSupport> {
  const office = officeGlobal();
  if (!office || typeof office.onReady !== "function")
    return { available: false, reason: NOT_IN_EXCEL };
  const info = await office.onReady();
  if (!info || info.host !== office.HostType.Excel || !excelGlobal())
    return { available: false, reason: NOT_IN_EXCEL };
  const requirements = office.context?.requirements;
  if (!requirements || !requirements.isSetSupported("ExcelApi", EXCEL_API_VERSION))
    return { available: false, reason: OLD_EXCEL };
  return { available: true, reason: "" };
}

/**
 * Writes a formula into the selected cell (the top-left cell of a selected range, so that a
 * spilling formula has the room below it) and returns that cell's address ("Sheet1!C5").
 */
export async function insertIntoSelectedCell(formula: string): Promise<string> {
  const problem = formulaLimitProblem(formula);
  if (problem !== null) throw new Error(`${problem}; nothing was inserted`);
  return Excel.run(async (context) => {
    const cell = context.workbook.getSelectedRange().getCell(0, 0);
    cell.formulas = [[formula]];
    cell.load("address");
    await context.sync();
    return cell.address;
  });
}

/**
 * Adds the sample model on a new worksheet (named `model.sheetName`, or "… (2)", "… (3)" when taken:
 * an existing model is never overwritten), activates it and returns its name.
 */
export async function insertSampleModel(model: SampleModel): Promise<string> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    // One round trip: ask for every candidate name at once, take the first that is free.
    const candidates = sheetNameCandidates(model.sheetName);
    const probes = candidates.map((candidate) => {
      const probe = sheets.getItemOrNullObject(candidate);
      // isNullObject is a plain boolean, not a navigation property (the lint rule cannot tell).
      // eslint-disable-next-line office-addins/no-navigational-load
      probe.load("isNullObject");
      return probe;
    });
    await context.sync();
    const free = probes.findIndex((probe) => probe.isNullObject === true);
    if (free < 0)
      throw new Error(
        `Sheets "${candidates[0]}" to "${candidates[candidates.length - 1]}" all exist.`
      );
    const name = candidates[free];

    const sheet = sheets.add(name);
    for (const cell of model.cells) {
      const range = sheet.getRange(cell.address);
      if (typeof cell.content === "string" && cell.content.startsWith("=")) {
        range.formulas = [[cell.content]];
      } else {
        range.values = [[cell.content]];
      }
      if (cell.numberFormat) range.numberFormat = [[cell.numberFormat]];
      if (cell.bold) range.format.font.bold = true;
    }
    for (const [column, width] of Object.entries(model.columnWidths)) {
      sheet.getRange(`${column}:${column}`).format.columnWidth = width;
    }
    // The chart plots the SERIES spill; its cells fill in when Excel has calculated the formula.
    const chart = sheet.charts.add(
      "ColumnClustered",
      sheet.getRange(model.chart.source),
      "Columns"
    );
    chart.title.text = model.chart.title;
    chart.legend.visible = false;
    chart.setPosition(model.chart.position.topLeft, model.chart.position.bottomRight);
    sheet.activate();
    await context.sync();
    return name;
  });
}

/**
 * Excel's calculation mode ("Automatic", "AutomaticExceptTables" or "Manual"; ExcelApi 1.1), or null
 * outside Excel or when it cannot be read. It is an application setting, not saved in the workbook.
 */
export async function readCalculationMode(): Promise<string | null> {
  if (typeof Excel === "undefined") return null;
  try {
    return await Excel.run(async (context) => {
      const application = context.workbook.application;
      application.load("calculationMode");
      await context.sync();
      return application.calculationMode;
    });
  } catch {
    return null;
  }
}

/**
 * Writes a spilling formula into the selected cell and puts a native column chart of its table
 * beside it. The table's size is the preview's (the same core query), so the chart covers the
 * cells the formula spills into even before Excel has calculated it.
 */
export async function insertTableWithChart(
  formula: string,
  title: string,
  size: { rows: number; columns: number }
): Promise<string> {
  const problem = formulaLimitProblem(formula);
  if (problem !== null) throw new Error(`${problem}; nothing was inserted`);
  return Excel.run(async (context) => {
    const cell = context.workbook.getSelectedRange().getCell(0, 0);
    cell.formulas = [[formula]];
    cell.load("address");
    const table = cell.getResizedRange(Math.max(0, size.rows - 1), Math.max(0, size.columns - 1));
    const chart = cell.worksheet.charts.add("ColumnClustered", table, "Columns");
    chart.title.text = title;
    chart.legend.visible = false;
    const corner = cell.getOffsetRange(0, size.columns + 1);
    chart.setPosition(corner, corner.getOffsetRange(14, 6));
    await context.sync();
    return cell.address;
  });
}

/** Whether a formula calls one of the add-in's functions. */
export function callsMinerals(formula: unknown): formula is string {
  return typeof formula === "string" && formula.startsWith("=") && /\bMINERALS\./i.test(formula);
}

/**
 * Repair formulas: re-enters every formula that calls a MINERALS function, on every worksheet (the
 * known cure for #NAME? and a stuck #BUSY! after Excel updates or reloads an add-in). Only those
 * cells are written, each with its own formula, so nothing else (spilled cells included) changes.
 * Returns how many cells were re-entered.
 */
export async function repairMineralsFormulas(): Promise<number> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items");
    await context.sync();
    const used = sheets.items.map((sheet) => {
      const range = sheet.getUsedRangeOrNullObject(true);
      // isNullObject is a plain boolean, not a navigation property (the lint rule cannot tell).
      // eslint-disable-next-line office-addins/no-navigational-load
      range.load("formulas,isNullObject");
      return range;
    });
    await context.sync();
    let count = 0;
    for (const range of used) {
      if (range.isNullObject) continue;
      range.formulas.forEach((row, r) =>
        row.forEach((formula, c) => {
          if (!callsMinerals(formula)) return;
          range.getCell(r, c).formulas = [[formula]];
          count++;
        })
      );
    }
    await context.sync();
    return count;
  });
}

/** The change log's sheet name; "… (2)" and so on when taken. */
export const CHANGE_LOG_SHEET = "Minerals changes";

/** Writes a table (first row: headers) to a new worksheet, activates it, and returns its name. */
export async function insertTableSheet(baseName: string, rows: string[][]): Promise<string> {
  return Excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    const candidates = sheetNameCandidates(baseName);
    const probes = candidates.map((candidate) => {
      const probe = sheets.getItemOrNullObject(candidate);
      // eslint-disable-next-line office-addins/no-navigational-load
      probe.load("isNullObject");
      return probe;
    });
    await context.sync();
    const free = probes.findIndex((probe) => probe.isNullObject === true);
    if (free < 0) throw new Error(`Sheets "${candidates[0]}" and the next ones all exist.`);
    const sheet = sheets.add(candidates[free]);
    const width = Math.max(...rows.map((row) => row.length));
    const values = rows.map((row) => [...row, ...Array<string>(width - row.length).fill("")]);
    const range = sheet.getRange("A1").getResizedRange(values.length - 1, width - 1);
    // Text stays text: a figure like "0.35" or "2025-11" is not reinterpreted by Excel.
    range.numberFormat = values.map((row) => row.map(() => "@"));
    range.values = values;
    sheet.getRange("A1").getResizedRange(0, width - 1).format.font.bold = true;
    range.format.autofitColumns();
    sheet.activate();
    await context.sync();
    return candidates[free];
  });
}
