/**
 * One set of rules, checked through the add-in's own functions in a HyperFormula workbook:
 * - for every series of the dataset, each formula the builder offers (every kind, at "latest" and at
 *   every reported period) returns in the workbook exactly what the builder's preview showed;
 * - for every series, each figure Browse shows is what its figure formula returns for that period.
 */
import { CellValue, DetailedCellError, HyperFormula, SimpleCellAddress } from "hyperformula";
import { store } from "../src/runtime/live-store";
import { toExcel } from "../src/functions/live-cell";
import {
  build,
  BuildChoices,
  buildOptions,
  defaultChoices,
  LATEST,
} from "../src/taskpane/browse/builder";
import { catalogueOf, SeriesEntry } from "../src/taskpane/browse/search";
import {
  cancelAllLiveCells,
  registerMineralsPlugin,
  toCellResult,
} from "./support/minerals-plugin";

const data = store.current.data;
const entries = catalogueOf(data).entries;

interface Case {
  label: string;
  formula: string;
  expected: ReturnType<typeof toCellResult>;
}

/** Every builder formula of every series, with what its preview shows. */
function builderCases(): Case[] {
  const cases: Case[] = [];
  const today = new Date();
  for (const entry of entries) {
    const options = buildOptions(entry);
    for (const kind of options.kinds) {
      const periods = kind === "events" ? [""] : [LATEST, ...options.periods];
      if (kind === "status") periods.unshift("");
      for (const period of periods) {
        const choices: BuildChoices = { ...defaultChoices(entry), kind, period };
        const built = build(data, entry, choices, today);
        cases.push({
          label: `${entry.id} ${kind} ${period}`,
          formula: built.formula,
          expected: toCellResult(toExcel(built.preview)),
        });
      }
    }
  }
  return cases;
}

/** Browse's figures next to the figure formula for their period. */
function browseCases(): Case[] {
  const cases: Case[] = [];
  for (const entry of entries) {
    if (entry.kind === "controls") continue;
    for (const figure of (entry as SeriesEntry).figures) {
      const built = build(data, entry, { ...defaultChoices(entry), period: figure.period });
      cases.push({
        label: `${entry.id} ${figure.period}`,
        formula: built.formula,
        // What Browse shows: the number or word, or (USGS W, NA) no number: #N/A.
        expected: figure.value === null ? "#N/A" : (figure.value as number | string),
      });
    }
  }
  return cases;
}

function height(expected: Case["expected"]): number {
  return Array.isArray(expected) ? expected.length : 1;
}

/** Places the formulas one under another (spills get their rows) and evaluates the workbook. */
function evaluate(cases: Case[]): { hf: HyperFormula; rows: number[]; sheet: number } {
  registerMineralsPlugin();
  const grid: string[][] = [];
  const rows: number[] = [];
  for (const c of cases) {
    rows.push(grid.length);
    grid.push([c.formula]);
    for (let i = 1; i < height(c.expected) + 1; i++) grid.push([]);
  }
  const hf = HyperFormula.buildFromSheets(
    { Builder: grid },
    { licenseKey: "gpl-v3", smartRounding: false }
  );
  return { hf, rows, sheet: hf.getSheetId("Builder") as number };
}

function shown(value: CellValue): unknown {
  return value instanceof DetailedCellError ? { error: value.type, message: value.message } : value;
}

function expectedShown(value: unknown): unknown {
  if (value && typeof value === "object" && "type" in value && "message" in value) {
    const error = value as { type: string; message: string };
    return { error: error.type, message: error.message };
  }
  return value;
}

afterEach(() => cancelAllLiveCells());

test("every builder formula of every series returns in the workbook what its preview shows", () => {
  const cases = builderCases();
  expect(cases.length).toBeGreaterThan(entries.length * 2);
  const { hf, rows, sheet } = evaluate(cases);
  try {
    cases.forEach((c, i) => {
      const at = (row: number, col: number): SimpleCellAddress => ({ sheet, row, col });
      const expected = c.expected;
      if (Array.isArray(expected)) {
        const got = expected.map((line, r) =>
          line.map((_, col) => shown(hf.getCellValue(at(rows[i] + r, col))))
        );
        expect([c.label, c.formula, got]).toEqual([
          c.label,
          c.formula,
          expected.map((line) => line.map(expectedShown)),
        ]);
      } else {
        expect([c.label, c.formula, shown(hf.getCellValue(at(rows[i], 0)))]).toEqual([
          c.label,
          c.formula,
          expectedShown(expected),
        ]);
      }
    });
  } finally {
    hf.destroy();
  }
});

test("for every series, what Browse shows is what the formula returns", () => {
  const cases = browseCases();
  expect(cases.length).toBeGreaterThan(100);
  const { hf, rows, sheet } = evaluate(cases);
  try {
    cases.forEach((c, i) => {
      const value = hf.getCellValue({ sheet, row: rows[i], col: 0 });
      const got = value instanceof DetailedCellError ? value.value : value;
      expect([c.label, c.formula, got]).toEqual([c.label, c.formula, c.expected]);
    });
  } finally {
    hf.destroy();
  }
});
