import fc from "fast-check";
import { csvRows, realDataset, realIndexed } from "../../../test/support/real-dataset";
import { Dataset, UsgsObservation } from "../dataset/dataset";
import { indexDataset, IndexedDataset } from "../dataset/indexed";
import { QueryError } from "./query-error";
import { findProduction, productionResult, reservesResult } from "./usgs";
import { expectError } from "../../../test/support/expect-error";

const data = realIndexed();
const PRODUCTION = (
  commodity: unknown,
  country: unknown,
  year: unknown,
  statistic?: unknown,
  field?: unknown,
  on: IndexedDataset = data
) => productionResult(on, { commodity, country, year, statistic, field });
const RESERVES = (
  commodity: unknown,
  country: unknown,
  year?: unknown,
  field?: unknown,
  on: IndexedDataset = data
) => reservesResult(on, { commodity, country, year, field });

const USGS_LINE =
  'U.S. Geological Survey, "Mineral Commodity Summaries 2026 data release", 2026, U.S. Geological Survey, 2026, Mineral Commodity Summaries 2026 data release (ScienceBase item 696a75d5d4be0228872d3bf8); public domain';

/** The real dataset with USGS rows changed or added. */
function editedUsgs(edit: (rows: UsgsObservation[], base: UsgsObservation, d: Dataset) => void) {
  const dataset = realDataset();
  const base = dataset.usgs.find((o) => o.commodity === "cobalt" && o.country === "China")!;
  edit(dataset.usgs, base, dataset);
  return indexDataset(dataset);
}

describe("every figure of the USGS release comes back as USGS printed it", () => {
  const rows = csvRows("usgs/mcs2026_commodities_data_subset.csv");
  test("the file has the rows we expect to check", () => {
    expect(rows.length).toBeGreaterThan(150);
  });
  test.each(
    rows.map((r) => [`${r.Commodity} ${r.Statistics_detail} ${r.Country} ${r.Year}: ${r.Value}`, r])
  )("%s", (_, row) => {
    const statistic = row.Statistics_detail.replace(/: rounded$/, "");
    const result = PRODUCTION(row.Commodity, row.Country, Number(row.Year), statistic);
    const text = row.Value;
    if (text === "W") expectError(result, "notAvailable", /withheld/);
    else if (text === "NA") expectError(result, "notAvailable", /not available \(USGS code NA\)/);
    else if (text === "—") expect(result).toBe(0);
    else expect(result).toBe(Number(text.replace(/[>,]/g, "")));
    const note = PRODUCTION(row.Commodity, row.Country, Number(row.Year), statistic, "note");
    expect(note).toBe(row.Notes);
    expect(PRODUCTION(row.Commodity, row.Country, Number(row.Year), statistic, "source_id")).toBe(
      "usgs-mcs2026"
    );
  });
});

describe("PRODUCTION: the issue's examples", () => {
  test('PRODUCTION("rare earths","China",2024) = 270000', () => {
    expect(PRODUCTION("rare earths", "China", 2024)).toBe(270000);
  });

  test.each([["Congo (Kinshasa)"], ["congo (kinshasa)"], ["DRC"], ["CD"], ["COD"], ["DR Congo"]])(
    "cobalt in %p, 2024 = 226000",
    (country) => {
      expect(PRODUCTION("cobalt", country, 2024)).toBe(226000);
    }
  );

  test.each([
    [["World total"], 302000],
    [["World"], 302000],
    [["Total"], 302000],
    [["Other countries"], 7780],
    [["other"], 7780],
    [["United States"], 200],
    [["USA"], 200],
    [["Türkiye"], 2200],
    [["Turkey"], 2200],
    [["Russian Federation"], 8000],
  ])("cobalt in %j, 2024 = %p", ([country], expected) => {
    expect(PRODUCTION("cobalt", country, 2024)).toBe(expected);
  });

  test.each([[2024], ["2024"], [" 2024 "], [45474]])("year %p", (year) => {
    // 45474 is 2024-07-01: a date cell means its year.
    expect(PRODUCTION("Rare earth elements", "CN", year)).toBe(270000);
  });
});

