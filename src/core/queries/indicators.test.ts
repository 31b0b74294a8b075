import fc from "fast-check";
import { csvRows, realDataset, realIndexed } from "../../../test/support/real-dataset";
import { Indicator } from "../dataset/dataset";
import { indexDataset, IndexedDataset } from "../dataset/indexed";
import { findIndicator, indicatorResult } from "./indicators";
import { QueryError } from "./query-error";
import { expectError } from "../../../test/support/expect-error";

const data = realIndexed();
const INDICATOR = (
  commodity: unknown,
  indicator: unknown,
  period?: unknown,
  field?: unknown,
  on: IndexedDataset = data
) => indicatorResult(on, { commodity, indicator, period, field });

/** The real dataset with indicator rows added (copies of rare earths' mining quota, changed). */
function withIndicators(rows: Partial<Indicator>[]) {
  const dataset = realDataset();
  const base = dataset.indicators.find((o) => o.indicator === "mining quota")!;
  for (const row of rows) dataset.indicators.push({ ...base, ...row });
  return indexDataset(dataset);
}

const WEEKLY_LINE = `Weekly News Review (critical raw materials newsletter), "Weekly News Review July 14 – July 20 2025", 2025-07-20, China customs data for June 2025, and industry and government reports`;

describe("INDICATOR: every reported figure comes back with its source", () => {
  const rows = csvRows("news/indicators.csv");
  test("the file has the rows we expect to check", () => {
    expect(rows.length).toBeGreaterThan(10);
  });
  test.each(rows.map((r) => [`${r.commodity}: ${r.indicator} ${r.period}`, r]))("%s", (_, row) => {
    const period = /^\d{4}$/.test(row.period) ? Number(row.period) : row.period;
    expect(INDICATOR(row.commodity, row.indicator, period)).toBe(Number(row.value));
    expect(INDICATOR(row.commodity, row.indicator, period, "source_id")).toBe(row.source_id);
    expect(INDICATOR(row.commodity, row.indicator, period, "note")).toBe(row.note);
    expect(INDICATOR(row.commodity, row.indicator, period, "qualifier")).toBe(
      row.approximate === "yes" ? "approximate" : ""
    );
    // Without a period: the indicator's latest period.
    const latest = rows
      .filter((r) => r.commodity === row.commodity && r.indicator === row.indicator)
      .reduce((a, b) => (b.period > a.period ? b : a));
    expect(INDICATOR(row.commodity, row.indicator)).toBe(Number(latest.value));
  });
});

describe("INDICATOR: the issue's example", () => {
  test('INDICATOR("rare earths","mining quota",2024) = 270000', () => {
    expect(INDICATOR("rare earths", "mining quota", 2024)).toBe(270000);
  });

  test("its citation", () => {
    expect(INDICATOR("rare earths", "mining quota", 2024, "citation")).toBe(WEEKLY_LINE);
    expect(INDICATOR("rare earths", "mining quota", 2024, "note")).toBe(
      "2025 quotas were issued without public announcement"
    );
    expect(INDICATOR("rare earths", "mining quota", 2024, "qualifier")).toBe("");
    expect(INDICATOR("rare earths", "mining quota", 2024, "value")).toBe(270000);
  });

  test("approximate figures are flagged through the citation", () => {
    expect(INDICATOR("rare earths", "China's share of processed rare earths", 2025)).toBe(90);
    expect(INDICATOR("rare earths", "processed", 2025, "qualifier")).toBe("approximate");
    expect(INDICATOR("rare earths", "processed", null, "qualifier")).toBe("approximate");
    expect(INDICATOR("rare earths", "processed", 2025, "note")).toBe("Reported as over 90%");
    expect(INDICATOR("rare earths", "processed", undefined, "citation")).toBe(
      'Market news summary, "Rare Earth Stocks Climb As China Adds Restrictions", 2025-10, News summary of China\'s expanded rare-earth export controls, approximate'
    );
    expect(INDICATOR("tungsten", "share of supply", 2025, "qualifier")).toBe("approximate");
  });

  test("the unit is the one the source reported, not converted", () => {
    expect(INDICATOR("EV", "sales")).toBe(18.5); // million units
    expect(INDICATOR("lithium", "deployed", "2025-09")).toBe(60900); // t
    expect(INDICATOR("battery storage", "installations growth")).toBe(38); // % yoy
  });
});

