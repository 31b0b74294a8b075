import { realDataset } from "../../../test/support/real-dataset";
import { ExportObservation } from "./dataset";
import { indexDataset } from "./indexed";
import { periodNumber, periodText, SeriesIndex } from "./series-index";
import { TradeColumns } from "./trade-columns";
import { tradeRow, tradeColumnsFromExports } from "./trade-rows";
import { DatasetError } from "./validate";
import { exportValue } from "../queries/exports";
import { exportQuantities, findLevel, isLevel, reportedPeriods } from "../queries/levels";
import { parsePeriod, Period } from "../queries/period";

const row = (o: Partial<ExportObservation>): ExportObservation => ({
  commodity: "magnets",
  reporter: "CN",
  partner: "US",
  period: "2025-01",
  quantity: 1,
  unit: "t",
  source_id: "s",
  note: null,
  ...o,
});

describe("tradeColumnsFromExports and tradeRow", () => {
  test("every v1 row converts to flow export, value not reported, not estimated, and back", () => {
    const rows = realDataset().exports;
    const columns = tradeColumnsFromExports(rows);
    expect(columns.length).toBe(rows.length);
    rows.forEach((o, i) =>
      expect(tradeRow(columns, i)).toEqual({
        ...o,
        flow: "export",
        value: null,
        estimated: false,
      })
    );
  });
});

describe("periods as numbers", () => {
  test("months and years, sorted as their text", () => {
    const texts = ["2024", "2024-01", "2024-12", "2025", "2025-01"];
    const numbers = texts.map(periodNumber);
    expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    expect(numbers.map(periodText)).toEqual(texts);
  });
  test("other text is not a period", () => {
    for (const text of ["2025-13", "2025-00", "2025-1", "25-01", "2025/01", "abcd", "2025-Q1"])
      expect(periodNumber(text)).toBe(-1);
  });
});

