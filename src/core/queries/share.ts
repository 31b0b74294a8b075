import { parsePeriodArgument } from "./arguments";
import { invalid } from "./query-error";
import { resolveTradeRef } from "./exports";
import { WORLD } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import {
  findTradeLevel,
  isLevel,
  Level,
  missingClause,
  reportedPeriods,
  reportedTail,
  route,
  TradeRef,
} from "./levels";
import { finiteOr } from "./quantity";
import { isQueryError, notAvailable, QueryError } from "./query-error";
import { parseUnit } from "./units";

/**
 * SHARE(commodity, partner, period, [reporter], [measure], [flow]): a partner's level over the
 * reporter's World total of the same flow and measure (levels.ts).
 */

export interface ShareArguments {
  commodity: unknown;
  partner: unknown;
  period: unknown;
  reporter?: unknown;
  measure?: unknown;
  flow?: unknown;
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
  const ref = resolveTradeRef(data, args, "export");
  if (isQueryError(ref)) return ref;
  const period = parsePeriodArgument(args.period, {
    months: reportedPeriods(data, ref),
    subject: route(ref),
  });
  if (isQueryError(period)) return period;
  if (ref.measure === "unit value")
    return invalid(`A share is of a quantity or a value; unit values do not add up to a total.`);
  const partner = ref.partner;

  const worldRef: TradeRef = { ...ref, partner: WORLD };
  const level = findTradeLevel(data, ref, period);
  const world = isLevel(level)
    ? findTradeLevel(data, worldRef, period, parseUnit(level.unit))
    : findTradeLevel(data, worldRef, period);
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