describe("PRODUCTION: statistics", () => {
  test("the default is the commodity's production: mine production, or gallium's primary production", () => {
    expect(PRODUCTION("cobalt", "China", 2025)).toBe(2000);
    expect(PRODUCTION("gallium", "China", 2024)).toBe(839000);
    expect(PRODUCTION("gallium", "China", 2025)).toBe(900000);
  });

  test.each([
    ["capacity", 1600000],
    ["Capacity", 1600000],
    ["production capacity", 1600000],
    ["Production capacity: rounded", 1600000],
    ["production", 900000],
    ["primary production", 900000],
    ["PRIMARY PRODUCTION", 900000],
    ["", 900000],
  ])("gallium, China, 2025, statistic %p = %p", (statistic, expected) => {
    expect(PRODUCTION("gallium", "China", 2025, statistic)).toBe(expected);
  });

  test("World total rows ('X: rounded') are statistic X", () => {
    expect(PRODUCTION("gallium", "World", 2025, "capacity")).toBe(1700000);
    expect(PRODUCTION("cobalt", "World total", 2025, "mine production")).toBe(310000);
    expect(PRODUCTION("cobalt", "World total", 2025, "mine production: rounded")).toBe(310000);
  });

  test("any USGS statistic of the commodity can be asked for by name", () => {
    expect(PRODUCTION("cobalt", "China", 2025, "reserves")).toBe(160000);
  });

  const withRefinery = editedUsgs((rows, base) => {
    rows.push({
      ...base,
      detail: "Refinery production",
      year: "2025",
      value: 150000,
      raw: "150,000",
    });
  });

  test("several production statistics: mine production by default, each by name", () => {
    expect(PRODUCTION("cobalt", "China", 2025, undefined, undefined, withRefinery)).toBe(2000);
    expect(
      PRODUCTION("cobalt", "China", 2025, "refinery production", undefined, withRefinery)
    ).toBe(150000);
    expectError(
      PRODUCTION("cobalt", "China", 2025, "production", undefined, withRefinery),
      "invalidValue",
      "'production' matches several USGS statistics for cobalt; give one: Mine production, Refinery production."
    );
  });

  test("several production statistics and none of them mine or primary production: #VALUE!", () => {
    const twoOthers = editedUsgs((rows, base) => {
      for (const o of rows) if (o.commodity === "cobalt") o.commodity = "tungsten";
      rows.push({ ...base, commodity: "cobalt", detail: "Smelter production", value: 1, raw: "1" });
      rows.push({
        ...base,
        commodity: "cobalt",
        detail: "Refinery production",
        value: 2,
        raw: "2",
      });
    });
    expectError(
      PRODUCTION("cobalt", "China", 2024, undefined, undefined, twoOthers),
      "invalidValue",
      "'production' matches several USGS statistics for cobalt; give one: Smelter production, Refinery production."
    );
  });
});

