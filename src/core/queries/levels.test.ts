import fc from "fast-check";
import {
  CHANGE,
  data,
  modified,
  row,
  SERIES,
  SHARE,
  TOP,
} from "../../../test/support/trade-formulas";
import { CellMatrix } from "../runtime/live";
import { QueryError } from "./query-error";
import { expectError } from "../../../test/support/expect-error";

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
