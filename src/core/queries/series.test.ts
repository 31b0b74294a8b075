import fc from "fast-check";
import { csvRows, realDataset, realIndexed } from "../../../test/support/real-dataset";
import { citationLine } from "./citation";
import { Dataset, ExportObservation, ReportedChange } from "../dataset/dataset";
import { IndexedDataset, indexDataset } from "../dataset/indexed";
import { CellMatrix } from "../runtime/live";
import { parsePeriod, Period } from "./period";
import { QueryError } from "./query-error";
import { validateDataset } from "../dataset/validate";
import {
  changeCitation,
  ChangeFigure,
  changeValue,
  citedChange,
  findChange,
  findSeries,
  findShare,
  findTop,
  parseBasis,
  previousPeriod,
  seriesTable,
  shareValue,
  topTable,
} from "./series";
import { expectError } from "../../../test/support/expect-error";

const data = realIndexed();

const SERIES = (
  commodity: unknown,
  partner: unknown,
  start?: unknown,
  end?: unknown,
  headers?: unknown,
  unit?: unknown,
  d: IndexedDataset = data
) => seriesTable(d, { commodity, partner, start, end, headers, unit });
const CHANGE = (
  commodity: unknown,
  partner: unknown,
  period: unknown,
  basis?: unknown,
  field?: unknown,
  d: IndexedDataset = data
) => changeValue(d, { commodity, partner, period, basis, field });
const SHARE = (commodity: unknown, partner: unknown, period: unknown, d: IndexedDataset = data) =>
  shareValue(d, { commodity, partner, period });
const TOP = (commodity: unknown, period: unknown, n?: unknown, d: IndexedDataset = data) =>
  topTable(d, { commodity, period, n });

const row = (o: Partial<ExportObservation>): ExportObservation => ({
  commodity: "magnets",
  reporter: "CN",
  partner: "US",
  period: "2025-12",
  quantity: 0,
  unit: "t",
  source_id: "ts2-2025-12-20",
  note: null,
  ...o,
});

/** The real dataset with changes, indexed: for cases the real data lacks. */
function modified(change: (d: Dataset) => void): IndexedDataset {
  const dataset = realDataset();
  change(dataset);
  return indexDataset(dataset);
}

const period = (text: string) => parsePeriod(text) as Period;

const HINT = "use a form such as 2025-11, Nov 2025, 2025-Q2, 2025-H1, 2025 or a date";
const TS2 = "ts2-2025-12-20";
const TS2_TITLE =
  "Rare Metals Stocks: Rare Earth Magnet Exports Rebound, Gallium Deals Grow, and Lithium Signals Turn Sharper (Dec. 20, 2025)";
const TS2_ORIGIN =
  "Roundup citing China customs data via Business Recorder, and Reuters, Mining.com, Investing.com and TradingView reports";
const WEEKLY_TITLE = "Weekly News Review July 14 – July 20 2025";
const FIELDS = "value, citation, publisher, title, date, origin, note, url, qualifier, source_id";

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

