/**
 * The dataset build, tested two ways:
 *
 * 1. Golden cases under test/cases/build/<case>/: `changes.json` lists edits applied to a temporary
 *    copy of the real data/ folder, `expected.json` says what compileDataset must then do — throw a
 *    BuildError naming file, row and field, or compile a dataset meeting the listed expectations.
 *    A case with `known_bug` documents a defect in src/: it runs as `test.failing` and starts
 *    failing (so the marker must be removed) once the defect is fixed. Set
 *    MINERALS_SHOW_KNOWN_BUGS=1 to run those cases as ordinary tests and see how they fail.
 * 2. The real data: every row of every source CSV, read here independently with papaparse, comes
 *    through the build unchanged; USGS quirks are read as the release means them; the hash is sound.
 *
 * Edits (all paths relative to data/):
 *   { file, replace, with, all? }  replace text (must occur exactly once unless `all` is true)
 *   { file, append }               append a line, with the file's own line ending
 *   { file, append_base64 }        append raw bytes
 *   { file, prefix_base64 }        put raw bytes before the file's content (e.g. a BOM)
 *   { file, base64 }               write the file as these raw bytes
 *   { file, delete: true }         delete the file
 *   { file, encode, eol? }         re-encode the file's text ("utf-8" | "windows-1252"), optionally
 *                                  with "crlf" or "lf" line ends
 *   { file, drop_column }          remove a column (header and every row)
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { isDeepStrictEqual } from "util";
import Papa from "papaparse";
import { Dataset } from "../src/core/dataset/dataset";
import { datasetSchema } from "../src/core/dataset/schema";
import { parseDatasetText, validateDataset } from "../src/core/dataset/validate";
import { BuildError } from "../src/core/dataset/build-error";
import { compileDataset } from "../src/dataset-build/compile";
import { decodeCsv } from "../src/dataset-build/csv";

const ROOT = join(__dirname, "..");
const DATA_DIR = join(ROOT, "data");
const CASES_DIR = join(__dirname, "cases", "build");

// ---------------------------------------------------------------------------------------------
// Edits applied to a copy of data/

interface Edit {
  file: string;
  replace?: string;
  with?: string;
  all?: boolean;
  append?: string;
  append_base64?: string;
  prefix_base64?: string;
  base64?: string;
  delete?: boolean;
  encode?: "utf-8" | "windows-1252";
  eol?: "crlf" | "lf";
  drop_column?: string;
}

const EDIT_KEYS = new Set([
  "file",
  "replace",
  "with",
  "all",
  "append",
  "append_base64",
  "prefix_base64",
  "base64",
  "delete",
  "encode",
  "eol",
  "drop_column",
]);

/**
 * Windows-1252 bytes 0x80–0x9F that are not Latin-1, keyed by the character they stand for
 * (WHATWG index-windows-1252). Written out rather than derived from TextDecoder: Node 20.18.3+ and
 * 22.13+ decode "windows-1252" as Latin-1 (nodejs/node#56542, #60888).
 */
const WINDOWS_1252_HIGH = new Map<string, number>([
  ["€", 0x80],
  ["‚", 0x82],
  ["ƒ", 0x83],
  ["„", 0x84],
  ["…", 0x85],
  ["†", 0x86],
  ["‡", 0x87],
  ["ˆ", 0x88],
  ["‰", 0x89],
  ["Š", 0x8a],
  ["‹", 0x8b],
  ["Œ", 0x8c],
  ["Ž", 0x8e],
  ["‘", 0x91],
  ["’", 0x92],
  ["“", 0x93],
  ["”", 0x94],
  ["•", 0x95],
  ["–", 0x96],
  ["—", 0x97],
  ["˜", 0x98],
  ["™", 0x99],
  ["š", 0x9a],
  ["›", 0x9b],
  ["œ", 0x9c],
  ["ž", 0x9e],
  ["Ÿ", 0x9f],
]);

