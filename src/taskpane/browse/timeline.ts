import { ControlEvent } from "../../core/dataset/dataset";
import { IndexedDataset } from "../../core/dataset/indexed";
import { eventDateCell } from "../../core/queries/control-dates";
import { partnerCell } from "../../core/queries/control-events";
import { findEvents } from "../../core/queries/events";
import { isQueryError } from "../../core/queries/query-error";

/**
 * A commodity's export-control events as a timeline: the events EVENTS lists, in its order (the
 * core's rule: by the first day each applies, equal days in the data team's order).
 */
export function timelineEvents(data: IndexedDataset, commodity: string): ControlEvent[] {
  const events = findEvents(data, { commodity });
  return isQueryError(events) ? [] : events;
}

/** An event as the timeline shows it. */
export interface TimelineItem {
  /** `2023-08-01`, or `2025-12` when only the month is known. */
  date: string;
  /** True when only the month is known. */
  monthOnly: boolean;
  /** "licence required", prefixed by the jurisdiction when it is not China. */
  action: string;
  /** "All destinations" or the partner's name. */
  partner: string;
  /** "until 2026-11-27", or "" when open-ended. */
  until: string;
  /** Other commodities the same event covers ("also germanium, antimony"), or "". */
  alsoCovers: string;
  event: ControlEvent;
}

export function timelineItem(
  data: IndexedDataset,
  event: ControlEvent,
  commodity: string
): TimelineItem {
  const country = (code: string) => data.countries.get(code)?.name ?? code;
  const monthOnly = event.date_precision === "month";
  // Dates and partners as the EVENTS table writes them.
  const others = event.commodities
    .filter((c) => c !== commodity)
    .map((c) => data.commodities.get(c)?.name ?? c);
  return {
    date: eventDateCell(event),
    monthOnly,
    action:
      event.jurisdiction === "CN"
        ? event.action.trim()
        : `${country(event.jurisdiction)}: ${event.action.trim()}`,
    partner: partnerCell(data, event.partner),
    until: event.until ? `until ${event.until}` : "",
    alsoCovers: others.length > 0 ? `Also covers ${others.join(", ")}` : "",
    event,
  };
}