describe("CHANGE: computed from two reported levels", () => {
  test("the issue's example: 656 → 582", () => {
    expect(CHANGE("magnets", "US", "2025-11")).toBe(582 / 656 - 1);
    expect(CHANGE("magnets", "US", "2025-11") as number).toBeCloseTo(-0.1128, 4);
  });

  test("levels win over a reported change when both exist", () => {
    expect(CHANGE("magnets", "World", "2025-11")).toBe(0.12);
    const d = modified((ds) =>
      ds.exports.push(row({ partner: "WORLD", period: "2025-10", quantity: 5491 }))
    );
    expect(CHANGE("magnets", "World", "2025-11", undefined, undefined, d)).toBe(6150 / 5491 - 1);
    expect(CHANGE("magnets", "World", "2025-11", undefined, "qualifier", d)).toBe(
      "computed from reported levels: 5491 (2025-10) → 6150 (2025-11)"
    );
  });

  test("year on year", () => {
    expect(CHANGE("gallium", "World", "2025-06", "yoy")).toBe(4260 / 4184 - 1);
    expect(CHANGE("germanium", "World", "Jun 2025", "y/y")).toBe(96 / 1328 - 1);
    expect(CHANGE("antimony", "World", "2025-06", "yoy")).toBe(107 / 3199 - 1);
  });

  test("a fall to a reported 0 is -1", () => {
    const d = modified((ds) =>
      ds.exports.push(
        row({
          commodity: "dysprosium",
          partner: "WORLD",
          period: "2024-05",
          quantity: 9,
          unit: "kg",
        })
      )
    );
    expect(CHANGE("dysprosium", "World", "2025-05", "yoy", undefined, d)).toBe(-1);
  });

  test("a change from a reported 0 is #DIV/0!", () => {
    expectError(
      CHANGE("gallium", "World", "2025-06"),
      "divisionByZero",
      "The month-on-month change for gallium → World in 2025-06 is undefined: it went from a reported 0 kg in 2025-05 to 4260 kg in 2025-06."
    );
    expectError(
      CHANGE("terbium", "World", "2025-06"),
      "divisionByZero",
      "The month-on-month change for terbium → World in 2025-06 is undefined: it went from a reported 0 kg in 2025-05 to 1200 kg in 2025-06."
    );
  });

  test("the previous level is converted into the current level's unit", () => {
    const d = modified((ds) =>
      ds.exports.push(row({ period: "2025-09", quantity: 600000, unit: "kg" }))
    );
    expect(CHANGE("magnets", "US", "2025-10", undefined, undefined, d)).toBe(656 / 600 - 1);
    expect(CHANGE("magnets", "US", "2025-10", undefined, "qualifier", d)).toBe(
      "computed from reported levels: 600 (2025-09) → 656 (2025-10)"
    );
  });

  describe("spans: totals, only when every month is reported", () => {
    const d = modified((ds) =>
      ds.exports.push(
        row({ period: "2025-04", quantity: 47 }),
        row({ period: "2025-05", quantity: 100 }),
        row({ period: "2025-07", quantity: 100, source_id: "weekly-2025-07-20" }),
        row({ period: "2025-08", quantity: 200 }),
        row({ period: "2025-09", quantity: 300 }),
        row({ period: "2025-12", quantity: 362, source_id: "ginlix-2025-12-20", note: "December" })
      )
    );
    test("quarter on previous quarter", () => {
      expect(CHANGE("magnets", "US", "2025-Q4", undefined, undefined, d)).toBe(1600 / 600 - 1);
      expect(CHANGE("magnets", "US", "Q4 2025", "month on month", "qualifier", d)).toBe(
        "computed from reported levels: 600 (2025-Q3) → 1600 (2025-Q4)"
      );
    });
    test("the citation is the last month's source, with every month's note", () => {
      expect(CHANGE("magnets", "US", "2025-Q4", undefined, "source_id", d)).toBe(
        "ginlix-2025-12-20"
      );
      expect(CHANGE("magnets", "US", "2025-Q4", undefined, "note", d)).toBe(
        "2025-11: Down 11% from October; within the average range since July; 2025-12: December"
      );
      // No month of 2025-Q3 has a note.
      expect(CHANGE("magnets", "US", "2025-Q3", "mom", undefined, d)).toBe(600 / 500 - 1);
      expect(CHANGE("magnets", "US", "2025-Q3", "mom", "note", d)).toBe("");
      expect(CHANGE("magnets", "US", "2025-Q3", "mom", "source_id", d)).toBe(TS2);
    });
    test("a span whose months are not all reported is #N/A saying how many are", () => {
      expectError(
        CHANGE("magnets", "US", "2025-Q2", undefined, undefined, d),
        "notAvailable",
        "No quarter-on-quarter change for magnets → US in 2025-Q2: no total for magnets → US in 2025-Q1 (0 of 3 months reported), and no reported change; reported months: 2025-04, 2025-05, 2025-06, 2025-07, 2025-08, 2025-09, 2025-10, 2025-11, 2025-12."
      );
      expectError(
        CHANGE("magnets", "US", "2025-H2", undefined, undefined, d),
        "notAvailable",
        /^No half-on-half change for magnets → US in 2025-H2: no total for magnets → US in 2025-H1 \(3 of 6 months reported\), and no reported change/
      );
      expectError(
        CHANGE("magnets", "US", 2025, "yoy", undefined, d),
        "notAvailable",
        /^No year-on-year change for magnets → US in 2025: no total for magnets → US in 2025 \(9 of 12 months reported\) or in 2024 \(0 of 12 months reported\), and no reported change/
      );
    });
  });
});

describe("CHANGE: otherwise the change the source reported", () => {
  test("the issue's examples", () => {
    expect(CHANGE("magnets", "JP", "2025-11")).toBe(0.35);
    expect(CHANGE("magnets", "World", "2025-H1", "yoy")).toBe(-0.19);
  });

  test("only changes in quantity count (not in value)", () => {
    expect(CHANGE("magnets", "World", "2025-H1", "yoy")).not.toBe(-0.3);
  });

  test("a reported change of the other basis is not used", () => {
    expectError(
      CHANGE("magnets", "JP", "2025-11", "yoy"),
      "notAvailable",
      "No year-on-year change for magnets → JP in 2025-11: no figure for magnets → JP in 2024-11, and no reported change; reported months: 2025-11."
    );
  });

  test("approximate reported changes", () => {
    expect(CHANGE("antimony", "World", "2025-H1", "yoy")).toBe(-0.74);
  });

  test("two reported changes for the same figure never load: no formula has to pick one", () => {
    const dataset = realDataset();
    const copy: ReportedChange = { ...dataset.reported_changes[2], percent: 99 };
    dataset.reported_changes.push(copy);
    expect(() => validateDataset(dataset)).toThrow(
      new RegExp(
        `/reported_changes/${dataset.reported_changes.length - 1}: duplicate of /reported_changes/2`
      )
    );
  });
});

describe("CHANGE: basis", () => {
  test.each([
    [undefined],
    [null],
    [""],
    ["mom"],
    ["MoM"],
    [" MOM "],
    ["month on month"],
    ["Month-on-month"],
    ["month_on_month"],
    ["m/m"],
    ["M/M"],
  ])("%p is month on month", (basis) => {
    expect(CHANGE("magnets", "US", "2025-11", basis)).toBe(582 / 656 - 1);
  });

  test.each([["yoy"], ["YoY"], ["year on year"], ["Year-on-Year"], ["y/y"], [" Y/Y "]])(
    "%p is year on year",
    (basis) => {
      expect(CHANGE("magnets", "World", "2025-H1", basis)).toBe(-0.19);
    }
  );

  test.each([
    ["qoq", "Unknown basis 'qoq'; use mom (month on month) or yoy (year on year)."],
    [1, "Cannot read 1 as a basis; use mom (month on month) or yoy (year on year)."],
    [true, "Cannot read TRUE as a basis; use mom (month on month) or yoy (year on year)."],
  ])("%p is #VALUE!", (basis, message) => {
    expect(parseBasis(basis)).toBeInstanceOf(QueryError);
    expectError(CHANGE("magnets", "US", "2025-11", basis), "invalidValue", message);
  });
});

