import fc from "fast-check";
import { csvRows, realDataset, realIndexed } from "../../../test/support/real-dataset";
import { Dataset, ExportObservation } from "../dataset/dataset";
import { exportValue } from "./exports";
import { indexDataset, IndexedDataset } from "../dataset/indexed";
import { QueryError } from "./query-error";
import { figureResult, parseFigureField, sourceText } from "./source";
import { expectError } from "../../../test/support/expect-error";

const data = realIndexed();
const SOURCE = (
  commodity: unknown,
  partner: unknown,
  period: unknown,
  field?: unknown,
  reporter?: unknown,
  on: IndexedDataset = data
) => sourceText(on, { commodity, partner, period, field, reporter });

const TS2_TITLE =
  "Rare Metals Stocks: Rare Earth Magnet Exports Rebound, Gallium Deals Grow, and Lithium Signals Turn Sharper (Dec. 20, 2025)";
const TS2_ORIGIN =
  "Roundup citing China customs data via Business Recorder, and Reuters, Mining.com, Investing.com and TradingView reports";
const TS2_LINE = `ts2.tech, "${TS2_TITLE}", 2025-12-20, ${TS2_ORIGIN}`;
const GINLIX_LINE = `Ginlix AI, "China's 11% November 2025 Rare-Earth Magnet Export Decline to the U.S.: Supply Chain and Sector Valuation Impacts", 2025-12-20, Analysis citing a Bloomberg report and the ts2.tech market update`;
const WEEKLY_LINE = `Weekly News Review (critical raw materials newsletter), "Weekly News Review July 14 – July 20 2025", 2025-07-20, China customs data for June 2025, and industry and government reports`;
const FIELDS = "citation, publisher, title, date, origin, note, url, qualifier, source_id";

describe("SOURCE: the issue's example", () => {
  test('SOURCE("magnets","US","2025-11") names ts2.tech and 2025-12-20 in one line', () => {
    const line = SOURCE("magnets", "US", "2025-11");
    expect(line).toBe(TS2_LINE);
    expect(line).toMatch(/^ts2\.tech, .*, 2025-12-20, /);
  });

  test.each([
    ["publisher", "ts2.tech"],
    ["title", TS2_TITLE],
    ["date", "2025-12-20"],
    ["origin", TS2_ORIGIN],
    ["note", "Down 11% from October; within the average range since July"],
    ["url", ""],
    ["qualifier", ""],
    ["source_id", "ts2-2025-12-20"],
    ["citation", TS2_LINE],
  ])("field %p", (field, expected) => {
    expect(SOURCE("magnets", "US", "2025-11", field)).toBe(expected);
  });

  test.each([
    [undefined, TS2_LINE],
    [null, TS2_LINE],
    ["", TS2_LINE],
    ["  ", TS2_LINE],
    ["Publisher", "ts2.tech"],
    [" DATE ", "2025-12-20"],
    ["published", "2025-12-20"],
    ["source", TS2_LINE],
    ["line", TS2_LINE],
    ["source id", "ts2-2025-12-20"],
    ["Source-ID", "ts2-2025-12-20"],
  ])("field written as %p", (field, expected) => {
    expect(SOURCE("magnets", "US", "2025-11", field)).toBe(expected);
  });

  test("a URL comes back when the source has one", () => {
    expect(SOURCE("magnets", "US", "2025-11", "url")).toBe("");
    const dataset = realDataset();
    dataset.sources.find((s) => s.source_id === "ts2-2025-12-20")!.url = "https://ts2.tech/x";
    expect(SOURCE("magnets", "US", "2025-11", "url", undefined, indexDataset(dataset))).toBe(
      "https://ts2.tech/x"
    );
  });
});

