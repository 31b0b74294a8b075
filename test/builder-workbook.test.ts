/**
 * One set of rules, checked through the add-in's own functions in a HyperFormula workbook, for the
 * bundled dataset and for the SYNTHETIC Comtrade data (test/fixtures/comtrade compiled into a copy of
 * data/ by the real build: other reporters, imports, re-exports and re-imports, values):
 * - for every series of the dataset, each formula the builder offers (every kind, every measure the
 *   series' flow has, at "latest" and at every reported period) returns in the workbook exactly what
 *   the builder's preview showed;
 * - for every series, each figure Browse shows is what its figure formula (EXPORT or IMPORT) returns
 *   for that period; for re-exports and re-imports, what SERIES spills for it.
 */
import { CellValue, DetailedCellError, HyperFormula, SimpleCellAddress } from "hyperformula";
import { IndexedDataset } from "../src/core/dataset/indexed";
import { store } from "../src/runtime/live-store";
import { toExcel } from "../src/functions/live-cell";
import {
  build,
  BuildChoices,
  buildOptions,
  defaultChoices,
  LATEST,
} from "../src/taskpane/browse/builder";
import { BrowseEntry, catalogueOf, SeriesEntry } from "../src/taskpane/browse/search";
import { comtradeDataFolder, compiledIndexed } from "./support/comtrade-data";
import {
  cancelAllLiveCells,
  registerMineralsPlugin,
  toCellResult,
} from "./support/minerals-plugin";

const bundled = store.current;
let data: IndexedDataset;
let entries: readonly BrowseEntry[];

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
    // The entry's own measure; for a quantity, also the unit value where its flow offers one.
    const own = defaultChoices(entry);
    const unitValue =
      own.measure === "quantity" && buildOptions(data, entry, own).measures.includes("unit value");
    for (const measure of unitValue ? [own.measure, "unit value" as const] : [own.measure]) {
      const base: BuildChoices = { ...own, measure };
      for (const kind of buildOptions(data, entry, base).kinds) {
        const options = buildOptions(data, entry, { ...base, kind });
        const periods = kind === "events" ? [""] : [LATEST, ...options.periods];
        // "" is today (status) or the first reported period (series).
        if (kind === "status" || kind === "series") periods.unshift("");
        for (const period of periods) {
          const choices: BuildChoices = { ...base, kind, period };
          const built = build(data, entry, choices, today);
          cases.push({
            label: `${entry.id} ${measure} ${kind} ${period}`,
            formula: built.formula,
            expected: toCellResult(toExcel(built.preview)),
          });
        }
      }
    }
  }
  return cases;
}

/** Browse's figures next to the figure formula for their period. */
function browseCases(): Case[] {
  const cases: Case[] = [];
  // What Browse shows: the number or word, or (USGS W, NA) no number: #N/A.
  const shownValue = (value: SeriesEntry["figures"][number]["value"]) =>
    value === null ? "#N/A" : value;
  for (const entry of entries) {
    if (entry.kind === "controls") continue;
    const { figures } = entry as SeriesEntry;
    if (defaultChoices(entry).kind === "series") {
      // Re-exports and re-imports: the whole series, one row per figure, no headers.
      const built = build(data, entry, { ...defaultChoices(entry), headers: 0 });
      cases.push({
        label: `${entry.id} (series)`,
        formula: built.formula,
        expected: figures.map((f) => [f.period, shownValue(f.value)]),
      });
      continue;
    }
    for (const figure of figures) {
      const built = build(data, entry, { ...defaultChoices(entry), period: figure.period });
      cases.push({
        label: `${entry.id} ${figure.period}`,
        formula: built.formula,
        expected: shownValue(figure.value),
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

describe.each([
  ["the bundled dataset", () => bundled.data, ['=MINERALS.EXPORT("magnets","US","latest")']],
  [
    "the SYNTHETIC Comtrade data",
    () => compiledIndexed(comtradeDataFolder()),
    // Imports, other reporters, values, unit values and re-exports are among the cases.
    [
      '=MINERALS.IMPORT("magnets","CN","latest",,"JP","value")',
      '=MINERALS.IMPORT("magnets","CN","2024-04",,"KR","value")',
      '=MINERALS.EXPORT("magnets","World","latest",,,"unit value")',
      '=MINERALS.SERIES("magnets","US",,,,,,,"re-export")',
      '=MINERALS.SOURCE("magnets","World","2024-03",,,"value","re-import")',
      '=MINERALS.TOP("magnets","latest",,"JP",,"import")',
    ],
  ],
])("%s", (_name, load, among) => {
  beforeAll(() => {
    data = load();
    store.replace(data, { kind: "file", name: "builder test" });
    entries = catalogueOf(data).entries;
  });
  afterAll(() => store.replace(bundled.data, bundled.origin, bundled.loadedAt));

  test("every builder formula of every series returns in the workbook what its preview shows", () => {
    const cases = builderCases();
    expect(cases.length).toBeGreaterThan(entries.length * 2);
    const formulas = new Set(cases.map((c) => c.formula));
    expect(among.filter((f) => !formulas.has(f))).toEqual([]);
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
    expect(cases.length).toBeGreaterThan(50);
    const { hf, rows, sheet } = evaluate(cases);
    try {
      const read = (row: number, col: number) => {
        const value = hf.getCellValue({ sheet, row, col });
        return value instanceof DetailedCellError ? value.value : value;
      };
      cases.forEach((c, i) => {
        const got = Array.isArray(c.expected)
          ? c.expected.map((line, r) => line.map((_, col) => read(rows[i] + r, col)))
          : read(rows[i], 0);
        expect([c.label, c.formula, got]).toEqual([c.label, c.formula, c.expected]);
      });
    } finally {
      hf.destroy();
    }
  });
});
