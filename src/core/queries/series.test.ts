import { csvRows } from "../../../test/support/real-dataset";
import { data, HINT, modified, row, SERIES, TS2 } from "../../../test/support/trade-formulas";
import { CellMatrix } from "../runtime/live";
import { QueryError } from "./query-error";
import { findSeries } from "./series";
import { expectError } from "../../../test/support/expect-error";

// ---------------------------------------------------------------------------------------------------

describe("SERIES: the reported months, oldest first, under a header row", () => {
  test("the issue's example", () => {
    expect(SERIES("magnets", "US")).toEqual([
      ["Period", "Quantity (t)"],
      ["2025-06", 353],
      ["2025-10", 656],
      ["2025-11", 582],
    ]);
  });

  test("periods are text YYYY-MM, quantities numbers", () => {
    const table = SERIES("magnets", "US") as CellMatrix;
    for (const [p, q] of table.slice(1)) {
      expect(typeof p).toBe("string");
      expect(typeof q).toBe("number");
    }
  });

  test("every reported export figure appears in its partner's series, in month order", () => {
    const rows = csvRows("news/exports.csv").filter((r) => r.reporter === "CN");
    const series = new Map<string, Record<string, string>[]>();
    for (const r of rows) {
      const key = `${r.commodity}|${r.partner}`;
      series.set(key, [...(series.get(key) ?? []), r]);
    }
    expect(series.size).toBeGreaterThan(15);
    for (const [key, list] of series) {
      const [commodity, partner] = key.split("|");
      const sorted = [...list].sort((a, b) => (a.period < b.period ? -1 : 1));
      expect(SERIES(commodity, partner, undefined, undefined, 0)).toEqual(
        sorted.map((r) => [r.period, Number(r.quantity)])
      );
      const figure = findSeries(data, { commodity, partner });
      expect(figure).not.toBeInstanceOf(QueryError);
      if (figure instanceof QueryError) continue;
      expect(figure.rows.map((r) => r.source_id)).toEqual(sorted.map((r) => r.source_id));
      expect(figure.unit).toBe(sorted[0].unit);
    }
  });

  test("a reported 0 is the number 0", () => {
    expect(SERIES("germanium", "US")).toEqual([
      ["Period", "Quantity (kg)"],
      ["2025-06", 0],
    ]);
    const zero = (SERIES("dysprosium", "World") as CellMatrix)[2][1];
    expect(Object.is(zero, 0)).toBe(true);
  });

  test("names as analysts type them", () => {
    const expected = SERIES("magnets", "US");
    expect(SERIES("Rare earth magnets", "United States")).toEqual(expected);
    expect(SERIES(8505.11, "usa")).toEqual(expected);
    expect(SERIES("magnets", "Total")).toEqual([
      ["Period", "Quantity (t)"],
      ["2025-01", 6357],
      ["2025-06", 3188],
      ["2025-11", 6150],
    ]);
  });

  test("findSeries gives the rows each value comes from", () => {
    const figure = findSeries(data, { commodity: "magnets", partner: "US", unit: "kg" });
    expect(figure).toMatchObject({
      commodity: "magnets",
      reporter: "CN",
      partner: "US",
      headers: 1,
      unit: "kg",
      values: [353000, 656000, 582000],
    });
    if (figure instanceof QueryError) return;
    expect(figure.rows.map((r) => [r.period, r.quantity, r.source_id])).toEqual([
      ["2025-06", 353, "weekly-2025-07-20"],
      ["2025-10", 656, "ginlix-2025-12-20"],
      ["2025-11", 582, TS2],
    ]);
  });
});