describe("CHANGE: the period measured from", () => {
  test.each([
    ["2025-11", "mom", "2025-10"],
    ["2025-01", "mom", "2024-12"],
    ["2025-Q3", "mom", "2025-Q2"],
    ["2025-Q1", "mom", "2024-Q4"],
    ["2025-H2", "mom", "2025-H1"],
    ["2025-H1", "mom", "2024-H2"],
    ["2025", "mom", "2024"],
    ["2025-11", "yoy", "2024-11"],
    ["2025-Q1", "yoy", "2024-Q1"],
    ["2025-H1", "yoy", "2024-H1"],
    ["2025", "yoy", "2024"],
  ] as const)("%s %s → %s", (p, basis, expected) => {
    const previous = previousPeriod(period(p), basis);
    expect(previous?.label).toBe(expected);
    expect(previous?.kind).toBe(period(p).kind);
  });

  test("nothing comes before the first year a period can have", () => {
    expect(previousPeriod(period("1900-01"), "mom")).toBeUndefined();
    expect(previousPeriod(period("1900"), "yoy")).toBeUndefined();
    expectError(
      CHANGE("magnets", "US", "1900-01"),
      "notAvailable",
      "No month-on-month change for magnets → US in 1900-01: no figure for magnets → US in 1900-01, no period before 1900-01, and no reported change; reported months: 2025-06, 2025-10, 2025-11."
    );
    const d = modified((ds) => ds.exports.push(row({ period: "1900-01", quantity: 5 })));
    expectError(
      CHANGE("magnets", "US", "1900-01", "yoy", undefined, d),
      "notAvailable",
      "No year-on-year change for magnets → US in 1900-01: no period before 1900-01, and no reported change; reported months: 1900-01, 2025-06, 2025-10, 2025-11."
    );
  });
});

describe("CHANGE: #N/A says which figure is missing", () => {
  const months = "reported months: 2025-06, 2025-10, 2025-11.";
  test("the previous level", () => {
    expectError(
      CHANGE("magnets", "US", "2025-10"),
      "notAvailable",
      `No month-on-month change for magnets → US in 2025-10: no figure for magnets → US in 2025-09, and no reported change; ${months}`
    );
  });

  test("the current level", () => {
    expectError(
      CHANGE("magnets", "US", "2025-12"),
      "notAvailable",
      `No month-on-month change for magnets → US in 2025-12: no figure for magnets → US in 2025-12, and no reported change; ${months}`
    );
  });

  test("both", () => {
    expectError(
      CHANGE("magnets", "US", "2026-01"),
      "notAvailable",
      `No month-on-month change for magnets → US in 2026-01: no figure for magnets → US in 2026-01 or in 2025-12, and no reported change; ${months}`
    );
  });

  test("World figures are named as such", () => {
    expectError(
      CHANGE("magnets", "World", "2025-06"),
      "notAvailable",
      "No month-on-month change for magnets → World in 2025-06: no World figure for magnets in 2025-05, and no reported change; reported months: 2025-01, 2025-06, 2025-11."
    );
    expectError(
      CHANGE("magnets", "World", "2025-H1", "mom"),
      "notAvailable",
      "No half-on-half change for magnets → World in 2025-H1: no World total for magnets in 2025-H1 (2 of 6 months reported) or in 2024-H2 (0 of 6 months reported), and no reported change; reported months: 2025-01, 2025-06, 2025-11."
    );
  });

  test("spans say how many months are reported", () => {
    expectError(
      CHANGE("magnets", "US", "2025-Q4"),
      "notAvailable",
      `No quarter-on-quarter change for magnets → US in 2025-Q4: no total for magnets → US in 2025-Q4 (2 of 3 months reported) or in 2025-Q3 (0 of 3 months reported), and no reported change; ${months}`
    );
  });

  test("a partner with nothing reported, a commodity with no export figures", () => {
    expectError(
      CHANGE("magnets", "France", "2025-11"),
      "notAvailable",
      "No month-on-month change for magnets → FR in 2025-11: no figure for magnets → FR in 2025-11 or in 2025-10, and no reported change; nothing is reported for magnets → FR; partners with figures: DE, JP, US, World."
    );
    expectError(
      CHANGE("copper", "US", "2025-11"),
      "notAvailable",
      "No month-on-month change for copper → US in 2025-11: no figure for copper → US in 2025-11 or in 2025-10, and no reported change; no export figures for copper from CN in this dataset."
    );
  });
});