describe("INDICATOR: names", () => {
  test.each([["mining quota"], ["Mining Quota"], ["  MINING   QUOTA "], ["mining"], ["ining quo"]])(
    "%p",
    (indicator) => {
      expect(INDICATOR("rare earths", indicator, 2024)).toBe(270000);
    }
  );

  test.each([["REE"], ["Rare earth elements"], ["rare-earth elements"]])(
    "commodity alias %p",
    (commodity) => {
      expect(INDICATOR(commodity, "mining quota", 2024)).toBe(270000);
    }
  );

  test("punctuation does not matter", () => {
    expect(INDICATOR("heavy rare earths", "WEST’S RELIANCE ON CHINA", 2024)).toBe(99);
    expect(INDICATOR("EVs", "sales (January-November cumulative)")).toBe(18.5);
    expect(INDICATOR("EVs", "january november")).toBe(18.5);
  });

  test("an exact name wins over names that contain it", () => {
    const withQuota = withIndicators([{ indicator: "quota", value: 1 }]);
    expect(INDICATOR("rare earths", "quota", 2024, undefined, withQuota)).toBe(1);
    expect(INDICATOR("rare earths", "mining quota", 2024, undefined, withQuota)).toBe(270000);
  });

  test("several names containing it: #VALUE! listing them", () => {
    expectError(
      INDICATOR("rare earths", "quota", 2024),
      "invalidValue",
      "'quota' matches several rare earths indicators; give one: mining quota; smelting and separation quota."
    );
    expectError(
      INDICATOR("antimony", "China's share"),
      "invalidValue",
      "'China's share' matches several antimony indicators; give one: China's share of mine production; China's share of refining capacity."
    );
  });

  test("no name containing it: #N/A listing the commodity's indicators", () => {
    expectError(
      INDICATOR("rare earths", "price"),
      "notAvailable",
      "No 'price' indicator for rare earths; indicators: mining quota; smelting and separation quota; China's share of processed rare earths; global recycling rate; Lynas NdPr production (quarter to June); Lynas sales revenue (quarter to June)."
    );
    expectError(
      INDICATOR("rare earths", "()"),
      "notAvailable",
      /^No '\(\)' indicator for rare earths; indicators: mining quota; /
    );
  });

  test("a commodity without indicators names those that have them", () => {
    expectError(
      INDICATOR("copper", "price"),
      "notAvailable",
      "No indicators for copper; indicators exist for: lithium, electric vehicles, battery storage, rare earths, heavy rare earths, critical minerals refining, antimony, tungsten, magnets, gallium."
    );
  });
});

describe("INDICATOR: periods", () => {
  test.each([[2024], ["2024"], [" 2024 "], [""], [null], [undefined]])(
    "a yearly figure with period %p",
    (period) => {
      expect(INDICATOR("rare earths", "mining quota", period)).toBe(270000);
    }
  );

  test.each([["2025-12"], ["Dec 2025"], ["December 2025"], ["2025-12-20"], [46011], ["2025/12"]])(
    "a monthly figure with period %p",
    (period) => {
      // 46011 is the date 2025-12-20: a date means its day, then its month.
      expect(INDICATOR("lithium", "futures", period)).toBe(109860);
    }
  );

  test("a year does not pick a month's figure, nor a month a year's", () => {
    expectError(
      INDICATOR("lithium", "futures", 2025),
      "notAvailable",
      "No 'lithium carbonate futures intraday high (Guangzhou Futures Exchange most-active)' figure for lithium in 2025; reported periods: 2025-12."
    );
    expectError(
      INDICATOR("rare earths", "mining quota", "2024-06"),
      "notAvailable",
      "No 'mining quota' figure for rare earths in 2024-06; reported periods: 2024."
    );
    expectError(
      INDICATOR("rare earths", "mining quota", 45473),
      "notAvailable",
      "No 'mining quota' figure for rare earths in 2024-06-30; reported periods: 2024."
    );
    expectError(
      INDICATOR("rare earths", "mining quota", "2024-Q2"),
      "notAvailable",
      "No 'mining quota' figure for rare earths in 2024-Q2; reported periods: 2024."
    );
  });

  test("a period without a figure lists the reported periods", () => {
    expectError(
      INDICATOR("rare earths", "mining quota", 2025),
      "notAvailable",
      "No 'mining quota' figure for rare earths in 2025; reported periods: 2024."
    );
  });

  const daily = withIndicators([
    { commodity: "lithium", indicator: "spot price", period: "2025-12-15", value: 10 },
    { commodity: "lithium", indicator: "spot price", period: "2025-12-18", value: 11 },
    { commodity: "lithium", indicator: "spot price", period: "2025-11", value: 9 },
  ]);

  test("a figure reported for a day: that date, as text or a date cell", () => {
    expect(INDICATOR("lithium", "spot price", "2025-12-15", undefined, daily)).toBe(10);
    expect(INDICATOR("lithium", "spot price", 46006, undefined, daily)).toBe(10);
    expect(INDICATOR("lithium", "spot price", "2025-11-03", undefined, daily)).toBe(9);
    expectError(
      INDICATOR("lithium", "spot price", "2025-12", undefined, daily),
      "notAvailable",
      "No 'spot price' figure for lithium in 2025-12; reported periods: 2025-11, 2025-12-15, 2025-12-18."
    );
  });

  test("the default is the latest period; a year ends after its months", () => {
    expect(INDICATOR("lithium", "spot price", undefined, undefined, daily)).toBe(11);
    const more = withIndicators([
      { period: "2025", value: 280000 },
      { period: "2025-09", value: 1 },
      { period: "2023", value: 2 },
    ]);
    expect(INDICATOR("rare earths", "mining quota", undefined, undefined, more)).toBe(280000);
    expect(INDICATOR("rare earths", "mining quota", 2024, undefined, more)).toBe(270000);
    expect(INDICATOR("rare earths", "mining quota", "Sep 2025", undefined, more)).toBe(1);
    expectError(
      INDICATOR("rare earths", "mining quota", 2022, undefined, more),
      "notAvailable",
      "No 'mining quota' figure for rare earths in 2022; reported periods: 2023, 2024, 2025-09, 2025."
    );
  });

  test("figures for several regions in one period cannot be told apart: #VALUE!", () => {
    const regions = withIndicators([{ region: "WORLD", value: 300000 }]);
    const message =
      "Several 'mining quota' figures for rare earths in 2024, one per region (CN, WORLD); INDICATOR cannot tell them apart.";
    expectError(
      INDICATOR("rare earths", "mining quota", 2024, undefined, regions),
      "invalidValue",
      message
    );
    expectError(
      INDICATOR("rare earths", "mining quota", undefined, undefined, regions),
      "invalidValue",
      message
    );
  });
});

