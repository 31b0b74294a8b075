import { data, HINT, modified, row, SERIES, TOP } from "../../../test/support/trade-formulas";
import { CellMatrix } from "../runtime/live";
import { QueryError } from "./query-error";
import { findTop } from "./top";
import { expectError } from "../../../test/support/expect-error";

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
