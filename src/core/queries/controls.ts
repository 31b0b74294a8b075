import { resolveCommodity } from "./arguments";
import { Citation } from "./citation";
import {
  dateText,
  eventDateText,
  firstDay,
  lastDay,
  nextDay,
  parseStatusDate,
} from "./control-dates";
import {
  citationsOf,
  eventsByCommodity,
  measureLabel,
  noEventsForPartner,
  oldestFirst,
  relevant,
  resolvePartner,
} from "./control-events";
import { ControlEvent } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { actionKey } from "../dataset/keys";
import { isQueryError, QueryError } from "./query-error";

/**
 * CONTROLS: export-control policy in the grid (EVENTS, the timeline, is events.ts).
 *
 *
 * The events of the dataset are read as measures that apply from their date:
 * - any action ("licence required", "export ban", "controls expanded", "general licences
 *   introduced", …) starts a measure for its jurisdiction, partner and commodities that stays in
 *   force, or, when the event has an `until`, stays in force through that day;
 * - "<action> suspended" (e.g. "export ban suspended") suspends the same partner's "<action>" from
 *   its date through its `until` (inclusive: the last day of the suspension); the day after, the
 *   measure is in force again. No `until` means suspended until further notice;
 * - "<action> lifted" (also "revoked", "removed", "ended", "cancelled") ends the same partner's
 *   "<action>" from its date.
 * Dates known only to the month apply from the first day of that month and are written as the
 * month ("2025-12 (month)"); an `until` given as a month lasts through its last day.
 *
 * A scheduled end on or after the dataset's as-of date is beyond what the data can confirm: once it
 * has passed, the status says the end was scheduled (and when that was announced) and that no later
 * event is recorded, never that the measure is "in force again" or "ended" as a fact.
 */

const SUSPENDED = /^(.+?)\s+suspended$/i;
const LIFTED = /^(.+?)\s+(lifted|revoked|removed|ended|cancelled|canceled)$/i;
/** Actions named by a noun read "… in force since"; the others ("licence required") read "… since". */
const NOUN_ACTION = /(?:ban|embargo|quota|quotas|prohibition|restriction|restrictions|controls)$/i;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Measures

interface Measure {
  jurisdiction: string;
  partner: string;
  action: string;
  /** The event that started it; undefined when only a suspension of it is recorded. */
  start?: ControlEvent;
  /** Last day in force (inclusive), from the latest announcement of it. */
  until: string | null;
  /** That until as the event gives it (a day, or a month). */
  untilAsGiven: string | null;
  /** The latest suspension of it; `until` is its last day, null for until further notice. */
  suspension?: { event: ControlEvent; until: string | null };
  lifted?: ControlEvent;
  events: ControlEvent[];
}

/** The measures that events up to `day` (inclusive) have started, in the order they started. */
function measuresOn(events: readonly ControlEvent[], day: string): Measure[] {
  const measures = new Map<string, Measure>();
  for (const event of events) {
    const since = firstDay(event.date);
    if (since > day) break;
    const suspended = event.action.match(SUSPENDED);
    const lifted = suspended ? null : event.action.match(LIFTED);
    const target = (suspended ?? lifted)?.[1].trim() ?? event.action.trim();
    const key = `${event.jurisdiction}|${event.partner}|${actionKey(target)}`;
    const existing = measures.get(key);
    const base = { jurisdiction: event.jurisdiction, partner: event.partner, action: target };
    if (suspended) {
      const measure = existing ?? { ...base, until: null, untilAsGiven: null, events: [] };
      measure.suspension = { event, until: event.until === null ? null : lastDay(event.until) };
      measure.events.push(event);
      measures.set(key, measure);
    } else if (lifted) {
      // A second lifting of the same measure changes nothing; one with nothing recorded before it
      // is still reported (as something that ended).
      const measure = existing ?? { ...base, until: null, untilAsGiven: null, events: [] };
      measure.lifted ??= event;
      measure.events.push(event);
      measures.set(key, measure);
    } else if (existing && existing.start && inForce(existing, since)) {
      // Announced again while in force: it has applied since the first announcement.
      existing.until = event.until === null ? null : lastDay(event.until);
      existing.untilAsGiven = event.until;
      existing.events.push(event);
    } else {
      // A new measure, or one imposed again after it ended, was lifted or while it was suspended.
      measures.delete(key);
      measures.set(key, {
        ...base,
        action: event.action.trim(),
        start: event,
        until: event.until === null ? null : lastDay(event.until),
        untilAsGiven: event.until,
        events: [event],
      });
    }
  }
  return [...measures.values()];
}

/**
 * Whether a measure applies (not ended, lifted or suspended) on a day. Only called with the day of
 * a later event, so its lifting and suspension, when recorded, have already begun.
 */
function inForce(measure: Measure, day: string): boolean {
  if (measure.lifted) return false;
  if (measure.until !== null && day > measure.until) return false;
  const s = measure.suspension;
  return !(s && (s.until === null || day <= s.until));
}

interface Phrase {
  text: string;
  /** Whether it describes something that applies on the day (in force or suspended) rather than something that ended. */
  current: boolean;
  measure: Measure;
}

/** "scheduled to end on 2026-11-27 (as announced on 2025-11-09); no later event recorded". */
function scheduledEnd(untilAsGiven: string, announcement: ControlEvent): string {
  return `scheduled to end on ${dateText(untilAsGiven)} (as announced on ${eventDateText(announcement)}); no later event recorded`;
}

