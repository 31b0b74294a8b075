import { isMissing, resolveCommodity, resolveCountry, resolveUnit } from "./arguments";
import { IndexedDataset } from "../dataset/indexed";
import {
  DEFAULT_REPORTER,
  exportQuantities,
  findLevel,
  isLevel,
  Level,
  noLevelMessage,
} from "./levels";
import { parsePeriod } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";

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
  const period = parsePeriod(args.period);
  if ("error" in period) return invalid(period.error);
  const requestedUnit = resolveUnit(args.unit);
  if (isQueryError(requestedUnit)) return requestedUnit;

  const ref = exportQuantities(commodity, partner, reporter);
  const level = findLevel(data, ref, period, requestedUnit);
  return isLevel(level) ? level : notAvailable(noLevelMessage(data, ref, period, level.found));
}

/** EXPORT's cell value. */
export function exportValue(data: IndexedDataset, args: ExportArguments): number | QueryError {
  const figure = findExport(data, args);
  return isQueryError(figure) ? figure : figure.value;
}