describe("SOURCE: every reported figure is cited by its own row", () => {
  const rows = csvRows("news/exports.csv");
  test.each(rows.map((r) => [`${r.commodity} ${r.reporter}→${r.partner} ${r.period}`, r]))(
    "%s",
    (_, row) => {
      const cite = (field: string) =>
        SOURCE(row.commodity, row.partner, row.period, field, row.reporter);
      expect(cite("source_id")).toBe(row.source_id);
      expect(cite("note")).toBe(row.note);
      expect(cite("qualifier")).toBe("");
      expect(cite("")).toMatch(/^.+, ".+", \d{4}(-\d{2}){0,2}, .+$/);
    }
  );

  test("the same arguments as EXPORT: names, periods and the reporter", () => {
    expect(SOURCE("Rare earth magnets", "United States", "Nov 2025", "date")).toBe("2025-12-20");
    expect(SOURCE("8505.11", "USA", 45976, "source_id")).toBe("ts2-2025-12-20");
    expect(SOURCE("magnets", "US", "2025-10", "publisher", "China")).toBe("Ginlix AI");
    expect(SOURCE("magnets", "US", "2025-10")).toBe(GINLIX_LINE);
  });

  test("a reported zero is cited like any other figure", () => {
    expect(exportValue(data, { commodity: "germanium", partner: "US", period: "2025-06" })).toBe(0);
    expect(SOURCE("germanium", "US", "2025-06", "note")).toBe(
      "Reported as receiving no germanium shipments"
    );
    expect(SOURCE("germanium", "US", "2025-06")).toBe(WEEKLY_LINE);
  });
});

/** The real dataset with extra months added, so that spans are fully reported. */
function withMonths(rows: Partial<ExportObservation>[], edit?: (d: Dataset) => void) {
  const dataset = realDataset();
  const base = dataset.exports.find(
    (o) => o.commodity === "magnets" && o.partner === "US" && o.period === "2025-11"
  )!;
  for (const row of rows) dataset.exports.push({ ...base, note: null, ...row });
  edit?.(dataset);
  return indexDataset(dataset);
}

describe("SOURCE: a span total built from several months", () => {
  // 2025-Q2 of gallium → Japan from one source: 2025-06 is real, 2025-04 and 2025-05 are added.
  const oneSource = withMonths([
    {
      commodity: "gallium",
      partner: "JP",
      period: "2025-04",
      quantity: 100,
      unit: "kg",
      source_id: "weekly-2025-07-20",
      note: "April figure",
    },
    {
      commodity: "gallium",
      partner: "JP",
      period: "2025-05",
      quantity: 0,
      unit: "kg",
      source_id: "weekly-2025-07-20",
    },
  ]);
  // 2025-Q4 of magnets → US: 2025-10 (Ginlix AI) and 2025-11 (ts2.tech) are real, 2025-12 is added.
  const twoSources = withMonths([{ period: "2025-12", quantity: 600 }]);

  test("the totals exist", () => {
    expect(exportValue(oneSource, { commodity: "gallium", partner: "JP", period: "2025-Q2" })).toBe(
      2104
    );
    expect(
      exportValue(twoSources, { commodity: "magnets", partner: "US", period: "2025-Q4" })
    ).toBe(1838);
  });

  test("months sharing one source: that source, qualified as a total", () => {
    const cite = (field?: string) =>
      SOURCE("gallium", "JP", "2025-Q2", field, undefined, oneSource);
    expect(cite()).toBe(`${WEEKLY_LINE}, total of 3 reported months`);
    expect(cite("publisher")).toBe("Weekly News Review (critical raw materials newsletter)");
    expect(cite("date")).toBe("2025-07-20");
    expect(cite("source_id")).toBe("weekly-2025-07-20");
    expect(cite("qualifier")).toBe("total of 3 reported months");
    expect(cite("note")).toBe("2025-04: April figure; 2025-06: One of the two main destinations");
    expect(cite("url")).toBe("");
  });

  test("months from several sources: every source, in month order, joined by ' | '", () => {
    const cite = (field?: string) =>
      SOURCE("magnets", "US", "2025-Q4", field, undefined, twoSources);
    expect(cite()).toBe(`total of 3 reported months: ${GINLIX_LINE} | ${TS2_LINE}`);
    expect(cite("publisher")).toBe("Ginlix AI | ts2.tech");
    expect(cite("date")).toBe("2025-12-20");
    expect(cite("source_id")).toBe("ginlix-2025-12-20 | ts2-2025-12-20");
    expect(cite("title")).toBe(
      `China's 11% November 2025 Rare-Earth Magnet Export Decline to the U.S.: Supply Chain and Sector Valuation Impacts | ${TS2_TITLE}`
    );
    expect(cite("origin")).toBe(
      `Analysis citing a Bloomberg report and the ts2.tech market update | ${TS2_ORIGIN}`
    );
    expect(cite("qualifier")).toBe("total of 3 reported months");
    expect(cite("note")).toBe(
      "2025-11: Down 11% from October; within the average range since July"
    );
    expect(cite("url")).toBe("");
  });

  test("several sources: only the URLs that exist are listed", () => {
    const withUrl = withMonths([{ period: "2025-12", quantity: 600 }], (d) => {
      d.sources.find((s) => s.source_id === "ginlix-2025-12-20")!.url = "https://ginlix.ai/x";
    });
    expect(SOURCE("magnets", "US", "2025-Q4", "url", undefined, withUrl)).toBe(
      "https://ginlix.ai/x"
    );
  });

  test("a span of months without notes has an empty note", () => {
    const noNotes = withMonths([{ period: "2025-12", quantity: 600 }], (d) => {
      for (const o of d.exports) if (o.commodity === "magnets") o.note = null;
    });
    expect(SOURCE("magnets", "US", "2025-Q4", "note", undefined, noNotes)).toBe("");
  });

  test("a span that is not fully reported is EXPORT's #N/A", () => {
    expectError(
      SOURCE("magnets", "US", "2025-Q4"),
      "notAvailable",
      "No total for magnets → US in 2025-Q4: 2 of 3 months reported; reported months: 2025-06, 2025-10, 2025-11."
    );
  });
});

