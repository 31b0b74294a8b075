import { data, HINT, modified, row, SHARE, TS2 } from "../../../test/support/trade-formulas";
import { QueryError } from "./query-error";
import { findShare } from "./share";
import { expectError } from "../../../test/support/expect-error";

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
