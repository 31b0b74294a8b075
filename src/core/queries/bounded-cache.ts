/**
 * A memo bounded in entries and in bytes, for argument normalisation (names, periods, units): what a
 * workbook types repeats, so remembering it makes a lookup a map read, but anything can be typed, so
 * memory must stay bounded whatever arrives. A key costs its text (2 bytes a character) plus a
 * fixed overhead; a key too large for the budget on its own is not kept. When the next entry would
 * pass either bound the cache starts over: cheaper on every read than tracking recency, and a
 * workbook's working set is back after one recalculation.
 */
export class BoundedCache<K extends string | number, V> {
  private readonly map = new Map<K, V>();
  private bytes = 0;

  constructor(
    readonly maxEntries: number,
    readonly maxBytes: number,
    /** Bytes a value holds beyond the entry's fixed overhead (default: none, a shared or small value). */
    private readonly valueBytes: (value: V) => number = () => 0
  ) {}

  /**
   * The value remembered for `key`, or `compute(key)`'s, remembered when it fits. Pass one function
   * made once (not a new closure per call): this is on every formula's path.
   */
  get(key: K, compute: (key: K) => V): V {
    const map = this.map;
    const known = map.get(key);
    if (known !== undefined || map.has(key)) return known as V;
    const value = compute(key);
    const cost =
      ENTRY_BYTES + (typeof key === "string" ? 2 * key.length : 8) + this.valueBytes(value);
    if (cost > this.maxBytes) return value;
    if (map.size >= this.maxEntries || this.bytes + cost > this.maxBytes) this.clear();
    map.set(key, value);
    this.bytes += cost;
    return value;
  }

  get size(): number {
    return this.map.size;
  }

  /** Bytes the entries are counted as holding. */
  get byteSize(): number {
    return this.bytes;
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }
}

/** A Map entry's own cost in V8 (hash table slot, key and value pointers), rounded up. */
const ENTRY_BYTES = 64;

/** The bytes of a string held in a cached value. */
export function textBytes(text: string | undefined | null): number {
  return text ? 2 * text.length : 0;
}