function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else {
      const byte = WINDOWS_1252_HIGH.get(char);
      if (byte === undefined) throw new Error(`'${char}' has no Windows-1252 encoding`);
      bytes.push(byte);
    }
  }
  return Buffer.from(bytes);
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function lineEnding(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

function applyEdit(dataDir: string, edit: Edit): void {
  const unknownKeys = Object.keys(edit).filter((k) => !EDIT_KEYS.has(k));
  if (unknownKeys.length > 0) throw new Error(`unknown edit key(s) ${unknownKeys.join(", ")}`);
  const path = join(dataDir, edit.file);
  const text = () => readFileSync(path, "utf8");

  if (edit.delete) {
    if (!existsSync(path)) throw new Error(`cannot delete ${edit.file}: no such file`);
    rmSync(path);
  } else if (edit.replace !== undefined) {
    if (edit.with === undefined) throw new Error(`replace in ${edit.file} needs "with"`);
    const before = text();
    const count = before.split(edit.replace).length - 1;
    if (count === 0)
      throw new Error(`${edit.file} does not contain ${JSON.stringify(edit.replace)}`);
    if (count > 1 && !edit.all)
      throw new Error(`${edit.file} contains ${JSON.stringify(edit.replace)} ${count} times`);
    writeFileSync(path, before.split(edit.replace).join(edit.with));
  } else if (edit.append !== undefined) {
    const before = text();
    const eol = lineEnding(before);
    const separator = before === "" || before.endsWith("\n") ? "" : eol;
    writeFileSync(path, before + separator + edit.append + eol);
  } else if (edit.append_base64 !== undefined) {
    const before = readFileSync(path);
    const separator = before.length === 0 || before[before.length - 1] === 0x0a ? "" : "\n";
    writeFileSync(
      path,
      Buffer.concat([before, Buffer.from(separator), Buffer.from(edit.append_base64, "base64")])
    );
  } else if (edit.prefix_base64 !== undefined) {
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(edit.prefix_base64, "base64"), readFileSync(path)])
    );
  } else if (edit.base64 !== undefined) {
    writeFileSync(path, Buffer.from(edit.base64, "base64"));
  } else if (edit.encode !== undefined) {
    let content = text();
    if (edit.eol !== undefined) {
      content = content.replace(/\r\n/g, "\n");
      if (edit.eol === "crlf") content = content.replace(/\n/g, "\r\n");
    }
    if (edit.encode === "windows-1252") {
      const bytes = encodeWindows1252(content);
      // The case is only worth its name if the reader has to fall back from UTF-8.
      if ([...content].some((c) => c.charCodeAt(0) > 0x7f) && isUtf8(bytes))
        throw new Error(`${edit.file} re-encoded as Windows-1252 still reads as UTF-8`);
      writeFileSync(path, bytes);
    } else writeFileSync(path, content, "utf8");
  } else if (edit.drop_column !== undefined) {
    const before = text();
    const eol = lineEnding(before);
    const rows = Papa.parse<string[]>(before, { skipEmptyLines: "greedy" }).data;
    const index = rows[0].indexOf(edit.drop_column);
    if (index < 0) throw new Error(`${edit.file} has no column ${edit.drop_column}`);
    const kept = rows.map((cells) => cells.filter((_, i) => i !== index));
    writeFileSync(path, Papa.unparse(kept, { newline: eol }) + eol);
  } else {
    throw new Error(`edit of ${edit.file} says nothing to do`);
  }
}

let tmpRoot: string | undefined;

/** A fresh copy of data/ with the edits applied. */
function editedCopy(edits: Edit[]): string {
  tmpRoot ??= mkdtempSync(join(tmpdir(), "minerals-build-"));
  const dir = mkdtempSync(join(tmpRoot, "data-"));
  cpSync(DATA_DIR, dir, { recursive: true });
  makeWritable(dir);
  for (const edit of edits) applyEdit(dir, edit);
  return dir;
}

/** The source files are read-only in the repository; their copies must not be. */
function makeWritable(path: string): void {
  const stat = statSync(path);
  chmodSync(path, stat.mode | 0o200);
  if (stat.isDirectory()) for (const entry of readdirSync(path)) makeWritable(join(path, entry));
}

afterAll(() => {
  if (tmpRoot !== undefined) rmSync(tmpRoot, { recursive: true, force: true });
});

