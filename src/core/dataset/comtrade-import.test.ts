/**
 * The pane's Import of UN Comtrade files, on the project's SYNTHETIC fixtures (test/fixtures/comtrade:
 * the real column layout, invented figures) and the real bundled dataset: detection by columns and
 * shape, the build's mapping rules through the formulas' own queries, the source row, conflicts with
 * news figures, re-import, refusals naming row and column with the dataset in use untouched, and the
 * saved copy (the format 2 payload) loading back to the same figures.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { DATA_DIR, realIndexed } from "../../../test/support/real-dataset";
import { comtradeReference } from "../../dataset-build/comtrade";
import { exportValue, findExport } from "../queries/exports";
import { isQueryError } from "../queries/query-error";
import { COMTRADE_COLUMNS } from "./comtrade";
import {
  ComtradeImportContext,
  importedComtradeFiles,
  prepareComtradeRemoval,
} from "./comtrade-import";
import { IndexedDataset } from "./indexed";
import { ImportOutcome, prepareImport, prepareImportFiles } from "./import";
import { loadPayload } from "./payload";

const FIXTURES = join(__dirname, "..", "..", "..", "test", "fixtures", "comtrade");
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));
const TODAY = "2026-12-01";
const reference = comtradeReference(DATA_DIR);

function context(data: IndexedDataset = realIndexed()): ComtradeImportContext {
  return { data, reference, today: TODAY };
}

async function importInto(
  name: string,
  bytes: Uint8Array,
  ctx = context(),
  maxBytes?: number
): Promise<ImportOutcome> {
  return prepareImport(name, bytes, ctx.data.dataset, maxBytes, ctx);
}

function ok(outcome: ImportOutcome) {
  if (!outcome.ok)
    throw new Error(`refused: ${outcome.summary} ${JSON.stringify(outcome.problems)}`);
  return outcome;
}

function refused(outcome: ImportOutcome) {
  if (outcome.ok) throw new Error(`imported: ${outcome.summary}`);
  return outcome;
}

/** A synthetic Comtrade+ CSV (header of the 47 columns, CRLF) with one row per entry of `rows`. */
function comtradeCsv(rows: Partial<Record<(typeof COMTRADE_COLUMNS)[number], string>>[]): string {
  const base: Partial<Record<string, string>> = {
    typeCode: "C",
    freqCode: "M",
    period: "202405",
    reporterCode: "156",
    reporterISO: "CHN",
    reporterDesc: "China",
    flowCode: "X",
    partnerCode: "392",
    partnerISO: "JPN",
    partnerDesc: "Japan",
    classificationCode: "H6",
    cmdCode: "850511",
    cmdDesc: "Permanent magnets",
    qtyUnitAbbr: "N/A",
    isQtyEstimated: "False",
    netWgt: "1000",
    isNetWgtEstimated: "False",
    primaryValue: "50000",
  };
  const line = (r: Partial<Record<string, string>>) =>
    COMTRADE_COLUMNS.map((c) => quoted(r[c] ?? base[c] ?? "")).join(",");
  const quoted = (cell: string) => (/[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return [COMTRADE_COLUMNS.join(","), ...rows.map((r) => line({ ...base, ...r }))].join("\r\n");
}

describe("the monthly ISO-8859-1 CRLF bulk CSV", () => {
  let before: IndexedDataset;
  let outcome: Extract<ImportOutcome, { ok: true }>;
  beforeAll(async () => {
    before = realIndexed();
    outcome = ok(
      await importInto(
        "synthetic-monthly-latin1.csv",
        fixture("synthetic-monthly-latin1.csv"),
        context(before)
      )
    );
  });

  test("is detected by its columns and read as Comtrade, marking the version local", () => {
    expect(outcome.kind).toBe("comtrade");
    expect(outcome.data.dataset.version).toBe(`${before.dataset.version}+local`);
    expect(outcome.summary).toBe(
      "synthetic-monthly-latin1.csv: UN Comtrade, 12 figures (8 exports, 1 re-export, 1 re-import, 2 imports). 1 new commodity named by their customs code."
    );
    expect(outcome.localRows).toBe(12);
  });

  test("its figures join every figure of the dataset in use", () => {
    expect(outcome.data.trade.length).toBe(before.trade.length + 12);
    // A news figure of the bundled dataset still answers.
    expect(
      exportValue(outcome.data, { commodity: "magnets", partner: "US", period: "2025-11" })
    ).toBe(exportValue(before, { commodity: "magnets", partner: "US", period: "2025-11" }));
  });

  test("formulas read it with the build's rules: World, Côte d'Ivoire's reported 0, M49 without ISO, an aggregate", () => {
    const q = (partner: string, period: string, extra: object = {}) =>
      exportValue(outcome.data, { commodity: "magnets", partner, period, ...extra });
    expect(q("World", "2024-03")).toBe(5_000_000);
    expect(q("Côte d'Ivoire", "2024-03")).toBe(0);
    expect(q("Germany", "2024-02")).toBe(300_000);
    expect(q("Other Asia, nes", "2024-03")).toBe(40_000);
    expect(q("Japan", "2024-03", { measure: "value" })).toBe(35_000_000);
    // An empty net weight with no mass quantity is not reported, never 0.
    const empty = q("US", "2024-03");
    expect(isQueryError(empty) && empty.code).toBe("notAvailable");
    expect(q("US", "2024-03", { measure: "value" })).toBe(1_000_000);
  });

  test("the estimated flag, re-exports kept apart, imports by reporter, a new commodity by its code", () => {
    const japan = findExport(outcome.data, {
      commodity: "magnets",
      partner: "JP",
      period: "2024-03",
    });
    expect(!isQueryError(japan) && japan.rows[0].estimated).toBe(true);
    expect(
      exportValue(outcome.data, {
        commodity: "magnets",
        partner: "US",
        period: "2024-03",
        flow: "re-export",
      })
    ).toBe(1000);
    expect(
      exportValue(
        outcome.data,
        { commodity: "8505.11", partner: "CN", period: "2024-03", reporter: "JP" },
        "import"
      )
    ).toBe(650_000);
    expect(
      exportValue(outcome.data, { commodity: "811292", partner: "DE", period: "2024-03" })
    ).toBe(2004);
  });

  test("one source row for the file: United Nations Comtrade, what it holds, the classification, retrieved today", () => {
    const source = outcome.data.sources.get("comtrade-synthetic-monthly-latin1");
    expect(source).toEqual({
      source_id: "comtrade-synthetic-monthly-latin1",
      publisher: "United Nations Comtrade",
      title:
        "UN Comtrade: China, Japan; exports, imports, re-exports, re-imports; HS 811292, 850511; 2024-02 to 2024-03",
      published: TODAY,
      origin: `UN Comtrade database, classification H6; file synthetic-monthly-latin1.csv, retrieved ${TODAY}`,
      url: null,
    });
    const cited = findExport(outcome.data, {
      commodity: "magnets",
      partner: "World",
      period: "2024-03",
    });
    expect(!isQueryError(cited) && cited.rows.map((r) => r.source_id)).toEqual([source?.source_id]);
  });

  test("the saved copy (a format 2 manifest and part) loads back to the same figures", async () => {
    expect(typeof outcome.payload).toBe("object");
    const restored = await loadPayload(outcome.payload);
    expect(restored.dataset.hash).toBe(outcome.data.dataset.hash);
    expect(restored.trade.length).toBe(outcome.data.trade.length);
    expect(exportValue(restored, { commodity: "magnets", partner: "CI", period: "2024-03" })).toBe(
      0
    );
  });

  test("importing the same file again replaces its earlier import and changes nothing", async () => {
    const again = ok(
      await importInto(
        "synthetic-monthly-latin1.csv",
        fixture("synthetic-monthly-latin1.csv"),
        context(outcome.data)
      )
    );
    expect(again.summary).toContain("It replaces the 12 figures of its earlier import.");
    expect(again.localRows).toBe(0);
    expect(again.data.trade.length).toBe(outcome.data.trade.length);
    expect(again.data.dataset.hash).toBe(outcome.data.dataset.hash);
  });
});

test("the API JSON is detected by its shape; Japan's imports from China answer IMPORT", async () => {
  const outcome = ok(await importInto("japan.json", fixture("synthetic-api.json")));
  expect(outcome.kind).toBe("comtrade");
  expect(
    exportValue(
      outcome.data,
      { commodity: "magnets", partner: "CN", period: "2024-04", reporter: "JP" },
      "import"
    )
  ).toBe(680_000);
  expect(outcome.data.sources.get("comtrade-japan")?.publisher).toBe("United Nations Comtrade");
});

test("prepareImportFiles reads a single Comtrade file as prepareImport does", async () => {
  const ctx = context();
  const outcome = ok(
    await prepareImportFiles(
      [{ name: "a.json", bytes: fixture("synthetic-api.json") }],
      ctx.data.dataset,
      ctx
    )
  );
  expect(outcome.kind).toBe("comtrade");
});

test("an official figure takes the place of a news figure with its key; the differing pair is listed", async () => {
  const before = realIndexed();
  const outcome = ok(
    await importInto("synthetic-conflict.csv", fixture("synthetic-conflict.csv"), context(before))
  );
  expect(outcome.summary).toContain(
    "2 news figures with the same key yield to the official figure."
  );
  expect(outcome.notes).toHaveLength(1);
  expect(outcome.notes?.[0]).toMatch(
    /^Conflict: magnets CN → (US|JP) export 2025-11: official .* \(comtrade-synthetic-conflict\), news .*; formulas return the official figure$/
  );
  const figure = findExport(outcome.data, {
    commodity: "magnets",
    partner: "US",
    period: "2025-11",
  });
  expect(!isQueryError(figure) && figure.rows[0].source_id).toBe("comtrade-synthetic-conflict");
  // The news figure's source stays in the dataset.
  const newsSource = findExport(before, { commodity: "magnets", partner: "US", period: "2025-11" });
  expect(!isQueryError(newsSource) && outcome.data.sources.has(newsSource.rows[0].source_id)).toBe(
    true
  );
  expect(outcome.localRows).toBe(2);
});

test("the news figures an official figure sets aside stay in the dataset and its saved copy, with their sources", async () => {
  const before = realIndexed();
  const newsFigure = (partner: string) => {
    const found = findExport(before, { commodity: "magnets", partner, period: "2025-11" });
    if (isQueryError(found)) throw new Error(`no news figure for ${partner}`);
    return found.rows[0];
  };
  const news = [newsFigure("US"), newsFigure("JP")];
  const outcome = ok(
    await importInto("synthetic-conflict.csv", fixture("synthetic-conflict.csv"), context(before))
  );
  const byPartner = (rows: readonly { partner: string }[] = []) =>
    [...rows].sort((a, b) => a.partner.localeCompare(b.partner));
  expect(byPartner(outcome.data.dataset.superseded_trade)).toEqual(byPartner(news));
  expect(news.every((n) => outcome.data.sources.has(n.source_id))).toBe(true);
  // The saved copy (the payload, loaded again) keeps them; so does a later import on top of it.
  const restored = await loadPayload(outcome.payload);
  expect(byPartner(restored.dataset.superseded_trade)).toEqual(byPartner(news));
  const again = ok(
    await importInto("japan.json", fixture("synthetic-api.json"), context(restored))
  );
  expect(byPartner(again.data.dataset.superseded_trade)).toEqual(byPartner(news));
  // A CSV of news rows imported on top keeps the dataset in format 2, and them with it.
  const csv =
    "source_id,publisher,title,published,origin,url\nmy-note,My desk,A note,2026-11-30,Typed in,\n";
  const sources = ok(
    await importInto("sources.csv", new TextEncoder().encode(csv), context(again.data))
  );
  expect(typeof sources.payload).toBe("object");
  expect(byPartner(sources.data.dataset.superseded_trade)).toEqual(byPartner(news));
});

test("a key another Comtrade file in the dataset already gives is refused, naming it", async () => {
  const first = ok(await importInto("first.csv", latin1(comtradeCsv([{}]))));
  const second = refused(
    await importInto("second.csv", latin1(comtradeCsv([{}])), context(first.data))
  );
  expect(second.problems).toEqual([
    {
      row: 2,
      field: null,
      message: expect.stringMatching(
        /^duplicate: the dataset in use \(source comtrade-first\) already gives magnets exports of CN with JP in 2024-05/
      ),
    },
  ]);
});

describe("bad input is refused with its row and column, and the dataset in use is untouched", () => {
  const cases: [string, string, { row: number | null; field: string | null; message: RegExp }][] = [
    [
      "missing column",
      comtradeCsv([{}]).replace("flowCode,", "flowKode,"),
      { row: 1, field: "flowCode", message: /^missing column\(s\): flowCode/ },
    ],
    [
      "unknown flow code",
      comtradeCsv([{}, { flowCode: "DX" }]),
      { row: 3, field: "flowCode", message: /^unknown flow code 'DX'/ },
    ],
    [
      "bad period",
      comtradeCsv([{ period: "2024-5" }]),
      { row: 2, field: "period", message: /neither a month \(YYYYMM\) nor a year/ },
    ],
    [
      "non-numeric value",
      comtradeCsv([{ primaryValue: "12.5x" }]),
      { row: 2, field: "primaryValue", message: /is not a number/ },
    ],
    [
      "duplicated key",
      comtradeCsv([{}, { period: "202406" }, {}]),
      {
        row: 4,
        field: null,
        message: /^duplicate: row 2 already gives magnets exports of CN with JP in 2024-05/,
      },
    ],
    [
      "unknown aggregate",
      comtradeCsv([{ partnerCode: "568", partnerISO: "S35", partnerDesc: "Other Europe, nes" }]),
      {
        row: 2,
        field: "partnerISO",
        message: /^unknown area \('S35', code 568, Other Europe, nes\)/,
      },
    ],
  ];
  test.each(cases)("%s", async (_what, csv, expected) => {
    const ctx = context();
    const hash = ctx.data.dataset.hash;
    const outcome = refused(await importInto("bad.csv", latin1(csv), ctx));
    expect(outcome.kind).toBe("comtrade");
    expect(outcome.summary).toMatch(
      /^bad\.csv \(UN Comtrade file\): refused at row \d+; nothing was imported\.$/
    );
    expect(outcome.problems).toEqual([
      {
        row: expected.row,
        field: expected.field,
        message: expect.stringMatching(expected.message),
      },
    ]);
    expect(ctx.data.dataset.hash).toBe(hash);
  });
});

test("a file over the size limit is refused before it is read", async () => {
  const csv = latin1(comtradeCsv([{}]));
  const outcome = refused(await importInto("big.csv", csv, context(), csv.length - 1));
  expect(outcome.summary).toMatch(/^big\.csv \(.*\) is larger than the .* limit\.$/);
});

test("a file of many chunks reads as one: records straddling the 64 KB pieces, UTF-8 names", async () => {
  const rows = Array.from({ length: 1500 }, (_, i) => ({
    period: `${2000 + Math.floor(i / 12)}${String((i % 12) + 1).padStart(2, "0")}`,
    netWgt: String(i),
    partnerDesc: "Côte d'Ivoire",
    partnerISO: "CIV",
    partnerCode: "384",
  }));
  const bytes = new TextEncoder().encode(comtradeCsv(rows));
  expect(bytes.length).toBeGreaterThan(3 * 64 * 1024);
  const outcome = ok(await importInto("many.csv", bytes));
  expect(outcome.localRows).toBe(1500);
  for (const i of [0, 777, 1499]) {
    const period = `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
    expect(exportValue(outcome.data, { commodity: "magnets", partner: "CI", period })).toBe(i);
  }
});

test("a CSV of another layout is not taken for Comtrade", async () => {
  const ctx = context();
  const csv =
    "commodity,reporter,partner,period,quantity,unit,source_id,note\nmagnets,CN,US,2025-11,600,t,ts2-2025-12-20,\n";
  const outcome = ok(await importInto("exports.csv", new TextEncoder().encode(csv), ctx));
  expect(outcome.kind).toBe("exports");
});

describe("a CSV of news rows imported after a Comtrade file", () => {
  let comtrade: IndexedDataset;
  beforeAll(async () => {
    comtrade = ok(await importInto("japan.json", fixture("synthetic-api.json"))).data;
  });

  test("keeps every official figure: the tables change, the trade observations stay (format 2)", async () => {
    const csv =
      "source_id,publisher,title,published,origin,url\nmy-note,My desk,A note,2026-11-30,Typed in,\n";
    const outcome = ok(
      await importInto("sources.csv", new TextEncoder().encode(csv), context(comtrade))
    );
    expect(outcome.kind).toBe("sources");
    expect(typeof outcome.payload).toBe("object");
    expect(outcome.data.sources.get("my-note")?.publisher).toBe("My desk");
    expect(outcome.data.trade.length).toBe(comtrade.trade.length);
    expect(
      exportValue(
        outcome.data,
        { commodity: "magnets", partner: "CN", period: "2024-04", reporter: "JP" },
        "import"
      )
    ).toBe(680_000);
  });

  test("an exports.csv, which would have to be merged into them, is refused and nothing changes", async () => {
    const csv =
      "commodity,reporter,partner,period,quantity,unit,source_id,note\nmagnets,CN,US,2025-12,600,t,ts2-2025-12-20,\n";
    const outcome = refused(
      await importInto("exports.csv", new TextEncoder().encode(csv), context(comtrade))
    );
    expect(outcome.summary).toBe(
      "exports.csv: the dataset in use holds official trade statistics (imports, values or annual figures), which rows of exports.csv cannot be merged into; nothing was imported."
    );
  });
});

test("imported files are described with their figures, and one can be removed, leaving the rest", async () => {
  const bundled = realIndexed();
  const first = ok(
    await importInto("cn.csv", fixture("synthetic-monthly-latin1.csv"), context(bundled))
  );
  const second = ok(
    await importInto("jp.json", fixture("synthetic-api.json"), context(first.data))
  );
  const ids = ["comtrade-cn", "comtrade-jp"];
  expect(importedComtradeFiles(bundled, ids)).toEqual([]);
  expect(importedComtradeFiles(second.data, ids)).toEqual([
    {
      sourceId: "comtrade-cn",
      title:
        "UN Comtrade: China, Japan; exports, imports, re-exports, re-imports; HS 811292, 850511; 2024-02 to 2024-03",
      retrieved: TODAY,
      figures: 12,
    },
    expect.objectContaining({ sourceId: "comtrade-jp", figures: 3 }),
  ]);

  const removal = ok(await prepareComtradeRemoval(second.data, "comtrade-cn"));
  expect(removal.summary).toBe(
    "UN Comtrade: China, Japan; exports, imports, re-exports, re-imports; HS 811292, 850511; 2024-02 to 2024-03: 12 figures removed."
  );
  expect(removal.localRows).toBe(-12);
  expect(removal.data.trade.length).toBe(second.data.trade.length - 12);
  expect(removal.data.sources.has("comtrade-cn")).toBe(false);
  const gone = exportValue(removal.data, {
    commodity: "magnets",
    partner: "World",
    period: "2024-03",
  });
  expect(isQueryError(gone) && gone.code).toBe("notAvailable");
  expect(
    exportValue(
      removal.data,
      { commodity: "magnets", partner: "CN", period: "2024-04", reporter: "JP" },
      "import"
    )
  ).toBe(680_000);
  expect(importedComtradeFiles(removal.data, ids).map((f) => f.sourceId)).toEqual(["comtrade-jp"]);
  const restored = await loadPayload(removal.payload);
  expect(restored.dataset.hash).toBe(removal.data.dataset.hash);
  expect(refused(await prepareComtradeRemoval(removal.data, "comtrade-cn")).summary).toBe(
    "comtrade-cn is not a Comtrade file of the dataset in use."
  );
});

test("an annual file's figures answer year periods; a header without rows is refused", async () => {
  const annual = ok(await importInto("annual.csv", fixture("synthetic-annual-utf8.csv")));
  expect(exportValue(annual.data, { commodity: "magnets", partner: "World", period: 2023 })).toBe(
    58_000_000
  );
  expect(
    exportValue(annual.data, {
      commodity: "magnets",
      partner: "World",
      period: 2023,
      measure: "value",
    })
  ).toBe(3_000_000_000);
  const header = latin1(comtradeCsv([]));
  const empty = refused(await importInto("empty.csv", header));
  expect(empty.summary).toBe(
    "empty.csv: the file has a header but no data rows; nothing was imported."
  );
});