describe("SeriesIndex", () => {
  const rows = [
    row({ period: "2025-03", quantity: 3 }),
    row({ partner: "JP", period: "2025-02", quantity: 20 }),
    row({ period: "2025-01", quantity: 1 }),
    row({ partner: "JP", period: "2025-01", quantity: 10 }),
    row({ period: "2025-02", quantity: 0 }),
  ];
  const index = new SeriesIndex(tradeColumnsFromExports(rows));

  test("finds each row by series and period, whatever the row order", () => {
    const us = index.series("magnets", "CN", "US", "export");
    const jp = index.series("magnets", "CN", "JP", "export");
    expect(index.size).toBe(2);
    expect(index.row(us, periodNumber("2025-01"))).toBe(2);
    expect(index.row(us, periodNumber("2025-02"))).toBe(4);
    expect(index.row(us, periodNumber("2025-03"))).toBe(0);
    expect(index.row(jp, periodNumber("2025-02"))).toBe(1);
    expect(index.row(jp, periodNumber("2025-03"))).toBe(-1);
    expect(index.periods(us, "quantity")).toEqual(["2025-01", "2025-02", "2025-03"]);
    expect(index.ids(jp)).toEqual({
      commodity: "magnets",
      reporter: "CN",
      partner: "JP",
      flow: "export",
    });
  });

  test("an unknown name, flow or series is -1", () => {
    expect(index.series("gallium", "CN", "US", "export")).toBe(-1);
    expect(index.series("magnets", "CN", "US", "import")).toBe(-1);
    expect(index.series("magnets", "JP", "US", "export")).toBe(-1);
  });

  test("a partner group lists one series per partner, and the periods any of them reports", () => {
    const group = index.partnerSeries("magnets", "CN", "export").map((s) => index.partner(s));
    expect(group.sort()).toEqual(["JP", "US"]);
    expect(index.groupPeriods("magnets", "CN", "export", "quantity")).toEqual([
      "2025-01",
      "2025-02",
      "2025-03",
    ]);
  });

  test("an index made from a layout handed over (as the dataset worker's), after a structured clone, answers as this one", () => {
    const columns = tradeColumnsFromExports(rows);
    const handed = new SeriesIndex(
      structuredClone({ ...columns, seriesLayout: new SeriesIndex(columns).layout })
    );
    expect(handed.size).toBe(index.size);
    for (const partner of ["US", "JP", "DE"])
      for (const period of ["2024-12", "2025-01", "2025-02", "2025-03"]) {
        const here = index.series("magnets", "CN", partner, "export");
        const there = handed.series("magnets", "CN", partner, "export");
        expect(there).toBe(here);
        if (here >= 0)
          expect(handed.row(there, periodNumber(period))).toBe(
            index.row(here, periodNumber(period))
          );
      }
    expect(handed.groupPeriods("magnets", "CN", "export", "quantity")).toEqual(
      index.groupPeriods("magnets", "CN", "export", "quantity")
    );
  });

  test("values are not reported in format 1: a series has no value periods", () => {
    const us = index.series("magnets", "CN", "US", "export");
    expect(index.periods(us, "value")).toEqual([]);
  });

  test("a repeated series and period is refused, naming both rows", () => {
    const twice = [row({}), row({ partner: "JP" }), row({ quantity: 2 })];
    expect(() => new SeriesIndex(tradeColumnsFromExports(twice))).toThrow(
      new DatasetError(["trade rows 0 and 2: two figures for the same series and period (2025-01)"])
    );
  });

  test("a dictionary index out of range or a period that is not one is refused, naming the row", () => {
    const columns = tradeColumnsFromExports([row({}), row({ period: "2025-02" })]);
    const badPartner: TradeColumns = {
      ...columns,
      partner: { ...columns.partner, indices: Int32Array.from([0, 7]) },
    };
    expect(() => new SeriesIndex(badPartner)).toThrow(
      "trade row 1, column 'partner': dictionary index 7 out of range"
    );
    const badPeriod: TradeColumns = {
      ...columns,
      period: { dictionary: ["2025-01", "2025-Q1"], indices: columns.period.indices },
    };
    expect(() => new SeriesIndex(badPeriod)).toThrow(
      "trade row 1, column 'period': '2025-Q1' is not YYYY-MM or YYYY"
    );
  });

  test("a dictionary that repeats a name keeps one series", () => {
    const columns = tradeColumnsFromExports([row({}), row({ period: "2025-02" })]);
    const repeated: TradeColumns = {
      ...columns,
      partner: { dictionary: ["US", "US"], indices: Int32Array.from([0, 1]) },
    };
    const idx = new SeriesIndex(repeated);
    expect(idx.size).toBe(1);
    expect(idx.periods(idx.series("magnets", "CN", "US", "export"), "quantity")).toEqual([
      "2025-01",
      "2025-02",
    ]);
  });
});

describe("the level engine over columns with values and unreported quantities", () => {
  // Format 2 can carry a value without a quantity and the reverse: each measure has its own months.
  const dataset = realDataset();
  const base = tradeColumnsFromExports([
    row({ period: "2025-01", quantity: 5 }),
    row({ period: "2025-02", quantity: 6 }),
    row({ period: "2025-03", quantity: 7 }),
  ]);
  const trade: TradeColumns = {
    ...base,
    quantity: Float64Array.from([5, NaN, 7]),
    value: Float64Array.from([100, 200, 0]),
  };
  const data = indexDataset(dataset, trade);
  const q1 = parsePeriod("2025-Q1") as Period;

  test("a quarter of values is their total; a reported 0 counts", () => {
    const level = findLevel(data, { ...exportQuantities("magnets", "US"), measure: "value" }, q1);
    expect(isLevel(level) && [level.value, level.unit, level.rowIds]).toEqual([
      300,
      "USD",
      [0, 1, 2],
    ]);
  });

  test("a quantity not reported is missing, not 0", () => {
    const ref = exportQuantities("magnets", "US");
    expect(findLevel(data, ref, q1)).toEqual({ found: 2 });
    expect(reportedPeriods(data, ref)).toEqual(["2025-01", "2025-03"]);
    expect(exportValue(data, { commodity: "magnets", partner: "US", period: "2025-02" })).toEqual(
      expect.objectContaining({
        code: "notAvailable",
        message:
          "No reported figure for magnets → US in 2025-02; reported months: 2025-01, 2025-03.",
      })
    );
    expect(exportValue(data, { commodity: "magnets", partner: "US", period: "2025-03" })).toBe(7);
  });
});
