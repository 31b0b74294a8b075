/**
 * Defect 4 of issue 12: duplicate keys. Two rows of a table under one key let the formulas read the
 * first while the diff compared the last: a refresh said "No figures changed" while PRODUCTION went
 * from 4780 to 1. Every table refuses duplicates naming both rows, in the build (file and row), in
 * every load path (JSON pointers) and in a CSV import (rows); the key is the one the formulas read
 * rows by, so rows the formulas cannot tell apart are duplicates even when their text differs.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { BuildError } from "../../src/core/dataset/build-error";
import { Dataset } from "../../src/core/dataset/dataset";
import { describeDiff, diffDatasets } from "../../src/core/dataset/diff";
import { prepareImport } from "../../src/core/dataset/import";
import { loadDatasetText } from "../../src/core/dataset/load";
import { TABLE_NAMES } from "../../src/core/dataset/keys";
import { DatasetError } from "../../src/core/dataset/validate";
import { compileDataset } from "../../src/dataset-build/compile";
import { DATA_DIR } from "../support/real-dataset";
import { smallRealDataset } from "./helpers";

async function problemsOf(dataset: Dataset): Promise<string[]> {
  dataset.hash = "";
  try {
    await loadDatasetText(JSON.stringify(dataset));
  } catch (error) {
    if (error instanceof DatasetError) return error.problems;
    throw error;
  }
  return [];
}

/** A copy of a row that says something else (a changed figure where the table has one). */
function conflicting(table: string, row: Record<string, unknown>): Record<string, unknown> {
  const copy = structuredClone(row);
  for (const field of ["quantity", "percent", "value"])
    if (typeof copy[field] === "number") copy[field] = 1;
  if (table === "events") copy.until = "2030-01-01";
  if (table === "sources") copy.publisher = "Another publisher";
  if (table === "commodities" || table === "countries") copy.name = "Another name";
  return copy;
}

describe("every table refuses a second row under the same key, in every load path", () => {
  test("the tables checked are every table of the dataset", async () => {
    const dataset = await smallRealDataset();
    const tables = Object.keys(dataset).filter((k) => Array.isArray(dataset[k as keyof Dataset]));
    expect([...TABLE_NAMES].sort()).toEqual(tables.sort());
  });

  test.each(TABLE_NAMES)("/%s: a conflicting copy placed before the original", async (table) => {
    const dataset = await smallRealDataset();
    const rows = dataset[table] as unknown as Record<string, unknown>[];
    expect(rows.length).toBeGreaterThan(1);
    const original = rows.length - 1;
    rows.splice(0, 0, conflicting(table, rows[original]));
    const problems = await problemsOf(dataset);
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`^/${table}/${original + 1}: duplicate of /${table}/0: `))
    );
    // The same refusal through a file import.
    const outcome = await prepareImport(
      "minerals.json",
      new TextEncoder().encode(JSON.stringify(dataset)),
      await smallRealDataset()
    );
    expect(outcome.ok).toBe(false);
  });
});

describe("rows the formulas cannot tell apart are duplicates, whatever their text", () => {
  test.each([
    ["the same year with a note in the Year cell", { year: "2024_estimated" }],
    ["a rounded World-total spelling of the statistic", { detail: "Mine production: rounded" }],
    ["the same country under another spelling", { country: "Australia (estimated)" }],
  ])("USGS: %s", async (_, change) => {
    const dataset = await smallRealDataset();
    const index = dataset.usgs.findIndex(
      (o) => o.country_code !== null && o.detail === "Mine production" && o.year === "2024"
    );
    expect(index).toBeGreaterThanOrEqual(0);
    dataset.usgs.splice(index, 0, { ...dataset.usgs[index], ...change, value: 1, raw: "1" });
    const problems = await problemsOf(dataset);
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`^/usgs/${index + 1}: duplicate of /usgs/${index}: `))
    );
  });

  test("events: the same action in another case or order of commodities", async () => {
    const dataset = await smallRealDataset();
    const event = dataset.events.find((e) => e.commodities.length > 1) ?? dataset.events[0];
    dataset.events.push({
      ...event,
      action: `  ${event.action.toUpperCase()} `,
      commodities: [...event.commodities].reverse(),
      until: "2031-01-01",
    });
    const problems = await problemsOf(dataset);
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`^/events/${dataset.events.length - 1}: duplicate of`))
    );
  });

  test("a refresh never says 'No figures changed' while a formula's figure changes", async () => {
    // The reported attack: a copy with value 1 before the real row.
    const before = await smallRealDataset();
    const after: Dataset = structuredClone(before);
    const index = after.usgs.findIndex((o) => o.value !== null && o.value > 1);
    after.usgs.splice(index, 0, { ...after.usgs[index], value: 1, raw: "1" });
    const problems = await problemsOf(after);
    if (problems.length === 0) {
      // Were it accepted, the diff would have to see the change.
      expect(describeDiff(diffDatasets(before, after))).not.toBe("No figures changed.");
    }
    expect(problems).toContainEqual(expect.stringMatching(/^\/usgs\/\d+: duplicate of/));
  });
});

describe("the build names the file and both rows", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "minerals-duplicates-"));
    cpSync(DATA_DIR, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Appends a copy of data row `row` (spreadsheet numbering) with `edit` applied, in the file's line ending. */
  function appendCopy(file: string, row: number, edit: (line: string) => string): number {
    const path = join(dir, file);
    const text = readFileSync(path, "latin1");
    const eol = text.includes("\r\n") ? "\r\n" : "\n";
    const lines = text.split(eol).filter((l) => l !== "");
    writeFileSync(path, `${lines.join(eol)}${eol}${edit(lines[row - 1])}${eol}`, "latin1");
    return lines.length + 1;
  }

  function buildError(): BuildError {
    try {
      compileDataset(dir);
    } catch (error) {
      if (error instanceof BuildError) return error;
      throw error;
    }
    throw new Error("the build accepted the duplicate");
  }

  test.each([
    ["news/reported_changes.csv", (l: string) => l.replace(/,(-?\d+),(yes|no),/, ",77,$2,")],
    ["news/indicators.csv", (l: string) => l.replace(/,(\d+),([^,]+),(yes|no),/, ",1,$2,$3,")],
    ["news/events.csv", (l: string) => l.replace(/,,(weekly|ts2)/, ",2030-01-01,$1")],
    ["usgs/mcs2026_commodities_data_subset.csv", (l: string) => l.replace(/,"4,780",/, ",1,")],
    ["usgs/mcs2026_fig3_major_import_sources_subset.csv", (l: string) => l],
  ])("%s", (file, edit) => {
    const row = file.includes("commodities_data") ? 3 : 2;
    const appended = appendCopy(file, row, edit);
    const error = buildError();
    expect({ file: error.file, row: error.row }).toEqual({ file: `data/${file}`, row: appended });
    expect(error.problem).toMatch(new RegExp(`^duplicate: row ${row} already gives `));
  });
});

test("a USGS release CSV import names both rows of a duplicate", async () => {
  const header =
    "MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,Is critical mineral 2025,Other notes";
  const row = (value: string) =>
    `Gallium,Production,Gallium,China,Production,Primary production,kilograms,2025,${value},,Yes,`;
  const outcome = await prepareImport(
    "mcs.csv",
    new TextEncoder().encode(`${header}\n${row("750000")}\n${row("1")}\n`),
    await smallRealDataset()
  );
  expect(outcome).toMatchObject({
    ok: false,
    problems: [{ row: 3, message: expect.stringMatching(/^duplicate: row 2 already gives/) }],
  });
});
