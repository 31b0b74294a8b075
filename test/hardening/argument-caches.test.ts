/**
 * Defect 16 of issue 12: the argument caches (memoised names, periods, units) kept 10,000 entries of
 * any length: 313 MB after 10,000 distinct 32,767-character arguments. Every one is a BoundedCache,
 * bounded in bytes as well as entries, whatever arguments Excel sends.
 */
import { BoundedCache } from "../../src/core/queries/bounded-cache";
import { readPeriods } from "../../src/core/queries/period";
import { readUnits } from "../../src/core/queries/units";
import { store } from "../../src/runtime/live-store";
import { formulaResult } from "./helpers";

const CELL = 32_767;
const DISTINCT = 3_000;

/** The i-th distinct argument of a cell's full length (distinct at both ends: no shared prefix wins). */
function argument(i: number, filler: string): string {
  const tag = String(i).padStart(6, "0");
  return `${tag}${filler.repeat(CELL)}`.slice(0, CELL - tag.length) + tag;
}

/** Asserts a cache accounts for at least the text of its keys and stays within its bounds. */
function expectBounded(cache: BoundedCache<string | number, unknown>): void {
  let keyBytes = 0;
  for (const key of cache.keys()) keyBytes += typeof key === "string" ? key.length * 2 : 8;
  expect(cache.bytes).toBeGreaterThanOrEqual(keyBytes);
  expect(cache.bytes).toBeLessThanOrEqual(cache.limits.bytes);
  expect(cache.size).toBeLessThanOrEqual(cache.limits.entries);
  // Far below what keeping every argument would hold (1,000 × 64 KB per cache).
  expect(cache.limits.bytes).toBeLessThanOrEqual(8_000_000);
}

test(`${DISTINCT} distinct ${CELL}-character arguments to EXPORT leave every cache within its bounds`, () => {
  for (let i = 0; i < DISTINCT; i++) {
    // One slot at a time, so each call reaches the cache of that argument.
    const slot = i % 3;
    const args: unknown[] = ["magnets", "US", "2025-11", "t"];
    if (slot === 0) args[0] = argument(i, "magnets ");
    if (slot === 1) args[2] = argument(i, "Nov 2025 ");
    if (slot === 2) args[3] = argument(i, "tonnes ");
    const result = formulaResult("EXPORT", args);
    expect(result).toBeInstanceOf(CustomFunctions.Error);
  }
  const names = store.current.data.commodityNames;
  for (const cache of [readPeriods, readUnits, names.resolved, names.suggested])
    expectBounded(cache as BoundedCache<string | number, unknown>);
  // Ordinary arguments are still remembered.
  expect(formulaResult("EXPORT", ["magnets", "US", "2025-11"])).toBe(582);
  expect([...readPeriods.keys()]).toContain("2025-11");
}, 120_000);

describe("BoundedCache", () => {
  test("drops the oldest entries past its entry bound, and returns what it computed", () => {
    const cache = new BoundedCache<string, number>({ entries: 3, bytes: 1_000_000 });
    for (const [i, key] of ["a", "b", "c", "d"].entries()) expect(cache.get(key, () => i)).toBe(i);
    expect([...cache.keys()]).toEqual(["b", "c", "d"]);
    // A remembered value is not computed again.
    expect(cache.get("d", () => -1)).toBe(3);
  });

  test("drops the oldest entries past its byte bound, counting keys and values", () => {
    const cache = new BoundedCache<string, string>(
      { entries: 1_000, bytes: 10_000 },
      (v) => 2 * v.length
    );
    for (let i = 0; i < 100; i++) cache.get(`${i}`.padEnd(200, "k"), () => "v".repeat(100));
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.size).toBeLessThan(100);
    expect([...cache.keys()].at(-1)).toBe("99".padEnd(200, "k"));
  });

  test("does not keep one entry larger than an eighth of its budget", () => {
    const cache = new BoundedCache<string, number>({ entries: 10, bytes: 8_000 });
    expect(cache.get("x".repeat(1_000), () => 1)).toBe(1);
    expect(cache.size).toBe(0);
    expect(cache.get("x".repeat(100), () => 2)).toBe(2);
    expect(cache.size).toBe(1);
  });

  test("remembers undefined as an answer", () => {
    const cache = new BoundedCache<string, undefined>({ entries: 10, bytes: 8_000 });
    let computed = 0;
    cache.get("unknown", () => void computed++);
    cache.get("unknown", () => void computed++);
    expect(computed).toBe(1);
  });
});
