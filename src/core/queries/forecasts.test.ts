import { csvRows, realIndexed } from "../../../test/support/real-dataset";
import { findCitedForecast, findForecast, forecastResult, forecastValue } from "./forecasts";
import { QueryError } from "./query-error";
import { indexDataset } from "../dataset/indexed";
import { realDataset } from "../../../test/support/real-dataset";
import { expectError } from "../../../test/support/expect-error";

const data = realIndexed();
const FORECAST = (commodity: unknown, year: unknown, variable?: unknown, forecaster?: unknown) =>
  forecastValue(data, { commodity, year, variable, forecaster });

describe("FORECAST: every published forecast comes back with its source", () => {
  const rows = csvRows("news/forecasts.csv");
  test.each(rows.map((r) => [`${r.commodity} ${r.variable} ${r.year} (${r.forecaster})`, r]))(
    "%s",
    (_, row) => {
      const forecast = findForecast(data, {
        commodity: row.commodity,
        year: Number(row.year),
        variable: row.variable,
        forecaster: row.forecaster,
      });
      expect(forecast).not.toBeInstanceOf(QueryError);
      if (forecast instanceof QueryError) return;
      const expected = /^-?\d+(\.\d+)?$/.test(row.value) ? Number(row.value) : row.value;
      expect(forecast.value).toBe(expected);
      expect(forecast.source_id).toBe(row.source_id);
      expect(forecast.forecaster).toBe(row.forecaster);
    }
  );
});

describe("FORECAST: defaults", () => {
  test("the price is the default variable", () => {
    expect(FORECAST("lithium", 2026)).toBe(17000);
    expect(FORECAST("copper", 2026)).toBe(11400);
    const chosen = findForecast(data, { commodity: "lithium", year: 2026 });
    expect((chosen as { forecaster: string }).forecaster).toBe("Bernstein");
  });

  test("the only variable forecast is the default when there is no price", () => {
    expect(FORECAST("nickel", 2026)).toBe("oversupplied");
    expect(FORECAST("heavy rare earths", 2030)).toBe(91);
    expect(FORECAST("critical minerals refining", 2032)).toBe(25.39);
  });

  test("variables match by name or by the part before ':'", () => {
    expect(FORECAST("lithium", 2026, "market balance")).toBe("oversupplied");
    expect(FORECAST("lithium", 2026, "Market Balance")).toBe("oversupplied");
    expect(FORECAST("lithium", 2026, "price")).toBe(17000);
    expect(FORECAST("lithium", 2026, "price: lithium carbonate")).toBe(17000);
  });

  test("a forecaster narrows the choice, case-insensitively", () => {
    expect(FORECAST("lithium", 2026, undefined, "fitch ratings")).toBe("oversupplied");
    expect(FORECAST("lithium", 2026, "price", "BERNSTEIN")).toBe(17000);
  });

  test.each([[2026], ["2026"], [" 2026 "], [46023]])("year %p", (year) => {
    // 46023 is the serial of 2026-01-01: a date cell means its year.
    expect(FORECAST("lithium", year)).toBe(17000);
  });

  test("several forecasters: the most recently published wins", () => {
    const dataset = realDataset();
    const base = dataset.forecasts.find((f) => f.commodity === "copper")!;
    dataset.forecasts.push({
      ...base,
      forecaster: "Later Bank",
      published: "2026-01-15",
      value: 12000,
    });
    dataset.forecasts.push({
      ...base,
      forecaster: "Earlier Bank",
      published: "2025-06",
      value: 9000,
    });
    const withMore = indexDataset(dataset);
    expect(forecastValue(withMore, { commodity: "copper", year: 2026 })).toBe(12000);
    expect(
      forecastValue(withMore, { commodity: "copper", year: 2026, forecaster: "Earlier Bank" })
    ).toBe(9000);
  });
});

describe("FORECAST: errors", () => {
  test("a year without forecasts names the years that have them", () => {
    expectError(
      FORECAST("lithium", 2031),
      "notAvailable",
      "No forecast for lithium in 2031; years with forecasts: 2026."
    );
  });
  test("a commodity without forecasts names those that have them", () => {
    expectError(
      FORECAST("gallium", 2026),
      "notAvailable",
      /No forecasts for gallium; forecasts exist for: lithium, copper/
    );
  });
  test("an unknown variable lists the variables", () => {
    expectError(
      FORECAST("lithium", 2026, "demand"),
      "notAvailable",
      /No 'demand' forecast for lithium in 2026; variables: price: lithium carbonate; market balance/
    );
  });
  test("an unknown forecaster lists the forecasters", () => {
    expectError(
      FORECAST("lithium", 2026, "price", "Acme"),
      "notAvailable",
      /forecasters: Bernstein/
    );
  });
  test("an ambiguous default asks for a variable", () => {
    const dataset = realDataset();
    const base = dataset.forecasts.find((f) => f.commodity === "nickel")!;
    dataset.forecasts.push({ ...base, variable: "demand growth", value: 5, unit: "%" });
    const result = forecastValue(indexDataset(dataset), { commodity: "nickel", year: 2026 });
    expectError(
      result,
      "invalidValue",
      /Several forecasts for nickel in 2026; give a variable: market balance; demand growth/
    );
  });
  test.each([
    [["lithium", 2026.5], /Cannot read 2026.5 as a year/],
    [["lithium", "next year"], /Cannot read 'next year' as a year/],
    [["lithium", null], /A year is required/],
    [["lithium", true], /Cannot read TRUE as a year/],
    [["lithum", 2026], /Unknown commodity 'lithum'. Did you mean 'lithium'\?/],
    [["lithium", 2026, 7], /Cannot read 7 as a forecast variable/],
    [["lithium", 2026, undefined, false], /Cannot read FALSE as a forecaster/],
  ])("FORECAST%j is #VALUE!", (args, message) => {
    expectError(
      FORECAST(...(args as [unknown, unknown, unknown?, unknown?])),
      "invalidValue",
      message
    );
  });
});

