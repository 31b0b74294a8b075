import { BoundedCache } from "./bounded-cache";

describe("BoundedCache", () => {
  test("computes a key once and answers it from memory after", () => {
    const cache = new BoundedCache<string, number>(10, 10_000);
    let calls = 0;
    const compute = () => ++calls;
    expect(cache.get("a", compute)).toBe(1);
    expect(cache.get("a", compute)).toBe(1);
    expect(calls).toBe(1);
  });

  test("remembers undefined as an answer", () => {
    const cache = new BoundedCache<string, string | undefined>(10, 10_000);
    let calls = 0;
    cache.get("x", () => (calls++, undefined));
    cache.get("x", () => (calls++, undefined));
    expect(calls).toBe(1);
  });

  test("starts over past its number of entries", () => {
    const cache = new BoundedCache<number, number>(3, 1_000_000);
    for (let i = 0; i < 3; i++) cache.get(i, () => i);
    expect(cache.size).toBe(3);
    cache.get(3, () => 3);
    expect(cache.size).toBe(1);
  });

  test("starts over past its bytes, counting key text and value bytes", () => {
    const cache = new BoundedCache<string, string>(1_000, 1_000, (v) => 2 * v.length);
    cache.get("k".repeat(100), () => "v".repeat(100)); // 64 + 200 + 200
    expect(cache.byteSize).toBe(464);
    cache.get("j".repeat(100), () => "w".repeat(100));
    expect(cache.size).toBe(2);
    cache.get("i".repeat(100), () => "u".repeat(100));
    expect(cache.size).toBe(1);
    expect(cache.byteSize).toBeLessThanOrEqual(1_000);
  });

  test("a key larger than the whole budget is answered but not kept", () => {
    const cache = new BoundedCache<string, number>(1_000, 1_000);
    cache.get("small", () => 1);
    let calls = 0;
    const huge = "x".repeat(10_000);
    expect(cache.get(huge, () => ++calls)).toBe(1);
    expect(cache.get(huge, () => ++calls)).toBe(2);
    expect(cache.size).toBe(1);
  });
});