describe("SOURCE: errors", () => {
  test.each([
    [["magnets", "US", "2025-12"]],
    [["magnets", "US", "2025-Q4"]],
    [["gallium", "US", "2025-11"]],
    [["copper", "US", "2025-11"]],
    [["magnets", "US", "2025-11", "Japan"]],
    [["magnium", "US", "2025-11"]],
    [["magnets", "Atlantis", "2025-11"]],
    [["magnets", "Congo", "2025-11"]],
    [["magnets", "US", "2025-13"]],
    [["magnets", "US", "soon"]],
    [["", "US", "2025-11"]],
    [["magnets", null, "2025-11"]],
    [["magnets", "US", null]],
    [[true, "US", "2025-11"]],
    [[[["magnets"]], "US", "2025-11"]],
    [["magnets", "US", "2025-11", "Narnia"]],
  ])("SOURCE%j is the error EXPORT gives", (args) => {
    const [commodity, partner, period, reporter] = args as unknown[];
    const expected = exportValue(data, { commodity, partner, period, reporter });
    expect(expected).toBeInstanceOf(QueryError);
    const result = SOURCE(commodity, partner, period, undefined, reporter);
    expect((expected as QueryError).equals(result)).toBe(true);
  });

  test.each([
    ["bogus", `Unknown field 'bogus'; use one of ${FIELDS}.`],
    [" value ", `Unknown field 'value'; use one of ${FIELDS}.`],
    [5, `Cannot read 5 as a field; use one of ${FIELDS}.`],
    [true, `Cannot read TRUE as a field; use one of ${FIELDS}.`],
    [[["note"]], `Cannot read a range as a field; use one of ${FIELDS}.`],
  ])("field %p is #VALUE!", (field, message) => {
    expectError(SOURCE("magnets", "US", "2025-11", field), "invalidValue", message);
  });

  test("#VALUE! for an argument comes before #VALUE! for the field, which comes before #N/A", () => {
    expectError(
      SOURCE("magnium", "US", "2025-11", "bogus"),
      "invalidValue",
      "Unknown commodity 'magnium'. Did you mean 'magnets'?"
    );
    expectError(SOURCE("magnets", "US", "2025-12", "bogus"), "invalidValue", /Unknown field/);
  });

  test("a figure whose source the dataset does not list is #N/A, saying so", () => {
    const dataset = realDataset();
    dataset.exports.find((o) => o.partner === "US" && o.period === "2025-11")!.source_id =
      "lost-source";
    const broken = indexDataset(dataset);
    expectError(
      SOURCE("magnets", "US", "2025-11", undefined, undefined, broken),
      "notAvailable",
      "The source 'lost-source' of this figure is not in the dataset's sources."
    );
    expect(exportValue(broken, { commodity: "magnets", partner: "US", period: "2025-11" })).toBe(
      582
    );
  });
});