function describeMeasure(
  data: IndexedDataset,
  measure: Measure,
  day: string,
  asOf: string
): Phrase {
  const label = measureLabel(data, measure.jurisdiction, measure.partner, measure.action);
  const verb = NOUN_ACTION.test(measure.action) ? " in force" : "";
  const untilText = measure.untilAsGiven === null ? "" : ` until ${dateText(measure.untilAsGiven)}`;
  const phrase = (text: string, current: boolean) => ({ text, current, measure });
  const { start, suspension, lifted } = measure;
  const since = start ? eventDateText(start) : "";

  if (lifted) {
    const word = (lifted.action.trim().match(LIFTED) as RegExpMatchArray)[2];
    const from = start ? ` (since ${since})` : "";
    return phrase(`${label}${from} ${word} on ${eventDateText(lifted)}`, false);
  }
  if (start && measure.until !== null && day > measure.until) {
    if (measure.until < asOf) return phrase(`${label} from ${since}${untilText} (ended)`, false);
    const announcement = [...measure.events].reverse().find((e) => e.until !== null) ?? start;
    return phrase(
      `${label}${verb} since ${since}, ${scheduledEnd(measure.untilAsGiven as string, announcement)}`,
      true
    );
  }
  if (suspension) {
    const sSince = eventDateText(suspension.event);
    const sUntil =
      suspension.event.until === null ? "" : ` until ${dateText(suspension.event.until)}`;
    const from = start ? ` (since ${since})` : "";
    if (suspension.until === null || day <= suspension.until)
      return phrase(`${label}${from} suspended since ${sSince}${sUntil}`, true);
    if (suspension.until >= asOf) {
      const end = scheduledEnd(suspension.event.until as string, suspension.event);
      return phrase(`${label}${from} suspended since ${sSince}; suspension ${end}`, true);
    }
    if (!start) {
      // Only the suspension is recorded: once it ends we cannot say what applies.
      return phrase(
        `${label} suspended from ${sSince}${sUntil} (suspension ended; no ${measure.action} recorded before it)`,
        false
      );
    }
    return phrase(
      `${label}${from} in force again since ${nextDay(suspension.until)} (suspension ended ${dateText(suspension.event.until as string)})${untilText}`,
      true
    );
  }
  return phrase(`${label}${verb} since ${since}${untilText}`, true);
}

// ---------------------------------------------------------------------------------------------
// CONTROLS

export interface ControlsArguments {
  commodity: unknown;
  partner?: unknown;
  date?: unknown;
}

/** The status line and the events that determined it (cite these). */
export interface ControlsStatus {
  /** The day the status is for, `YYYY-MM-DD`. */
  date: string;
  text: string;
  /** Events behind the text, oldest first; empty when the commodity has none. */
  events: ControlEvent[];
}

/**
 * CONTROLS(commodity, [partner], [date]) with the events behind it. Without a partner (or with
 * "World"), every destination's measures are included, partner-specific ones named with their
 * partner; with a partner, the measures for all destinations plus that partner's.
 */
export function findControls(
  data: IndexedDataset,
  args: ControlsArguments,
  today: Date | string
): ControlsStatus | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const partner = resolvePartner(data, args.partner);
  if (isQueryError(partner)) return partner;
  const asOf = data.dataset.as_of;
  const day = parseStatusDate(args.date, today, asOf);
  if (isQueryError(day)) return day;

  const all = eventsByCommodity(data).get(commodity) ?? [];
  if (all.length === 0)
    return { date: day, text: `No export-control events recorded for ${commodity}.`, events: [] };
  const events = relevant(all, partner);
  if (events.length === 0)
    return { date: day, text: `${noEventsForPartner(data, commodity, all, partner)}`, events: [] };

  const phrases = measuresOn(events, day).map((m) => describeMeasure(data, m, day, asOf));
  const current = phrases.filter((p) => p.current);
  if (current.length > 0) {
    return {
      date: day,
      text: `${capitalize(current.map((p) => p.text).join("; "))}.`,
      events: eventsOf(current),
    };
  }
  if (phrases.length > 0) {
    return {
      date: day,
      text: `No export controls in force on ${day}; ${phrases.map((p) => p.text).join("; ")}.`,
      events: eventsOf(phrases),
    };
  }
  const firstDate = firstDay(events[0].date);
  const first = events.filter((e) => firstDay(e.date) === firstDate);
  const names = first.map(
    (e) =>
      `${measureLabel(data, e.jurisdiction, e.partner, e.action.trim())} from ${eventDateText(e)}`
  );
  return {
    date: day,
    text: `No export controls in force on ${day} (first measure: ${names.join(" and ")}).`,
    events: first,
  };
}

/** CONTROLS' cell value: one line of text. */
export function controlsText(
  data: IndexedDataset,
  args: ControlsArguments,
  today: Date | string
): string | QueryError {
  const status = findControls(data, args, today);
  return isQueryError(status) ? status : status.text;
}

/** The citations of the events behind a CONTROLS result, oldest first. */
export function controlsCitations(
  data: IndexedDataset,
  args: ControlsArguments,
  today: Date | string
): Citation[] | QueryError {
  const status = findControls(data, args, today);
  return isQueryError(status) ? status : citationsOf(data, status.events);
}

function eventsOf(phrases: Phrase[]): ControlEvent[] {
  return oldestFirst([...new Set(phrases.flatMap((p) => p.measure.events))]);
}
