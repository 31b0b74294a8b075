import { Flow } from "./dataset";
import { DictionaryColumn, TradeColumns } from "./trade-columns";
import { DatasetError } from "./dataset-error";

/** The measures a trade formula can read: quantity (in its unit) or value (US dollars). */
export type Measure = "quantity" | "value";

/**
 * One index per series — commodity, reporter, partner, flow — over TradeColumns: each series' rows
 * sorted by period, as a slice of two typed arrays (the row, the period as a number), so that a
 * lookup is four small name maps, one numeric map and a binary search, and no string is built per
 * observation. Memory: 8 bytes per observation plus a few dozen bytes per series; the periods of a
 * series as text are made only when a message or a table asks for them, and kept.
 *
 * Periods are numbered year × 13 + month (month 0 for an annual figure `YYYY`), which sorts as their
 * text does ("2025" before "2025-01").
 */
export class SeriesIndex {
  readonly columns: TradeColumns;
  private readonly commodities: Dimension;
  private readonly reporters: Dimension;
  private readonly partners: Dimension;
  private readonly flows: Dimension;
  /** Series s holds sorted positions start[s] … start[s + 1] - 1. */
  private readonly start: Int32Array;
  /** Sorted position → row of the columns. */
  private readonly rowAt: Int32Array;
  /** Sorted position → period number. */
  private readonly periodAt: Int32Array;
  /**
   * Per series s, side by side so that a lookup reads one cache line: [3s] its first position,
   * [3s + 1] its first period number, [3s + 2] its last; [3 × size] is the number of rows.
   */
  private readonly spans: Int32Array;
  /** Whether the rows already come sorted by series then period (rowAt[i] = i), as files usually do. */
  private readonly inOrder: boolean;
  /** Series → its key, ((commodity × R + reporter) × P + partner) × F + flow. */
  private readonly seriesKeys: Float64Array;
  private readonly seriesByKey = new Map<number, number>();
  /** (commodity, reporter, flow) → its series, one per partner. */
  private readonly groups = new Map<number, number[]>();
  private readonly reportedCache: Record<Measure, (Reported | undefined)[]>;
  private readonly groupPeriodTexts: Record<Measure, Map<number, readonly string[]>> = {
    quantity: new Map(),
    value: new Map(),
  };

  constructor(columns: TradeColumns) {
    this.columns = columns;
    // A layout made where the columns were decoded (the dataset worker) was checked there.
    const made = columns.seriesLayout;
    this.commodities = new Dimension(columns.commodity, "commodity", !made);
    this.reporters = new Dimension(columns.reporter, "reporter", !made);
    this.partners = new Dimension(columns.partner, "partner", !made);
    this.flows = new Dimension(columns.flow, "flow", !made);
    if (
      this.commodities.size * this.reporters.size * this.partners.size * this.flows.size >
      Number.MAX_SAFE_INTEGER
    )
      throw new DatasetError(["trade rows: too many distinct names to index"]);
    const layout = made ?? this.layOut(columns);
    if (made) made.seriesKeys.forEach((key, s) => this.seriesByKey.set(key, s));
    ({ start: this.start, rowAt: this.rowAt, periodAt: this.periodAt } = layout);
    const seriesKeys = (this.seriesKeys = layout.seriesKeys);
    this.inOrder = layout.inOrder;
    const n = columns.length;
    const seriesCount = seriesKeys.length;
    this.spans = new Int32Array(3 * seriesCount + 1);
    for (let s = 0; s < seriesCount; s++) {
      this.spans[3 * s] = this.start[s];
      this.spans[3 * s + 1] = this.periodAt[this.start[s]];
      this.spans[3 * s + 2] = this.periodAt[this.start[s + 1] - 1];
    }
    this.spans[3 * seriesCount] = n;
    const P = this.partners.size;
    const F = this.flows.size;
    for (let s = 0; s < seriesCount; s++) {
      const key = seriesKeys[s];
      const group = Math.floor(Math.floor(key / F) / P) * F + (key % F);
      const list = this.groups.get(group);
      if (list) list.push(s);
      else this.groups.set(group, [s]);
    }
    this.reportedCache = {
      quantity: new Array(seriesCount),
      value: new Array(seriesCount),
    };
  }

