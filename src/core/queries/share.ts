import { resolveCommodity, resolveCountry, parsePeriodArgument } from "./arguments";
import { WORLD } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import {
  exportQuantities,
  findLevel,
  isLevel,
  Level,
  missingClause,
  reportedPeriods,
  reportedTail,
  route,
} from "./levels";
import { finiteOr } from "./quantity";
import { isQueryError, notAvailable, QueryError } from "./query-error";
import { parseUnit } from "./units";

/** SHARE(commodity, partner, period): a partner's level over the reporter's World total (levels.ts). */

export interface ShareArguments {
  commodity: unknown;
  partner: unknown;
  period: unknown;
}

export interface ShareFigure {
  value: number;
  /** The partner's level. */
  partner: Level;
  /** The reporter's WORLD total, in the partner level's unit. */
  world: Level;
}

/** SHARE with the two levels behind it. */
export function findShare(data: IndexedDataset, args: ShareArguments): ShareFigure | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const partner = resolveCountry(data, args.partner, "partner");
  if (isQueryError(partner)) return partner;
  const ref = exportQuantities(commodity, partner);
  const period = parsePeriodArgument(args.period, {
    months: reportedPeriods(data, ref),
    subject: route(ref),
  });
  if (isQueryError(period)) return period;

  const worldRef = exportQuantities(commodity, WORLD);
  const level = findLevel(data, ref, period);
  const world = isLevel(level)
    ? findLevel(data, worldRef, period, parseUnit(level.unit))
    : findLevel(data, worldRef, period);
  if (!isLevel(level) || !isLevel(world)) {
    const levels = partner === WORLD ? [level] : [level, world];
    const clauses = levels.flatMap((found, i) => {
      if (isLevel(found)) return [];
      const r = i === 0 ? ref : worldRef;
      return [missingClause(r, [{ period, found: found.found }], reportedTail(data, r))];
    });
    return notAvailable(`No share for ${route(ref)} in ${period.label}: ${clauses.join("; ")}.`);
  }
  if (isQueryError(level.value)) return level.value;
  if (isQueryError(world.value)) return world.value;
  if (world.value === 0) {
    return new QueryError(
      "divisionByZero",
      `The share for ${route(ref)} in ${period.label} is undefined: the reported World total is 0.`
    );
  }
  const value = finiteOr(
    level.value / world.value,
    `The share for ${route(ref)} in ${period.label}`
  );
  return isQueryError(value) ? value : { value, partner: level, world };
}

export function shareValue(data: IndexedDataset, args: ShareArguments): number | QueryError {
  const figure = findShare(data, args);
  return isQueryError(figure) ? figure : figure.value;
}
