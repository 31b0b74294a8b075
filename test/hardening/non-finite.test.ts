/**
 * Defect 1 of issue 12: non-finite numbers. `1e309` in dataset text parses as Infinity; every load
 * path (feed, import, stored copy: all go through loadDatasetText, and a CSV import through the
 * build's row readers) refuses it naming where it is. A finite figure whose conversion or span total
 * overflows is an error with a message (#NUM! in the core; #VALUE! in Excel, whose runtime drops the
 * message of a #NUM!), never ±Infinity. The hash never covers a non-finite number, so
 * +Infinity and −Infinity cannot pass under one hash.
 */
import { Dataset } from "../../src/core/dataset/dataset";
import { canonicalText, datasetHash } from "../../src/core/dataset/hash";
import { prepareImport } from "../../src/core/dataset/import";
import { indexDataset } from "../../src/core/dataset/indexed";
import { loadDatasetText } from "../../src/core/dataset/load";
import { restoreStored, storedRecord } from "../../src/core/dataset/stored";
import { DatasetError, validateDataset } from "../../src/core/dataset/validate";
import { expectExcelError, formulaResult, smallRealDataset } from "./helpers";

const HUGE_DIGITS = `1${"0".repeat(309)}`;

/** The dataset's text with the number at `field` of `section`'s row `row` written as `literal`. */
async function textWith(
  section: "exports" | "reported_changes" | "indicators" | "usgs",
  field: string,
  literal: string
): Promise<string> {
  const dataset = await smallRealDataset();
  const row = dataset[section][0] as unknown as Record<string, unknown>;
  row[field] = 424242.5;
  dataset.hash = "";
  return JSON.stringify(dataset).replace("424242.5", literal);
}

async function refusal(load: Promise<unknown>): Promise<string[]> {
  try {
    await load;
  } catch (error) {
    if (error instanceof DatasetError) return error.problems;
    throw error;
  }
  return ["(loaded)"];
}

describe("every load path refuses non-finite numbers, naming where", () => {
  test.each([
    ["exports", "quantity", "1e309"],
    ["reported_changes", "percent", "-1e309"],
    ["indicators", "value", "1e400"],
    ["usgs", "value", HUGE_DIGITS],
  ] as const)("/%s/0/%s (feed and stored copy)", async (section, field, literal) => {
    const text = await textWith(section, field, literal);
    const problems = await refusal(loadDatasetText(text));
    expect(problems).toContainEqual(
      expect.stringMatching(new RegExp(`^/${section}/0/${field}: .*not a finite number`))
    );
    const restored = await restoreStored(
      storedRecord(text, { kind: "feed", url: "https://feed.example/m.json" }, new Date())
    );
    expect(restored).toEqual({
      ok: false,
      keep: false,
      notice: expect.stringContaining(`/${section}/0/${field}`),
    });
  });

  test("a JSON file import", async () => {
    const text = await textWith("exports", "quantity", "1e309");
    const outcome = await prepareImport(
      "minerals.json",
      new TextEncoder().encode(text),
      await smallRealDataset()
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(/^\/exports\/0\/quantity: .*not a finite number/)
    );
  });

  test.each([
    [
      "exports.csv",
      "commodity,reporter,partner,period,quantity,unit,source_id,note",
      `magnets,CN,US,2025-12,${HUGE_DIGITS},t,ts2-2025-12-20,`,
      "quantity",
    ],
    [
      "indicators.csv",
      "commodity,indicator,region,period,value,unit,approximate,source_id,note",
      `gallium,price,CN,2025-12,${HUGE_DIGITS},USD/kg,no,ts2-2025-12-20,`,
      "value",
    ],
    [
      "forecasts.csv",
      "commodity,variable,region,year,value,unit,scenario,forecaster,published,source_id,note",
      `lithium,price,WORLD,2027,${HUGE_DIGITS},USD/t,base,Someone,2025-12,ts2-2025-12-20,`,
      "value",
    ],
  ])("a CSV import (%s) names the row and column", async (name, header, row, field) => {
    const current = await smallRealDataset();
    const outcome = await prepareImport(
      name,
      new TextEncoder().encode(`${header}\n${row}\n`),
      current
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toContainEqual({
      row: 2,
      field,
      message: expect.stringMatching(/not a finite number/),
    });
  });

  test("a USGS release CSV import names the row and column", async () => {
    const current = await smallRealDataset();
    const header =
      "MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,Is critical mineral 2025,Other notes";
    const row = `Gallium,Production,Gallium,China,Production,Primary production,kilograms,2025,${HUGE_DIGITS},,Yes,`;
    const outcome = await prepareImport(
      "mcs.csv",
      new TextEncoder().encode(`${header}\n${row}\n`),
      current
    );
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.problems).toContainEqual({
      row: 2,
      field: "Value",
      message: expect.stringMatching(/not a finite number/),
    });
  });

  test("a dataset object holding NaN or Infinity (the build's own check) is refused", async () => {
    const dataset = await smallRealDataset();
    dataset.indicators[1].value = NaN;
    dataset.exports[2].quantity = Infinity;
    const problems: string[] = [];
    try {
      validateDataset(dataset);
    } catch (error) {
      problems.push(...(error as DatasetError).problems);
    }
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/indicators\/1\/value: .*not a finite number/),
        expect.stringMatching(/^\/exports\/2\/quantity: .*not a finite number/),
      ])
    );
  });
});

