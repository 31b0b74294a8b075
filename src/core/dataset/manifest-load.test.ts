import { createHash } from "crypto";
import {
  dictionary,
  float64,
  int32,
  tableFromArrays,
  tableToIPC,
  uint8,
  utf8,
} from "@uwdata/flechette";
import { decodeTradePart } from "./arrow-part";
import { TradeObservation } from "./dataset";
import { loadDatasetText } from "./load";
import { loadManifestBundle } from "./manifest-load";
import { exportRowsFromColumns, tradeColumnsFromRows, tradeRow } from "./trade-rows";
import { tradePartBytes } from "./arrow-writer";
import { formatTwoBundle, manifestOf, withManifest } from "../../../test/support/format-two";
import { realDataset } from "../../../test/support/real-dataset";

const OBSERVATIONS: TradeObservation[] = [
  {
    commodity: "gallium",
    reporter: "CN",
    partner: "JP",
    flow: "export",
    period: "2025-06",
    quantity: 2004,
    unit: "kg",
    value: 1_230_000,
    estimated: false,
    source_id: "s1",
    note: null,
  },
  {
    commodity: "gallium",
    reporter: "CN",
    partner: "JP",
    flow: "export",
    period: "2025-07",
    quantity: 0,
    unit: "kg",
    value: null,
    estimated: true,
    source_id: "s1",
    note: "a reported zero",
  },
  {
    commodity: "gallium",
    reporter: "US",
    partner: "CN",
    flow: "import",
    period: "2025",
    quantity: null,
    unit: null,
    value: 5e6,
    estimated: false,
    source_id: "s2",
    note: null,
  },
  {
    commodity: "magnets",
    reporter: "CN",
    partner: "US",
    flow: "re-export",
    period: "2025-11",
    quantity: 582.5,
    unit: "t",
    value: null,
    estimated: false,
    source_id: "s2",
    note: null,
  },
  {
    commodity: "magnets",
    reporter: "JP",
    partner: "WORLD",
    flow: "re-import",
    period: "2024-01",
    quantity: 1,
    unit: "t",
    value: 0,
    estimated: true,
    source_id: "s1",
    note: "é 💎",
  },
];

describe("format 2 round trip", () => {
  test("the real dataset loads from format 2 with the same tables and figures as from format 1; its hash is the SHA-256 of the manifest's bytes", async () => {
    const dataset = realDataset();
    const v1 = await loadDatasetText(JSON.stringify(dataset));
    const bundle = formatTwoBundle(dataset);
    const v2 = await loadManifestBundle(bundle);
    const { hash: h1, format_version: f1, ...one } = v1.dataset;
    const { hash: h2, format_version: f2, ...two } = v2.dataset;
    expect(two).toEqual(one);
    expect([f1, f2]).toEqual([1, 2]);
    expect(h1).toBe(dataset.hash);
    expect(h2).toBe(createHash("sha256").update(new Uint8Array(bundle.manifest)).digest("hex"));
    // The manifest states each part's SHA-256 and length, as sha256sum and ls would.
    const [part] = manifestOf(bundle).parts;
    expect(part.sha256).toBe(
      createHash("sha256").update(new Uint8Array(bundle.parts[0].bytes)).digest("hex")
    );
    expect(part.bytes).toBe(bundle.parts[0].bytes.byteLength);
  });

  test("observations split over several parts load the same as one part", async () => {
    const dataset = realDataset();
    const one = await loadManifestBundle(formatTwoBundle(dataset));
    const split = formatTwoBundle(dataset, undefined, 7);
    expect(split.parts.length).toBe(Math.ceil(dataset.exports.length / 7));
    const several = await loadManifestBundle(split);
    expect(several.dataset.exports).toEqual(one.dataset.exports);
  });
});