describe("SERIES: headers, STOCKHISTORY conventions", () => {
  const data3 = [
    ["2025-06", 353],
    ["2025-10", 656],
    ["2025-11", 582],
  ];
  test.each([[undefined], [null], [""], [1], ["1"], [" 1 "]])("%p means one header row", (h) => {
    expect(SERIES("magnets", "US", undefined, undefined, h)).toEqual([
      ["Period", "Quantity (t)"],
      ...data3,
    ]);
  });

  test.each([[0], ["0"]])("%p means no headers", (h) => {
    expect(SERIES("magnets", "US", undefined, undefined, h)).toEqual(data3);
  });

  test.each([[2], ["2"]])("%p adds an identifier row naming the route and the unit", (h) => {
    expect(SERIES("magnets", "US", undefined, undefined, h)).toEqual([
      ["magnets: China → United States", "t"],
      ["Period", "Quantity (t)"],
      ...data3,
    ]);
    expect(SERIES("gallium", "World", "2025", undefined, h, "t")).toEqual([
      ["gallium: China → World", "t"],
      ["Period", "Quantity (t)"],
      ["2025-05", 0],
      ["2025-06", 4.26],
    ]);
  });

  test("a country missing from the dataset's countries is named by its code", () => {
    const d = modified((ds) => {
      ds.countries = ds.countries.filter((c) => c.code !== "CN");
    });
    expect(
      (SERIES("magnets", "US", undefined, undefined, 2, undefined, d) as CellMatrix)[0]
    ).toEqual(["magnets: CN → United States", "t"]);
  });

  test.each([
    [3, "Cannot read 3 as headers"],
    [-1, "Cannot read -1 as headers"],
    [1.5, "Cannot read 1.5 as headers"],
    ["two", "Cannot read 'two' as headers"],
    [true, "Cannot read TRUE as headers"],
    [[[1]], "Cannot read a range as headers"],
  ])("headers %p is #VALUE!", (h, start) => {
    expectError(
      SERIES("magnets", "US", undefined, undefined, h),
      "invalidValue",
      `${start}; use 0 (no headers), 1 (a header row) or 2 (an identifier row and a header row).`
    );
  });
});

describe("SERIES: start and end", () => {
  const header = ["Period", "Quantity (t)"];
  test.each([
    [
      "2025-10",
      undefined,
      [
        ["2025-10", 656],
        ["2025-11", 582],
      ],
    ],
    [
      "Oct 2025",
      "Nov 2025",
      [
        ["2025-10", 656],
        ["2025-11", 582],
      ],
    ],
    [
      "2025-Q4",
      undefined,
      [
        ["2025-10", 656],
        ["2025-11", 582],
      ],
    ],
    [
      "2025-H2",
      2025,
      [
        ["2025-10", 656],
        ["2025-11", 582],
      ],
    ],
    [undefined, "2025-H1", [["2025-06", 353]]],
    [undefined, "2025-Q2", [["2025-06", 353]]],
    [
      2025,
      2025,
      [
        ["2025-06", 353],
        ["2025-10", 656],
        ["2025-11", 582],
      ],
    ],
    ["2025-11", "2025-11", [["2025-11", 582]]],
    ["2025-11-15", 45976, [["2025-11", 582]]],
    [
      null,
      "",
      [
        ["2025-06", 353],
        ["2025-10", 656],
        ["2025-11", 582],
      ],
    ],
    [
      "2025-06",
      "2025-10",
      [
        ["2025-06", 353],
        ["2025-10", 656],
      ],
    ],
  ])("start %p end %p", (start, end, rows) => {
    expect(SERIES("magnets", "US", start, end)).toEqual([header, ...rows]);
  });

  test("a start after the end is #VALUE!", () => {
    expectError(
      SERIES("magnets", "US", "2025-11", "2025-06"),
      "invalidValue",
      "The start (2025-11) is after the end (2025-06)."
    );
    expectError(
      SERIES("magnets", "US", "2025-Q4", "2025-Q3"),
      "invalidValue",
      "The start (2025-10) is after the end (2025-09)."
    );
  });

  test("no reported month in range is #N/A listing the reported months", () => {
    const months = "reported months: 2025-06, 2025-10, 2025-11.";
    expectError(
      SERIES("magnets", "US", "2025-07", "2025-09"),
      "notAvailable",
      `No reported figures for magnets → US from 2025-07 to 2025-09; ${months}`
    );
    expectError(
      SERIES("magnets", "US", "2025-12"),
      "notAvailable",
      `No reported figures for magnets → US from 2025-12; ${months}`
    );
    expectError(
      SERIES("magnets", "US", undefined, "2025-05"),
      "notAvailable",
      `No reported figures for magnets → US to 2025-05; ${months}`
    );
  });

  test.each([
    [["magnets", "US", "soon"], `start: Cannot read 'soon' as a period; ${HINT}.`],
    [["magnets", "US", undefined, "2025-13"], "end: '2025-13' has no month 13; months run 1–12."],
    [["magnets", "US", true], `start: Cannot read TRUE as a period; ${HINT}.`],
    [["magnets", "US", "2025-11", [["x"]]], `end: Cannot read a range as a period; ${HINT}.`],
  ])("SERIES%j is #VALUE!", (args, message) => {
    expectError(SERIES(...(args as [unknown, unknown, unknown, unknown])), "invalidValue", message);
  });
});

