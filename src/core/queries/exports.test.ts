import { csvRows, realIndexed } from "../../../test/support/real-dataset";
import { exportValue, findExport } from "./exports";
import { QueryError } from "./query-error";
import { expectError } from "../../../test/support/expect-error";

const data = realIndexed();
const EXPORT = (
  commodity: unknown,
  partner: unknown,
  period: unknown,
  unit?: unknown,
  reporter?: unknown
) => exportValue(data, { commodity, partner, period, unit, reporter });

describe("EXPORT: every reported figure comes back with its source", () => {
  const rows = csvRows("news/exports.csv");
  test("the file has the rows we expect to check", () => {
    expect(rows.length).toBeGreaterThan(20);
  });
  test.each(rows.map((r) => [`${r.commodity} ${r.reporter}→${r.partner} ${r.period}`, r]))(
    "%s",
    (_, row) => {
      const figure = findExport(data, {
        commodity: row.commodity,
        partner: row.partner,
        period: row.period,
        reporter: row.reporter,
      });
      expect(figure).not.toBeInstanceOf(QueryError);
      if (figure instanceof QueryError) return;
      expect(figure.value).toBe(Number(row.quantity));
      expect(figure.unit).toBe(row.unit);
      expect(figure.rows).toHaveLength(1);
      expect(figure.rows[0].source_id).toBe(row.source_id);
      expect(data.sources.get(figure.rows[0].source_id)).toBeDefined();
    }
  );
});

test("each commodity states the unit its export figures are reported in", () => {
  expect(data.commodities.get("magnets")?.unit).toBe("t");
  expect(data.commodities.get("gallium")?.unit).toBe("kg");
  expect(data.commodities.get("lithium")?.unit).toBeNull();
  expect(data.commodities.get("magnets")?.customs_codes).toEqual(["8505.11"]);
});

describe("EXPORT: the issue's examples", () => {
  test.each([
    [["magnets", "US", "2025-11"], 582],
    [["Rare earth magnets", "United States", "Nov 2025"], 582],
    [["magnets", "World", "2025-11"], 6150],
    [["gallium", "Japan", "2025-06"], 2004],
    [["gallium", "Japan", "2025-06", "t"], 2.004],
    [["germanium", "US", "2025-06"], 0],
  ])("EXPORT%j = %p", (args, expected) => {
    expect(EXPORT(...(args as [unknown, unknown, unknown, unknown?]))).toBe(expected);
  });

  test("a reported zero is the number 0, not an error or blank", () => {
    expect(EXPORT("dysprosium", "World", "2025-05")).toBe(0);
    expect(Object.is(EXPORT("germanium", "JP", "2025-06"), 0)).toBe(true);
  });
});

describe("EXPORT: names as analysts type them", () => {
  test.each([
    ["magnets"],
    ["MAGNETS"],
    ["  Rare-Earth Magnets "],
    ["rare earth permanent magnets"],
    ["NdFeB magnets"],
    ["8505.11"],
    ["850511"],
    [8505.11],
  ])("commodity %p", (commodity) => {
    expect(EXPORT(commodity, "US", "2025-11")).toBe(582);
  });

  test.each([
    ["US"],
    ["us"],
    ["USA"],
    ["U.S."],
    ["United States"],
    ["United States of America"],
    ["the United States"],
  ])("partner %p", (partner) => {
    expect(EXPORT("magnets", partner, "2025-11")).toBe(582);
  });

  test.each([["World"], ["WORLD"], ["Total"], ["world total"]])("world total as %p", (partner) => {
    expect(EXPORT("magnets", partner, "2025-11")).toBe(6150);
  });

  test.each([["JP"], ["JPN"], ["Japan"], ["japan"]])("Japan as %p", (partner) => {
    expect(EXPORT("magnets", partner, "2025-11")).toBe(305);
  });

  test.each([["South Korea"], ["Republic of Korea"], ["KOR"], ["KR"]])(
    "South Korea as %p",
    (partner) => {
      expect(EXPORT("terbium", partner, "2025-06")).toBe(1200);
    }
  );

  test.each([[undefined], [null], [""], ["CN"], ["China"]])(
    "reporter %p means China",
    (reporter) => {
      expect(EXPORT("magnets", "US", "2025-11", undefined, reporter)).toBe(582);
    }
  );
});