describe("PRODUCTION and RESERVES: USGS codes", () => {
  test("W is #N/A with the USGS meaning", () => {
    expectError(
      PRODUCTION("lithium", "United States", 2024),
      "notAvailable",
      "Lithium mine production, United States, 2024: withheld to avoid disclosing company proprietary data (USGS code W)."
    );
  });

  test("NA is #N/A with the USGS meaning", () => {
    expectError(
      RESERVES("rare earths", "Burma"),
      "notAvailable",
      "Rare earths reserves, Burma, 2025: not available (USGS code NA)."
    );
    expectError(RESERVES("rare earths", "Myanmar"), "notAvailable", /Burma, 2025: not available/);
  });

  test("a W or NA figure still has its citation, saying why there is no number", () => {
    expect(PRODUCTION("lithium", "US", 2024, "", "qualifier")).toBe(
      "W (withheld to avoid disclosing company proprietary data)"
    );
    expect(PRODUCTION("lithium", "US", 2024, "", "citation")).toBe(
      `${USGS_LINE}, W (withheld to avoid disclosing company proprietary data)`
    );
    expect(RESERVES("rare earths", "Burma", 2025, "qualifier")).toBe("NA (not available)");
  });

  test("— is 0, and says so in its qualifier", () => {
    expect(PRODUCTION("gallium", "United States", 2024)).toBe(0);
    expect(Object.is(PRODUCTION("antimony", "US", 2024), 0)).toBe(true);
    expect(PRODUCTION("gallium", "US", 2024, undefined, "qualifier")).toBe("— (zero)");
    expect(PRODUCTION("lithium", "Other countries", 2025)).toBe(0);
  });

  test("a bound returns its number; the qualifier says it is a bound", () => {
    expect(RESERVES("rare earths", "World")).toBe(85000000);
    expect(RESERVES("rare earths", "World", null, "qualifier")).toBe("> (more than); rounded");
    expect(RESERVES("rare earths", "World total", 2025, "qualifier")).toBe(
      "> (more than); rounded"
    );
    expect(RESERVES("rare earths", "World", undefined, "citation")).toBe(
      `${USGS_LINE}, > (more than); rounded`
    );
  });

  const coded = editedUsgs((rows, base) => {
    rows.push(
      {
        ...base,
        country: "Cuba",
        country_code: "CU",
        year: "2026",
        value: null,
        qualifier: "E",
        raw: "E",
        notes: null,
      },
      {
        ...base,
        country: "Canada",
        country_code: "CA",
        year: "2026",
        value: null,
        qualifier: "XX",
        raw: "XX",
        notes: null,
      },
      {
        ...base,
        country: "Chile",
        country_code: "CL",
        year: "2026",
        value: null,
        qualifier: "Q",
        raw: "Q",
        notes: null,
      },
      {
        ...base,
        country: "China",
        year: "2026",
        value: null,
        qualifier: null,
        raw: "",
        notes: null,
      },
      {
        ...base,
        country: "Australia",
        country_code: "AU",
        year: "2026",
        value: 100000,
        qualifier: "<",
        raw: "<100,000",
        notes: null,
      },
      {
        ...base,
        country: "Russia",
        country_code: "RU",
        year: "2026",
        value: 5,
        qualifier: ">=",
        raw: ">=5",
        notes: "Estimated.",
      },
      {
        ...base,
        country: "Turkey",
        country_code: "TR",
        year: "2026",
        value: 6,
        qualifier: "<=",
        raw: "<=6",
        notes: null,
      }
    );
  });

  test.each([
    ["Cuba", "Cobalt mine production, Cuba, 2026: net exporter (USGS code E).", "E (net exporter)"],
    [
      "Canada",
      "Cobalt mine production, Canada, 2026: not applicable (USGS code XX).",
      "XX (not applicable)",
    ],
    ["Chile", "Cobalt mine production, Chile, 2026: no number given (USGS code Q).", "Q"],
    ["China", "Cobalt mine production, China, 2026: no figure given in the USGS release.", ""],
  ])("other codes: %p", (country, message, qualifier) => {
    expectError(
      PRODUCTION("cobalt", country, 2026, undefined, undefined, coded),
      "notAvailable",
      message
    );
    expect(PRODUCTION("cobalt", country, 2026, undefined, "qualifier", coded)).toBe(qualifier);
  });

  test.each([
    ["Australia", 100000, "< (less than)"],
    ["Russia", 5, ">= (at least); estimated"],
    ["Turkey", 6, "<= (at most)"],
  ])("other bounds: %p", (country, value, qualifier) => {
    expect(PRODUCTION("cobalt", country, 2026, undefined, undefined, coded)).toBe(value);
    expect(PRODUCTION("cobalt", country, 2026, undefined, "qualifier", coded)).toBe(qualifier);
  });
});