  /** The part of the index made per row: typed arrays, so a worker can make it and hand it over. */
  get layout(): SeriesLayout {
    const { start, rowAt, periodAt, seriesKeys, inOrder } = this;
    return { start, rowAt, periodAt, seriesKeys, inOrder };
  }

  /** Orders the rows by series, then period, checking each row's period and refusing a repeat. */
  private layOut(columns: TradeColumns): SeriesLayout {
    const n = columns.length;
    const periodNumbers = columns.period.dictionary.map(periodNumber);
    // Each row's series; rows usually come grouped by series, so the map is read once per run.
    const seriesOfRow = new Int32Array(n);
    const counts: number[] = [];
    const seriesKeys: number[] = [];
    let previousKey = -1;
    let previous = -1;
    for (let i = 0; i < n; i++) {
      const key = this.key(
        this.commodities.at(i),
        this.reporters.at(i),
        this.partners.at(i),
        this.flows.at(i)
      );
      let s = key === previousKey ? previous : this.seriesByKey.get(key);
      if (s === undefined) {
        s = counts.length;
        this.seriesByKey.set(key, s);
        counts.push(0);
        seriesKeys.push(key);
      }
      counts[s]++;
      seriesOfRow[i] = s;
      previousKey = key;
      previous = s;
      const p = columns.period.indices[i];
      if (p < 0 || p >= periodNumbers.length || periodNumbers[p] < 0)
        throw new DatasetError([
          `trade row ${i}, column 'period': ${p < 0 ? "missing" : `'${columns.period.dictionary[p]}' is not YYYY-MM or YYYY`}`,
        ]);
    }

    const seriesCount = counts.length;
    const start = new Int32Array(seriesCount + 1);
    for (let s = 0; s < seriesCount; s++) start[s + 1] = start[s] + counts[s];
    const next = start.slice(0, seriesCount);
    const rowAt = new Int32Array(n);
    const periodAt = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const at = next[seriesOfRow[i]]++;
      rowAt[at] = i;
      periodAt[at] = periodNumbers[columns.period.indices[i]];
    }
    for (let s = 0; s < seriesCount; s++) sortSlice(start, rowAt, periodAt, s);
    let inOrder = true;
    for (let i = 0; i < n && inOrder; i++) inOrder = rowAt[i] === i;
    return { start, rowAt, periodAt, seriesKeys: Float64Array.from(seriesKeys), inOrder };
  }

  private key(commodity: number, reporter: number, partner: number, flow: number): number {
    return (
      ((commodity * this.reporters.size + reporter) * this.partners.size + partner) *
        this.flows.size +
      flow
    );
  }

  /** The series of these ids, or -1 when nothing is reported for it. */
  series(commodity: string, reporter: string, partner: string, flow: Flow): number {
    const c = this.commodities.code(commodity);
    const r = this.reporters.code(reporter);
    const p = this.partners.code(partner);
    const f = this.flows.code(flow);
    if (c < 0 || r < 0 || p < 0 || f < 0) return -1;
    return this.seriesByKey.get(this.key(c, r, p, f)) ?? -1;
  }

  /** The row of a series in a period (a period number), or -1. */
  row(series: number, period: number): number {
    const spans = this.spans;
    const first = spans[3 * series + 1];
    const last = spans[3 * series + 2];
    if (period < first || period > last) return -1;
    // One row per period at most, so `period` sits within (period - first) positions of the
    // series' start and (last - period) of its end: for a monthly series with few gaps that window
    // is a few positions wide, one or two cache lines instead of a search over the whole series.
    const start = spans[3 * series];
    const end = spans[3 * series + 3] - 1;
    let lo = Math.max(start, end - (last - period));
    let hi = Math.min(end, start + (period - first));
    const at = this.periodAt;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = at[mid];
      if (p < period) lo = mid + 1;
      else if (p > period) hi = mid - 1;
      else return this.inOrder ? mid : this.rowAt[mid];
    }
    return -1;
  }

  /** A series' rows, oldest first. */
  rows(series: number): Int32Array {
    return this.rowAt.subarray(this.start[series], this.start[series + 1]);
  }

  /** A series' period numbers, in the order of rows(series). */
  periodNumbers(series: number): Int32Array {
    return this.periodAt.subarray(this.start[series], this.start[series + 1]);
  }

  /** Whether a series reports a measure in any period (read from the column, nothing kept). */
  reports(series: number, measure: Measure): boolean {
    const values = this.columns[measure];
    for (let i = this.start[series]; i < this.start[series + 1]; i++)
      if (!Number.isNaN(values[this.rowAt[i]])) return true;
    return false;
  }

  /** The periods (as text, oldest first) a series reports a measure in; empty when none. */
  periods(series: number, measure: Measure): readonly string[] {
    return this.reported(series, measure).texts;
  }

  /**
   * The rows of a series whose measure is reported, oldest first, with their period numbers and
   * texts; made when a series is first read as a whole (a table, a message) and kept.
   */
  reported(series: number, measure: Measure): Reported {
    const cache = this.reportedCache[measure];
    let found = cache[series];
    if (found === undefined) {
      const values = this.columns[measure];
      const from = this.start[series];
      const to = this.start[series + 1];
      let rows = this.rowAt.subarray(from, to);
      let numbers = this.periodAt.subarray(from, to);
      if (rows.some((row) => Number.isNaN(values[row]))) {
        const kept = rows.filter((row) => !Number.isNaN(values[row]));
        numbers = numbers.filter((_, i) => !Number.isNaN(values[rows[i]]));
        rows = kept;
      }
      // Typed readonly, not frozen: V8 copies a frozen array's slice slowly, and SERIES slices it.
      // The texts are shared: a dataset has a few hundred periods, not one string per figure.
      const texts: readonly string[] = Array.from(numbers, (n) => this.periodTextOf(n));
      cache[series] = found = { rows, numbers, texts };
    }
    return found;
  }

  private readonly periodTextsByNumber = new Map<number, string>();
  private periodTextOf(n: number): string {
    let text = this.periodTextsByNumber.get(n);
    if (text === undefined) this.periodTextsByNumber.set(n, (text = periodText(n)));
    return text;
  }

  /** The series of a commodity, reporter and flow: one per partner with any row; empty when none. */
  partnerSeries(commodity: string, reporter: string, flow: Flow): readonly number[] {
    const c = this.commodities.code(commodity);
    const r = this.reporters.code(reporter);
    const f = this.flows.code(flow);
    if (c < 0 || r < 0 || f < 0) return NO_SERIES;
    return this.groups.get((c * this.reporters.size + r) * this.flows.size + f) ?? NO_SERIES;
  }

  /** The partner of a series. */
  partner(series: number): string {
    return this.partners.names[
      Math.floor(this.seriesKeys[series] / this.flows.size) % this.partners.size
    ];
  }

  /** What a series is the series of. */
  ids(series: number): { commodity: string; reporter: string; partner: string; flow: Flow } {
    const key = this.seriesKeys[series];
    const withoutFlow = Math.floor(key / this.flows.size);
    const withoutPartner = Math.floor(withoutFlow / this.partners.size);
    return {
      commodity: this.commodities.names[Math.floor(withoutPartner / this.reporters.size)],
      reporter: this.reporters.names[withoutPartner % this.reporters.size],
      partner: this.partners.names[withoutFlow % this.partners.size],
      flow: this.flows.names[key % this.flows.size] as Flow,
    };
  }

  /** Every period any partner reports a measure in, for a commodity, reporter and flow; oldest first. */
  groupPeriods(
    commodity: string,
    reporter: string,
    flow: Flow,
    measure: Measure
  ): readonly string[] {
    const all = this.partnerSeries(commodity, reporter, flow);
    if (all.length === 0) return NO_PERIODS;
    const cache = this.groupPeriodTexts[measure];
    let texts = cache.get(all[0]);
    if (texts === undefined) {
      const set = new Set<string>();
      for (const s of all) for (const p of this.periods(s, measure)) set.add(p);
      texts = Object.freeze([...set].sort());
      cache.set(all[0], texts);
    }
    return texts;
  }

  /** Number of series. */
  get size(): number {
    return this.start.length - 1;
  }
}

