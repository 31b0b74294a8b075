import { Dataset, TradeObservation } from "./dataset";
import { tradeKey } from "./keys";
import { convert, parseUnit } from "../queries/units";

/** An official figure and a news figure for the same key: both are kept, formulas use the official one. */
export interface TradeConflict {
  official: TradeObservation;
  news: TradeObservation;
  /** Whether the two quantities differ (compared in one unit; a missing official quantity differs). */
  differ: boolean;
}

/**
 * Joins official trade statistics and figures reported in the news into the observations formulas
 * read: one per key, the official one where both exist. The news figures it sets aside are returned
 * with the official figure they lost to, so the dataset keeps them with their sources.
 */
export function preferOfficial(
  official: readonly TradeObservation[],
  news: readonly TradeObservation[]
): { trade: TradeObservation[]; conflicts: TradeConflict[] } {
  // Keyed by the news figures (a few hundred), not the official ones (possibly millions).
  const newsByKey = new Map(news.map((n) => [tradeKey(n), n]));
  const conflicts: TradeConflict[] = [];
  for (const o of official) {
    const n = newsByKey.get(tradeKey(o));
    if (n === undefined) continue;
    conflicts.push(conflictOf(o, n));
    newsByKey.delete(tradeKey(o));
  }
  return { trade: [...official, ...newsByKey.values()], conflicts };
}

/**
 * A format 2 dataset's `superseded_trade` table: the news figures set aside earlier and those the
 * conflicts set aside now, each with its source; nothing when there are none (the field is optional).
 */
export function supersededTrade(
  conflicts: readonly TradeConflict[],
  earlier: readonly TradeObservation[] = []
): Pick<Dataset, "superseded_trade"> {
  const rows = [...earlier, ...conflicts.map((c) => c.news)];
  return rows.length === 0 ? {} : { superseded_trade: rows };
}

/** An official figure and the news figure with its key. */
export function conflictOf(official: TradeObservation, news: TradeObservation): TradeConflict {
  return { official, news, differ: !sameQuantity(official, news) };
}

function sameQuantity(a: TradeObservation, b: TradeObservation): boolean {
  if (a.quantity === null || b.quantity === null || a.unit === null || b.unit === null)
    return a.quantity === b.quantity;
  const aUnit = parseUnit(a.unit);
  const bUnit = parseUnit(b.unit);
  if (aUnit === undefined || bUnit === undefined) return false;
  return convert(a.quantity, aUnit, bUnit) === b.quantity;
}

/** How the build prints a conflict whose figures differ. */
export function conflictText(c: TradeConflict): string {
  const o = c.official;
  const figure = (x: TradeObservation) =>
    `${x.quantity === null ? "no quantity" : `${x.quantity} ${x.unit}`} (${x.source_id})`;
  return `${o.commodity} ${o.reporter} → ${o.partner} ${o.flow} ${o.period}: official ${figure(o)}, news ${figure(c.news)}; formulas return the official figure`;
}
