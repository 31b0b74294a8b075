/**
 * The Comtrade reader on the project's SYNTHETIC fixtures (test/fixtures/comtrade, real column
 * layout, invented figures): every mapping rule, both encodings, chunked input, the API JSON, and
 * every refusal naming file, row and column.
 */
import { readFileSync } from "fs";
import { join } from "path";
import countries from "i18n-iso-countries";
import { BuildError } from "./build-error";
import { ComtradeContext, ComtradeReader, COMTRADE_COLUMNS, TradeKeys } from "./comtrade";
import { ComtradeCommodities } from "./comtrade-commodities";
import { ComtradeCsvParser, readComtradeJson } from "./comtrade-file";
import { ComtradePlaces } from "./comtrade-places";
import { comtradeSource, comtradeSourceId } from "./comtrade-source";
import { Dataset, TradeObservation } from "./dataset";

const ROOT = join(__dirname, "..", "..", "..");
const FIXTURES = join(ROOT, "test", "fixtures", "comtrade");
const bundled = JSON.parse(readFileSync(join(ROOT, "build", "minerals.json"), "utf8")) as Dataset;

const AREAS = [
  { comtrade_code: "490", code: "OTHER_ASIA_NES", name: "Other Asia, nes" },
  { comtrade_code: "842", code: "US", name: "United States" },
];
const M49 = new Map(
  Object.entries(countries.getNumericCodes()).map(([numeric, alpha2]) => [numeric, alpha2])
);

function context(file: string, keys = new TradeKeys()): ComtradeContext {
  return {
    file,
    sourceId: comtradeSourceId(file),
    places: new ComtradePlaces(bundled.countries, AREAS, M49),
    commodities: new ComtradeCommodities(bundled.commodities),
    keys,
  };
}

function readCsvBytes(bytes: Uint8Array, file = "x.csv", chunkSize = bytes.length) {
  const rows: TradeObservation[] = [];
  const ctx = context(file);
  const reader = new ComtradeReader(ctx, (o) => rows.push(o));
  const parser = new ComtradeCsvParser(reader, file);
  for (let i = 0; i < bytes.length; i += Math.max(1, chunkSize))
    parser.push(bytes.subarray(i, i + chunkSize));
  parser.end();
  return { rows, reader, ctx };
}

const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const find = (rows: TradeObservation[], partial: Partial<TradeObservation>) =>
  rows.filter((r) =>
    Object.entries(partial).every(([k, v]) => r[k as keyof TradeObservation] === v)
  );
const one = (rows: TradeObservation[], partial: Partial<TradeObservation>) => {
  const found = find(rows, partial);
  expect(found).toHaveLength(1);
  return found[0];
};