describe("the hash never confuses +Infinity and −Infinity", () => {
  test("no hash is computed over a non-finite number", async () => {
    const plus = await smallRealDataset();
    plus.exports[0].quantity = Infinity;
    const minus: Dataset = structuredClone(plus);
    minus.exports[0].quantity = -Infinity;
    const hashes = await Promise.allSettled([datasetHash(plus), datasetHash(minus)]);
    // Either both are refused, or they differ; never the same hash for different content.
    if (hashes[0].status === "fulfilled" && hashes[1].status === "fulfilled")
      expect(hashes[0].value).not.toBe(hashes[1].value);
    else expect(hashes.map((h) => h.status)).toEqual(["rejected", "rejected"]);
    expect(() => canonicalText(minus)).toThrow(/\/exports\/0\/quantity.*not a finite number/);
  });

  test("−1e309 under the hash published for +1e309 is refused", async () => {
    const text = await textWith("indicators", "value", "1e309");
    const published = JSON.parse(text) as Dataset;
    // What a publisher hashing its parsed dataset would publish (the hash of `null` there today).
    published.hash = await datasetHash(JSON.parse(JSON.stringify(published)) as Dataset);
    const swapped = JSON.stringify(published).replace(/"value":null/, '"value":-1e309');
    const problems = await refusal(loadDatasetText(swapped));
    expect(problems).not.toEqual(["(loaded)"]);
  });
});

describe("a conversion or total that overflows is an error with a message", () => {
  async function extremeData() {
    const dataset = await smallRealDataset();
    // Every month of 2024 and 2025 reported for the US and the World total, each 1e308 t.
    dataset.exports = dataset.exports.filter((o) => o.commodity !== "magnets");
    for (const partner of ["US", "WORLD"])
      for (const year of [2024, 2025])
        for (let month = 1; month <= 12; month++)
          dataset.exports.push({
            commodity: "magnets",
            reporter: "CN",
            partner,
            period: `${year}-${String(month).padStart(2, "0")}`,
            quantity: 1e308,
            unit: "t",
            source_id: "ts2-2025-12-20",
            note: null,
          });
    dataset.hash = "";
    return indexDataset(validateDataset(dataset));
  }

  test("1e308 t asked in grams", async () => {
    const data = await extremeData();
    expect(formulaResult("EXPORT", ["magnets", "US", "2025-11"], data)).toBe(1e308);
    expectExcelError(
      formulaResult("EXPORT", ["magnets", "US", "2025-11", "g"], data),
      "#VALUE!",
      /too large.*g/
    );
  });

  test("a span total of 1e308 t months", async () => {
    const data = await extremeData();
    expectExcelError(
      formulaResult("EXPORT", ["magnets", "World", "2025-Q2"], data),
      "#VALUE!",
      /too large/
    );
  });

  test("SERIES, SHARE, CHANGE and TOP never show ±Infinity", async () => {
    const data = await extremeData();
    const results = [
      formulaResult("SERIES", ["magnets", "US", null, null, 1, "g"], data),
      formulaResult("SHARE", ["magnets", "US", "2025-Q2"], data),
      formulaResult("CHANGE", ["magnets", "US", "2025-H1", "yoy"], data),
      formulaResult("CHANGE", ["magnets", "US", "2025-11"], data),
      formulaResult("TOP", ["magnets", "2025-Q2"], data),
    ];
    const cells = results.flatMap((r) => (Array.isArray(r) ? r.flat() : [r]));
    expect(cells.filter((c) => typeof c === "number" && !Number.isFinite(c))).toEqual([]);
    // The SERIES in grams overflows in every month: an error saying so (in its cells or as a whole).
    const seriesCells = Array.isArray(results[0]) ? results[0].flat() : [results[0]];
    expect(
      seriesCells.some(
        (c) =>
          c instanceof CustomFunctions.Error &&
          c.code === "#VALUE!" &&
          /too large/.test(c.message ?? "")
      )
    ).toBe(true);
  });
});