describe("FORECAST: the field argument reaches the forecast's citation", () => {
  const FORECAST_FIELD = (
    commodity: unknown,
    year: unknown,
    variable?: unknown,
    forecaster?: unknown,
    field?: unknown
  ) => forecastResult(data, { commodity, year, variable, forecaster, field });
  const TS2_LINE =
    'ts2.tech, "Rare Metals Stocks: Rare Earth Magnet Exports Rebound, Gallium Deals Grow, and Lithium Signals Turn Sharper (Dec. 20, 2025)", 2025-12-20, Roundup citing China customs data via Business Recorder, and Reuters, Mining.com, Investing.com and TradingView reports';

  test.each(
    csvRows("news/forecasts.csv").map((r) => [`${r.commodity} ${r.variable} ${r.year}`, r])
  )("%s: value as FORECAST gives it, note and source as the row gives them", (_, row) => {
    const args = [row.commodity, Number(row.year), row.variable, row.forecaster] as const;
    expect(FORECAST_FIELD(...args)).toBe(FORECAST(...args));
    expect(FORECAST_FIELD(...args, "value")).toBe(FORECAST(...args));
    expect(FORECAST_FIELD(...args, "note")).toBe(row.note);
    expect(FORECAST_FIELD(...args, "source_id")).toBe(row.source_id);
    expect(FORECAST_FIELD(...args, "qualifier")).toBe(
      `forecast by ${row.forecaster}, published ${row.published}`
    );
  });

  test("the default figure and its citation", () => {
    expect(FORECAST_FIELD("lithium", 2026)).toBe(17000);
    expect(FORECAST_FIELD("lithium", 2026, undefined, undefined, "")).toBe(17000);
    expect(FORECAST_FIELD("lithium", 2026, null, null, "qualifier")).toBe(
      "forecast by Bernstein, published 2025-12"
    );
    expect(FORECAST_FIELD("lithium", 2026, undefined, undefined, "qualifier")).toBe(
      "forecast by Bernstein, published 2025-12"
    );
    expect(FORECAST_FIELD("lithium", 2026, undefined, undefined, "citation")).toBe(
      `${TS2_LINE}, forecast by Bernstein, published 2025-12`
    );
    expect(FORECAST_FIELD("lithium", 2026, undefined, undefined, "note")).toBe(
      "Raised 2026 forecast, citing tightening fundamentals; reported by Investing.com"
    );
    expect(FORECAST_FIELD("lithium", 2026, undefined, undefined, "publisher")).toBe("ts2.tech");
    expect(FORECAST_FIELD("lithium", 2026, undefined, undefined, "date")).toBe("2025-12-20");
    expect(FORECAST_FIELD("nickel", 2026, undefined, undefined, "value")).toBe("oversupplied");
    expect(
      FORECAST_FIELD("critical minerals refining", 2032, undefined, undefined, "publisher")
    ).toBe("AInvest");
  });

  test("a scenario other than the base case is named in the qualifier", () => {
    const dataset = realDataset();
    const base = dataset.forecasts.find((f) => f.commodity === "copper")!;
    dataset.forecasts.push({ ...base, forecaster: "Bear Bank", scenario: "bear", value: 9000 });
    const withBear = indexDataset(dataset);
    expect(
      forecastResult(withBear, {
        commodity: "copper",
        year: 2026,
        forecaster: "Bear Bank",
        field: "qualifier",
      })
    ).toBe("forecast by Bear Bank, published 2025-12, bear scenario");
  });

  test("errors: FORECAST's #VALUE!, then the field's, then FORECAST's #N/A", () => {
    expectError(
      FORECAST_FIELD("lithum", 2026, undefined, undefined, "bogus"),
      "invalidValue",
      "Unknown commodity 'lithum'. Did you mean 'lithium'?"
    );
    expectError(
      FORECAST_FIELD("lithium", 2031, undefined, undefined, "bogus"),
      "invalidValue",
      /^Unknown field 'bogus'; use one of value, citation, publisher, /
    );
    expectError(
      FORECAST_FIELD("lithium", 2031, undefined, undefined, "note"),
      "notAvailable",
      "No forecast for lithium in 2031; years with forecasts: 2026."
    );
    expectError(
      FORECAST_FIELD("lithium", 2026, undefined, undefined, 3),
      "invalidValue",
      /^Cannot read 3 as a field; use one of value, /
    );
  });

  test("a forecast whose source the dataset does not list: the value, but #N/A for its citation", () => {
    const dataset = realDataset();
    dataset.forecasts.find((f) => f.commodity === "copper")!.source_id = "lost";
    const lost = indexDataset(dataset);
    expect(forecastResult(lost, { commodity: "copper", year: 2026 })).toBe(11400);
    expectError(
      forecastResult(lost, { commodity: "copper", year: 2026, field: "date" }),
      "notAvailable",
      "The source 'lost' of this figure is not in the dataset's sources."
    );
    expect(findCitedForecast(lost, { commodity: "copper", year: 2026 })).toMatchObject({
      value: 11400,
    });
  });
});
