import { readFileSync } from "fs";
import { join } from "path";
import { DATA_DIR, realDataset } from "../../../test/support/real-dataset";
import { Dataset } from "./dataset";
import { exportValue } from "../queries/exports";
import { datasetHash } from "./hash";
import {
  changesNothing,
  ImportOutcome,
  localVersion,
  prepareImport,
  prepareImportFiles,
} from "./import";
import { ManifestBundle } from "./manifest";
import { formatTwoBundle } from "../../../test/support/format-two";
import { loadDatasetText } from "./load";

const bytes = (text: string) => new TextEncoder().encode(text);
const EXPORTS_HEADER = "commodity,reporter,partner,period,quantity,unit,source_id,note";
const USGS_FILE = join(DATA_DIR, "usgs", "mcs2026_commodities_data_subset.csv");

function ok(outcome: ImportOutcome) {
  if (!outcome.ok) throw new Error(`expected success, got ${JSON.stringify(outcome, null, 1)}`);
  return outcome;
}
function refused(outcome: ImportOutcome) {
  if (outcome.ok) throw new Error(`expected a refusal, got ${outcome.summary}`);
  return outcome;
}

let current: Dataset;
beforeEach(() => {
  current = realDataset();
});

describe("our CSV layout", () => {
  test("an exports file adds new rows and replaces same-key rows; the result is a verified dataset", async () => {
    const csv = [
      EXPORTS_HEADER,
      "magnets,CN,US,2025-11,600,t,ts2-2025-12-20,Revised",
      "magnets,CN,US,2025-12,700,t,ts2-2025-12-20,",
      "",
    ].join("\r\n");
    const before = JSON.stringify(current);
    const outcome = ok(await prepareImport("exports.csv", bytes(csv), current));

    expect(outcome.kind).toBe("exports");
    expect(outcome.summary).toBe("exports.csv: exports.csv layout, 1 row added, 1 replaced.");
    const query = (period: string) =>
      exportValue(outcome.data, { commodity: "magnets", partner: "US", period });
    expect(query("2025-11")).toBe(600);
    expect(query("2025-12")).toBe(700);
    expect(outcome.data.dataset.exports).toHaveLength(current.exports.length + 1);
    expect(outcome.data.dataset.version).toBe(`${current.version}+local`);
    // The hash is the content's, and the text is what a later session will verify.
    expect(outcome.data.dataset.hash).toBe(await datasetHash(outcome.data.dataset));
    expect((await loadDatasetText(outcome.payload as string)).dataset).toEqual(
      outcome.data.dataset
    );
    // The dataset in use was not touched.
    expect(JSON.stringify(current)).toBe(before);
  });

  test("every failing row is listed with its row number and field, and nothing is returned to apply", async () => {
    const csv = [
      EXPORTS_HEADER,
      "magnets,CN,US,2025-12,58x,t,ts2-2025-12-20,", // row 2: not a number
      "magnets,CN,US,2026-01,10,t,ts2-2025-12-20,", // row 3: fine
      "magnets,CN,US,2026-02,10,t,no-such-source,", // row 4: unknown source
      "magnium,CN,US,2026-02,10,t,ts2-2025-12-20,", // row 5: unknown commodity
      "",
      "magnets,CN,US,2026-01,11,t,ts2-2025-12-20,", // row 7: duplicate of row 3
      'magnets,CN,US,2026-03,1,t,ts2-2025-12-20,"a, b",extra', // row 8: too many fields
      "magnets,CN,US,2026-13,10,t,ts2-2025-12-20,", // row 9: not a month
    ].join("\n");
    const outcome = refused(await prepareImport("exports.csv", bytes(csv), current));
    expect(outcome.kind).toBe("exports");
    expect(outcome.problems.map((p) => [p.row, p.field])).toEqual([
      [2, "quantity"],
      [4, "source_id"],
      [5, "commodity"],
      [7, null],
      [8, null],
      [9, "period"],
    ]);
    expect(outcome.problems[0].message).toBe("'58x' is not a number");
    expect(outcome.problems[1].message).toBe(
      "unknown source_id 'no-such-source' (not in sources.csv)"
    );
    expect(outcome.problems[3].message).toBe(
      "duplicate: row 3 already gives a figure for this commodity, reporter, partner and period"
    );
    expect(outcome.problems[4].message).toMatch(/Too many fields/);
    expect(outcome.summary).toBe("exports.csv: 6 problems in 6 rows; nothing was imported.");
  });

  test("a source added by a sources file can be cited by a later exports import", async () => {
    const sources = [
      "source_id,publisher,title,published,origin,url",
      "my-note-2026-01,Our desk,Call notes,2026-01-10,Analyst call,https://example.org/notes",
    ].join("\n");
    const first = ok(await prepareImport("my sources.csv", bytes(sources), current));
    expect(first.kind).toBe("sources");
    expect(first.data.dataset.sources.at(-1)?.source_id).toBe("my-note-2026-01");

    const exportsCsv = `${EXPORTS_HEADER}\nmagnets,CN,US,2026-01,42,t,my-note-2026-01,\n`;
    const refusedBefore = refused(await prepareImport("e.csv", bytes(exportsCsv), current));
    expect(refusedBefore.problems[0]).toMatchObject({ row: 2, field: "source_id" });
    const second = ok(await prepareImport("e.csv", bytes(exportsCsv), first.data.dataset));
    expect(
      exportValue(second.data, { commodity: "magnets", partner: "US", period: "2026-01" })
    ).toBe(42);
    // Two imports mark the version once.
    expect(second.data.dataset.version).toBe(`${current.version}+local`);
  });

  test("a forecasts file is read by the build's forecast reader", async () => {
    const csv = [
      "commodity,variable,region,year,value,unit,scenario,forecaster,published,source_id,note",
      "lithium,price: lithium carbonate,WORLD,2027,18000,USD/t,base,Bernstein,2025-12,ts2-2025-12-20,",
      'lithium,price: lithium carbonate,WORLD,2027,"18,000",USD/t,base,Other,2025-12,ts2-2025-12-20,',
    ].join("\n");
    const outcome = refused(await prepareImport("forecasts.csv", bytes(csv), current));
    expect(outcome.kind).toBe("forecasts");
    expect(outcome.problems).toEqual([
      { row: 3, field: "value", message: "'18,000' is not a number" },
    ]);
  });

  test("a header that matches no layout names the closest one and what it lacks", async () => {
    const csv =
      "commodity,reporter,partner,period,amount,unit,source_id,note\nmagnets,CN,US,2025-12,1,t,x,\n";
    const outcome = refused(await prepareImport("exports.csv", bytes(csv), current));
    expect(outcome.kind).toBeNull();
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0].row).toBe(1);
    expect(outcome.problems[0].message).toMatch(
      /Closest: exports\.csv, which also needs quantity\.$/
    );
  });

  test("a header without data rows is refused", async () => {
    const outcome = refused(await prepareImport("e.csv", bytes(`${EXPORTS_HEADER}\n`), current));
    expect(outcome.problems[0].message).toBe("The file has a header but no data rows.");
  });

  test("a Windows-1252 file is decoded, not refused", async () => {
    // "Türkiye" in the note, with ü as the single byte 0xFC (not valid UTF-8).
    const head = bytes(`${EXPORTS_HEADER}\nmagnets,CN,TR,2026-01,5,t,ts2-2025-12-20,T`);
    const file = new Uint8Array([...head, 0xfc, ...bytes("rkiye\n")]);
    const outcome = ok(await prepareImport("exports.csv", file, current));
    expect(outcome.data.dataset.exports.at(-1)?.note).toBe("Türkiye");
  });
});

