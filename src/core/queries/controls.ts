import { isMissing, resolveCommodity, resolveCountry } from "./arguments";
import { Citation } from "./citation";
import { ControlEvent, WORLD } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { actionKey } from "../dataset/keys";
import { fitResult } from "../runtime/cell-text";
import { CellMatrix, CellResult, LiveCell, sameResult } from "../runtime/live";
import { describe, excelSerialToDate, isDateText, isLatest, parsePeriod, quoted } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { LiveStore, StoreSnapshot } from "../runtime/store";

/**
 * CONTROLS and EVENTS: export-control policy in the grid.
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

/** The date CONTROLS is asked about: omitted means today; a month, quarter or year means its first day. */
const DATE_HINT =
  "use a date such as 2026-11-22 or a date cell; a month such as 2026-11 means its first day";

const SUSPENDED = /^(.+?)\s+suspended$/i;
const LIFTED = /^(.+?)\s+(lifted|revoked|removed|ended|cancelled|canceled)$/i;
/** Actions named by a noun read "… in force since"; the others ("licence required") read "… since". */
const NOUN_ACTION = /(?:ban|embargo|quota|quotas|prohibition|restriction|restrictions|controls)$/i;
const HOME_JURISDICTION = "CN";
/** Excel's largest date serial (9999-12-31). */
const MAX_SERIAL = 2958465;

// ---------------------------------------------------------------------------------------------
// Days as `YYYY-MM-DD` text: they compare correctly as strings.