/** A series' rows with a measure reported: row, period number and period text at each position. */
export interface Reported {
  readonly rows: Int32Array;
  readonly numbers: Int32Array;
  readonly texts: readonly string[];
}

const NO_SERIES: readonly number[] = Object.freeze([]);
const NO_PERIODS: readonly string[] = Object.freeze([]);

/** A dimension's distinct names, numbered; a dictionary may repeat a name, which keeps one number. */
/** Sorts one series' positions by period (already sorted in a well-ordered file) and refuses a repeat. */
function sortSlice(start: Int32Array, rowAt: Int32Array, periodAt: Int32Array, s: number): void {
  const from = start[s];
  const to = start[s + 1];
  let sorted = true;
  for (let i = from + 1; i < to && sorted; i++)
    sorted = periodAt[i - 1] < periodAt[i] || periodAt[i - 1] === periodAt[i];
  if (!sorted) {
    // period × 2^32 + row sorts by period, then row; both fit well within 2^53.
    const packed = new Float64Array(to - from);
    for (let i = from; i < to; i++) packed[i - from] = periodAt[i] * 2 ** 32 + rowAt[i];
    packed.sort();
    for (let i = from; i < to; i++) {
      periodAt[i] = Math.floor(packed[i - from] / 2 ** 32);
      rowAt[i] = packed[i - from] % 2 ** 32;
    }
  }
  for (let i = from + 1; i < to; i++) {
    if (periodAt[i - 1] === periodAt[i]) {
      const [a, b] = [rowAt[i - 1], rowAt[i]].sort((x, y) => x - y);
      throw new DatasetError([
        `trade rows ${a} and ${b}: two figures for the same series and period (${periodText(periodAt[i])})`,
      ]);
    }
  }
}

