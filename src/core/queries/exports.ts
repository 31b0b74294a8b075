import {
  isMissing,
  parsePeriodArgument,
  resolveCommodity,
  resolveCountry,
  resolveUnit,
} from "./arguments";
import { Flow } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import {
  DEFAULT_REPORTER,
  findTradeLevel,
  isLevel,
  Level,
  mirrorNote,
  noLevelMessage,
  reportedPeriods,
  route,
  TradeRef,
} from "./levels";
import { isLatest } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { resolveFlow, resolveMeasure } from "./trade-arguments";

export { DEFAULT_REPORTER };

/** The reported figure(s) behind an EXPORT or IMPORT result: one row for a month, every month's row for a span. */
export type ExportFigure = Level;

export interface ExportArguments {
  commodity: unknown;
  partner: unknown;
  period: unknown;
  unit?: unknown;
  reporter?: unknown;
  /** "quantity" (default), "value" (USD) or "unit value". */
  measure?: unknown;
  /** The flow, when the formula lets one be chosen (re-exports, re-imports). */
  flow?: unknown;
}

/**
 * The series a trade formula's arguments name: commodity, partner, reporter (default China), flow
 * (default the formula's own) and measure (default quantity). Errors in argument order.
 */
export function resolveTradeRef(
  data: IndexedDataset,
  args: {
    commodity: unknown;
    partner: unknown;
    reporter?: unknown;
    measure?: unknown;
    flow?: unknown;
  },
  flow: Flow
): TradeRef | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const partner = resolveCountry(data, args.partner, "partner");
  if (isQueryError(partner)) return partner;
  const reporter = isMissing(args.reporter)
    ? DEFAULT_REPORTER
    : resolveCountry(data, args.reporter, "reporter");
  if (isQueryError(reporter)) return reporter;
  const measure = resolveMeasure(args.measure);
  if (isQueryError(measure)) return measure;
  const chosenFlow = resolveFlow(args.flow, flow);
  if (isQueryError(chosenFlow)) return chosenFlow;
  return { commodity, partner, reporter, flow: chosenFlow, measure };
}

/**
 * EXPORT(commodity, partner, period, [unit], [reporter], [measure]) and IMPORT (flow "import") with
 * their source rows. A missing figure is #N/A, whose message may say the partner reported the
 * mirror flow (and which formula returns it): a mirror is never substituted.
 */
export function findExport(
  data: IndexedDataset,
  args: ExportArguments,
  flow: Flow = "export"
): ExportFigure | QueryError {
  const ref = resolveTradeRef(data, args, flow);
  if (isQueryError(ref)) return ref;
  // "latest": the series' last reported period (a refresh that adds one moves the cell forward).
  const latest = isLatest(args.period);
  const months = latest ? reportedPeriods(data, ref) : [];
  if (latest && months.length === 0) return notAvailable(noLevelMessage(data, ref, undefined, 0));
  const period = parsePeriodArgument(latest ? months[months.length - 1] : args.period);
  if (isQueryError(period)) return period;
  const requestedUnit = resolveUnit(args.unit);
  if (isQueryError(requestedUnit)) return requestedUnit;
  if (requestedUnit && ref.measure === "value")
    return invalid(`A unit applies to quantities; values are in US dollars (leave unit empty).`);

  const level = findTradeLevel(data, ref, period, requestedUnit);
  if (isLevel(level)) {
    level.latest = latest;
    return level;
  }
  if (level.zeroQuantity)
    return new QueryError(
      "divisionByZero",
      `No unit value for ${route(ref)} in ${period.label}: the reported quantity is 0 ${level.zeroQuantity.unit}.`
    );
  return notAvailable(
    noLevelMessage(data, ref, period, level.found) + mirrorNote(data, ref, period)
  );
}

/** EXPORT's (or IMPORT's) cell value. */
export function exportValue(
  data: IndexedDataset,
  args: ExportArguments,
  flow: Flow = "export"
): number | QueryError {
  const figure = findExport(data, args, flow);
  return isQueryError(figure) ? figure : figure.value;
}