function dayText(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The first day a date as precise as known (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) covers. */
function firstDay(text: string): string {
  if (text.length === 4) return `${text}-01-01`;
  if (text.length === 7) return `${text}-01`;
  return text;
}

/** The last day a date as precise as known covers. */
function lastDay(text: string): string {
  if (text.length === 4) return `${text}-12-31`;
  if (text.length === 7) {
    const [year, month] = text.split("-").map(Number);
    return dayText(year, month, new Date(Date.UTC(year, month, 0)).getUTCDate());
  }
  return text;
}

function nextDay(day: string): string {
  const [year, month, date] = day.split("-").map(Number);
  const next = new Date(Date.UTC(year, month - 1, date + 1));
  return dayText(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
}

/** The local calendar day of a Date (Excel's TODAY() is the user's local date). */
export function localDay(date: Date): string {
  return dayText(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** An event's date as the text shows it: the day, or the month when only the month is known. */
function eventDateText(event: ControlEvent): string {
  if (event.date_precision === "month") return `${event.date.slice(0, 7)} (month)`;
  return dateText(event.date);
}

function dateText(text: string): string {
  if (text.length === 7) return `${text} (month)`;
  if (text.length === 4) return `${text} (year)`;
  return text;
}

/** An event's date for a table cell: `YYYY-MM-DD`, or `YYYY-MM` when only the month is known. */
export function eventDateCell(event: ControlEvent): string {
  return event.date_precision === "month" ? event.date.slice(0, 7) : event.date;
}

// ---------------------------------------------------------------------------------------------
// Arguments

/** Reads `today` as the wrapper passes it: a Date (its local day) or `YYYY-MM-DD`. */
function parseToday(today: Date | string): string | QueryError {
  if (today instanceof Date) {
    if (Number.isNaN(today.getTime())) return invalid("Today's date is not a valid date.");
    return localDay(today);
  }
  if (typeof today === "string" && /^\d{4}-\d{2}-\d{2}$/.test(today) && isDateText(today))
    return today;
  return invalid(`Cannot read ${describe(today)} as today's date.`);
}

/**
 * The day a status is asked for: omitted means today; "latest" the dataset's as-of date (the last
 * day it reports on); an Excel date serial or `YYYY-MM-DD` text means that day; any period EXPORT
 * reads (`2026-11`, `Nov 2026`, `2026-Q4`, `2026`) means its first day.
 */
export function parseStatusDate(
  value: unknown,
  today: Date | string,
  asOf?: string
): string | QueryError {
  if (isMissing(value)) return parseToday(today);
  if (isLatest(value) && asOf !== undefined) return asOf;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      return invalid(`Cannot read ${String(value)} as a date; ${DATE_HINT}.`);
    if (Number.isInteger(value) && value >= 1900 && value <= 2200) return `${value}-01-01`;
    if (value >= 10000 && value <= MAX_SERIAL) {
      const [year, month, day] = excelSerialToDate(value);
      return dayText(year, month, day);
    }
    return invalid(`Cannot read the number ${value} as a date; ${DATE_HINT}.`);
  }
  if (typeof value !== "string")
    return invalid(`Cannot read ${describe(value)} as a date; ${DATE_HINT}.`);
  const text = value.trim();
  const day = text.match(/^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ][\d:.]+Z?)?$/i);
  if (day) {
    const candidate = dayText(Number(day[1]), Number(day[2]), Number(day[3]));
    if (!isDateText(candidate)) return invalid(`${quoted(text)} is not a calendar date.`);
    return candidate;
  }
  const period = parsePeriod(text);
  if ("error" in period) {
    // Keep a specific reason ("has no month 13"); replace the generic one with date wording.
    return invalid(
      period.error.startsWith("Cannot read")
        ? `Cannot read ${quoted(text)} as a date; ${DATE_HINT}.`
        : period.error
    );
  }
  return `${period.months[0]}-01`;
}

/** The partner argument: undefined means every destination (also for "World"/"All"). */
function resolvePartner(data: IndexedDataset, value: unknown): string | undefined | QueryError {
  if (isMissing(value)) return undefined;
  const partner = resolveCountry(data, value, "partner");
  if (isQueryError(partner)) return partner;
  return partner === WORLD ? undefined : partner;
}

// ---------------------------------------------------------------------------------------------
// Index: each commodity's events, oldest first (dataset order among equal dates).

const eventIndexes = new WeakMap<IndexedDataset, Map<string, ControlEvent[]>>();

function eventsByCommodity(data: IndexedDataset): Map<string, ControlEvent[]> {
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

// ---------------------------------------------------------------------------------------------
// Names in sentences

function countryName(data: IndexedDataset, code: string): string {
  return data.countries.get(code)?.name ?? code;
}

const NEEDS_THE =
  /^(?:United |Republic |Democratic |People's |Dominican Republic|Czech Republic|Central African|Netherlands|Philippines|Bahamas|Gambia|Maldives|Comoros|Seychelles|Holy See)|Islands$/;

/** A country name as it reads after "to": "the United States", "Japan", "the West". */
function nameInSentence(data: IndexedDataset, code: string): string {
  const name = countryName(data, code);
  if (/^The /.test(name)) return `the ${name.slice(4)}`;
  return NEEDS_THE.test(name) ? `the ${name}` : name;
}

/** "export ban to the United States", prefixed by the jurisdiction when it is not China. */
function measureLabel(
  data: IndexedDataset,
  jurisdiction: string,
  partner: string,
  action: string
): string {
  const who = jurisdiction === HOME_JURISDICTION ? "" : `${countryName(data, jurisdiction)}: `;
  const to = partner === "ALL" ? "" : ` to ${nameInSentence(data, partner)}`;
  return `${who}${action}${to}`;
}

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

function eventsOf(phrases: Phrase[]): ControlEvent[] {
  return oldestFirst([...new Set(phrases.flatMap((p) => p.measure.events))]);
}

function relevant(events: readonly ControlEvent[], partner: string | undefined): ControlEvent[] {
  return partner === undefined
    ? [...events]
    : events.filter((e) => e.partner === "ALL" || e.partner === partner);
}

function noEventsForPartner(
  data: IndexedDataset,
  commodity: string,
  all: readonly ControlEvent[],
  partner: string | undefined
): string {
  const partners = [...new Set(all.map((e) => e.partner))].map((p) => countryName(data, p));
  return `No export-control events recorded for ${commodity} to ${nameInSentence(data, partner as string)}; events are recorded for exports to: ${partners.join(", ")}.`;
}

// ---------------------------------------------------------------------------------------------
// EVENTS

export interface EventsArguments {
  commodity: unknown;
  partner?: unknown;
}

/** An event's partner for a table cell: "All destinations", or the country's name. */
export function partnerCell(data: IndexedDataset, partner: string): string {
  return partner === "ALL" ? "All destinations" : countryName(data, partner);
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

// ---------------------------------------------------------------------------------------------
// Keeping a "today" formula current

export interface Clock {
  now(): Date;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Longest wait between checks, so a sleeping computer or a clock change is caught within the hour. */
export const MAX_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/** Milliseconds from `now` until just after the next local midnight, capped at MAX_CHECK_INTERVAL_MS. */
export function msUntilNextCheck(now: Date): number {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const ms = midnight.getTime() - now.getTime() + 1000;
  return Math.min(ms, MAX_CHECK_INTERVAL_MS);
}

/**
 * Like bindLiveCell, for a result that also depends on today's date (CONTROLS without a date):
 * sends the first result now, and a new one when the dataset is replaced or the local date
 * changes (checked just after midnight and at least hourly), only when it differs; text fitted to a
 * cell as bindLiveCell fits it. Cancelling the cell unsubscribes and stops the timer.
 */
export function bindDailyLiveCell<T>(
  store: LiveStore,
  cell: LiveCell<T>,
  computeResult: (snapshot: StoreSnapshot, today: Date) => CellResult,
  toCell: (result: CellResult) => T,
  clock: Clock = systemClock
): void {
  const compute = (snapshot: StoreSnapshot, today: Date) =>
    fitResult(computeResult(snapshot, today));
  let timer: unknown;
  let canceled = false;
  // One comparison point for both triggers (a dataset replacement and a new day), so neither
  // skips a result because the other sent something in between.
  let last = compute(store.current, clock.now());
  cell.setResult(toCell(last));
  const update = (snapshot: StoreSnapshot) => {
    const next = compute(snapshot, clock.now());
    if (sameResult(next, last)) return;
    last = next;
    cell.setResult(toCell(next));
  };
  const unsubscribe = store.subscribe(update);
  const tick = () => {
    if (canceled) return;
    update(store.current);
    timer = clock.setTimer(tick, msUntilNextCheck(clock.now()));
  };
  timer = clock.setTimer(tick, msUntilNextCheck(clock.now()));
  cell.onCanceled = () => {
    canceled = true;
    clock.clearTimer(timer);
    unsubscribe();
  };
}