describe("PRODUCTION and RESERVES: citations", () => {
  test("the note is USGS's note; 'estimated' and 'rounded' qualify the figure", () => {
    expect(PRODUCTION("rare earths", "China", 2024, undefined, "note")).toBe(
      "Estimated. -- Production quota; does not include undocumented production."
    );
    expect(PRODUCTION("rare earths", "China", 2024, undefined, "qualifier")).toBe("estimated");
    expect(PRODUCTION("rare earths", "China", 2024, undefined, "citation")).toBe(
      `${USGS_LINE}, estimated`
    );
    expect(PRODUCTION("cobalt", "World", 2024, undefined, "qualifier")).toBe("rounded; estimated");
    expect(PRODUCTION("gallium", "China", 2025, "capacity", "qualifier")).toBe("estimated");
    expect(PRODUCTION("gallium", "China", 2024, undefined, "qualifier")).toBe("");
    expect(PRODUCTION("gallium", "China", 2024, undefined, "note")).toBe(
      "Source: Asian Metal Ltd."
    );
    expect(PRODUCTION("lithium", "Chile", 2024, undefined, "qualifier")).toBe("");
    expect(PRODUCTION("antimony", "Australia", 2024, undefined, "note")).toBe("");
  });

  test.each([
    ["publisher", "U.S. Geological Survey"],
    ["title", "Mineral Commodity Summaries 2026 data release"],
    ["date", "2026"],
    ["url", "https://www.sciencebase.gov/catalog/item/696a75d5d4be0228872d3bf8"],
    ["source_id", "usgs-mcs2026"],
    ["value", 6000000],
    ["", 6000000],
  ])("RESERVES field %p", (field, expected) => {
    expect(RESERVES("cobalt", "Congo (Kinshasa)", 2025, field)).toBe(expected);
  });

  test("a figure whose source the dataset does not list: the value, but #N/A for its citation", () => {
    const lost = editedUsgs((rows) => {
      for (const o of rows) o.source_id = "lost";
    });
    expect(PRODUCTION("cobalt", "China", 2024, undefined, undefined, lost)).toBe(2000);
    expectError(
      PRODUCTION("cobalt", "China", 2024, undefined, "note", lost),
      "notAvailable",
      "The source 'lost' of this figure is not in the dataset's sources."
    );
  });
});

describe("RESERVES", () => {
  test("the default year is the latest with reserves for the commodity", () => {
    expect(RESERVES("cobalt", "Congo (Kinshasa)")).toBe(6000000);
    expect(RESERVES("lithium", "Chile")).toBe(9200000);
    expect(RESERVES("rare earths", "China", "")).toBe(44000000);
    const later = editedUsgs((rows, base) => {
      rows.push({
        ...base,
        statistic: "Reserves",
        detail: "Reserves",
        year: "2026",
        value: 170000,
        raw: "170,000",
      });
    });
    expect(RESERVES("cobalt", "China", undefined, undefined, later)).toBe(170000);
    expect(RESERVES("cobalt", "China", 2025, undefined, later)).toBe(160000);
    expectError(
      RESERVES("cobalt", "Cuba", undefined, undefined, later),
      "notAvailable",
      "No USGS reserves figure for cobalt in Cuba in 2026; years: 2025."
    );
  });

  test("a year without reserves lists the years", () => {
    expectError(
      RESERVES("rare earths", "China", 2024),
      "notAvailable",
      "No USGS reserves figure for rare earths in China in 2024; years: 2025."
    );
  });

  test("a commodity without reserves names those that have them", () => {
    expectError(
      RESERVES("gallium", "China"),
      "notAvailable",
      "No USGS reserves figures for gallium; USGS reserves exist for: cobalt, lithium, rare earths."
    );
    expectError(
      RESERVES("magnets", "China"),
      "notAvailable",
      "No USGS reserves figures for magnets; USGS reserves exist for: cobalt, lithium, rare earths."
    );
  });

  test.each([
    [["cobalt", "China", "soon"], "Cannot read 'soon' as a year; use a year such as 2026."],
    [["cobalt", "China", 2025.5], "Cannot read 2025.5 as a year; use a year such as 2026."],
    [["cobalt", "Atlantis"], /^Unknown country 'Atlantis'\./],
    [["cobalt", ""], "A country is required."],
    [["cobolt", "China"], "Unknown commodity 'cobolt'. Did you mean 'cobalt'?"],
    [["cobalt", "China", 2025, "bogus"], /^Unknown field 'bogus'; use one of value, citation/],
  ])("RESERVES%j is #VALUE!", (args, message) => {
    expectError(
      RESERVES(...(args as [unknown, unknown, unknown?, unknown?])),
      "invalidValue",
      message
    );
  });
});

