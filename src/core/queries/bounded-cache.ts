/**
 * The memo every argument reader uses (names, periods, units): bounded in entries and in bytes, so
 * that no run of distinct arguments, however long each is (a cell holds 32,767 characters), can
 * grow memory without limit. Past a bound the oldest entries are dropped first.
 */
export interface CacheLimits {
  entries: number;
  /** Keys and values as the text they hold (two bytes a UTF-16 code unit) plus a per-entry overhead. */
  bytes: number;
}

/** Roughly what a Map entry and its boxed value cost beyond the key's and value's own text. */
const ENTRY_OVERHEAD = 64;

export class BoundedCache<K extends string | number, V> {
  private readonly map = new Map<K, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    readonly limits: CacheLimits,
    /** The bytes a value holds beyond the entry overhead (its text); default: nothing more. */
    private readonly valueBytes: (value: V) => number = () => 0
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** The bytes the entries account for, never above `limits.bytes`. */
  get bytes(): number {
    return this.total;
  }

  keys(): IterableIterator<K> {
    return this.map.keys();
  }

  /** The value remembered for `key`, else `compute()`'s, remembered when it fits. */
  get(key: K, compute: () => V): V {
    const hit = this.map.get(key);
    if (hit !== undefined) return hit.value;
    const value = compute();
    const bytes =
      ENTRY_OVERHEAD + (typeof key === "string" ? key.length * 2 : 8) + this.valueBytes(value);
    // One entry may take at most an eighth of the budget: a huge argument is simply read again.
    if (bytes > this.limits.bytes / 8) return value;
    this.map.set(key, { value, bytes });
    this.total += bytes;
    for (const [oldest, entry] of this.map) {
      if (this.map.size <= this.limits.entries && this.total <= this.limits.bytes) break;
      this.map.delete(oldest);
      this.total -= entry.bytes;
    }
    return value;
  }
}