describe("EXPORT: periods", () => {
  test.each([["2025-11"], ["Nov 2025"], ["November 2025"], ["2025-11-20"], ["2025/11"], [45976]])(
    "%p",
    (period) => {
      expect(EXPORT("magnets", "US", period)).toBe(582);
    }
  );

  test("a span is #N/A saying how many months are reported", () => {
    expectError(
      EXPORT("magnets", "US", "2025-Q4"),
      "notAvailable",
      /2025-Q4: 2 of 3 months reported/
    );
    expectError(EXPORT("magnets", "US", "2025-H1"), "notAvailable", /1 of 6 months reported/);
    expectError(EXPORT("magnets", "US", 2025), "notAvailable", /3 of 12 months reported/);
  });
});

describe("EXPORT: units", () => {
  test.each([
    ["t", 582],
    ["kg", 582000],
    ["tonnes", 582],
    ["metric tons", 582],
    ["MT", 582],
    ["g", 582000000],
    ["kt", 0.582],
  ])("magnets US 2025-11 in %p", (unit, expected) => {
    expect(EXPORT("magnets", "US", "2025-11", unit)).toBe(expected);
  });

  test("kilograms convert to tonnes exactly as written", () => {
    expect(EXPORT("gallium", "DE", "2025-06", "t")).toBe(2);
    expect(EXPORT("terbium", "World", "2024-06", "t")).toBe(8.59);
    expect(EXPORT("germanium", "US", "2025-06", "t")).toBe(0);
  });

  test("pounds", () => {
    expect(EXPORT("gallium", "Japan", "2025-06", "lb")).toBeCloseTo(2004000 / 453.59237, 9);
  });
});