describe("SERIES: units", () => {
  test("convert on request; the header names the unit", () => {
    expect(SERIES("magnets", "US", "2025-11", undefined, 1, "kg")).toEqual([
      ["Period", "Quantity (kg)"],
      ["2025-11", 582000],
    ]);
    expect(SERIES("gallium", "Japan", undefined, undefined, 1, "tonnes")).toEqual([
      ["Period", "Quantity (t)"],
      ["2025-06", 2.004],
    ]);
  });

  test("months reported in different units are converted to the first month's unit", () => {
    const d = modified((ds) => ds.exports.push(row({ quantity: 400000, unit: "kg" })));
    expect(SERIES("magnets", "US", "2025-10", undefined, 1, undefined, d)).toEqual([
      ["Period", "Quantity (t)"],
      ["2025-10", 656],
      ["2025-11", 582],
      ["2025-12", 400],
    ]);
    const figure = findSeries(d, { commodity: "magnets", partner: "US", start: "2025-12" });
    expect(figure).toMatchObject({ unit: "kg", values: [400000] });
  });

  test.each([
    ["furlong", "Unknown unit 'furlong'; use one of g, kg, t, kt, million t, lb."],
    ["Mt", "'Mt' is ambiguous (metric tons or megatonnes); use 't' or 'million tonnes'."],
    [5, "Cannot read 5 as a unit; use one of g, kg, t, kt, million t, lb."],
  ])("unit %p is #VALUE!", (unit, message) => {
    expectError(SERIES("magnets", "US", undefined, undefined, 1, unit), "invalidValue", message);
  });
});

describe("SERIES: names and absence", () => {
  test("a partner with nothing reported is #N/A naming the partners that are", () => {
    expectError(
      SERIES("magnets", "France"),
      "notAvailable",
      "No reported figures for magnets → FR; partners with figures: DE, JP, US, World."
    );
  });

  test("a commodity with no export figures is #N/A", () => {
    expectError(
      SERIES("copper", "US"),
      "notAvailable",
      "No export figures for copper from CN in this dataset."
    );
  });

  test.each([
    [["magnium", "US"], "Unknown commodity 'magnium'. Did you mean 'magnets'?"],
    [["magnets", "Untied States"], /^Unknown partner 'Untied States'. Did you mean/],
    [["", "US"], "A commodity is required."],
    [["magnets", null], "A partner is required."],
    [[true, "US"], "Cannot read TRUE as a commodity."],
  ])("SERIES%j is #VALUE!", (args, message) => {
    expectError(SERIES(...(args as [unknown, unknown])), "invalidValue", message);
  });
});

// ---------------------------------------------------------------------------------------------------