describe("PRODUCTION: errors", () => {
  test("a year without figures lists the country's years", () => {
    expectError(
      PRODUCTION("lithium", "Chile", 2023),
      "notAvailable",
      "No USGS mine production figure for lithium in Chile in 2023; years: 2024, 2025."
    );
    expectError(
      PRODUCTION("gallium", "China", 2024, "capacity"),
      "notAvailable",
      "No USGS production capacity figure for gallium in China in 2024; years: 2025."
    );
  });

  test("a country USGS does not list names the countries it lists", () => {
    expectError(
      PRODUCTION("gallium", "France", 2024),
      "notAvailable",
      "No USGS primary production figure for gallium in France; countries: United States, China, Japan, Russia, Other countries, World total."
    );
    expectError(
      PRODUCTION("gallium", "DRC", 2024),
      "notAvailable",
      /^No USGS primary production figure for gallium in Congo \(Kinshasa\); countries: /
    );
  });

  test("a commodity with no USGS figures names those that have them", () => {
    expectError(
      PRODUCTION("copper", "Chile", 2024),
      "notAvailable",
      "No USGS figures for copper; USGS figures exist for: cobalt, gallium, lithium, rare earths, antimony."
    );
  });

  test("a statistic USGS does not give lists the commodity's statistics", () => {
    expectError(
      PRODUCTION("cobalt", "China", 2024, "refinery production"),
      "notAvailable",
      "No USGS 'refinery production' figures for cobalt; statistics: Mine production, Reserves."
    );
    const reservesOnly = editedUsgs((rows) => {
      for (let i = rows.length - 1; i >= 0; i--)
        if (rows[i].commodity === "cobalt" && rows[i].statistic === "Production") rows.splice(i, 1);
    });
    expectError(
      PRODUCTION("cobalt", "China", 2024, undefined, undefined, reservesOnly),
      "notAvailable",
      "No USGS production figures for cobalt; statistics: Reserves."
    );
  });

  test.each([
    [["magnium", "China", 2024], "Unknown commodity 'magnium'. Did you mean 'magnets'?"],
    [["", "China", 2024], "A commodity is required."],
    [["cobalt", null, 2024], "A country is required."],
    [
      ["cobalt", "Congo", 2024],
      /^'Congo' is ambiguous: it could be Congo \(Kinshasa\) or Congo \(Brazzaville\)\.$/,
    ],
    [["cobalt", "Chna", 2024], /^Unknown country 'Chna'\. Did you mean /],
    [["cobalt", true, 2024], "Cannot read TRUE as a country."],
    [["cobalt", "China", null], "A year is required, such as 2026."],
    [
      ["cobalt", "China", "last year"],
      "Cannot read 'last year' as a year; use a year such as 2026.",
    ],
    [["cobalt", "China", [[2024]]], "Cannot read a range as a year; use a year such as 2026."],
    [
      ["cobalt", "China", 2024, 3],
      'Cannot read 3 as a USGS statistic; use a name such as "mine production" or "capacity".',
    ],
    [["cobalt", "China", 2024, undefined, "bogus"], /^Unknown field 'bogus'; use one of value, /],
    [["cobalt", "China", 2024, undefined, 7], /^Cannot read 7 as a field; use one of value, /],
  ])("PRODUCTION%j is #VALUE!", (args, message) => {
    expectError(
      PRODUCTION(...(args as [unknown, unknown, unknown, unknown?, unknown?])),
      "invalidValue",
      message
    );
  });

  test("#VALUE! comes before #N/A", () => {
    expectError(
      PRODUCTION("copper", "China", 2024, undefined, "bogus"),
      "invalidValue",
      /Unknown field/
    );
    expectError(PRODUCTION("copper", "Atlantis", 2024), "invalidValue", /Unknown country/);
  });
});