/**
 * The per-row part of a SeriesIndex (SeriesIndex.layout): rows in series then period order. Made by
 * the dataset worker, which checked every row, and carried with the columns it was made from.
 */
export interface SeriesLayout {
  /** Series s holds sorted positions start[s] … start[s + 1] - 1. */
  readonly start: Int32Array;
  /** Sorted position → row of the columns. */
  readonly rowAt: Int32Array;
  /** Sorted position → period number. */
  readonly periodAt: Int32Array;
  /** Series → its key, ((commodity × R + reporter) × P + partner) × F + flow. */
  readonly seriesKeys: Float64Array;
  /** Whether rowAt[i] = i (rows came sorted by series then period). */
  readonly inOrder: boolean;
}

class Dimension {
  readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  /** dictionary index → number */
  private readonly byIndex: Int32Array;
  private readonly indices: Int32Array;

  constructor(column: DictionaryColumn, what: string, checkRows = true) {
    this.indices = column.indices;
    this.byIndex = new Int32Array(column.dictionary.length);
    column.dictionary.forEach((name, i) => {
      let n = this.numbers.get(name);
      if (n === undefined) {
        n = this.names.length;
        this.names.push(name);
        this.numbers.set(name, n);
      }
      this.byIndex[i] = n;
    });
    for (let i = 0; checkRows && i < this.indices.length; i++) {
      const index = this.indices[i];
      if (index < 0 || index >= this.byIndex.length)
        throw new DatasetError([
          `trade row ${i}, column '${what}': ${index < 0 ? "missing" : `dictionary index ${index} out of range`}`,
        ]);
    }
  }

  get size(): number {
    return Math.max(1, this.names.length);
  }

  /** The number of row i's name. */
  at(row: number): number {
    return this.byIndex[this.indices[row]];
  }

  /** The last name asked for and its number: a workbook asks for the same reporter and flow
   * over and over, and comparing a string is cheaper than hashing it into the map. */
  private lastName: string | undefined;
  private lastCode = -1;

  /** The number of a name, or -1. */
  code(name: string): number {
    if (name === this.lastName) return this.lastCode;
    const code = this.numbers.get(name) ?? -1;
    this.lastName = name;
    this.lastCode = code;
    return code;
  }
}

/** `YYYY-MM` → year × 13 + month, `YYYY` → year × 13; -1 for any other text. */
export function periodNumber(text: string): number {
  if (text.length !== 4 && text.length !== 7) return -1;
  let year = 0;
  for (let i = 0; i < 4; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    year = year * 10 + d;
  }
  if (text.length === 4) return year * 13;
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const month = m1 * 10 + m2;
  if (text.charCodeAt(4) !== 45 || m1 < 0 || m1 > 1 || m2 < 0 || m2 > 9 || month < 1 || month > 12)
    return -1;
  return year * 13 + month;
}

/** The text of a period number. */
export function periodText(n: number): string {
  const year = Math.floor(n / 13);
  const month = n % 13;
  return month === 0 ? String(year) : `${year}-${month < 10 ? "0" : ""}${month}`;
}
