import { countryName, isMissing, resolveCountry } from "./arguments";
import { Citation } from "./citation";
import { ControlEvent, WORLD } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { firstDay } from "./control-dates";
import { isQueryError, QueryError } from "./query-error";

/**
 * Export-control events as CONTROLS and EVENTS read them: each commodity's events oldest first, the
 * partner argument, and how sentences and cells name partners and measures.
 */

const HOME_JURISDICTION = "CN";

/** The partner argument: undefined means every destination (also for "World"/"All"). */
export function resolvePartner(
  data: IndexedDataset,
  value: unknown
): string | undefined | QueryError {
  if (isMissing(value)) return undefined;
  const partner = resolveCountry(data, value, "partner");
  if (isQueryError(partner)) return partner;
  return partner === WORLD ? undefined : partner;
}

const eventIndexes = new WeakMap<IndexedDataset, Map<string, ControlEvent[]>>();

export function eventsByCommodity(data: IndexedDataset): Map<string, ControlEvent[]> {
  let index = eventIndexes.get(data);
  if (index) return index;
  index = new Map();
  for (const event of data.dataset.events) {
    for (const commodity of new Set(event.commodities)) {
      const list = index.get(commodity) ?? [];
      list.push(event);
      index.set(commodity, list);
    }
  }
  for (const [commodity, list] of index) index.set(commodity, oldestFirst(list));
  eventIndexes.set(data, index);
  return index;
}

/** Events by the first day they apply; events on the same day keep the data team's order. */
export function oldestFirst(events: readonly ControlEvent[]): ControlEvent[] {
  // Array.prototype.sort is stable.
  return [...events].sort((a, b) => compare(firstDay(a.date), firstDay(b.date)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const NEEDS_THE =
  /^(?:United |Republic |Democratic |People's |Dominican Republic|Czech Republic|Central African|Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles|Holy See)|Islands$/;

/** A country name as it reads after "to": "the United States", "Japan", "the West". */
export function nameInSentence(data: IndexedDataset, code: string): string {
  const name = countryName(data, code);
  if (/^The /.test(name)) return `the ${name.slice(4)}`;
  return NEEDS_THE.test(name) ? `the ${name}` : name;
}

/** "export ban to the United States", prefixed by the jurisdiction when it is not China. */
export function measureLabel(
  data: IndexedDataset,
  jurisdiction: string,
  partner: string,
  action: string
): string {
  const who = jurisdiction === HOME_JURISDICTION ? "" : `${countryName(data, jurisdiction)}: `;
  const to = partner === "ALL" ? "" : ` to ${nameInSentence(data, partner)}`;
  return `${who}${action}${to}`;
}

export function relevant(
  events: readonly ControlEvent[],
  partner: string | undefined
): ControlEvent[] {
  return partner === undefined
    ? [...events]
    : events.filter((e) => e.partner === "ALL" || e.partner === partner);
}

export function noEventsForPartner(
  data: IndexedDataset,
  commodity: string,
  all: readonly ControlEvent[],
  partner: string | undefined
): string {
  const partners = [...new Set(all.map((e) => e.partner))].map((p) => countryName(data, p));
  return `No export-control events recorded for ${commodity} to ${nameInSentence(data, partner as string)}; events are recorded for exports to: ${partners.join(", ")}.`;
}

/** An event's partner for a table cell: "All destinations", or the country's name. */
export function partnerCell(data: IndexedDataset, partner: string): string {
  return partner === "ALL" ? "All destinations" : countryName(data, partner);
}

/** One citation per event: its source, its note, and "date known to the month" when only the month is. */
export function citationsOf(data: IndexedDataset, events: readonly ControlEvent[]): Citation[] {
  const citations: Citation[] = [];
  for (const event of events) {
    const source = data.sources.get(event.source_id);
    if (!source) continue;
    citations.push({
      source,
      note: event.note,
      qualifier: event.date_precision === "month" ? "date known to the month" : null,
    });
  }
  return citations;
}
