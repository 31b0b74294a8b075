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
