import {
  isMissing,
  parsePeriodArgument,
  resolveCommodity,
  resolveCountry,
  resolveUnit,
} from "./arguments";
import { IndexedDataset } from "../dataset/indexed";
import {
  DEFAULT_REPORTER,
  exportQuantities,
  findLevel,
  isLevel,
  Level,
  noLevelMessage,
  reportedPeriods,
} from "./levels";
import { isLatest } from "./period";
import { isQueryError, notAvailable, QueryError } from "./query-error";

export { DEFAULT_REPORTER };

/** The reported figure(s) behind an EXPORT result: one row for a month, every month's row for a span. */
export type ExportFigure = Level;

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
  const ref = exportQuantities(commodity, partner, reporter);
  // "latest": the series' last reported month (a refresh that adds a month moves the cell forward).
  const latest = isLatest(args.period);
  const months = latest ? reportedPeriods(data, ref) : [];
  if (latest && months.length === 0) return notAvailable(noLevelMessage(data, ref, undefined, 0));
  const period = parsePeriodArgument(latest ? months[months.length - 1] : args.period);
  if (isQueryError(period)) return period;
  const requestedUnit = resolveUnit(args.unit);
  if (isQueryError(requestedUnit)) return requestedUnit;

  const level = findLevel(data, ref, period, requestedUnit);
  if (!isLevel(level)) return notAvailable(noLevelMessage(data, ref, period, level.found));
  level.latest = latest;
  return level;
}

/** EXPORT's cell value. */
export function exportValue(data: IndexedDataset, args: ExportArguments): number | QueryError {
  const figure = findExport(data, args);
  return isQueryError(figure) ? figure : figure.value;
}