describe("EXPORT: errors are data with messages", () => {
  test("a month that was not reported lists the reported months", () => {
    expectError(
      EXPORT("magnets", "US", "2025-12"),
      "notAvailable",
      "No reported figure for magnets → US in 2025-12; reported months: 2025-06, 2025-10, 2025-11."
    );
  });

  test("a valid country with nothing reported is #N/A, not #VALUE!", () => {
    expectError(
      EXPORT("gallium", "US", "2025-11"),
      "notAvailable",
      /nothing is reported for United States/
    );
    expectError(EXPORT("gallium", "US", "2025-11"), "notAvailable", /2024-06, 2025-05, 2025-06/);
    expectError(
      EXPORT("magnets", "France", "2025-11"),
      "notAvailable",
      /No reported figure for magnets → FR/
    );
  });

  test("a commodity with no export figures is #N/A", () => {
    expectError(EXPORT("copper", "US", "2025-11"), "notAvailable", /No export figures for copper/);
  });

  test("another reporter with nothing reported names it", () => {
    expectError(
      EXPORT("magnets", "US", "2025-11", undefined, "Japan"),
      "notAvailable",
      /No export figures for magnets from JP/
    );
  });

  test("an unknown commodity suggests the closest one", () => {
    expectError(
      EXPORT("magnium", "US", "2025-11"),
      "invalidValue",
      "Unknown commodity 'magnium'. Did you mean 'magnets'?"
    );
    expectError(EXPORT("galium", "US", "2025-11"), "invalidValue", /Did you mean 'gallium'\?/);
    expectError(
      EXPORT("unobtainium", "US", "2025-11"),
      "invalidValue",
      "Unknown commodity 'unobtainium'."
    );
  });

  test("an unknown partner suggests the closest one", () => {
    expectError(
      EXPORT("magnets", "Untied States", "2025-11"),
      "invalidValue",
      /Unknown partner 'Untied States'. Did you mean 'United States'\?/
    );
    expectError(
      EXPORT("magnets", "Atlantis", "2025-11"),
      "invalidValue",
      /^Unknown partner 'Atlantis'/
    );
  });

  test("an ambiguous name is refused rather than guessed", () => {
    expectError(
      EXPORT("magnets", "Congo", "2025-11"),
      "invalidValue",
      "'Congo' is ambiguous: it could be Congo (Kinshasa) or Congo (Brazzaville)."
    );
  });

  test("suggestions name the entry, and far-off guesses are not offered", () => {
    expectError(
      EXPORT("magnets", "Chna", "2025-11"),
      "invalidValue",
      "Unknown partner 'Chna'. Did you mean 'China'?"
    );
    expectError(
      EXPORT("magnets", "Atlantis", "2025-11"),
      "invalidValue",
      "Unknown partner 'Atlantis'."
    );
    expectError(
      EXPORT("magnets", "Nowhere", "2025-11"),
      "invalidValue",
      "Unknown partner 'Nowhere'."
    );
    expectError(
      EXPORT("magnets", "Germny", "2025-11"),
      "invalidValue",
      "Unknown partner 'Germny'. Did you mean 'Germany'?"
    );
  });

  test.each([
    [["magnets", "US", "2025-13"], /no month 13/],
    [["magnets", "US", "soon"], /Cannot read 'soon' as a period/],
    [
      ["magnets", "US", "2025-11", "furlong"],
      "Unknown unit 'furlong'; use one of g, kg, t, kt, million t, lb.",
    ],
    [["magnets", "US", "2025-11", "Mt"], /'Mt' is ambiguous/],
    [["magnets", "US", "2025-11", 5], /Cannot read 5 as a unit/],
    [["", "US", "2025-11"], "A commodity is required."],
    [["magnets", null, "2025-11"], "A partner is required."],
    [["magnets", "US", null], /A period is required/],
    [[true, "US", "2025-11"], "Cannot read TRUE as a commodity."],
    [[[["magnets"]], "US", "2025-11"], "Cannot read a range as a commodity."],
    [["magnets", "US", "2025-11", undefined, "Narnia"], /Unknown reporter 'Narnia'/],
  ])("EXPORT%j is #VALUE!", (args, message) => {
    expectError(
      EXPORT(...(args as [unknown, unknown, unknown, unknown?, unknown?])),
      "invalidValue",
      message
    );
  });
});

test("a very long argument is shortened in the message", () => {
  const huge = "x".repeat(100_000);
  for (const result of [
    EXPORT(huge, "US", "2025-11"),
    EXPORT("magnets", huge, "2025-11"),
    EXPORT("magnets", "US", huge),
  ]) {
    expect(result).toBeInstanceOf(QueryError);
    expect((result as QueryError).message.length).toBeLessThan(300);
    expect((result as QueryError).message).toContain(`'${"x".repeat(77)}…'`);
  }
});

describe('EXPORT: "latest"', () => {
  test("is the series' last reported month, in any letter case", () => {
    expect(EXPORT("magnets", "US", "latest")).toBe(582);
    expect(EXPORT("gallium", "Japan", " LATEST ", "t")).toBe(
      EXPORT("gallium", "Japan", "2025-06", "t")
    );
    const figure = findExport(data, { commodity: "magnets", partner: "US", period: "Latest" });
    expect(figure).toMatchObject({ latest: true, period: { label: "2025-11" } });
  });
  test("a series with nothing reported is #N/A saying what is reported", () => {
    expectError(
      EXPORT("magnets", "FR", "latest"),
      "notAvailable",
      "No reported figure for magnets → FR; nothing is reported for France. magnets exports from CN are reported for 2025-01, 2025-06, 2025-10, 2025-11."
    );
  });
});