describe("INDICATOR: errors", () => {
  test.each([
    [["rare earth", "mining quota"], /^Unknown commodity 'rare earth'/],
    [["", "mining quota"], "A commodity is required."],
    [["rare earths", ""], 'An indicator is required, such as "mining quota".'],
    [["rare earths", null], 'An indicator is required, such as "mining quota".'],
    [["rare earths", 5], "Cannot read 5 as an indicator."],
    [["rare earths", [["mining quota"]]], "Cannot read a range as an indicator."],
    [["rare earths", "mining quota", "soon"], /^Cannot read 'soon' as a period/],
    [["rare earths", "mining quota", "2024-13"], "'2024-13' has no month 13; months run 1–12."],
    [["rare earths", "mining quota", true], /^Cannot read TRUE as a period/],
    [["rare earths", "mining quota", 2024, "bogus"], /^Unknown field 'bogus'; use one of value, /],
    [["rare earths", "mining quota", 2024, 1], /^Cannot read 1 as a field; use one of value, /],
  ])("INDICATOR%j is #VALUE!", (args, message) => {
    expectError(
      INDICATOR(...(args as [unknown, unknown, unknown?, unknown?])),
      "invalidValue",
      message
    );
  });

  test("#VALUE! comes before #N/A", () => {
    expectError(INDICATOR("copper", "price", "soon"), "invalidValue", /Cannot read 'soon'/);
    expectError(INDICATOR("copper", "price", 2024, "bogus"), "invalidValue", /Unknown field/);
  });

  test("a figure whose source the dataset does not list: the value, but #N/A for its citation", () => {
    const lost = withIndicators([{ indicator: "lost quota", source_id: "lost" }]);
    expect(INDICATOR("rare earths", "lost quota", 2024, undefined, lost)).toBe(270000);
    expectError(
      INDICATOR("rare earths", "lost quota", 2024, "note", lost),
      "notAvailable",
      "The source 'lost' of this figure is not in the dataset's sources."
    );
  });
});

test("findIndicator gives the figure and its citation", () => {
  const found = findIndicator(data, { commodity: "antimony", indicator: "refining" });
  expect(found).toEqual({
    value: 85,
    citation: {
      source: data.sources.get("weekly-2025-07-20"),
      note: "Reported as above 85%",
      qualifier: "approximate",
    },
  });
});

test("INDICATOR never throws and never gives NaN or Infinity", () => {
  const argument = fc.oneof(
    fc.constantFrom("rare earths", "mining quota", "quota", "2024", "2025-12", "note", ""),
    fc.string(),
    fc.double(),
    fc.integer({ min: -1e6, max: 3e6 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.array(fc.string(), { maxLength: 2 }), { maxLength: 2 })
  );
  fc.assert(
    fc.property(argument, argument, argument, argument, (a, b, c, d) => {
      const result = INDICATOR(a, b, c, d);
      if (result instanceof QueryError) expect(result.message.length).toBeGreaterThan(0);
      else if (typeof result === "number") expect(Number.isFinite(result)).toBe(true);
      else expect(typeof result).toBe("string");
    }),
    { numRuns: 500 }
  );
});
