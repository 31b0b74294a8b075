import {
  countryName,
  isMissing,
  parsePeriodArgument,
  resolveCommodity,
  resolveCountry,
  resolveUnit,
} from "./arguments";
import { TradeObservation } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { periodNumber } from "../dataset/series-index";
import { tradeRow } from "../dataset/trade-rows";
import {
  exportQuantities,
  nothingReported,
  partnerLabels,
  partnersWithFigures,
  periodList,
  reportedPeriods,
  route,
  SeriesRef,
  unitTable,
} from "./levels";
import { CellMatrix } from "../runtime/live";
import { describe } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { quantityIn } from "./quantity";
import { Unit } from "./units";

/**
 * SERIES(commodity, partner, [start], [end], [headers], [unit]): China's reported export levels of
 * one route as a table, oldest first. Unreported months are absent, never 0. The levels, messages
 * and route names are the trade-level engine's (levels.ts), shared with EXPORT, CHANGE, SHARE, TOP.
 */

export interface SeriesArguments {
  commodity: unknown;
  partner: unknown;
  start?: unknown;
  end?: unknown;
  headers?: unknown;
  unit?: unknown;
}

export type SeriesHeaders = 0 | 1 | 2;

/** The reported months of a SERIES, oldest first, with the rows they come from. */
export class SeriesFigure {
  constructor(
    private readonly data: IndexedDataset,
    readonly commodity: string,
    readonly reporter: string,
    readonly partner: string,
    readonly headers: SeriesHeaders,
    /** The unit of `values`: the requested unit's symbol, or the first row's reported unit. */
    readonly unit: string,
    /** Each reported month in range, oldest first. */
    readonly periods: readonly string[],
    /** Each month's quantity in `unit` (#NUM! where it cannot be expressed there). */
    readonly values: (number | QueryError)[],
    /** The rows of the dataset's trade columns, one per month. */
    readonly rowIds: Int32Array
  ) {}

  /** The source rows, one per reported month in range, oldest first. */
  get rows(): TradeObservation[] {
    return Array.from(this.rowIds, (r) => tradeRow(this.data.trade, r));
  }
}

function parseHeaders(value: unknown): SeriesHeaders | QueryError {
  if (isMissing(value)) return 1;
  const n = typeof value === "string" && /^\s*[012]\s*$/.test(value) ? Number(value) : value;
  if (n === 0 || n === 1 || n === 2) return n;
  return invalid(
    `Cannot read ${describe(value)} as headers; use 0 (no headers), 1 (a header row) or 2 (an identifier row and a header row).`
  );
}

/** SERIES with the rows behind it. */
export function findSeries(data: IndexedDataset, args: SeriesArguments): SeriesFigure | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const partner = resolveCountry(data, args.partner, "partner");
  if (isQueryError(partner)) return partner;
  const ref = exportQuantities(commodity, partner);
  const latest = { months: reportedPeriods(data, ref), subject: route(ref) };
  const start = isMissing(args.start)
    ? undefined
    : parsePeriodArgument(args.start, latest, "start");
  if (isQueryError(start)) return start;
  const end = isMissing(args.end) ? undefined : parsePeriodArgument(args.end, latest, "end");
  if (isQueryError(end)) return end;
  const headers = parseHeaders(args.headers);
  if (isQueryError(headers)) return headers;
  const requestedUnit = resolveUnit(args.unit);
  if (isQueryError(requestedUnit)) return requestedUnit;

  // A span as start means its first month; as end, its last month.
  const from = start?.months[0];
  const to = end?.months[end.months.length - 1];
  if (from !== undefined && to !== undefined && from > to)
    return invalid(`The start (${from}) is after the end (${to}).`);

  return seriesFigure(data, ref, headers, requestedUnit, from, to);
}

function seriesFigure(
  data: IndexedDataset,
  ref: SeriesRef,
  headers: SeriesHeaders,
  requestedUnit: Unit | undefined,
  from: string | undefined,
  to: string | undefined
): SeriesFigure | QueryError {
  const index = data.series;
  const series = index.series(ref.commodity, ref.reporter, ref.partner, ref.flow);
  const reported = series < 0 ? undefined : index.reported(series, ref.measure);
  if (reported === undefined || reported.texts.length === 0) {
    const partners = partnersWithFigures(data, ref);
    return notAvailable(
      partners.length > 0
        ? `No reported figures for ${route(ref)}; partners with figures: ${partnerLabels(partners)}.`
        : nothingReported(ref)
    );
  }
  // The months in range: a slice of the series' reported months, found by binary search.
  const a = from === undefined ? 0 : firstAtOrAfter(reported.numbers, periodNumber(from));
  const b =
    to === undefined
      ? reported.numbers.length
      : firstAtOrAfter(reported.numbers, periodNumber(to) + 1);
  const { trade } = data;
  const measures = trade[ref.measure];
  const rowIds = reported.rows.subarray(a, Math.max(a, b));
  const periods = reported.texts.slice(a, Math.max(a, b));
  if (rowIds.length === 0) {
    const range = [from && `from ${from}`, to && `to ${to}`].filter(Boolean).join(" ");
    return notAvailable(
      `No reported figures for ${route(ref)} ${range}; reported months: ${periodList(reported.texts)}.`
    );
  }
  // One column, one unit: rows reported in another unit are converted into the first row's.
  const units = unitTable(trade);
  const unitOf = trade.unit.indices;
  const unit = requestedUnit ?? units[unitOf[rowIds[0]]];
  const values: (number | QueryError)[] = new Array(rowIds.length);
  for (let i = 0; i < rowIds.length; i++) {
    const row = rowIds[i];
    values[i] = quantityIn(
      measures[row],
      units[unitOf[row]],
      trade.unit.dictionary[unitOf[row]],
      unit
    );
  }
  const unitText = requestedUnit ? unit.symbol : trade.unit.dictionary[unitOf[rowIds[0]]];
  return new SeriesFigure(
    data,
    ref.commodity,
    ref.reporter,
    ref.partner,
    headers,
    unitText,
    periods,
    values,
    rowIds
  );
}

/**
 * SERIES's spilled table. Periods are TEXT `YYYY-MM`, everywhere (a product decision): the label
 * the data, the messages and every other formula's period argument use, exact for a month and
 * readable as typed; a column of them is accepted back as the `period` argument of EXPORT & co.
 */
export function seriesTable(data: IndexedDataset, args: SeriesArguments): CellMatrix | QueryError {
  const figure = findSeries(data, args);
  if (isQueryError(figure)) return figure;
  const table: CellMatrix = [];
  if (figure.headers === 2) {
    table.push([
      `${figure.commodity}: ${countryName(data, figure.reporter)} → ${countryName(data, figure.partner)}`,
      figure.unit,
    ]);
  }
  if (figure.headers >= 1) table.push(["Period", `Quantity (${figure.unit})`]);
  figure.periods.forEach((period, i) => table.push([period, figure.values[i]]));
  return table;
}

/** The first position whose period number is at least `n` (the length when none is). */
function firstAtOrAfter(numbers: Int32Array, n: number): number {
  let lo = 0;
  let hi = numbers.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (numbers[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