describe("CHANGE: field gives the citation of the figure", () => {
  test.each([[undefined], [null], [""], ["value"], [" Value "]])("%p is the number", (field) => {
    expect(CHANGE("magnets", "US", "2025-11", undefined, field)).toBe(582 / 656 - 1);
    expect(CHANGE("magnets", "JP", "2025-11", undefined, field)).toBe(0.35);
  });

  test("a computed change cites the current level and names both levels", () => {
    const field = (f: string) => CHANGE("magnets", "US", "2025-11", "mom", f);
    const qualifier = "computed from reported levels: 656 (2025-10) → 582 (2025-11)";
    expect(field("qualifier")).toBe(qualifier);
    expect(field("publisher")).toBe("ts2.tech");
    expect(field("title")).toBe(TS2_TITLE);
    expect(field("date")).toBe("2025-12-20");
    expect(field("published")).toBe("2025-12-20");
    expect(field("origin")).toBe(TS2_ORIGIN);
    expect(field("note")).toBe("Down 11% from October; within the average range since July");
    expect(field("url")).toBe("");
    expect(field("source_id")).toBe(TS2);
    expect(field("citation")).toBe(
      `ts2.tech, "${TS2_TITLE}", 2025-12-20, ${TS2_ORIGIN}, ${qualifier}`
    );
    expect(field("Source")).toBe(field("citation"));
  });

  test("a month without a note has an empty note", () => {
    expect(CHANGE("gallium", "World", "2025-06", "yoy", "note")).toBe(
      "Exports resumed in June 2025"
    );
    expect(CHANGE("germanium", "World", "2025-06", "yoy", "note")).toBe("");
  });

  test("a reported change says it was reported, not computed", () => {
    expect(CHANGE("magnets", "JP", "2025-11", undefined, "qualifier")).toBe(
      "reported change, not computed"
    );
    expect(CHANGE("magnets", "JP", "2025-11", undefined, "note")).toBe("");
    expect(CHANGE("magnets", "JP", "2025-11", undefined, "source_id")).toBe(TS2);
    expect(CHANGE("magnets", "World", "2025-H1", "yoy", "note")).toBe(
      "First half of 2025 against first half of 2024"
    );
    expect(CHANGE("magnets", "World", "2025-H1", "yoy", "title")).toBe(WEEKLY_TITLE);
  });

  test("an approximate reported change says so", () => {
    expect(CHANGE("antimony", "World", "2025-H1", "yoy", "qualifier")).toBe(
      "reported change, not computed; approximate"
    );
    expect(CHANGE("antimony", "World", "2025-H1", "yoy", "note")).toBe("Reported as roughly 74%");
    expect(CHANGE("antimony", "World", "2025-H1", "yoy", "citation")).toBe(
      `Weekly News Review (critical raw materials newsletter), "${WEEKLY_TITLE}", 2025-07-20, China customs data for June 2025, and industry and government reports, reported change, not computed; approximate`
    );
  });

  test("an unreadable field is #VALUE!, before any #N/A", () => {
    expectError(
      CHANGE("magnets", "US", "2025-11", undefined, "colour"),
      "invalidValue",
      `Unknown field 'colour'; use one of ${FIELDS}.`
    );
    expectError(
      CHANGE("magnets", "US", "2025-12", undefined, 5),
      "invalidValue",
      `Cannot read 5 as a field; use one of ${FIELDS}.`
    );
  });

  test("an argument before field that cannot be read comes first", () => {
    expectError(
      CHANGE("magnets", "US", "2025-11", "qoq", "colour"),
      "invalidValue",
      /^Unknown basis 'qoq'/
    );
  });

  test("no figure, no citation: the #N/A or #DIV/0! stands", () => {
    expectError(CHANGE("magnets", "US", "2025-12", undefined, "note"), "notAvailable", /^No month/);
    expectError(CHANGE("gallium", "World", "2025-06", "mom", "note"), "divisionByZero", /0 kg/);
  });

  test("a source missing from the dataset: the value stands, the citation is #N/A", () => {
    const d = modified((ds) => {
      ds.exports.find((o) => o.partner === "US" && o.period === "2025-11")!.source_id = "gone";
      ds.reported_changes.find((o) => o.partner === "JP")!.source_id = "gone";
    });
    const message = "The source 'gone' of this figure is not in the dataset's sources.";
    expect(CHANGE("magnets", "US", "2025-11", undefined, undefined, d)).toBe(582 / 656 - 1);
    expectError(CHANGE("magnets", "US", "2025-11", undefined, "note", d), "notAvailable", message);
    expect(CHANGE("magnets", "JP", "2025-11", undefined, "value", d)).toBe(0.35);
    expectError(CHANGE("magnets", "JP", "2025-11", undefined, "url", d), "notAvailable", message);
  });

  test("findChange passes on argument errors", () => {
    expectError(
      findChange(data, { commodity: "magnets", partner: "US", period: "2025-11", basis: "qoq" }),
      "invalidValue",
      /^Unknown basis 'qoq'/
    );
  });

  test("findChange, changeCitation and citedChange give the rows behind the figure", () => {
    const computed = findChange(data, { commodity: "magnets", partner: "US", period: "2025-11" });
    expect(computed).toMatchObject({ kind: "computed", basis: "mom", value: 582 / 656 - 1 });
    const c = computed as Extract<ChangeFigure, { kind: "computed" }>;
    expect(c.current.rows.map((r) => r.quantity)).toEqual([582]);
    expect(c.previous.rows.map((r) => [r.period, r.source_id])).toEqual([
      ["2025-10", "ginlix-2025-12-20"],
    ]);
    const reported = findChange(data, { commodity: "magnets", partner: "JP", period: "2025-11" });
    expect(reported).toMatchObject({ kind: "reported", value: 0.35, basis: "mom" });
    expect((reported as Extract<ChangeFigure, { kind: "reported" }>).row).toEqual(
      data.dataset.reported_changes[2]
    );
    const citation = changeCitation(data, reported as ChangeFigure);
    expect(citation).toEqual({
      source: data.sources.get(TS2),
      note: null,
      qualifier: "reported change, not computed",
    });
    const cited = citedChange(data, { commodity: "magnets", partner: "US", period: "2025-11" });
    expect(cited).toMatchObject({ value: 582 / 656 - 1, figure: computed });
    if (cited instanceof QueryError || cited.citation instanceof QueryError) return;
    expect(citationLine(cited.citation)).toBe(CHANGE("magnets", "US", "2025-11", "", "citation"));
    expectError(
      citedChange(data, { commodity: "magnets", partner: "US", period: "2025-12" }),
      "notAvailable",
      /^No month-on-month change/
    );
  });
});