describe("the monthly ISO-8859-1 CRLF file", () => {
  const bytes = fixture("synthetic-monthly-latin1.csv");
  const { rows, ctx } = readCsvBytes(bytes, "test/fixtures/comtrade/synthetic-monthly-latin1.csv");

  test("is what the fixture claims: Latin-1 bytes for ô, CRLF line ends, 47 columns", () => {
    const text = Buffer.from(bytes).toString("latin1");
    expect(text).toContain("Côte d'Ivoire");
    expect(Buffer.from(bytes).includes(Buffer.from("Côte", "utf8"))).toBe(false);
    expect(text.split("\r\n")[0].split(",")).toEqual([...COMTRADE_COLUMNS]);
  });

  test("every row becomes one observation citing the file's source", () => {
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.source_id))).toEqual(
      new Set(["comtrade-synthetic-monthly-latin1"])
    );
  });

  test("reporter and partner: ISO-3 to our codes, W00 to WORLD", () => {
    const world = one(rows, { partner: "WORLD", flow: "export", period: "2024-03" });
    expect(world).toMatchObject({ reporter: "CN", commodity: "magnets", quantity: 5_000_000 });
    expect(one(rows, { partner: "CI", flow: "export" }).reporter).toBe("CN");
  });

  test("an empty ISO cell is read by its numeric M49 code (276 is Germany)", () => {
    expect(one(rows, { partner: "DE", commodity: "magnets" })).toMatchObject({
      period: "2024-02",
      quantity: 300_000,
    });
  });

  test("an aggregate named in the areas table becomes that named region", () => {
    expect(one(rows, { partner: "OTHER_ASIA_NES" }).quantity).toBe(40_000);
  });

  test("flows X, M, RX, RM; re-exports are their own observations", () => {
    expect(new Set(rows.map((r) => r.flow))).toEqual(
      new Set(["export", "import", "re-export", "re-import"])
    );
    expect(one(rows, { flow: "re-export", partner: "US" }).quantity).toBe(1000);
    expect(one(rows, { flow: "re-import", partner: "WORLD" }).value).toBe(900);
    expect(one(rows, { reporter: "JP", flow: "import", partner: "CN" }).quantity).toBe(650_000);
  });

  test("netWgt is the quantity in kg; its estimation flag is kept", () => {
    expect(one(rows, { partner: "JP", flow: "export" })).toMatchObject({
      quantity: 700_000,
      unit: "kg",
      value: 35_000_000,
      estimated: true,
    });
    expect(one(rows, { partner: "WORLD", flow: "export" }).estimated).toBe(false);
  });

  test("qty with qtyUnitAbbr where net weight is empty, with isQtyEstimated", () => {
    expect(one(rows, { partner: "US", flow: "export", period: "2024-02" })).toMatchObject({
      quantity: 1200,
      unit: "kg",
      estimated: true,
      value: 60_000,
    });
  });

  test("empty quantities are not reported (null), never 0; the value alone is kept", () => {
    expect(one(rows, { partner: "US", flow: "export", period: "2024-03" })).toMatchObject({
      quantity: null,
      unit: null,
      value: 1_000_000,
      estimated: false,
    });
  });

  test("a 0 is a reported 0 (quantity and value)", () => {
    expect(one(rows, { partner: "CI", flow: "export" })).toMatchObject({
      quantity: 0,
      unit: "kg",
      value: 0,
    });
  });

  test("a quantity in items is no mass: not a quantity, said in the note as reported", () => {
    expect(one(rows, { partner: "CI", flow: "import" })).toMatchObject({
      quantity: null,
      unit: null,
      value: 1200,
      note: "Quantity reported as 25 u (no net weight).",
    });
  });

  test("cmdCode 850511 is the commodity holding customs code 8505.11; 811292 becomes its own", () => {
    expect(find(rows, { commodity: "magnets" })).toHaveLength(11);
    expect(one(rows, { commodity: "8112.92" }).quantity).toBe(2004);
    expect(ctx.commodities.newCommodities()).toEqual([
      {
        id: "8112.92",
        name: "Gallium, hafnium, indium, niobium (columbium), rhenium and thallium: unwrought; powders",
        aliases: [],
        customs_codes: ["8112.92"],
        unit: null,
      },
    ]);
  });

  test("the same observations whatever the chunk size (1, 7 and 4096 bytes)", () => {
    for (const size of [1, 7, 4096]) {
      expect(readCsvBytes(bytes, "x.csv", size).rows).toEqual(readCsvBytes(bytes, "x.csv").rows);
    }
  });

  test("the source row: publisher, reporters, flows, codes, period span, classification, retrieval date", () => {
    const { reader } = readCsvBytes(bytes, "synthetic-monthly-latin1.csv");
    const source = comtradeSource(
      "comtrade-synthetic-monthly-latin1",
      "synthetic-monthly-latin1.csv",
      reader.summary,
      { retrieved: "2026-11-20", url: null }
    );
    expect(source).toEqual({
      source_id: "comtrade-synthetic-monthly-latin1",
      publisher: "United Nations Comtrade",
      title:
        "UN Comtrade: China, Japan; exports, imports, re-exports, re-imports; HS 811292, 850511; 2024-02 to 2024-03",
      published: "2026-11-20",
      origin:
        "UN Comtrade database, classification H6; file synthetic-monthly-latin1.csv, retrieved 2026-11-20",
      url: null,
    });
  });
});

describe("the annual UTF-8 file", () => {
  const { rows } = readCsvBytes(fixture("synthetic-annual-utf8.csv"));

  test("freqCode A rows have year periods", () => {
    expect(rows.map((r) => r.period)).toEqual(["2023", "2023"]);
    expect(one(rows, { partner: "WORLD" }).quantity).toBe(58_000_000);
  });

  test("UTF-8 names read the same as Latin-1 ones", () => {
    expect(one(rows, { partner: "CI" }).value).toBe(600_000);
  });
});

describe("the API JSON", () => {
  const rows: TradeObservation[] = [];
  const reader = new ComtradeReader(context("synthetic-api.json"), (o) => rows.push(o));
  readComtradeJson(
    readFileSync(join(FIXTURES, "synthetic-api.json"), "utf8"),
    reader,
    "synthetic-api.json"
  );

  test("records with numbers, booleans and nulls map like CSV cells", () => {
    expect(rows).toHaveLength(3);
    expect(one(rows, { reporter: "JP", partner: "CN" })).toMatchObject({
      flow: "import",
      period: "2024-04",
      quantity: 680_000,
      unit: "kg",
      value: 34_000_000,
      estimated: false,
    });
    expect(one(rows, { reporter: "JP", partner: "WORLD" }).estimated).toBe(true);
    expect(one(rows, { reporter: "KR" })).toMatchObject({ quantity: null, value: 2_000_000 });
  });

  test("a body that is not {data: [...]} is refused naming the file", () => {
    expect(() => readComtradeJson('{"rows":[]}', reader, "api.json")).toThrow(
      "api.json, field 'data': not a Comtrade API response"
    );
    expect(() => readComtradeJson("{", reader, "api.json")).toThrow("api.json: not valid JSON");
  });
});