describe("the USGS data-release CSV", () => {
  test("the subset file replaces the USGS rows of the commodities it covers", async () => {
    const file = readFileSync(USGS_FILE);
    // Start from a dataset whose cobalt rows differ, and which has a USGS row the file does not cover.
    current.usgs = current.usgs.filter((o) => o.commodity !== "cobalt");
    const other = { ...current.usgs[0], commodity: "copper", value: 1, raw: "1" };
    current.usgs.push(other);
    const outcome = ok(await prepareImport("mcs2026_commodities_data_subset.csv", file, current));
    expect(outcome.kind).toBe("usgs");
    expect(outcome.summary).toBe(
      "mcs2026_commodities_data_subset.csv: USGS data release, 152 rows for cobalt, gallium, lithium, rare earths, antimony."
    );
    const fresh = realDataset();
    const usgs = outcome.data.dataset.usgs;
    expect(usgs.filter((o) => o.commodity !== "copper")).toEqual(
      expect.arrayContaining(fresh.usgs)
    );
    expect(usgs).toHaveLength(fresh.usgs.length + 1);
    expect(usgs).toContainEqual(other);
  });

  test("changed values come through; a bad value is listed with its row", async () => {
    const text = readFileSync(USGS_FILE, "utf8");
    const lines = text.split(/\r?\n/);
    lines[2] = lines[2].replace('"4,780"', '"4,800"');
    lines[4] = lines[4].replace('"2,000"', "two thousand");
    const outcome = refused(await prepareImport("usgs.csv", bytes(lines.join("\n")), current));
    expect(outcome.problems).toEqual([
      {
        row: 5,
        field: "Value",
        message:
          "'two thousand' is not a USGS value (a number, W, NA, —, or a bound such as >85,000,000)",
      },
    ]);
    lines[4] = text.split(/\r?\n/)[4];
    const fixed = ok(await prepareImport("usgs.csv", bytes(lines.join("\n")), current));
    const australia = fixed.data.dataset.usgs.find(
      (o) => o.commodity === "cobalt" && o.country === "Australia" && o.statistic === "Production"
    );
    expect(australia).toMatchObject({ value: 4800, raw: "4,800", source_id: "usgs-mcs2026" });
  });

  test("without a USGS source in the dataset in use, the file is refused", async () => {
    current.usgs = [];
    current.usgs_tables = [];
    current.sources = current.sources.filter((s) => s.source_id !== "usgs-mcs2026");
    const outcome = refused(await prepareImport("usgs.csv", readFileSync(USGS_FILE), current));
    expect(outcome.problems[0].message).toMatch(/no U\.S\. Geological Survey source/);
  });
});

