import { ControlEvent } from "../../core/dataset/dataset";
import { IndexedDataset } from "../../core/dataset/indexed";

/**
 * A commodity's export-control events as a timeline, oldest first. The order is the one EVENTS and
 * CONTROLS read: by the first day an event applies (a date known only to the month applies from
 * the first of that month), events on the same day in the data team's order.
 */

/** The first day a date as precise as known covers: `2025-12` → `2025-12-01`. */
export function firstDay(date: string): string {
  if (/^\d{4}$/.test(date)) return `${date}-01-01`;
  if (/^\d{4}-\d{2}$/.test(date)) return `${date}-01`;
  return date;
}

/** The events naming a commodity, oldest first; equal days keep dataset order. */
export function timelineEvents(events: readonly ControlEvent[], commodity: string): ControlEvent[] {
  return events
    .map((event, index) => ({ event, index, day: firstDay(event.date) }))
    .filter(({ event }) => event.commodities.includes(commodity))
    .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.index - b.index))
    .map(({ event }) => event);
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
  const others = event.commodities
    .filter((c) => c !== commodity)
    .map((c) => data.commodities.get(c)?.name ?? c);
  return {
    date: monthOnly ? event.date.slice(0, 7) : event.date,
    monthOnly,
    action:
      event.jurisdiction === "CN"
        ? event.action.trim()
        : `${country(event.jurisdiction)}: ${event.action.trim()}`,
    partner: event.partner === "ALL" ? "All destinations" : country(event.partner),
    until: event.until ? `until ${event.until}` : "",
    alsoCovers: others.length > 0 ? `Also covers ${others.join(", ")}` : "",
    event,
  };
}
