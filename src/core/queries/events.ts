import { resolveCommodity } from "./arguments";
import { eventDateCell } from "./control-dates";
import {
  eventsByCommodity,
  measureLabel,
  noEventsForPartner,
  partnerCell,
  relevant,
  resolvePartner,
} from "./control-events";
import { ControlEvent } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { CellMatrix } from "../runtime/live";
import { isQueryError, notAvailable, QueryError } from "./query-error";

/** EVENTS(commodity, [partner]): the export-control timeline of a commodity, oldest first. */

export interface EventsArguments {
  commodity: unknown;
  partner?: unknown;
}

export const EVENTS_HEADER = ["Date", "Action", "Partner", "Until", "Source"];

/** The events EVENTS(commodity, [partner]) lists, oldest first. */
export function findEvents(
  data: IndexedDataset,
  args: EventsArguments
): ControlEvent[] | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const partner = resolvePartner(data, args.partner);
  if (isQueryError(partner)) return partner;
  const all = eventsByCommodity(data).get(commodity) ?? [];
  if (all.length === 0) return notAvailable(`No export-control events recorded for ${commodity}.`);
  const events = relevant(all, partner);
  if (events.length === 0) return notAvailable(noEventsForPartner(data, commodity, all, partner));
  return events;
}

/** EVENTS' spilled table: a header row, then date, action, partner, until, source per event. */
export function eventsTable(data: IndexedDataset, args: EventsArguments): CellMatrix | QueryError {
  const events = findEvents(data, args);
  if (isQueryError(events)) return events;
  return [
    [...EVENTS_HEADER],
    ...events.map((event) => {
      const source = data.sources.get(event.source_id);
      return [
        eventDateCell(event),
        measureLabel(data, event.jurisdiction, "ALL", event.action.trim()),
        partnerCell(data, event.partner),
        event.until ?? "",
        source ? `${source.publisher}, ${source.published}` : event.source_id,
      ];
    }),
  ];
}