describe("the field argument of figure formulas", () => {
  const FIGURE_FIELDS = `value, ${FIELDS}`;
  test.each([
    [undefined, "value"],
    [null, "value"],
    ["", "value"],
    ["Value", "value"],
    [" VALUE ", "value"],
    ["note", "note"],
    ["published", "date"],
    ["source", "citation"],
    ["Source ID", "source_id"],
  ])("%p reads as %p", (input, expected) => {
    expect(parseFigureField(input)).toBe(expected);
  });

  test.each([
    ["bogus", `Unknown field 'bogus'; use one of ${FIGURE_FIELDS}.`],
    [1, `Cannot read 1 as a field; use one of ${FIGURE_FIELDS}.`],
    [false, `Cannot read FALSE as a field; use one of ${FIGURE_FIELDS}.`],
  ])("%p is #VALUE!", (input, message) => {
    expectError(parseFigureField(input), "invalidValue", message);
  });

  const source = data.sources.get("ts2-2025-12-20")!;
  const figure = { value: 7, citation: { source, note: "a note", qualifier: "approximate" } };

  test("value, or the citation's field", () => {
    expect(figureResult(figure, undefined)).toBe(7);
    expect(figureResult(figure, "note")).toBe("a note");
    expect(figureResult(figure, "qualifier")).toBe("approximate");
    expect(figureResult(figure, "citation")).toBe(`${TS2_LINE}, approximate`);
  });

  test("errors: the lookup's #VALUE!, then the field's, then the lookup's #N/A", () => {
    const badArgument = new QueryError("invalidValue", "bad argument");
    const nothing = new QueryError("notAvailable", "nothing reported");
    expect(figureResult(badArgument, "bogus")).toBe(badArgument);
    expectError(figureResult(nothing, "bogus"), "invalidValue", /Unknown field 'bogus'/);
    expect(figureResult(nothing, "note")).toBe(nothing);
    expect(figureResult(figure, "bogus")).toBeInstanceOf(QueryError);
  });

  test("a figure with no number (USGS W) still has its citation; a lost source has only its value", () => {
    const withheld = new QueryError("notAvailable", "withheld");
    const lost = new QueryError("notAvailable", "lost source");
    expect(figureResult({ value: withheld, citation: figure.citation }, "")).toBe(withheld);
    expect(figureResult({ value: withheld, citation: figure.citation }, "note")).toBe("a note");
    expect(figureResult({ value: 3, citation: lost }, "value")).toBe(3);
    expect(figureResult({ value: 3, citation: lost }, "note")).toBe(lost);
  });
});

test("SOURCE never throws and always gives text or an error with a message", () => {
  const argument = fc.oneof(
    fc.constantFrom("magnets", "US", "World", "2025-11", "2025-Q4", "note", "date", "CN", ""),
    fc.string(),
    fc.double(),
    fc.integer({ min: -1e6, max: 3e6 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.array(fc.string(), { maxLength: 2 }), { maxLength: 2 })
  );
  fc.assert(
    fc.property(argument, argument, argument, argument, argument, (c, p, per, f, r) => {
      const result = SOURCE(c, p, per, f, r);
      if (result instanceof QueryError) expect(result.message.length).toBeGreaterThan(0);
      else expect(typeof result).toBe("string");
    }),
    { numRuns: 500 }
  );
});
