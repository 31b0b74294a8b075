/**
 * validateDataset and parseDatasetText through the path a refresh or an import uses: dataset text
 * → parseDatasetText → validateDataset. Each rejection starts from the compiled real dataset, breaks
 * one thing, and checks that the DatasetError names where the problem is. Also parseUsgsCell, the
 * reader of the USGS release's cells.
 */
import { join } from "path";
import { Dataset, UsgsCell } from "../src/core/dataset/dataset";
import {
  DatasetError,
  NewerFormatError,
  parseDatasetText,
  validateDataset,
} from "../src/core/dataset/validate";
import { compileDataset } from "../src/dataset-build/compile";
import { realDataset } from "./support/real-dataset";
import { parseUsgsCell } from "../src/core/dataset/usgs-rows";

const DATA_DIR = join(__dirname, "..", "data");

let base: Dataset;
beforeAll(() => {
  base = compileDataset(DATA_DIR);
});

/** What a refresh does with the text a feed returns or a file holds. */
function load(text: string): Dataset {
  return validateDataset(parseDatasetText(text));
}

function rejection(text: string): DatasetError {
  try {
    load(text);
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw new Error(`expected a DatasetError, got ${String((error as Error)?.stack ?? error)}`);
  }
  throw new Error("the dataset was accepted");
}

type Mutable = any;

/** The real dataset as text, after `change` (which edits the copy, or returns a replacement). */
function mutated(change: (dataset: Mutable) => unknown): string {
  const copy = structuredClone(base) as Mutable;
  const replacement = change(copy);
  return JSON.stringify(replacement === undefined ? copy : replacement);
}

