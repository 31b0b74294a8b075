import { Flow } from "./dataset";
import type { SeriesLayout } from "./series-index";

/**
 * The trade observations of a dataset as columns: the in-memory form every format loads into
 * (format 2's Arrow parts decode into it without copying rows; format 1's `exports` rows convert
 * into it) and the one the series index is built over. Row i of every column is one observation.
 * Kept as typed arrays so that a million observations cost a few bytes each, not an object each.
 */
export interface TradeColumns {
  readonly length: number;
  readonly commodity: DictionaryColumn;
  readonly reporter: DictionaryColumn;
  readonly partner: DictionaryColumn;
  readonly flow: DictionaryColumn<Flow>;
  /** `YYYY-MM` or `YYYY`. */
  readonly period: DictionaryColumn;
  /** NaN where the quantity is not reported (a validated dataset holds no other NaN). */
  readonly quantity: Float64Array;
  /** Index -1 where the quantity is not reported. */
  readonly unit: DictionaryColumn;
  /** US dollars; NaN where not reported. */
  readonly value: Float64Array;
  /** 1 where the publisher marks the quantity as estimated. */
  readonly estimated: Uint8Array;
  readonly source_id: DictionaryColumn;
  /** Index -1 where the row has no note. */
  readonly note: DictionaryColumn;
  /**
   * The series index's per-row part, when the dataset worker made it with the columns (so that the
   * thread that swaps the dataset in only builds the small rest); otherwise the index makes it.
   */
  readonly seriesLayout?: SeriesLayout;
}

/** A dictionary-encoded column: row i holds `dictionary[indices[i]]`, or null where the index is -1. */
export interface DictionaryColumn<T extends string = string> {
  readonly dictionary: readonly T[];
  readonly indices: Int32Array;
}

/**
 * A dictionary being built: each distinct value once, in order of first appearance. The one rule
 * every dictionary column is made by (from rows, from Arrow columns, when parts are joined).
 */
export class DictionaryInterner<T extends string = string> {
  private readonly positions = new Map<T, number>();
  readonly dictionary: T[] = [];

  /** The value's index in the dictionary, adding it if it is new. */
  intern(value: T): number {
    let at = this.positions.get(value);
    if (at === undefined) {
      at = this.dictionary.length;
      this.positions.set(value, at);
      this.dictionary.push(value);
    }
    return at;
  }
}