describe("superseded_trade: news figures set aside for an official one", () => {
  // A news figure of the real dataset, as an official figure with its key would have set it aside.
  const dataset = realDataset();
  const news = dataset.exports[0];
  const setAside: TradeObservation = { ...news, flow: "export", value: null, estimated: false };

  test("absent means none; the rows a manifest gives load into the dataset as they were written", async () => {
    expect((await loadManifestBundle(formatTwoBundle(dataset))).dataset.superseded_trade).toBe(
      undefined
    );
    const bundle = formatTwoBundle({ ...dataset, superseded_trade: [setAside] });
    expect(manifestOf(bundle).superseded_trade).toEqual([setAside]);
    expect((await loadManifestBundle(bundle)).dataset.superseded_trade).toEqual([setAside]);
  });

  test("a row naming an unknown source is refused, naming the table and row", async () => {
    const bundle = withManifest(formatTwoBundle(dataset), (m) => {
      m.superseded_trade = [setAside, { ...setAside, source_id: "no-such-source" }];
    });
    await expect(loadManifestBundle(bundle)).rejects.toThrow(
      '/superseded_trade/1/source_id: unknown source_id "no-such-source"'
    );
  });

  test("a row that is not a trade observation is refused by the schema, naming the table and row", async () => {
    const bundle = withManifest(formatTwoBundle(dataset), (m) => {
      m.superseded_trade = [{ ...setAside, flow: "smuggled" as TradeObservation["flow"] }];
    });
    await expect(loadManifestBundle(bundle)).rejects.toThrow("/superseded_trade/0/flow");
  });
});

describe("decodeTradePart", () => {
  test("every field of the observation model comes through: flows, annual periods, values, nulls, estimated", () => {
    const columns = decodeTradePart("p.arrow", tradePartBytes(tradeColumnsFromRows(OBSERVATIONS)));
    expect(columns.length).toBe(OBSERVATIONS.length);
    expect(OBSERVATIONS.map((_, i) => tradeRow(columns, i))).toEqual(OBSERVATIONS);
    // Today's queries see the monthly export quantities only.
    expect(exportRowsFromColumns(columns).map((o) => [o.period, o.quantity])).toEqual([
      ["2025-06", 2004],
      ["2025-07", 0],
    ]);
  });

  test("columns already in our form are the Arrow file's own memory, not copies", () => {
    const rows = OBSERVATIONS.filter((o) => o.quantity !== null && o.value !== null);
    const bytes = tradePartBytes(tradeColumnsFromRows(rows));
    const columns = decodeTradePart("p.arrow", bytes);
    expect(columns.quantity.buffer).toBe(bytes.buffer);
    expect(columns.value.buffer).toBe(bytes.buffer);
    expect(columns.commodity.indices.buffer).toBe(bytes.buffer);
    // A column with nulls is copied (nulls become NaN / -1), never written into the received bytes.
    const withNulls = tradePartBytes(tradeColumnsFromRows(OBSERVATIONS));
    const before = withNulls.slice();
    const decoded = decodeTradePart("p.arrow", withNulls);
    expect(decoded.quantity.buffer).not.toBe(withNulls.buffer);
    expect(Number.isNaN(decoded.quantity[2])).toBe(true);
    expect(decoded.note.indices[0]).toBe(-1);
    expect(withNulls).toEqual(before);
  });

  test("plain utf8 text columns and a uint8 flag, as other writers produce, read the same", () => {
    const pick = <K extends keyof TradeObservation>(k: K) => OBSERVATIONS.map((o) => o[k]);
    const table = tableFromArrays(
      {
        commodity: pick("commodity"),
        reporter: pick("reporter"),
        partner: pick("partner"),
        flow: pick("flow"),
        period: pick("period"),
        quantity: pick("quantity"),
        unit: pick("unit"),
        value: pick("value"),
        estimated: OBSERVATIONS.map((o) => (o.estimated ? 1 : 0)),
        source_id: pick("source_id"),
        note: pick("note"),
      },
      {
        types: {
          commodity: utf8(),
          reporter: dictionary(utf8(), int32()),
          partner: utf8(),
          flow: utf8(),
          period: utf8(),
          quantity: float64(),
          unit: utf8(),
          value: float64(),
          estimated: uint8(),
          source_id: utf8(),
          note: utf8(),
        },
      }
    );
    const columns = decodeTradePart("p.arrow", tableToIPC(table, { format: "file" }) as Uint8Array);
    expect(OBSERVATIONS.map((_, i) => tradeRow(columns, i))).toEqual(OBSERVATIONS);
  });
});