function expectProblems(error: DatasetError, patterns: RegExp[]): void {
  expect(error).toBeInstanceOf(DatasetError);
  expect(error.problems.length).toBeGreaterThan(0);
  expect(error.message).toMatch(/^Invalid dataset/);
  for (const pattern of patterns) {
    if (!error.problems.some((p) => pattern.test(p)))
      throw new Error(`no problem matches ${pattern}; problems: ${JSON.stringify(error.problems)}`);
  }
  // Every problem names where it is: a JSON pointer, or the top level.
  for (const problem of error.problems)
    expect(problem).toMatch(
      /^(#?\/[^:]*: |#: |"format" |unsupported format_version |the top level )/
    );
}

/** A path in a problem: schema problems start with "#/…", cross-row problems with "/…". */
const at = (path: string) => new RegExp(`^#?${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `);

describe("the compiled real dataset", () => {
  test("loads through the refresh path unchanged", () => {
    const text = JSON.stringify(base);
    expect(load(text)).toEqual(base);
    expect(JSON.stringify(base)).toBe(text); // validation does not modify what it checks
  });
});

const FORMAT_2_ALONE =
  "unsupported format_version 2 in a single JSON document: a format 2 manifest is read together with its Arrow parts (refresh from the manifest's address, or import it with its parts)";

describe("validateDataset rejects", () => {
  test.each<[string, (d: Mutable) => unknown, RegExp[]]>([
    [
      "a wrong format",
      (d) => {
        d.format = "minerals-for-excel/other";
      },
      [/^"format" must be "minerals-for-excel\/dataset" \(found "minerals-for-excel\/other"\)/],
    ],
    [
      "a missing format",
      (d) => {
        delete d.format;
      },
      [/^"format" must be "minerals-for-excel\/dataset" \(found nothing\)/],
    ],
    [
      "format_version 2 (a newer format)",
      (d) => {
        d.format_version = 2;
      },
      [/unsupported format_version 2\b.*manifest is read together with its Arrow parts/],
    ],
    [
      "format_version given as text",
      (d) => {
        d.format_version = "1";
      },
      [/unsupported format_version "1"/],
    ],
    [
      "a missing exports table",
      (d) => {
        delete d.exports;
      },
      [/^#?\/?: .*required property "exports"/],
    ],
    [
      "exports that is not a list",
      (d) => {
        d.exports = { magnets: 582 };
      },
      [at("/exports")],
    ],
    [
      'an export quantity given as text ("582")',
      (d) => {
        d.exports[0].quantity = "582";
      },
      [/^#?\/exports\/0\/quantity: .*string/],
    ],
    [
      "an export quantity of null (absence is not a figure)",
      (d) => {
        d.exports[0].quantity = null;
      },
      [at("/exports/0/quantity")],
    ],
    [
      "a missing export quantity",
      (d) => {
        delete d.exports[0].quantity;
      },
      [/^#?\/exports\/0: .*required property "quantity"/],
    ],
    [
      "a negative quantity",
      (d) => {
        d.exports[0].quantity = -582;
      },
      [at("/exports/0/quantity")],
    ],
    [
      'period "2025-13"',
      (d) => {
        d.exports[0].period = "2025-13";
      },
      [at("/exports/0/period")],
    ],
    [
      "a dangling source_id",
      (d) => {
        d.exports[0].source_id = "no-such-source";
      },
      [/^\/exports\/0\/source_id: unknown source_id "no-such-source"$/],
    ],
    [
      "a dangling source_id in a USGS row",
      (d) => {
        d.usgs[3].source_id = "no-such-source";
      },
      [/^\/usgs\/3\/source_id: unknown source_id "no-such-source"$/],
    ],
    [
      "a duplicate export key",
      (d) => {
        d.exports[1] = { ...d.exports[0], quantity: d.exports[0].quantity + 1 };
      },
      [
        /^\/exports\/1: duplicate of \/exports\/0: both give a figure for magnets CN → WORLD in 2025-01$/,
      ],
    ],
    [
      "a duplicate source_id",
      (d) => {
        d.sources.push({ ...d.sources[0] });
      },
      [/^\/sources\/\d+: duplicate of \/sources\/0: both give source_id 'ts2-2025-12-20'$/],
    ],
    [
      "an unknown commodity reference",
      (d) => {
        d.exports[0].commodity = "unobtainium";
      },
      [/^\/exports\/0\/commodity: unknown commodity "unobtainium"$/],
    ],
    [
      "an unknown commodity in an event's list",
      (d) => {
        d.events[0].commodities = ["gallium", "unobtainium"];
      },
      [/^\/events\/0\/commodity: unknown commodity "unobtainium"$/],
    ],
    [
      "an unknown partner code",
      (d) => {
        d.exports[0].partner = "ZZ";
      },
      [/^\/exports\/0\/partner: unknown country code "ZZ"$/],
    ],
    [
      "an unknown unit",
      (d) => {
        d.exports[0].unit = "furlongs";
      },
      [/^\/exports\/0\/unit: unknown unit "furlongs"$/],
    ],
    [
      "an extra top-level property",
      (d) => {
        d.surprise = true;
      },
      [at("/surprise")],
    ],
    [
      "an extra property on an export",
      (d) => {
        d.exports[0].price = 12;
      },
      [at("/exports/0/price")],
    ],
    [
      "a forecast value that is neither number nor text",
      (d) => {
        d.forecasts[0].value = true;
      },
      [at("/forecasts/0/value")],
    ],
    [
      "a malformed hash",
      (d) => {
        d.hash = "not-a-hash";
      },
      [at("/hash")],
    ],
    [
      "a USGS value given as text",
      (d) => {
        d.usgs[0].value = "4,780";
      },
      [at("/usgs/0/value")],
    ],
  ])("%s", (_what, change, patterns) => {
    expectProblems(rejection(mutated(change)), patterns);
  });

  test("format_version 2 gets one clear message, not a page of schema errors", () => {
    const error = rejection(
      mutated((d) => {
        d.format_version = 2;
        d.exports = "changed in version 2";
      })
    );
    expect(error.problems).toEqual([FORMAT_2_ALONE]);
    expect(error.message).toBe(`Invalid dataset: ${FORMAT_2_ALONE}`);
  });

  test("a format_version above every one this build reads is a newer format (a stored copy keeps it)", () => {
    const error = rejection(
      mutated((d) => {
        d.format_version = 3;
      })
    );
    expect(error).toBeInstanceOf(NewerFormatError);
    expect(error.problems).toEqual([
      "unsupported format_version 3; this add-in reads versions 1 and 2",
    ]);
  });

  test.each<[string, unknown]>([
    ["a list", []],
    ["null", null],
    ["text", "minerals"],
    ["a number", 42],
    ["true", true],
  ])("a top level that is %s", (_what, value) => {
    const error = rejection(JSON.stringify(value));
    expect(error.problems).toEqual(["the top level must be a JSON object"]);
  });

  test("every problem at once, capped at 50, with a short message", () => {
    const error = rejection(
      mutated((d) => {
        d.exports = Array.from({ length: 80 }, (_, i) => ({ ...d.exports[0], quantity: `${i}` }));
      })
    );
    expect(error.problems).toHaveLength(50);
    expect(error.problems[0]).toMatch(at("/exports/0/quantity"));
    expect(error.message).toMatch(/^Invalid dataset \(50 problems\): /);
    expect(error.message.endsWith("; …")).toBe(true);
  });

  // Every code a row refers to must be defined, as the build requires of the CSVs.
  test.each<[string, (d: Mutable) => void, RegExp]>([
    [
      "an event jurisdiction",
      (d) => {
        d.events[0].jurisdiction = "ZZ";
      },
      /^\/events\/0\/jurisdiction: unknown country code "ZZ"$/,
    ],
    [
      "a forecast region",
      (d) => {
        d.forecasts[0].region = "ZZ";
      },
      /^\/forecasts\/0\/region: unknown country code "ZZ"$/,
    ],
    [
      "an indicator region",
      (d) => {
        d.indicators[0].region = "ZZ";
      },
      /^\/indicators\/0\/region: unknown country code "ZZ"$/,
    ],
    [
      "a reported change partner",
      (d) => {
        d.reported_changes[0].partner = "ZZ";
      },
      /^\/reported_changes\/0\/partner: unknown country code "ZZ"$/,
    ],
    [
      "a USGS country_code",
      (d) => {
        d.usgs[0].country_code = "ZZ";
      },
      /^\/usgs\/0\/country_code: unknown country code "ZZ"$/,
    ],
    [
      "a USGS table commodity",
      (d) => {
        d.usgs_tables[0].commodity = "unobtainium";
      },
      /^\/usgs_tables\/0\/commodity: unknown commodity "unobtainium"$/,
    ],
  ])("a dangling code in %s", (_what, change, pattern) => {
    expectProblems(rejection(mutated(change)), [pattern]);
  });
});

describe("parseDatasetText", () => {
  test("reads valid JSON", () => {
    expect(parseDatasetText('{"a":[1,2]}')).toEqual({ a: [1, 2] });
  });

  test.each<[string, () => string]>([
    ["truncated JSON (a cut-off download)", () => JSON.stringify(base).slice(0, 5000)],
    ["truncated JSON, one character short", () => JSON.stringify(base).slice(0, -1)],
    ["an empty body", () => ""],
    ["an HTML error page", () => "<!doctype html><title>502 Bad Gateway</title>"],
    ["a trailing comma", () => '{"format": "minerals-for-excel/dataset",}'],
  ])("refuses %s with a DatasetError", (_what, text) => {
    let error: unknown;
    try {
      parseDatasetText(text());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatasetError);
    const problems = (error as DatasetError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^not valid JSON \(.+\)$/);
    expect((error as DatasetError).message).toBe(`Invalid dataset: ${problems[0]}`);
  });
});

describe("parseUsgsCell", () => {
  const cell = (raw: string, value: number | null, qualifier: string | null): UsgsCell => ({
    raw,
    value,
    qualifier,
  });

  test.each<[string, UsgsCell]>([
    ["4,780", cell("4,780", 4780, null)],
    ["200", cell("200", 200, null)],
    ["0", cell("0", 0, null)],
    ["12.5", cell("12.5", 12.5, null)],
    ["1,234.5", cell("1,234.5", 1234.5, null)],
    ["12,000,000", cell("12,000,000", 12000000, null)],
    ["  4,780 ", cell("4,780", 4780, null)],
    ["W", cell("W", null, "W")],
    ["NA", cell("NA", null, "NA")],
    ["E", cell("E", null, "E")],
    ["XX", cell("XX", null, "XX")],
    ["—", cell("—", 0, "—")],
    ["–", cell("–", 0, "—")],
    ["-", cell("-", 0, "—")],
    ["--", cell("--", 0, "—")],
    [">85,000,000", cell(">85,000,000", 85000000, ">")],
    ["<100,000", cell("<100,000", 100000, "<")],
    [">75", cell(">75", 75, ">")],
    [">50", cell(">50", 50, ">")],
    ["", cell("", null, null)],
    ["   ", cell("", null, null)],
  ])("%j → %j", (raw, expected) => {
    expect(parseUsgsCell(raw)).toEqual(expected);
  });

  test.each([
    "abc",
    "4,78O",
    "58x",
    "1,23",
    "12,3456",
    "1.2.3",
    "4 780",
    "$5",
    "NaN",
    "Infinity",
    "1e6",
    "Tin",
    "WXYZ",
    "w",
    "na",
  ])("%j → undefined (not a USGS value)", (raw) => {
    expect(parseUsgsCell(raw)).toBeUndefined();
  });
});

test("'ALL' is a partner only for export-control events", () => {
  const dataset = JSON.parse(JSON.stringify(realDataset())) as { exports: { partner: string }[] };
  dataset.exports[0].partner = "ALL";
  expect(() => validateDataset(dataset)).toThrow(
    /\/exports\/0\/partner: unknown country code "ALL"/
  );
  expect(() => validateDataset(realDataset())).not.toThrow();
});