describe("refusals name file, row and column", () => {
  const base = Buffer.from(fixture("synthetic-monthly-latin1.csv")).toString("latin1");
  const lines = base.split("\r\n");
  const header = lines[0].split(",");
  const withCell = (row: number, column: string, value: string) => {
    const copy = [...lines];
    const cells = parseLine(copy[row - 1]);
    cells[header.indexOf(column)] = value;
    copy[row - 1] = cells.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
    return copy.join("\r\n");
  };
  const refusal = (text: string): BuildError => {
    try {
      readCsvBytes(Buffer.from(text, "latin1"), "data/comtrade/bad.csv");
    } catch (error) {
      expect(error).toBeInstanceOf(BuildError);
      return error as BuildError;
    }
    throw new Error("not refused");
  };

  test("missing columns, all listed", () => {
    const dropped = lines
      .map((l) => parseLine(l).filter((_, i) => header[i] !== "flowCode" && header[i] !== "netWgt"))
      .map((cells) => cells.map((c) => (/[",]/.test(c) ? `"${c}"` : c)).join(","))
      .join("\r\n");
    expect(refusal(dropped).message).toBe(
      "data/comtrade/bad.csv, row 1, field 'flowCode': missing column(s): flowCode, netWgt (not a Comtrade+ file?)"
    );
  });

  test("an unknown flow code", () => {
    expect(refusal(withCell(3, "flowCode", "DX")).message).toBe(
      "data/comtrade/bad.csv, row 3, field 'flowCode': unknown flow code 'DX' (expected X, M, RX or RM)"
    );
  });

  test("a period that is neither YYYYMM nor YYYY, or disagrees with freqCode", () => {
    expect(refusal(withCell(4, "period", "2024-03")).message).toBe(
      "data/comtrade/bad.csv, row 4, field 'period': '2024-03' is neither a month (YYYYMM) nor a year (YYYY)"
    );
    expect(refusal(withCell(4, "period", "202413")).message).toContain("row 4, field 'period'");
    expect(refusal(withCell(4, "period", "2024")).message).toBe(
      "data/comtrade/bad.csv, row 4, field 'period': '2024' is a year, but freqCode M says the row is monthly"
    );
  });

  test("non-numeric and negative values", () => {
    expect(refusal(withCell(5, "primaryValue", "1,000")).message).toBe(
      "data/comtrade/bad.csv, row 5, field 'primaryValue': '1,000' is not a number"
    );
    expect(refusal(withCell(2, "netWgt", "n/a")).message).toBe(
      "data/comtrade/bad.csv, row 2, field 'netWgt': 'n/a' is not a number"
    );
    expect(refusal(withCell(2, "netWgt", "-5")).message).toContain("'-5' is negative");
    expect(refusal(withCell(3, "isNetWgtEstimated", "maybe")).message).toBe(
      "data/comtrade/bad.csv, row 3, field 'isNetWgtEstimated': 'maybe' is not True or False"
    );
  });

  test("a duplicated key names the earlier row", () => {
    const text = lines.slice(0, -1).join("\r\n") + "\r\n" + lines[1] + "\r\n";
    expect(refusal(text).message).toMatch(
      /^data\/comtrade\/bad\.csv, row 14: duplicate: row 2 already gives magnets exports of CN with WORLD in 2024-03/
    );
  });

  test("a duplicate across two files names the other file", () => {
    const keys = new TradeKeys();
    const read = (file: string) => {
      const reader = new ComtradeReader(context(file, keys), () => undefined);
      const parser = new ComtradeCsvParser(reader, file);
      parser.push(fixture("synthetic-monthly-latin1.csv"));
      parser.end();
    };
    read("a.csv");
    expect(() => read("b.csv")).toThrow("b.csv, row 2: duplicate: a.csv, row 2 already gives");
  });

  test("an aggregate nobody named is refused, never guessed", () => {
    const text = withCell(2, "partnerISO", "X1").replace(",0,X1,World,", ",899,X1,Areas nes,");
    expect(refusal(text).message).toBe(
      "data/comtrade/bad.csv, row 2, field 'partnerISO': unknown area ('X1', code 899, Areas nes): not an ISO 3166 country; an aggregate is read only when data/reference/comtrade_areas.csv names it"
    );
  });

  test("freqCode other than M or A", () => {
    expect(refusal(withCell(2, "freqCode", "Q")).message).toContain(
      "row 2, field 'freqCode': 'Q' is not M (monthly) or A (annual)"
    );
  });

  test("bytes that switch from UTF-8 to Latin-1 are refused naming the file", () => {
    const utf8 = Buffer.from(base.replace("Côte", "Côte"), "utf8");
    const mixed = Buffer.concat([utf8, Buffer.from("\xf4", "latin1")]);
    expect(() => readCsvBytes(mixed, "data/comtrade/bad.csv", 64)).toThrow(
      "data/comtrade/bad.csv: bytes that are not UTF-8 after UTF-8 text (mixed encodings)"
    );
  });
});

/** Splits one CSV line (test helper for editing a cell; the reader has its own parser). */
function parseLine(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') ((cell += '"'), i++);
    else if (c === '"') quoted = !quoted;
    else if (c === "," && !quoted) (cells.push(cell), (cell = ""));
    else cell += c;
  }
  cells.push(cell);
  return cells;
}
