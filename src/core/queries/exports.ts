import { isMissing, resolveCommodity, resolveCountry, resolveUnit } from "./arguments";
import { ExportObservation } from "../dataset/dataset";
import { exportKey, IndexedDataset, seriesKey } from "../dataset/indexed";
import { isLatest, parsePeriod, Period, PeriodResult } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { totalIn } from "./quantity";
import { parseUnit, Unit } from "./units";

export const DEFAULT_REPORTER = "CN";

/** The reported figure(s) behind an EXPORT result: one row for a month, every month's row for a span. */
export interface ExportFigure {
  /** #NUM! when the figure cannot be expressed in the unit asked for (a conversion or total overflows). */
  value: number | QueryError;
  unit: string;
  rows: ExportObservation[];
  period: Period;
  /** Whether the period was asked for as "latest" (the citation says which month it was). */
  latest: boolean;
}

export interface ExportArguments {
  commodity: unknown;
  partner: unknown;
  period: unknown;
  unit?: unknown;
  reporter?: unknown;
}

/** EXPORT(commodity, partner, period, [unit], [reporter]) with its source rows. */
export function findExport(data: IndexedDataset, args: ExportArguments): ExportFigure | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const partner = resolveCountry(data, args.partner, "partner");
  if (isQueryError(partner)) return partner;
  const reporter = isMissing(args.reporter)
    ? DEFAULT_REPORTER
    : resolveCountry(data, args.reporter, "reporter");
  if (isQueryError(reporter)) return reporter;
  const latest = isLatest(args.period);
  const period = latest
    ? latestMonth(data.exportMonths.get(seriesKey(commodity, reporter, partner)))
    : parsePeriod(args.period);
  if (period === undefined) return missing(data, commodity, reporter, partner, undefined, 0);
  if ("error" in period) return invalid(period.error);
  const requestedUnit = resolveUnit(args.unit);
  if (isQueryError(requestedUnit)) return requestedUnit;

  const rows: ExportObservation[] = [];
  for (const month of period.months) {
    const row = data.exports.get(exportKey(commodity, reporter, partner, month));
    if (row) rows.push(row);
  }
  if (rows.length < period.months.length)
    return missing(data, commodity, reporter, partner, period, rows.length);

  // Rows of one series may be reported in different units; a span is totalled in the first row's unit.
  const unit = requestedUnit ?? (parseUnit(rows[0].unit) as Unit);
  const value = totalIn(rows, unit);
  return { value, unit: requestedUnit ? unit.symbol : rows[0].unit, rows, period, latest };
}

/** The last of a series' reported months (oldest first) as a period; undefined when none is reported. */
export function latestMonth(months: readonly string[] | undefined): PeriodResult | undefined {
  return months && months.length > 0 ? parsePeriod(months[months.length - 1]) : undefined;
}

/** EXPORT's cell value. */
export function exportValue(data: IndexedDataset, args: ExportArguments): number | QueryError {
  const figure = findExport(data, args);
  return isQueryError(figure) ? figure : figure.value;
}

function missing(
  data: IndexedDataset,
  commodity: string,
  reporter: string,
  partner: string,
  period: Period | undefined,
  found: number
): QueryError {
  const from = reporter === DEFAULT_REPORTER ? "" : ` ${label(reporter)}`;
  const route = `${commodity}${from} → ${label(partner)}`;
  const months = data.exportMonths.get(seriesKey(commodity, reporter, partner));
  const asked = period ? ` in ${period.label}` : "";
  if (period && period.kind !== "month" && months) {
    return notAvailable(
      `No total for ${route} in ${period.label}: ${found} of ${period.months.length} months reported; reported months: ${monthList(months)}.`
    );
  }
  if (months)
    return notAvailable(
      `No reported figure for ${route}${asked}; reported months: ${monthList(months)}.`
    );
  const anyPartner = data.exportMonthsAnyPartner.get(`${commodity}|${reporter}`);
  if (anyPartner) {
    return notAvailable(
      `No reported figure for ${route}${asked}; nothing is reported for ${data.countries.get(partner)?.name ?? partner}. ${commodity} exports from ${label(reporter)} are reported for ${monthList(anyPartner)}.`
    );
  }
  return notAvailable(
    `No export figures for ${commodity} from ${label(reporter)} in this dataset.`
  );
}

/** Reported months as message text, joined once per index list (index lists never change). */
const monthLists = new WeakMap<readonly string[], string>();
function monthList(months: readonly string[]): string {
  let text = monthLists.get(months);
  if (text === undefined) monthLists.set(months, (text = months.join(", ")));
  return text;
}

function label(code: string): string {
  return code === "WORLD" ? "World" : code;
}