let cleanDataset: Dataset | undefined;
function clean(): Dataset {
  cleanDataset ??= compileDataset(DATA_DIR);
  return cleanDataset;
}

type Row = Record<string, unknown>;
function table(dataset: Dataset, name: string): Row[] {
  const rows = (dataset as unknown as Record<string, unknown>)[name];
  if (!Array.isArray(rows)) throw new Error(`the dataset has no table '${name}'`);
  return rows as Row[];
}

function compileError(dataDir: string): unknown {
  try {
    compileDataset(dataDir);
  } catch (error) {
    return error;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// 1. Golden cases

interface ExpectedError {
  file: string;
  row: number | null;
  field: string | null;
  contains: string;
}

interface RowExpectation {
  table: string;
  /** Picks exactly one row: every listed field equal. */
  where: Row;
  /** Fields the row must have (deep equality). */
  matches?: Row;
  /** Text fields that must contain the given text. */
  contains?: Record<string, string>;
}

interface Expected {
  known_bug?: string;
  error?: ExpectedError;
  ok?: true;
  /** The compiled dataset equals the clean build exactly, hash included. */
  same_as_clean?: boolean;
  hash_differs?: boolean;
  counts?: Record<string, number>;
  /** Row counts relative to the clean build. */
  count_changes?: Record<string, number>;
  rows?: RowExpectation[];
}

const caseNames = readdirSync(CASES_DIR)
  .filter((name) => existsSync(join(CASES_DIR, name, "expected.json")))
  .sort();

function readCase(name: string): { changes: Edit[]; expected: Expected } {
  const read = (file: string) => JSON.parse(readFileSync(join(CASES_DIR, name, file), "utf8"));
  return { changes: read("changes.json") as Edit[], expected: read("expected.json") as Expected };
}

function expectBuildError(dataDir: string, expected: ExpectedError): void {
  const error = compileError(dataDir);
  if (!(error instanceof BuildError)) {
    throw new Error(
      `expected a BuildError, got ${error === undefined ? "a successful compile" : String((error as Error)?.stack ?? error)}`
    );
  }
  expect({ file: error.file, row: error.row, field: error.field }).toEqual({
    file: expected.file,
    row: expected.row,
    field: expected.field,
  });
  expect(error.problem).toContain(expected.contains);
  expect(error.problem.trim()).not.toBe("");
  // The message an analyst or data editor reads names file, row and field, then the problem.
  const where = [
    expected.file,
    ...(expected.row !== null ? [`row ${expected.row}`] : []),
    ...(expected.field !== null ? [`field '${expected.field}'`] : []),
  ].join(", ");
  expect(error.message).toBe(`${where}: ${error.problem}`);
}

function expectDataset(dataset: Dataset, expected: Expected): void {
  // What the build publishes must load through the path a refresh uses.
  expect(validateDataset(parseDatasetText(JSON.stringify(dataset)))).toEqual(dataset);
  if (expected.same_as_clean) expect(dataset).toEqual(clean());
  if (expected.hash_differs) expect(dataset.hash).not.toBe(clean().hash);
  for (const [name, count] of Object.entries(expected.counts ?? {}))
    expect([name, table(dataset, name).length]).toEqual([name, count]);
  for (const [name, change] of Object.entries(expected.count_changes ?? {}))
    expect([name, table(dataset, name).length - table(clean(), name).length]).toEqual([
      name,
      change,
    ]);
  for (const expectation of expected.rows ?? []) {
    const found = table(dataset, expectation.table).filter((row) =>
      Object.entries(expectation.where).every(([k, v]) => isDeepStrictEqual(row[k], v))
    );
    expect({ where: expectation.where, found: found.length }).toEqual({
      where: expectation.where,
      found: 1,
    });
    if (expectation.matches) expect(found[0]).toMatchObject(expectation.matches);
    for (const [field, text] of Object.entries(expectation.contains ?? {}))
      expect(found[0][field]).toContain(text);
  }
}

describe("compileDataset golden cases (test/cases/build)", () => {
  test("there are cases", () => {
    expect(caseNames.length).toBeGreaterThanOrEqual(15);
  });

  for (const name of caseNames) {
    const { changes, expected } = readCase(name);
    if ((expected.error === undefined) === (expected.ok === undefined))
      throw new Error(`${name}/expected.json must have exactly one of "error" and "ok"`);
    // MINERALS_SHOW_KNOWN_BUGS=1 runs known-bug cases as ordinary tests, to see how they fail.
    const run = expected.known_bug && !process.env.MINERALS_SHOW_KNOWN_BUGS ? test.failing : test;
    const title = expected.error
      ? `${name}: ${expected.error.file}, row ${expected.error.row}, field ${expected.error.field}`
      : `${name}: compiles`;
    run(expected.known_bug ? `${title} [known bug: ${expected.known_bug}]` : title, () => {
      const dir = editedCopy(changes);
      if (expected.error) expectBuildError(dir, expected.error);
      else expectDataset(compileDataset(dir), expected);
    });
  }
});

describe("decodeCsv", () => {
  test("UTF-8 is read as UTF-8, with or without a BOM", () => {
    const text = "a,b\r\n“Other countries”,—\r\n";
    expect(decodeCsv(Buffer.from(text, "utf8"))).toBe(text);
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toBe(
      text
    );
  });

  test("Latin-1 letters in Windows-1252 bytes decode", () => {
    expect(decodeCsv(Uint8Array.of(0x54, 0xfc, 0x72, 0x6b, 0x69, 0x79, 0x65))).toBe("Türkiye");
  });

  // Known bug: Node >= 20.18.3 / 22.13 decodes TextDecoder("windows-1252") as Latin-1
  // (nodejs/node#56542, #60888), and decodeCsv relies on it.
  test("Windows-1252 punctuation (0x80–0x9F) decodes: “ — ” € – ’", () => {
    expect(decodeCsv(Uint8Array.of(0x93, 0x97, 0x94, 0x20, 0x80, 0x96, 0x92))).toBe("“—” €–’");
  });
});

describe("the build command line (src/dataset-build/cli.ts)", () => {
  const tsx = join(ROOT, "node_modules", ".bin", "tsx");
  const cli = (dataDir: string, outDir: string) =>
    spawnSync(tsx, [join(ROOT, "src", "dataset-build", "cli.ts"), dataDir, outDir], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
    });

  test("writes minerals.json (the compiled dataset) and minerals.schema.json", () => {
    const out = join(editedCopy([]), "out");
    const result = cli(DATA_DIR, out);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "minerals.json"), "utf8"))).toEqual(clean());
    expect(JSON.parse(readFileSync(join(out, "minerals.schema.json"), "utf8"))).toEqual(
      JSON.parse(JSON.stringify(datasetSchema))
    );
  }, 120_000);

  test("a bad row fails the build with one line naming file, row and field, and writes nothing", () => {
    const dir = editedCopy([
      {
        file: "news/exports.csv",
        replace: "magnets,CN,US,2025-11,582",
        with: "magnets,CN,US,2025-11,58x",
      },
    ]);
    const out = join(dir, "out");
    const result = cli(dir, out);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "Dataset build failed: data/news/exports.csv, row 8, field 'quantity': '58x' is not a number\n"
    );
    expect(existsSync(join(out, "minerals.json"))).toBe(false);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// 2. The real data

function csv(relative: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(
    readFileSync(join(DATA_DIR, relative), "utf8"),
    { header: true, skipEmptyLines: "greedy" }
  );
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

const cell = (row: Record<string, string>, column: string) => (row[column] ?? "").trim();
const orNull = (text: string) => (text === "" ? null : text);

describe("the real data", () => {
  let dataset: Dataset;
  beforeAll(() => {
    dataset = compileDataset(DATA_DIR);
  });

  describe("every row of every source CSV comes through", () => {
    test.each([
      ["exports", ["news/exports.csv"]],
      ["reported_changes", ["news/reported_changes.csv"]],
      ["forecasts", ["news/forecasts.csv"]],
      ["indicators", ["news/indicators.csv"]],
      ["events", ["news/events.csv"]],
      ["sources", ["news/sources.csv", "usgs/sources.csv"]],
      ["usgs", ["usgs/mcs2026_commodities_data_subset.csv"]],
      [
        "usgs_tables",
        [
          "usgs/mcs2026_fig3_major_import_sources_subset.csv",
          "usgs/mcs2026_t7_critical_minerals_salient_subset.csv",
        ],
      ],
    ])("%s has one entry per row of %j", (name, files) => {
      const rows = files.reduce((n, file) => n + csv(file).length, 0);
      expect(rows).toBeGreaterThan(0);
      expect(table(dataset, name).length).toBe(rows);
    });

    test("every commodity of reference/commodities.csv is registered, in order, before USGS additions", () => {
      const reference = csv("reference/commodities.csv");
      const exportRows = csv("news/exports.csv");
      // The reported unit: the one unit a commodity's export rows use, else null.
      const unitOf = (id: string) => {
        const units = new Set(
          exportRows.filter((r) => cell(r, "commodity") === id).map((r) => cell(r, "unit"))
        );
        return units.size === 1 ? [...units][0] : null;
      };
      expect(dataset.commodities.slice(0, reference.length)).toEqual(
        reference.map((r) => ({
          id: cell(r, "id"),
          name: cell(r, "name"),
          aliases: cell(r, "aliases") === "" ? [] : cell(r, "aliases").split(";"),
          customs_codes: cell(r, "customs_codes") === "" ? [] : cell(r, "customs_codes").split(";"),
          unit: unitOf(cell(r, "id")),
        }))
      );
    });

    test("every exports row is unchanged: quantity, unit, source_id and note as written", () => {
      const rows = csv("news/exports.csv");
      expect(dataset.exports).toEqual(
        rows.map((r) => ({
          commodity: cell(r, "commodity"),
          reporter: cell(r, "reporter"),
          partner: cell(r, "partner"),
          period: cell(r, "period"),
          quantity: Number(cell(r, "quantity")),
          unit: cell(r, "unit"),
          source_id: cell(r, "source_id"),
          note: orNull(cell(r, "note")),
        }))
      );
      dataset.exports.forEach((o, i) => {
        expect([i, String(o.quantity)]).toEqual([i, cell(rows[i], "quantity")]);
      });
    });

    test("every reported 0 stays 0 (a number, not null, not absent)", () => {
      const rows = csv("news/exports.csv");
      const zeros = rows.flatMap((r, i) => (cell(r, "quantity") === "0" ? [i] : []));
      expect(zeros.length).toBeGreaterThanOrEqual(5);
      for (const i of zeros) expect(Object.is(dataset.exports[i].quantity, 0)).toBe(true);
      expect(dataset.exports.filter((o) => o.quantity === 0)).toHaveLength(zeros.length);
    });

    test("forecast values: numbers as numbers, qualitative outlooks as words", () => {
      const rows = csv("news/forecasts.csv");
      dataset.forecasts.forEach((f, i) => {
        const raw = cell(rows[i], "value");
        expect(f.value).toEqual(/^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw);
        expect(f.source_id).toBe(cell(rows[i], "source_id"));
      });
      expect(dataset.forecasts.some((f) => f.value === "oversupplied")).toBe(true);
    });

    test("indicator values and reported percentages are unchanged", () => {
      const indicators = csv("news/indicators.csv");
      dataset.indicators.forEach((o, i) => {
        expect([i, o.value, o.source_id, o.approximate]).toEqual([
          i,
          Number(cell(indicators[i], "value")),
          cell(indicators[i], "source_id"),
          cell(indicators[i], "approximate") === "yes",
        ]);
      });
      const changes = csv("news/reported_changes.csv");
      dataset.reported_changes.forEach((o, i) => {
        expect([i, o.percent, o.period, o.source_id]).toEqual([
          i,
          Number(cell(changes[i], "percent")),
          cell(changes[i], "period"),
          cell(changes[i], "source_id"),
        ]);
      });
    });

    test("every event keeps its date, commodities and partner", () => {
      const rows = csv("news/events.csv");
      dataset.events.forEach((e, i) => {
        expect([i, e.date, e.commodities.join(";"), e.partner, e.until]).toEqual([
          i,
          cell(rows[i], "date"),
          cell(rows[i], "commodities"),
          cell(rows[i], "partner"),
          orNull(cell(rows[i], "until")),
        ]);
      });
    });

    test("every USGS row keeps its country, raw value and notes as printed", () => {
      const rows = csv("usgs/mcs2026_commodities_data_subset.csv");
      dataset.usgs.forEach((o, i) => {
        const r = rows[i];
        expect({
          i,
          country: o.country,
          statistic: o.statistic,
          year: o.year,
          raw: o.raw,
          notes: o.notes,
          other_notes: o.other_notes,
          source_id: o.source_id,
        }).toEqual({
          i,
          country: cell(r, "Country"),
          statistic: cell(r, "Statistics"),
          year: cell(r, "Year"),
          raw: cell(r, "Value"),
          notes: orNull(cell(r, "Notes")),
          other_notes: orNull(cell(r, "Other notes")),
          source_id: "usgs-mcs2026",
        });
      });
    });
  });

  describe("USGS cells are read as the release means them", () => {
    const find = (commodity: string, country: string, statistic: string, year: string) => {
      const rows = dataset.usgs.filter(
        (o) =>
          o.commodity === commodity &&
          o.country === country &&
          o.statistic === statistic &&
          o.year === year
      );
      expect(rows).toHaveLength(1);
      return rows[0];
    };

    test.each([
      ["cobalt", "Australia", "Production", "2024", { raw: "4,780", value: 4780, qualifier: null }],
      [
        "cobalt",
        "World total",
        "Reserves",
        "2025",
        { raw: "12,000,000", value: 12000000, qualifier: null },
      ],
      [
        "cobalt",
        "United States",
        "Production",
        "2024",
        { raw: "200", value: 200, qualifier: null },
      ],
      ["lithium", "United States", "Production", "2024", { raw: "W", value: null, qualifier: "W" }],
      ["rare earths", "Burma", "Reserves", "2025", { raw: "NA", value: null, qualifier: "NA" }],
      ["gallium", "United States", "Production", "2024", { raw: "—", value: 0, qualifier: "—" }],
      [
        "rare earths",
        "World total",
        "Reserves",
        "2025",
        { raw: ">85,000,000", value: 85000000, qualifier: ">" },
      ],
    ])("%s / %s / %s %s", (commodity, country, statistic, year, expected) => {
      expect(find(commodity, country, statistic, year)).toMatchObject(expected);
    });

    test("notes are kept, curly quotes and all", () => {
      expect(find("gallium", "China", "Production", "2024").notes).toBe("Source: Asian Metal Ltd.");
      expect(find("gallium", "United States", "Production", "2024").notes).toBeNull();
      expect(find("cobalt", "Australia", "Production", "2024").other_notes).toContain(
        "Reserves for Indonesia, Papua New Guinea, Russia, and “Other countries” were revised"
      );
    });

    test.each([
      ["Congo (Kinshasa)", "CD"],
      ["Burma", "MM"],
      ["World total", "WORLD"],
      ["Other countries", "OTHER"],
      ["Russia", "RU"],
      ["Turkey", "TR"],
      ["United States", "US"],
      ["Vietnam", "VN"],
    ])("country %j resolves to %s", (country, code) => {
      const rows = dataset.usgs.filter((o) => o.country === country);
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((o) => o.country_code))).toEqual(new Set([code]));
    });

    test("every country spelling in the release subset resolves to a code", () => {
      expect(dataset.usgs.filter((o) => o.country_code === null).map((o) => o.country)).toEqual([]);
    });

    test("USGS commodity names resolve to the reference ids", () => {
      expect(new Set(dataset.usgs.map((o) => o.commodity))).toEqual(
        new Set(["cobalt", "gallium", "lithium", "rare earths", "antimony"])
      );
    });
  });

  describe("hash", () => {
    test("is a 64-hex SHA-256 of the dataset's JSON with the hash emptied and keys sorted", () => {
      // Written independently of src/core/hash.ts: recursively sort object keys, then stringify.
      const sortKeys = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.map(sortKeys)
          : value !== null && typeof value === "object"
            ? Object.fromEntries(
                Object.keys(value as object)
                  .sort()
                  .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])])
              )
            : value;
      expect(dataset.hash).toMatch(/^[0-9a-f]{64}$/);
      const expected = createHash("sha256")
        .update(JSON.stringify(sortKeys({ ...dataset, hash: "" })))
        .digest("hex");
      expect(dataset.hash).toBe(expected);
    });

    test("is stable across two compiles of the same data", () => {
      const again = compileDataset(DATA_DIR);
      expect(again.hash).toBe(dataset.hash);
      expect(again).toEqual(dataset);
    });

    test.each<[string, Edit]>([
      [
        "an export quantity",
        { file: "news/exports.csv", replace: "2025-11,582,t", with: "2025-11,583,t" },
      ],
      [
        "a reported zero",
        {
          file: "news/exports.csv",
          replace: "gallium,CN,WORLD,2025-05,0,kg",
          with: "gallium,CN,WORLD,2025-05,1,kg",
        },
      ],
      [
        "an export unit",
        { file: "news/exports.csv", replace: "2025-11,582,t,", with: "2025-11,582,kg," },
      ],
      [
        "an export source_id",
        {
          file: "news/exports.csv",
          replace: "2025-11,582,t,ts2-2025-12-20",
          with: "2025-11,582,t,ginlix-2025-12-20",
        },
      ],
      [
        "a reported change",
        {
          file: "news/reported_changes.csv",
          replace: "magnets,CN,JP,2025-11,mom,quantity,35",
          with: "magnets,CN,JP,2025-11,mom,quantity,36",
        },
      ],
      [
        "a forecast",
        { file: "news/forecasts.csv", replace: "2026,17000,USD/t", with: "2026,17001,USD/t" },
      ],
      [
        "an indicator",
        { file: "news/indicators.csv", replace: "2025-12,109860,", with: "2025-12,109861," },
      ],
      [
        "an event date",
        {
          file: "news/events.csv",
          replace: "2025-02-04,day,CN,tungsten",
          with: "2025-02-05,day,CN,tungsten",
        },
      ],
      [
        "a USGS value",
        {
          file: "usgs/mcs2026_commodities_data_subset.csv",
          replace: 'Australia,Production,Mine production,metric tons,2024,"4,780"',
          with: 'Australia,Production,Mine production,metric tons,2024,"4,781"',
        },
      ],
      [
        "a USGS W that becomes NA",
        {
          file: "usgs/mcs2026_commodities_data_subset.csv",
          replace: "Lithium,United States,Production,Mine production,metric tons,2024,W,",
          with: "Lithium,United States,Production,Mine production,metric tons,2024,NA,",
        },
      ],
      [
        "a USGS table cell",
        {
          file: "usgs/mcs2026_fig3_major_import_sources_subset.csv",
          replace: "MCS2026,Antimony,China,55,",
          with: "MCS2026,Antimony,China,56,",
        },
      ],
      [
        "a source title",
        {
          file: "news/sources.csv",
          replace: "Weekly News Review July 14 – July 20 2025",
          with: "Weekly News Review July 14 – July 21 2025",
        },
      ],
    ])("changes when %s changes", (_what, edit) => {
      const changed = compileDataset(editedCopy([edit]));
      expect(changed).not.toEqual(dataset);
      expect(changed.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(changed.hash).not.toBe(dataset.hash);
    });
  });

  describe("the published build output (npm run build:data)", () => {
    const built = join(ROOT, "build", "minerals.json");

    test("build/minerals.json is the compiled data/ and loads through the refresh path", () => {
      expect(existsSync(built)).toBe(true);
      const loaded = validateDataset(parseDatasetText(readFileSync(built, "utf8")));
      expect(loaded).toEqual(dataset);
    });

    test("build/minerals.schema.json is the schema every load path validates against", () => {
      const schema = JSON.parse(readFileSync(join(ROOT, "build", "minerals.schema.json"), "utf8"));
      expect(schema).toEqual(JSON.parse(JSON.stringify(datasetSchema)));
    });
  });
});