describe("CHANGE: arguments", () => {
  test.each([
    [["magnium", "US", "2025-11"], "Unknown commodity 'magnium'. Did you mean 'magnets'?"],
    [["magnets", "Atlantis", "2025-11"], /^Unknown partner 'Atlantis'/],
    [["magnets", "US", "soon"], `Cannot read 'soon' as a period; ${HINT}.`],
    [["magnets", "US", null], `A period is required; ${HINT}.`],
    [["magnets", "US", "2025-13"], "'2025-13' has no month 13; months run 1–12."],
  ])("CHANGE%j is #VALUE!", (args, message) => {
    expectError(CHANGE(...(args as [unknown, unknown, unknown])), "invalidValue", message);
  });

  test("periods as analysts type them", () => {
    for (const p of ["Nov 2025", "November 2025", "2025-11-20", 45976, "2025/11"])
      expect(CHANGE("magnets", "US", p)).toBe(582 / 656 - 1);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("SHARE: partner / the reporter's World total", () => {
  test("the issue's example", () => {
    expect(SHARE("magnets", "US", "2025-11")).toBe(582 / 6150);
    expect(SHARE("magnets", "US", "2025-11") as number).toBeCloseTo(0.0946, 4);
  });

  test.each([
    [["magnets", "Japan", "Nov 2025"], 305 / 6150],
    [["magnets", "Germany", "2025-06"], 764 / 3188],
    [["magnets", "United States", "2025-06"], 353 / 3188],
    [["gallium", "JP", "2025-06"], 2004 / 4260],
    [["terbium", "South Korea", "2025-06"], 1],
    [["magnets", "World", "2025-11"], 1],
    [["germanium", "RU", "2025-06"], 22 / 96],
  ])("SHARE%j", (args, expected) => {
    expect(SHARE(...(args as [unknown, unknown, unknown]))).toBe(expected);
  });

  test("a reported 0 is a share of 0", () => {
    expect(Object.is(SHARE("germanium", "US", "2025-06"), 0)).toBe(true);
  });

  test("findShare gives both levels with their rows", () => {
    const figure = findShare(data, { commodity: "magnets", partner: "US", period: "2025-11" });
    expect(figure).toMatchObject({ value: 582 / 6150, partner: { value: 582, unit: "t" } });
    if (figure instanceof QueryError) return;
    expect(figure.world.rows.map((r) => [r.partner, r.quantity, r.source_id])).toEqual([
      ["WORLD", 6150, TS2],
    ]);
    expect(figure.partner.rows[0].source_id).toBe(TS2);
  });

  test("spans: totals, when every month of both is reported", () => {
    const d = modified((ds) =>
      ds.exports.push(
        row({ period: "2025-12", quantity: 362 }),
        row({ partner: "WORLD", period: "2025-10", quantity: 5491 }),
        row({ partner: "WORLD", period: "2025-12", quantity: 5000 })
      )
    );
    expect(SHARE("magnets", "US", "2025-Q4", d)).toBe(1600 / 16641);
    const figure = findShare(d, { commodity: "magnets", partner: "US", period: "2025-Q4" });
    expect(figure).toMatchObject({ partner: { value: 1600 }, world: { value: 16641 } });
  });

  test("the World total is converted into the partner's unit", () => {
    const d = modified((ds) =>
      ds.exports.push(
        row({ quantity: 500000, unit: "kg" }),
        row({ partner: "WORLD", quantity: 5000, unit: "t" })
      )
    );
    expect(SHARE("magnets", "US", "2025-12", d)).toBe(0.1);
  });

  test("#N/A names the missing figure", () => {
    expectError(
      SHARE("magnets", "US", "2025-10"),
      "notAvailable",
      "No share for magnets → US in 2025-10: no World figure for magnets in 2025-10 (reported months: 2025-01, 2025-06, 2025-11)."
    );
    expectError(
      SHARE("magnets", "JP", "2025-06"),
      "notAvailable",
      "No share for magnets → JP in 2025-06: no figure for magnets → JP in 2025-06 (reported months: 2025-11)."
    );
    expectError(
      SHARE("magnets", "US", "2025-12"),
      "notAvailable",
      "No share for magnets → US in 2025-12: no figure for magnets → US in 2025-12 (reported months: 2025-06, 2025-10, 2025-11); no World figure for magnets in 2025-12 (reported months: 2025-01, 2025-06, 2025-11)."
    );
    expectError(
      SHARE("magnets", "World", "2025-10"),
      "notAvailable",
      "No share for magnets → World in 2025-10: no World figure for magnets in 2025-10 (reported months: 2025-01, 2025-06, 2025-11)."
    );
    expectError(
      SHARE("magnets", "US", "2025-Q4"),
      "notAvailable",
      "No share for magnets → US in 2025-Q4: no total for magnets → US in 2025-Q4 (2 of 3 months reported; reported months: 2025-06, 2025-10, 2025-11); no World total for magnets in 2025-Q4 (1 of 3 months reported; reported months: 2025-01, 2025-06, 2025-11)."
    );
    expectError(
      SHARE("magnets", "France", "2025-11"),
      "notAvailable",
      "No share for magnets → FR in 2025-11: no figure for magnets → FR in 2025-11 (nothing is reported for magnets → FR; partners with figures: DE, JP, US, World)."
    );
    expectError(
      SHARE("copper", "US", "2025-11"),
      "notAvailable",
      "No share for copper → US in 2025-11: no figure for copper → US in 2025-11 (no export figures for copper from CN in this dataset); no World figure for copper in 2025-11 (no export figures for copper from CN in this dataset)."
    );
  });

  test("a World total of 0 is #DIV/0!", () => {
    expectError(
      SHARE("dysprosium", "World", "2025-05"),
      "divisionByZero",
      "The share for dysprosium → World in 2025-05 is undefined: the reported World total is 0."
    );
    const d = modified((ds) =>
      ds.exports.push(row({ commodity: "gallium", partner: "JP", period: "2025-05", unit: "kg" }))
    );
    expectError(
      SHARE("gallium", "Japan", "2025-05", d),
      "divisionByZero",
      "The share for gallium → JP in 2025-05 is undefined: the reported World total is 0."
    );
  });

  test.each([
    [["magnium", "US", "2025-11"], "Unknown commodity 'magnium'. Did you mean 'magnets'?"],
    [["magnets", "", "2025-11"], "A partner is required."],
    [["magnets", "US", "later"], `Cannot read 'later' as a period; ${HINT}.`],
  ])("SHARE%j is #VALUE!", (args, message) => {
    expectError(SHARE(...(args as [unknown, unknown, unknown])), "invalidValue", message);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("TOP: partners ranked by quantity, with their share of the World total", () => {
  const header = ["Partner", "Quantity (t)", "Share of total"];
  test("the issue's example: Germany 764 above the United States 353", () => {
    expect(TOP("magnets", "2025-06")).toEqual([
      header,
      ["Germany", 764, 764 / 3188],
      ["United States", 353, 353 / 3188],
    ]);
  });

  test("World is the total, not a partner", () => {
    expect(TOP("magnets", "Nov 2025")).toEqual([
      header,
      ["United States", 582, 582 / 6150],
      ["Japan", 305, 305 / 6150],
    ]);
  });

  test("reported zeros rank last, ties by name", () => {
    expect(TOP("germanium", "2025-06")).toEqual([
      ["Partner", "Quantity (kg)", "Share of total"],
      ["Germany", 74, 74 / 96],
      ["Russia", 22, 22 / 96],
      ["Japan", 0, 0],
      ["United States", 0, 0],
    ]);
  });

  test("without a reported World total the share cell is #N/A, never blank or 0", () => {
    const table = TOP("magnets", "2025-10") as CellMatrix;
    expect(table).toHaveLength(2);
    expect(table[1].slice(0, 2)).toEqual(["United States", 656]);
    expectError(
      table[1][2],
      "notAvailable",
      "No share of the total: no World figure for magnets in 2025-10 (reported months: 2025-01, 2025-06, 2025-11)."
    );
  });

  test("a World total of 0 makes the share cells #DIV/0!", () => {
    const d = modified((ds) =>
      ds.exports.push(
        row({ commodity: "gallium", partner: "JP", period: "2025-05", unit: "kg" }),
        row({ commodity: "gallium", partner: "DE", period: "2025-05", unit: "kg" })
      )
    );
    const table = TOP("gallium", "2025-05", undefined, d) as CellMatrix;
    expect(table.map((r) => r.slice(0, 2))).toEqual([
      ["Partner", "Quantity (kg)"],
      ["Germany", 0],
      ["Japan", 0],
    ]);
    for (const r of table.slice(1))
      expectError(
        r[2],
        "divisionByZero",
        "No share of the total: the reported World total for gallium in 2025-05 is 0."
      );
  });

  test("n keeps the first n rows", () => {
    expect(TOP("magnets", "2025-06", 1)).toEqual([header, ["Germany", 764, 764 / 3188]]);
    expect(TOP("magnets", "2025-06", "1")).toEqual(TOP("magnets", "2025-06", 1));
    expect(TOP("magnets", "2025-06", 2)).toEqual(TOP("magnets", "2025-06"));
    expect(TOP("magnets", "2025-06", 1000)).toEqual(TOP("magnets", "2025-06"));
    expect(TOP("magnets", "2025-06", "")).toEqual(TOP("magnets", "2025-06"));
    expect(TOP("magnets", "2025-06", null)).toEqual(TOP("magnets", "2025-06"));
  });

  test.each([
    [0, "Cannot read 0 as a number of partners"],
    [-1, "Cannot read -1 as a number of partners"],
    [1.5, "Cannot read 1.5 as a number of partners"],
    [1e300, "Cannot read 1e+300 as a number of partners"],
    ["0", "Cannot read '0' as a number of partners"],
    ["two", "Cannot read 'two' as a number of partners"],
    [true, "Cannot read TRUE as a number of partners"],
    [[[1]], "Cannot read a range as a number of partners"],
  ])("n %p is #VALUE!", (n, start) => {
    expectError(
      TOP("magnets", "2025-06", n),
      "invalidValue",
      `${start}; use a whole number of 1 or more, such as 5.`
    );
  });

  test("spans rank partners with every month reported", () => {
    const d = modified((ds) =>
      ds.exports.push(
        row({ period: "2025-12", quantity: 362 }),
        row({ partner: "JP", period: "2025-10", quantity: 226 }),
        row({ partner: "JP", period: "2025-12", quantity: 100 }),
        row({ partner: "DE", period: "2025-12", quantity: 900 })
      )
    );
    // Germany has only 2025-12 of the quarter: not ranked.
    const table = TOP("magnets", "2025-Q4", undefined, d) as CellMatrix;
    expect(table.map((r) => r.slice(0, 2))).toEqual([
      header.slice(0, 2),
      ["United States", 1600],
      ["Japan", 631],
    ]);
    for (const r of table.slice(1))
      expectError(
        r[2],
        "notAvailable",
        "No share of the total: no World total for magnets in 2025-Q4 (1 of 3 months reported; reported months: 2025-01, 2025-06, 2025-11)."
      );
    const withWorld = modified((ds) =>
      ds.exports.push(
        row({ period: "2025-12", quantity: 362 }),
        row({ partner: "JP", period: "2025-10", quantity: 226 }),
        row({ partner: "JP", period: "2025-12", quantity: 100 }),
        row({ partner: "WORLD", period: "2025-10", quantity: 5491 }),
        row({ partner: "WORLD", period: "2025-12", quantity: 5000 })
      )
    );
    expect(TOP("magnets", "2025-Q4", undefined, withWorld)).toEqual([
      header,
      ["United States", 1600, 1600 / 16641],
      ["Japan", 631, 631 / 16641],
    ]);
    const figure = findTop(withWorld, { commodity: "magnets", period: "2025-Q4" });
    expect(figure).toMatchObject({ commodity: "magnets", unit: "t", world: { value: 16641 } });
    if (figure instanceof QueryError) return;
    expect(figure.period.label).toBe("2025-Q4");
    expect(figure.entries.map((e) => [e.partner, e.rows.map((r) => r.period)])).toEqual([
      ["US", ["2025-10", "2025-11", "2025-12"]],
      ["JP", ["2025-10", "2025-11", "2025-12"]],
    ]);
  });

  test("regions are aggregates, not partners to rank", () => {
    const d = modified((ds) =>
      ds.exports.push(
        row({ partner: "WEST", period: "2025-06", quantity: 2000 }),
        row({ partner: "OTHER", period: "2025-06", quantity: 1000 })
      )
    );
    expect(TOP("magnets", "2025-06", undefined, d)).toEqual(TOP("magnets", "2025-06"));
    expect(SERIES("magnets", "The West", undefined, undefined, 0, undefined, d)).toEqual([
      ["2025-06", 2000],
    ]);
  });

  test("quantities reported in another unit are converted to the ranking's unit", () => {
    const d = modified((ds) =>
      ds.exports.push(
        row({ commodity: "gallium", partner: "KR", period: "2025-06", quantity: 1.5, unit: "t" })
      )
    );
    expect(TOP("gallium", "2025-06", undefined, d)).toEqual([
      ["Partner", "Quantity (kg)", "Share of total"],
      ["Japan", 2004, 2004 / 4260],
      ["Germany", 2000, 2000 / 4260],
      ["South Korea", 1500, 1500 / 4260],
    ]);
  });

  test("findTop gives each entry's rows and the World total", () => {
    const figure = findTop(data, { commodity: "magnets", period: "2025-06", n: 1 });
    expect(figure).toMatchObject({
      commodity: "magnets",
      unit: "t",
      world: { value: 3188 },
      entries: [{ partner: "DE", name: "Germany", quantity: 764, share: 764 / 3188 }],
    });
    if (figure instanceof QueryError) return;
    expect(figure.entries).toHaveLength(1);
    expect(figure.entries[0].rows[0].note).toBe("Largest destination in June 2025");
    const noWorld = findTop(data, { commodity: "magnets", period: "2025-10" });
    if (noWorld instanceof QueryError) throw noWorld;
    expect(noWorld.world).toBeInstanceOf(QueryError);
    expect(noWorld.entries[0].share).toBe(noWorld.world);
  });

  test("no partner figures is #N/A saying what is reported", () => {
    expectError(
      TOP("magnets", "2025-01"),
      "notAvailable",
      "No partner figures for magnets in 2025-01; months with partner figures: 2025-06, 2025-10, 2025-11."
    );
    expectError(
      TOP("magnets", 2026),
      "notAvailable",
      "No partner figures for magnets in 2026; months with partner figures: 2025-06, 2025-10, 2025-11."
    );
    expectError(
      TOP("magnets", "2025-Q4"),
      "notAvailable",
      "No partner has every month of 2025-Q4 reported for magnets (JP 1 of 3, US 2 of 3); months with partner figures: 2025-06, 2025-10, 2025-11."
    );
    expectError(
      TOP("antimony", "2025-06"),
      "notAvailable",
      "No partner figures for antimony in 2025-06; only World totals are reported for antimony."
    );
    expectError(
      TOP("copper", "2025"),
      "notAvailable",
      "No export figures for copper from CN in this dataset."
    );
  });

  test.each([
    [["magnium", "2025-06"], "Unknown commodity 'magnium'. Did you mean 'magnets'?"],
    [[null, "2025-06"], "A commodity is required."],
    [["magnets", "soon"], `Cannot read 'soon' as a period; ${HINT}.`],
    [["magnets", ""], `A period is required; ${HINT}.`],
  ])("TOP%j is #VALUE!", (args, message) => {
    expectError(TOP(...(args as [unknown, unknown])), "invalidValue", message);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("every formula is a value, a matrix or an error with a message", () => {
  const argument = fc.oneof(
    fc.constantFrom(
      "magnets",
      "gallium",
      "US",
      "World",
      "JP",
      "2025-11",
      "2025-06",
      "2025-Q4",
      "2025-H1",
      "yoy",
      "note",
      "kg",
      2,
      1,
      0,
      ""
    ),
    fc.string(),
    fc.double(),
    fc.integer({ min: -1e6, max: 3e6 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.array(fc.string(), { maxLength: 2 }), { maxLength: 2 })
  );

  function expectCell(value: unknown) {
    if (value instanceof QueryError) expect(value.message.length).toBeGreaterThan(0);
    else if (typeof value === "number") expect(Number.isFinite(value)).toBe(true);
    else expect(["string", "boolean"]).toContain(typeof value);
  }
  function expectResult(result: unknown) {
    if (Array.isArray(result)) {
      expect(result.length).toBeGreaterThan(0);
      const width = result[0].length;
      for (const r of result) {
        expect(r).toHaveLength(width);
        r.forEach(expectCell);
      }
    } else expectCell(result);
  }

  test("SERIES, CHANGE, SHARE, TOP on arbitrary arguments", () => {
    fc.assert(
      fc.property(
        argument,
        argument,
        argument,
        argument,
        argument,
        argument,
        (a, b, c, d, e, f) => {
          expectResult(SERIES(a, b, c, d, e, f));
          expectResult(CHANGE(a, b, c, d, e));
          expectResult(SHARE(a, b, c));
          expectResult(TOP(a, b, c));
        }
      ),
      { numRuns: 500 }
    );
  });

  test("every commodity, partner and period of the real data: finite numbers only", () => {
    const periods = [
      ...new Set(data.dataset.exports.map((o) => o.period)),
      "2025-Q2",
      "2025-H1",
      "2025",
    ];
    const partners = [...new Set(data.dataset.exports.map((o) => o.partner)), "FR"];
    expect(partners.length).toBeGreaterThan(5);
    for (const c of data.dataset.commodities) {
      for (const per of periods) expectResult(TOP(c.id, per));
      for (const p of partners) {
        expectResult(SERIES(c.id, p));
        for (const per of periods) {
          expectResult(CHANGE(c.id, p, per));
          expectResult(CHANGE(c.id, p, per, "yoy"));
          expectResult(SHARE(c.id, p, per));
        }
      }
    }
  });
});

test("each dataset has its own index: a modified copy does not change the real one", () => {
  const d = modified((ds) => ds.exports.push(row({ quantity: 1 })));
  expect((SERIES("magnets", "US", "2025-12", undefined, 0, undefined, d) as CellMatrix)[0]).toEqual(
    ["2025-12", 1]
  );
  expectError(SERIES("magnets", "US", "2025-12"), "notAvailable", /from 2025-12/);
  expect(TOP("magnets", "2025-12", undefined, d)).toEqual([
    ["Partner", "Quantity (t)", "Share of total"],
    ["United States", 1, expect.any(QueryError)],
  ]);
  expectError(TOP("magnets", "2025-12"), "notAvailable", /^No partner figures/);
});

describe("README formula reference examples", () => {
  test("SERIES", () => {
    expect(SERIES("magnets", "US")).toEqual([
      ["Period", "Quantity (t)"],
      ["2025-06", 353],
      ["2025-10", 656],
      ["2025-11", 582],
    ]);
    expect(SERIES("magnets", "US", "2025-Q4", null, 0, "kg")).toEqual([
      ["2025-10", 656000],
      ["2025-11", 582000],
    ]);
  });

  test("CHANGE", () => {
    expect(CHANGE("magnets", "US", "2025-11") as number).toBeCloseTo(-0.1128, 4);
    expect(CHANGE("magnets", "JP", "2025-11")).toBe(0.35);
    expect(CHANGE("magnets", "World", "2025-H1", "yoy")).toBe(-0.19);
    expect(CHANGE("magnets", "US", "2025-11", null, "qualifier")).toBe(
      "computed from reported levels: 656 (2025-10) → 582 (2025-11)"
    );
    expect(CHANGE("magnets", "JP", "2025-11", null, "qualifier")).toBe(
      "reported change, not computed"
    );
    expectError(
      CHANGE("gallium", "World", "2025-06"),
      "divisionByZero",
      /reported 0 kg in 2025-05/
    );
  });

  test("SHARE", () => {
    expect(SHARE("magnets", "US", "2025-11") as number).toBeCloseTo(0.0946, 4);
  });

  test("TOP", () => {
    const table = TOP("magnets", "2025-06") as CellMatrix;
    expect(table.map((r) => r.slice(0, 2))).toEqual([
      ["Partner", "Quantity (t)"],
      ["Germany", 764],
      ["United States", 353],
    ]);
    expect(table[1][2] as number).toBeCloseTo(0.2396, 4);
    expect(table[2][2] as number).toBeCloseTo(0.1107, 4);
    expect(TOP("magnets", "2025-06", 1)).toHaveLength(2);
    const october = TOP("magnets", "2025-10") as CellMatrix;
    expect(october[1].slice(0, 2)).toEqual(["United States", 656]);
    expectError(october[1][2], "notAvailable", /no World figure for magnets in 2025-10/);
  });
});
