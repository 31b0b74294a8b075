/**
 * Issue 12, "Suites that can fail": expected values stated in the test, never read through the
 * product's own parser: span totals over months reported in different units, SOURCE citing the
 * source of the very month (or months) asked for, and Windows-1252 bytes that differ from Latin-1.
 */
import { Dataset, ExportObservation } from "../../src/core/dataset/dataset";
import { prepareImport } from "../../src/core/dataset/import";
import { IndexedDataset, indexDataset } from "../../src/core/dataset/indexed";
import { validateDataset } from "../../src/core/dataset/validate";
import { decodeCsv } from "../../src/dataset-build/csv";
import { formulaResult, smallRealDataset } from "./helpers";

const TS2 = "ts2-2025-12-20";
const GINLIX = "ginlix-2025-12-20";
const AINVEST = "ainvest-2025-12-24";

/**
 * Gallium exports to Japan and the World, each month in the unit and source stated here:
 *   Japan  2025-01 1 t (ts2),  02 500 kg (ts2),    03 500 kg (ts2)      → Q1 2 t
 *          2025-04 2 t (ts2),  05 1500 kg (ginlix), 06 500 kg (ts2)     → Q2 4 t
 *   World  2025-04 10 t (ainvest), 05 8000 kg (ainvest), 06 6000 kg (ainvest) → Q2 24 t
 */
let data: IndexedDataset;

beforeAll(async () => {
  const dataset: Dataset = await smallRealDataset();
  const row = (
    partner: string,
    period: string,
    quantity: number,
    unit: string,
    source_id: string
  ): ExportObservation => ({
    commodity: "gallium",
    reporter: "CN",
    partner,
    period,
    quantity,
    unit,
    source_id,
    note: `${partner} ${period}`,
  });
  dataset.exports = [
    ...dataset.exports.filter((o) => o.commodity !== "gallium"),
    row("JP", "2025-01", 1, "t", TS2),
    row("JP", "2025-02", 500, "kg", TS2),
    row("JP", "2025-03", 500, "kg", TS2),
    row("JP", "2025-04", 2, "t", TS2),
    row("JP", "2025-05", 1500, "kg", GINLIX),
    row("JP", "2025-06", 500, "kg", TS2),
    row("WORLD", "2025-04", 10, "t", AINVEST),
    row("WORLD", "2025-05", 8000, "kg", AINVEST),
    row("WORLD", "2025-06", 6000, "kg", AINVEST),
  ];
  dataset.hash = "";
  data = indexDataset(validateDataset(dataset));
});

const call = (id: string, ...args: unknown[]) => formulaResult(id, args, data);

describe("span totals over months reported in different units", () => {
  test("EXPORT totals a quarter in its first month's unit, or the unit asked for", () => {
    expect(call("EXPORT", "gallium", "Japan", "2025-Q2")).toBe(4);
    expect(call("EXPORT", "gallium", "Japan", "2025-Q2", "kg")).toBe(4000);
    expect(call("EXPORT", "gallium", "Japan", "2025-Q2", "g")).toBe(4_000_000);
    expect(call("EXPORT", "gallium", "Japan", "2025-Q1", "t")).toBe(2);
    expect(call("EXPORT", "gallium", "World", "2025-Q2")).toBe(24);
    expect(call("EXPORT", "gallium", "World", "2025-Q2", "lb")).toBeCloseTo(52_910.94, 2);
  });

  test("SERIES converts every month into the first month's unit", () => {
    expect(call("SERIES", "gallium", "Japan", "2025-04", "2025-06", 1)).toEqual([
      ["Period", "Quantity (t)"],
      ["2025-04", 2],
      ["2025-05", 1.5],
      ["2025-06", 0.5],
    ]);
    expect(call("SERIES", "gallium", "Japan", "2025-02", "2025-04", 0, "kg")).toEqual([
      ["2025-02", 500],
      ["2025-03", 500],
      ["2025-04", 2000],
    ]);
  });

  test("SHARE, CHANGE and TOP compare totals in one unit", () => {
    expect(call("SHARE", "gallium", "Japan", "2025-Q2")).toBeCloseTo(4 / 24, 12);
    expect(call("CHANGE", "gallium", "Japan", "2025-Q2")).toBe(1);
    expect(call("TOP", "gallium", "2025-Q2")).toEqual([
      ["Partner", "Quantity (t)", "Share of total"],
      ["Japan", 4, expect.closeTo(4 / 24, 12)],
    ]);
  });
});

describe("SOURCE cites the source of the figure asked for", () => {
  test("each month its own source", () => {
    expect(call("SOURCE", "gallium", "Japan", "2025-04", "source_id")).toBe(TS2);
    expect(call("SOURCE", "gallium", "Japan", "2025-05", "source_id")).toBe(GINLIX);
    expect(call("SOURCE", "gallium", "Japan", "2025-05", "publisher")).toBe("Ginlix AI");
    expect(call("SOURCE", "gallium", "World", "2025-05", "publisher")).toBe("AInvest");
    expect(call("SOURCE", "gallium", "Japan", "2025-05", "note")).toBe("JP 2025-05");
  });

  test("a span: every distinct source in month order, every month's note", () => {
    expect(call("SOURCE", "gallium", "Japan", "2025-Q2", "source_id")).toBe(`${TS2} | ${GINLIX}`);
    expect(call("SOURCE", "gallium", "Japan", "2025-Q2", "publisher")).toBe("ts2.tech | Ginlix AI");
    expect(call("SOURCE", "gallium", "Japan", "2025-Q2", "note")).toBe(
      "2025-04: JP 2025-04; 2025-05: JP 2025-05; 2025-06: JP 2025-06"
    );
    expect(call("SOURCE", "gallium", "Japan", "2025-Q2", "qualifier")).toBe(
      "total of 3 reported months"
    );
  });
});

describe("Windows-1252 bytes that differ from Latin-1", () => {
  // “Q2” 5 € – ‘ok’ — in Windows-1252: 0x93 0x94 0x80 0x96 0x91 0x92 0x97.
  const bytes = [
    0x93, 0x51, 0x32, 0x94, 0x20, 0x35, 0x20, 0x80, 0x20, 0x96, 0x20, 0x91, 0x6f, 0x6b, 0x92, 0x20,
    0x97,
  ];
  const expected = "“Q2” 5 € – ‘ok’ —";

  test("a CSV import decodes them", async () => {
    const head = new TextEncoder().encode(
      "commodity,reporter,partner,period,quantity,unit,source_id,note\nmagnets,CN,US,2026-01,5,t,ts2-2025-12-20,"
    );
    const file = Uint8Array.of(...head, ...bytes, 0x0a);
    const outcome = await prepareImport("exports.csv", file, await smallRealDataset());
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.data.dataset.exports.at(-1)?.note).toBe(expected);
  });

  test("the build decodes them", () => {
    expect(decodeCsv(Uint8Array.of(...bytes))).toBe(expected);
  });
});