describe("USGS country spellings that match no known country", () => {
  const unknownSpelling = editedUsgs((rows, base) => {
    rows.push({
      ...base,
      country: "Korea, North",
      country_code: null,
      year: "2024",
      value: 10,
      raw: "10",
    });
    rows.push({
      ...base,
      country: "Korea, North",
      country_code: null,
      year: "2025_estimated",
      value: 11,
      raw: "11",
    });
    rows.push({
      ...base,
      country: "Nowhere",
      country_code: null,
      year: "n.d.",
      value: 12,
      raw: "12",
    });
  });

  test("match the USGS spelling exactly, case-insensitively", () => {
    expect(PRODUCTION("cobalt", "Korea, North", 2024, undefined, undefined, unknownSpelling)).toBe(
      10
    );
    expect(
      PRODUCTION("cobalt", " korea, north ", 2024, undefined, undefined, unknownSpelling)
    ).toBe(10);
  });

  test("a year cell such as '2025_estimated' is its year; a row without a year is not served", () => {
    expect(PRODUCTION("cobalt", "Korea, North", 2025, undefined, undefined, unknownSpelling)).toBe(
      11
    );
    expectError(
      PRODUCTION("cobalt", "Nowhere", 2025, undefined, undefined, unknownSpelling),
      "invalidValue",
      /^Unknown country 'Nowhere'\./
    );
  });

  test("a spelling USGS does not use is the country resolver's #VALUE!", () => {
    expectError(
      PRODUCTION("cobalt", "Korea North", 2024, undefined, undefined, unknownSpelling),
      "invalidValue",
      /^Unknown country 'Korea North'/
    );
  });
});

test("the index is built once per dataset and answers repeated lookups the same way", () => {
  const first = findProduction(data, { commodity: "cobalt", country: "CD", year: 2024 });
  const again = findProduction(data, { commodity: "cobalt", country: "CD", year: 2024 });
  expect(first).toEqual(again);
  expect(PRODUCTION("cobalt", "CD", 2024, undefined, undefined, realIndexed())).toBe(226000);
});

test("PRODUCTION and RESERVES never throw and never give NaN or Infinity", () => {
  const argument = fc.oneof(
    fc.constantFrom("cobalt", "gallium", "China", "World", "capacity", "qualifier", "W", ""),
    fc.string(),
    fc.double(),
    fc.integer({ min: -1e6, max: 3e6 }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(fc.array(fc.integer(), { maxLength: 2 }), { maxLength: 2 })
  );
  const check = (result: unknown) => {
    if (result instanceof QueryError) expect(result.message.length).toBeGreaterThan(0);
    else if (typeof result === "number") expect(Number.isFinite(result)).toBe(true);
    else expect(typeof result).toBe("string");
  };
  fc.assert(
    fc.property(argument, argument, argument, argument, argument, (a, b, c, d, e) => {
      check(PRODUCTION(a, b, c, d, e));
      check(RESERVES(a, b, c, d));
    }),
    { numRuns: 500 }
  );
});