describe("our JSON format", () => {
  test("a valid dataset file is loaded as it is", async () => {
    const next = realDataset();
    next.version = "2027.01.01";
    next.hash = await datasetHash(next);
    const text = JSON.stringify(next);
    const outcome = ok(await prepareImport("minerals.json", bytes(text), current));
    expect(outcome).toMatchObject({
      kind: "json",
      summary: `minerals.json: dataset 2027.01.01 (as of ${next.as_of}).`,
      payload: text,
    });
    expect(outcome.data.dataset).toEqual(next);
  });

  test("a file without a hash gets one", async () => {
    const next = realDataset();
    next.hash = "";
    const outcome = ok(await prepareImport("x.json", bytes(JSON.stringify(next)), current));
    expect(outcome.data.dataset.hash).toBe(await datasetHash(next));
  });

  test.each([
    ["not JSON", "{oops", /^not valid JSON/],
    [
      "a newer format version",
      JSON.stringify({ ...realDataset(), format_version: 2 }),
      /^unsupported format_version 2/,
    ],
    [
      "a schema violation",
      JSON.stringify({ ...realDataset(), exports: [{ commodity: "magnets" }] }),
      /^\/exports\/0/,
    ],
    [
      "an altered figure under the old hash",
      JSON.stringify({
        ...realDataset(),
        exports: realDataset().exports.map((o, i) => (i === 0 ? { ...o, quantity: 1 } : o)),
      }),
      /^hash: the content does not match its hash/,
    ],
  ])("%s is refused with the problems listed", async (_label, text, first) => {
    const outcome = refused(await prepareImport("data.json", bytes(text), current));
    expect(outcome.kind).toBe("json");
    expect(outcome.summary).toBe("data.json is not a valid dataset; nothing was imported.");
    expect(outcome.problems[0].message).toMatch(first);
    expect(outcome.problems[0].row).toBeNull();
  });

  test("an empty file is refused", async () => {
    expect(refused(await prepareImport("x.csv", new Uint8Array(), current)).summary).toBe(
      "x.csv is empty."
    );
  });
});

