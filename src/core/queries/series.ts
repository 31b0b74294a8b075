import { countryName, isMissing, resolveUnit } from "./arguments";
import { TradeObservation } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { periodNumber } from "../dataset/series-index";
import { observationAt } from "../dataset/trade-rows";
import {
  label,
  nothingReported,
  partnersWithFigures,
  periodList,
  reportedPeriods,
  route,
  TradeRef,
} from "./levels";
import { CellMatrix } from "../runtime/live";
import { resolveTradeRef } from "./exports";
import { describe, parsePeriod, Period } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { convert, parseUnit, Unit } from "./units";

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
  reporter?: unknown;
  measure?: unknown;
  flow?: unknown;
}

export type SeriesHeaders = 0 | 1 | 2;

/** The reported months of a SERIES, oldest first, with the rows they come from. */
export class SeriesFigure {
  constructor(
    private readonly data: IndexedDataset,
    readonly commodity: string,
    readonly reporter: string,
    readonly partner: string,
    /** What the values are: quantity, value or unit value, of which flow. */
    readonly ref: TradeRef,
    readonly headers: SeriesHeaders,
    /** The unit of `values`: the requested unit's symbol, or the first row's reported unit. */
    readonly unit: string,
    /** Each reported month in range, oldest first. */
    readonly periods: readonly string[],
    /** Each month's figure in `unit` (#DIV/0! for a unit value over a reported quantity of 0). */
    readonly values: (number | QueryError)[],
    /** The rows of the dataset's trade columns, one per month. */
    readonly rowIds: readonly number[]
  ) {}

  /** The source rows, one per reported month in range, oldest first. */
  get rows(): TradeObservation[] {
    return this.rowIds.map((r) => observationAt(this.data.trade, r));
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

/** A period argument, with what it is ("start: …") in its message. */
export function parsePeriodArgument(value: unknown, what?: string): Period | QueryError {
  const period = parsePeriod(value);
  if ("error" in period) return invalid(what ? `${what}: ${period.error}` : period.error);
  return period;
}

/** SERIES with the rows behind it. */
export function findSeries(data: IndexedDataset, args: SeriesArguments): SeriesFigure | QueryError {
  const ref = resolveTradeRef(data, args, "export");
  if (isQueryError(ref)) return ref;
  const start = isMissing(args.start) ? undefined : parsePeriodArgument(args.start, "start");
  if (isQueryError(start)) return start;
  const end = isMissing(args.end) ? undefined : parsePeriodArgument(args.end, "end");
  if (isQueryError(end)) return end;
  const headers = parseHeaders(args.headers);
  if (isQueryError(headers)) return headers;
  const requestedUnit = resolveUnit(args.unit);
  if (isQueryError(requestedUnit)) return requestedUnit;
  if (requestedUnit && ref.measure === "value")
    return invalid(`A unit applies to quantities; values are in US dollars (leave unit empty).`);

  // A span as start means its first month; as end, its last month.
  const from = start?.months[0];
  const to = end?.months[end.months.length - 1];
  if (from !== undefined && to !== undefined && from > to)
    return invalid(`The start (${from}) is after the end (${to}).`);

  return seriesFigure(data, ref, headers, requestedUnit, from, to);
}

function seriesFigure(
  data: IndexedDataset,
  ref: TradeRef,
  headers: SeriesHeaders,
  requestedUnit: Unit | undefined,
  from: string | undefined,
  to: string | undefined
): SeriesFigure | QueryError {
  const months = reportedPeriods(data, ref);
  if (months.length === 0) {
    const partners = partnersWithFigures(data, ref);
    return notAvailable(
      partners.length > 0
        ? `No reported figures for ${route(ref)}; partners with figures: ${partners.map(label).join(", ")}.`
        : nothingReported(ref)
    );
  }
  const index = data.series;
  const series = index.series(ref.commodity, ref.reporter, ref.partner, ref.flow);
  const first = from === undefined ? -Infinity : periodNumber(from);
  const last = to === undefined ? Infinity : periodNumber(to);
  const { trade } = data;
  const reported = (row: number) =>
    ref.measure === "unit value"
      ? !Number.isNaN(trade.quantity[row]) && !Number.isNaN(trade.value[row])
      : !Number.isNaN(trade[ref.measure][row]);
  const rowIds: number[] = [];
  const periods: string[] = [];
  const all = index.rows(series);
  const numbers = index.periodNumbers(series);
  // `months` lists the rows whose measure is reported, in the order of `all`.
  for (let i = 0, m = 0; i < all.length; i++) {
    const row = all[i];
    if (!reported(row)) continue;
    const text = months[m++];
    if (numbers[i] >= first && numbers[i] <= last) {
      rowIds.push(row);
      periods.push(text);
    }
  }
  if (rowIds.length === 0) {
    const range = [from && `from ${from}`, to && `to ${to}`].filter(Boolean).join(" ");
    return notAvailable(
      `No reported figures for ${route(ref)} ${range}; reported months: ${periodList(months)}.`
    );
  }
  // One column, one unit: rows reported in another unit are converted into the first row's.
  const unitOf = (row: number) => parseUnit(trade.unit.dictionary[trade.unit.indices[row]]) as Unit;
  const quantityUnit = requestedUnit ?? (ref.measure === "value" ? undefined : unitOf(rowIds[0]));
  const quantityOf = (row: number) =>
    convert(trade.quantity[row], unitOf(row), quantityUnit as Unit);
  const values = rowIds.map((row) =>
    ref.measure === "value"
      ? trade.value[row]
      : ref.measure === "quantity"
        ? quantityOf(row)
        : quantityOf(row) === 0
          ? new QueryError(
              "divisionByZero",
              `No unit value for ${route(ref)} in ${periodText(trade, row)}: the reported quantity is 0.`
            )
          : trade.value[row] / quantityOf(row)
  );
  const quantityText = requestedUnit
    ? requestedUnit.symbol
    : trade.unit.dictionary[trade.unit.indices[rowIds[0]]];
  const unitText =
    ref.measure === "value"
      ? "USD"
      : ref.measure === "quantity"
        ? quantityText
        : `USD/${quantityText}`;
  return new SeriesFigure(
    data,
    ref.commodity,
    ref.reporter,
    ref.partner,
    ref,
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
    const inward = figure.ref.flow === "import" || figure.ref.flow === "re-import";
    const flow = figure.ref.flow === "export" ? "" : ` (${figure.ref.flow}s)`;
    table.push([
      `${figure.commodity}: ${countryName(data, figure.reporter)} ${inward ? "←" : "→"} ${countryName(data, figure.partner)}${flow}`,
      figure.unit,
    ]);
  }
  if (figure.headers >= 1) table.push(["Period", `${measureHeading(figure.ref)} (${figure.unit})`]);
  figure.periods.forEach((period, i) => table.push([period, figure.values[i]]));
  return table;
}

/** A table's heading for a measure: "Quantity", "Value", "Unit value". */
export function measureHeading(ref: { measure: TradeRef["measure"] }): string {
  return ref.measure.charAt(0).toUpperCase() + ref.measure.slice(1);
}

function periodText(trade: IndexedDataset["trade"], row: number): string {
  return trade.period.dictionary[trade.period.indices[row]];
}