describe("format 2: a manifest chosen with its parts", () => {
  const files = (bundle: ManifestBundle) => [
    { name: "minerals.manifest.json", bytes: new Uint8Array(bundle.manifest) },
    ...bundle.parts.map((p) => ({ name: p.path, bytes: new Uint8Array(p.bytes) })),
  ];

  test("is read, in any order, as the same dataset format 1 gives, kept as the bytes chosen", async () => {
    const next = realDataset();
    next.version = "2027.01.01";
    const bundle = formatTwoBundle(next, undefined, 10);
    const outcome = ok(await prepareImportFiles(files(bundle).reverse(), current));
    expect(outcome.kind).toBe("manifest");
    expect(outcome.summary).toBe(
      `minerals.manifest.json with ${bundle.parts.length} parts: dataset 2027.01.01 (as of ${next.as_of}).`
    );
    expect(outcome.data.dataset.exports).toEqual(next.exports);
    expect(outcome.payload).toEqual(bundle);
    expect(changesNothing(outcome.data.dataset, outcome.data.dataset, "manifest")).toBe(true);
  });

  test("a missing part, a file the manifest does not list, or a part alone is refused", async () => {
    const bundle = formatTwoBundle(realDataset());
    const [manifest, part] = files(bundle);
    const missing = refused(await prepareImportFiles([manifest], current));
    expect(missing.problems.map((p) => p.message)).toEqual([
      "part minerals.observations.arrow: missing",
    ]);
    expect(missing.summary).toMatch(/choose the manifest and its parts together/);
    const extra = refused(
      await prepareImportFiles(
        [manifest, part, { name: "notes.csv", bytes: bytes("a,b") }],
        current
      )
    );
    expect(extra.summary).toBe(
      "notes.csv: not a part minerals.manifest.json lists; nothing was imported."
    );
    const alone = refused(await prepareImportFiles([part], current));
    expect(alone.summary).toMatch(/is an Arrow file: import it together with the manifest/);
  });
});

test("localVersion marks a version once and keeps it within the schema's 64 characters", () => {
  expect(localVersion("2026.11.22")).toBe("2026.11.22+local");
  expect(localVersion("2026.11.22+local")).toBe("2026.11.22+local");
  expect(localVersion("9".repeat(64))).toHaveLength(64);
});

test("changesNothing: the same dataset, or CSV rows already in it", async () => {
  const usgs = ok(await prepareImport("u.csv", readFileSync(USGS_FILE), current));
  expect(changesNothing(current, usgs.data.dataset, "usgs")).toBe(true);
  const csv = `${EXPORTS_HEADER}\nmagnets,CN,US,2025-11,582,t,ts2-2025-12-20,Down 11% from October; within the average range since July\n`;
  const same = ok(await prepareImport("e.csv", bytes(csv), current));
  expect(changesNothing(current, same.data.dataset, "exports")).toBe(true);
  const changed = ok(await prepareImport("e.csv", bytes(csv.replace(",582,", ",583,")), current));
  expect(changesNothing(current, changed.data.dataset, "exports")).toBe(false);
  const json = ok(await prepareImport("m.json", bytes(JSON.stringify(current)), current));
  expect(changesNothing(current, json.data.dataset, "json")).toBe(true);
});
