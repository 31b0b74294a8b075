import { realDataset, realIndexed } from "../../../test/support/real-dataset";
import {
  bindDailyLiveCell,
  Clock,
  controlsCitations,
  controlsText,
  eventsTable,
  findControls,
  findEvents,
  localDay,
  MAX_CHECK_INTERVAL_MS,
  msUntilNextCheck,
  parseStatusDate,
} from "./controls";
import { ControlEvent, Dataset } from "../dataset/dataset";
import { indexDataset } from "../dataset/indexed";
import { CellResult } from "../runtime/live";
import { QueryError } from "./query-error";
import { LiveStore } from "../runtime/store";
import { expectError } from "../../../test/support/expect-error";

const data = realIndexed();
const TODAY = "2026-11-22";
const CONTROLS = (commodity: unknown, partner?: unknown, date?: unknown, today = TODAY) =>
  controlsText(data, { commodity, partner, date }, today);
const EVENTS = (commodity: unknown, partner?: unknown) => eventsTable(data, { commodity, partner });

const LICENCE = "Licence required since 2023-08-01";
const SUSPENDED = `${LICENCE}; export ban to the United States (since 2024-12-03) suspended since 2025-11-09 until 2026-11-27.`;
const BAN = `${LICENCE}; export ban to the United States in force since 2024-12-03.`;
const AGAIN = `${LICENCE}; export ban to the United States (since 2024-12-03) in force again since 2026-11-28 (suspension ended 2026-11-27).`;
/** The real dataset is as of 2026-11-22: the end of the suspension on 2026-11-27 is beyond it. */
const SCHEDULED = `${LICENCE}; export ban to the United States (since 2024-12-03) suspended since 2025-11-09; suspension scheduled to end on 2026-11-27 (as announced on 2025-11-09); no later event recorded.`;
/** The same events in a dataset as of a later day, which would have recorded a later event. */
const laterData = indexDataset({ ...realDataset(), as_of: "2026-12-01" });

describe("CONTROLS: the issue's examples", () => {
  test("on 2026-11-22 the US ban on gallium is suspended until 2026-11-27", () => {
    expect(CONTROLS("gallium", "US", "2026-11-22")).toBe(SUSPENDED);
  });
  test("on 2024-12-10 the ban is in force", () => {
    expect(CONTROLS("gallium", "US", "2024-12-10")).toBe(BAN);
  });
  test("the suspension's until is its last day; after it, a dataset as of a later day says in force again", () => {
    const later = (date: string) =>
      controlsText(laterData, { commodity: "gallium", partner: "US", date }, TODAY);
    expect(later("2026-11-27")).toBe(SUSPENDED);
    expect(later("2026-11-28")).toBe(AGAIN);
    expect(later("2030-01-01")).toBe(AGAIN);
  });
  test("a scheduled end after the dataset's as-of date is said to be scheduled, never a fact", () => {
    expect(CONTROLS("gallium", "US", "2026-11-27")).toBe(SUSPENDED);
    expect(CONTROLS("gallium", "US", "2026-11-28")).toBe(SCHEDULED);
    expect(CONTROLS("gallium", "US", "2030-01-01")).toBe(SCHEDULED);
    expect(CONTROLS("gallium", "US", "2030-01-01")).not.toMatch(/in force again|\bended\b/);
  });
  test("a measure's own end after the as-of date is scheduled too", () => {
    const event: ControlEvent = {
      date: "2026-01-10",
      date_precision: "day",
      jurisdiction: "CN",
      commodities: ["antimony"],
      partner: "ALL",
      action: "export ban",
      until: "2026-12-31",
      source_id: realDataset().events[0].source_id,
      note: null,
    };
    const d = indexDataset({ ...realDataset(), events: [event] });
    expect(controlsText(d, { commodity: "antimony", date: "2027-02-01" }, TODAY)).toBe(
      "Export ban in force since 2026-01-10, scheduled to end on 2026-12-31 (as announced on 2026-01-10); no later event recorded."
    );
    const later = indexDataset({ ...realDataset(), events: [event], as_of: "2027-01-15" });
    expect(controlsText(later, { commodity: "antimony", date: "2027-02-01" }, TODAY)).toMatch(
      /\(ended\)/
    );
  });
  test('"latest" is the status on the dataset\'s as-of date', () => {
    expect(CONTROLS("gallium", "US", "latest")).toBe(SUSPENDED);
    expect(CONTROLS("gallium", "US", " Latest ")).toBe(CONTROLS("gallium", "US", "2026-11-22"));
  });
  test("each measure applies from its own day", () => {
    expect(CONTROLS("gallium", "US", "2023-07-31")).toBe(
      "No export controls in force on 2023-07-31 (first measure: licence required from 2023-08-01)."
    );
    expect(CONTROLS("gallium", "US", "2023-08-01")).toBe(`${LICENCE}.`);
    expect(CONTROLS("gallium", "US", "2024-12-02")).toBe(`${LICENCE}.`);
    expect(CONTROLS("gallium", "US", "2024-12-03")).toBe(BAN);
    expect(CONTROLS("gallium", "US", "2025-11-08")).toBe(BAN);
    expect(CONTROLS("gallium", "US", "2025-11-09")).toBe(SUSPENDED);
  });
  test("before any event", () => {
    expect(CONTROLS("gallium", "US", "2023-01-01")).toBe(
      "No export controls in force on 2023-01-01 (first measure: licence required from 2023-08-01)."
    );
  });
  test("a commodity with no events says so", () => {
    expect(CONTROLS("lithium")).toBe("No export-control events recorded for lithium.");
    expect(CONTROLS("magnets", "US", "2025-11")).toBe(
      "No export-control events recorded for magnets."
    );
  });
});

describe("CONTROLS: partners", () => {
  test("without a partner, partner-specific measures are named with their partner", () => {
    expect(CONTROLS("gallium")).toBe(SUSPENDED);
    expect(CONTROLS("antimony", undefined, "2025-01-01")).toBe(
      "Licence required since 2024-09-15; export ban to the United States in force since 2024-12-03."
    );
  });
  test("another partner gets only the measures for all destinations", () => {
    expect(CONTROLS("gallium", "Japan")).toBe(`${LICENCE}.`);
    expect(CONTROLS("germanium", "DE", "2025-01-01")).toBe(`${LICENCE}.`);
    expect(CONTROLS("antimony", "JP", "2025-01-01")).toBe("Licence required since 2024-09-15.");
  });
  test.each([["US"], ["USA"], ["United States"], ["u.s."], ["the United States"]])(
    "partner %p",
    (partner) => {
      expect(CONTROLS("gallium", partner)).toBe(SUSPENDED);
    }
  );
  test.each([["World"], ["All"], ["Total"], [null], [""], ["  "]])(
    "partner %p means every destination",
    (partner) => {
      expect(CONTROLS("gallium", partner, "2024-12-10")).toBe(BAN);
    }
  );
  test("commodity names and aliases work as in EXPORT", () => {
    expect(CONTROLS("Ga", "US")).toBe(SUSPENDED);
    expect(CONTROLS("GALLIUM", "US")).toBe(SUSPENDED);
    expect(CONTROLS("Sb", "US", "2024-12-10")).toBe(
      "Licence required since 2024-09-15; export ban to the United States in force since 2024-12-03."
    );
  });
});

describe("CONTROLS: other commodities", () => {
  test("informational measures stay; month-precision dates are written as the month", () => {
    expect(CONTROLS("rare earths", undefined, "2025-11-01")).toBe(
      "Controls expanded since 2025-10-09."
    );
    expect(CONTROLS("rare earths", undefined, "2025-12-01")).toBe(
      "Controls expanded (since 2025-10-09) suspended since 2025-11-07 until 2026-11-10; general licences introduced since 2025-12 (month)."
    );
    expect(CONTROLS("REE", "US")).toBe(
      "Controls expanded (since 2025-10-09) in force again since 2026-11-11 (suspension ended 2026-11-10); general licences introduced since 2025-12 (month)."
    );
  });

  test("the 9 October 2025 rare-earth measures are suspended from 7 November 2025 to 10 November 2026", () => {
    expect(CONTROLS("rare earths", undefined, "2025-11-06")).toBe(
      "Controls expanded since 2025-10-09."
    );
    expect(CONTROLS("rare earths", undefined, "2026-01-15")).toBe(
      "Controls expanded (since 2025-10-09) suspended since 2025-11-07 until 2026-11-10; general licences introduced since 2025-12 (month)."
    );
    expect(CONTROLS("rare earths", undefined, "2026-11-11")).toBe(
      "Controls expanded (since 2025-10-09) in force again since 2026-11-11 (suspension ended 2026-11-10); general licences introduced since 2025-12 (month)."
    );
  });
  test.each([
    ["tungsten", "Licence required since 2025-02-04."],
    ["dysprosium", "Licence required since 2025-04-04."],
    ["terbium", "Licence required since 2025-04-04."],
    [
      "germanium",
      "Licence required since 2023-08-01; export ban to the United States (since 2024-12-03) suspended since 2025-11-09 until 2026-11-27.",
    ],
  ])("%s today", (commodity, expected) => {
    expect(CONTROLS(commodity)).toBe(expected);
  });
});

describe("CONTROLS: the date argument", () => {
  test.each([
    ["2024-12-10"],
    ["2024/12/10"],
    ["2024-12-10T00:00:00Z"],
    ["2024-12-10 12:30"],
    [" 2024-12-10 "],
    [45636], // 2024-12-10 as an Excel date serial
    [45636.75], // a date-time serial means its day
  ])("%p is 2024-12-10", (date) => {
    expect(CONTROLS("gallium", "US", date)).toBe(BAN);
  });

  test("a month, quarter or year means its first day", () => {
    // 2024-12-01 is before the ban of 2024-12-03.
    expect(CONTROLS("gallium", "US", "2024-12")).toBe(`${LICENCE}.`);
    expect(CONTROLS("gallium", "US", "Dec 2024")).toBe(`${LICENCE}.`);
    expect(CONTROLS("gallium", "US", "2026-11")).toBe(SUSPENDED);
    expect(CONTROLS("gallium", "US", "2026-Q4")).toBe(SUSPENDED);
    expect(CONTROLS("gallium", "US", 2025)).toBe(BAN);
    expect(CONTROLS("gallium", "US", "2027")).toBe(SCHEDULED);
    expect(CONTROLS("gallium", "US", 2023)).toBe(
      "No export controls in force on 2023-01-01 (first measure: licence required from 2023-08-01)."
    );
  });

  test("parseStatusDate returns the day", () => {
    expect(parseStatusDate("2024-12", TODAY)).toBe("2024-12-01");
    expect(parseStatusDate(45636, TODAY)).toBe("2024-12-10");
    expect(parseStatusDate(2025, TODAY)).toBe("2025-01-01");
    expect(parseStatusDate("2024-2-5", TODAY)).toBe("2024-02-05");
    expect(parseStatusDate(undefined, TODAY)).toBe(TODAY);
  });

  test("omitted means today, passed as YYYY-MM-DD or as a Date (its local day)", () => {
    expect(CONTROLS("gallium", "US", undefined, "2024-12-10")).toBe(BAN);
    expect(CONTROLS("gallium", "US", null, "2026-11-28")).toBe(SCHEDULED);
    expect(
      controlsText(data, { commodity: "gallium", partner: "US" }, new Date(2024, 11, 10))
    ).toBe(BAN);
    // 23:59 local on 2026-11-27 is still the last day of the suspension, whatever the time zone.
    expect(
      controlsText(data, { commodity: "gallium", partner: "US" }, new Date(2026, 10, 27, 23, 59))
    ).toBe(SUSPENDED);
    expect(localDay(new Date(2026, 0, 5, 0, 0, 1))).toBe("2026-01-05");
  });

  test("an unusable today is #VALUE!, not a guess", () => {
    expectError(
      CONTROLS("gallium", "US", undefined, "2026-13-01"),
      "invalidValue",
      "Cannot read '2026-13-01' as today's date."
    );
    expectError(
      CONTROLS("gallium", "US", undefined, "2026-11"),
      "invalidValue",
      "Cannot read '2026-11' as today's date."
    );
    expectError(
      controlsText(data, { commodity: "gallium" }, new Date(Number.NaN)),
      "invalidValue",
      "Today's date is not a valid date."
    );
    expectError(
      controlsText(data, { commodity: "gallium" }, 5 as unknown as string),
      "invalidValue",
      "Cannot read 5 as today's date."
    );
  });

  const HINT =
    "use a date such as 2026-11-22 or a date cell; a month such as 2026-11 means its first day";
  test.each([
    ["soon", `Cannot read 'soon' as a date; ${HINT}.`],
    ["2025-13", "'2025-13' has no month 13; months run 1–12."],
    ["2025-02-30", "'2025-02-30' is not a calendar date."],
    ["2025/02/30", "'2025/02/30' is not a calendar date."],
    [5, `Cannot read the number 5 as a date; ${HINT}.`],
    [-1, `Cannot read the number -1 as a date; ${HINT}.`],
    [1e12, `Cannot read the number 1000000000000 as a date; ${HINT}.`],
    [Number.POSITIVE_INFINITY, `Cannot read Infinity as a date; ${HINT}.`],
    [Number.NaN, `Cannot read NaN as a date; ${HINT}.`],
    [true, `Cannot read TRUE as a date; ${HINT}.`],
    [[["2024-12-10"]], `Cannot read a range as a date; ${HINT}.`],
    [{}, `Cannot read this value as a date; ${HINT}.`],
    ["3000", "The year in '3000' is outside 1900–2200."],
  ])("date %p is #VALUE!", (date, message) => {
    expectError(CONTROLS("gallium", "US", date), "invalidValue", message);
  });
});

describe("CONTROLS: errors", () => {
  test.each([
    [["magnium"], "Unknown commodity 'magnium'. Did you mean 'magnets'?"],
    [["galium"], "Unknown commodity 'galium'. Did you mean 'gallium'?"],
    [[""], "A commodity is required."],
    [[null], "A commodity is required."],
    [[true], "Cannot read TRUE as a commodity."],
    [[[["gallium"]]], "Cannot read a range as a commodity."],
    [
      ["gallium", "Untied States"],
      "Unknown partner 'Untied States'. Did you mean 'United States'?",
    ],
    [
      ["gallium", "Congo"],
      /^'Congo' is ambiguous: it could be Congo \(Kinshasa\) or Congo \(Brazzaville\)/,
    ],
    [["gallium", false], "Cannot read FALSE as a partner."],
    [["gallium", [["US"]]], "Cannot read a range as a partner."],
  ])("CONTROLS%j is #VALUE!", (args, message) => {
    expectError(CONTROLS(...(args as [unknown, unknown?])), "invalidValue", message);
  });

  test("the commodity is checked before the partner and the date", () => {
    expectError(CONTROLS("magnium", "Atlantis", "soon"), "invalidValue", /commodity 'magnium'/);
    expectError(CONTROLS("gallium", "Atlantis", "soon"), "invalidValue", /partner 'Atlantis'/);
  });
});

describe("CONTROLS: the events behind the status, for citations", () => {
  const sources = (args: Parameters<typeof findControls>[1], today = TODAY) => {
    const status = findControls(data, args, today);
    if (status instanceof QueryError) throw new Error(status.message);
    return status.events.map((e) => `${e.date} ${e.action} ${e.partner}`);
  };

  test("every event that shaped a measure in the text", () => {
    expect(sources({ commodity: "gallium", partner: "US" })).toEqual([
      "2023-08-01 licence required ALL",
      "2024-12-03 export ban US",
      "2025-11-09 export ban suspended US",
    ]);
    expect(sources({ commodity: "gallium", partner: "US", date: "2024-12-10" })).toEqual([
      "2023-08-01 licence required ALL",
      "2024-12-03 export ban US",
    ]);
    expect(sources({ commodity: "gallium", partner: "JP" })).toEqual([
      "2023-08-01 licence required ALL",
    ]);
  });

  test("before any measure, the first one; with no events, none", () => {
    expect(sources({ commodity: "gallium", date: "2020-01-01" })).toEqual([
      "2023-08-01 licence required ALL",
    ]);
    expect(sources({ commodity: "lithium" })).toEqual([]);
  });

  test("findControls states the day it answered for", () => {
    const status = findControls(data, { commodity: "gallium", date: "Nov 2026" }, TODAY);
    expect(status).toMatchObject({ date: "2026-11-01", text: SUSPENDED });
    expect(findControls(data, { commodity: "lithium" }, TODAY)).toEqual({
      date: TODAY,
      text: "No export-control events recorded for lithium.",
      events: [],
    });
  });

  test("controlsCitations cites each event's source and note", () => {
    const citations = controlsCitations(data, { commodity: "gallium", partner: "US" }, TODAY);
    expect(citations).toEqual([
      {
        source: data.sources.get("fastmarkets-2023-09-21"),
        note: "Export controls introduced on 1 August 2023; also reported by weekly-2025-07-20 (licensing since mid-2023, official processing time 45 working days)",
        qualifier: null,
      },
      {
        source: data.sources.get("reuters-2024-12-03"),
        note: "Ban on exports to the United States of dual-use items related to gallium, germanium, antimony and superhard materials, with immediate effect; also reported by weekly-2025-07-20 (gallium and germanium, effective December 2024)",
        qualifier: null,
      },
      {
        source: data.sources.get("businesstimes-2025-11-09"),
        note: "Suspension in effect from 9 November 2025 until 27 November 2026; also reported by ts2-2025-12-20 (licences still required under the broader export controls)",
        qualifier: null,
      },
    ]);
  });

  test("a month-precision date is flagged in its citation", () => {
    const citations = controlsCitations(data, { commodity: "rare earths" }, TODAY);
    expect(citations).not.toBeInstanceOf(QueryError);
    expect((citations as { qualifier: string | null }[]).map((c) => c.qualifier)).toEqual([
      null,
      null,
      "date known to the month",
    ]);
  });

  test("controlsCitations passes errors through", () => {
    expectError(
      controlsCitations(data, { commodity: "magnium" }, TODAY),
      "invalidValue",
      /Unknown commodity/
    );
  });
});

describe("EVENTS", () => {
  const HEADER = ["Date", "Action", "Partner", "Until", "Source"];
  const FASTMARKETS = "Fastmarkets (Metal Bulletin), 2023-09-21";
  const BAN = "Reuters (via Business Recorder), 2024-12-03";
  const SUSPENSION = "The Business Times (Singapore), 2025-11-09";
  test("gallium's timeline, oldest first", () => {
    expect(EVENTS("gallium")).toEqual([
      HEADER,
      ["2023-08-01", "licence required", "All destinations", "", FASTMARKETS],
      ["2024-12-03", "export ban", "United States", "", BAN],
      ["2025-11-09", "export ban suspended", "United States", "2026-11-27", SUSPENSION],
    ]);
  });

  test("a partner gets all-destination events plus its own", () => {
    expect(EVENTS("gallium", "US")).toEqual(EVENTS("gallium"));
    expect(EVENTS("gallium", "World")).toEqual(EVENTS("gallium"));
    expect(EVENTS("gallium", "Japan")).toEqual([
      HEADER,
      ["2023-08-01", "licence required", "All destinations", "", FASTMARKETS],
    ]);
  });

  test("month-precision dates are the month", () => {
    expect(EVENTS("rare earths")).toEqual([
      HEADER,
      [
        "2025-10-09",
        "controls expanded",
        "All destinations",
        "",
        "Xinhua (via People's Daily Online), 2025-10-10",
      ],
      [
        "2025-11-07",
        "controls expanded suspended",
        "All destinations",
        "2026-11-10",
        "Raw Materials Newsletter (rawmaterials.net), 2025-11-07",
      ],
      ["2025-12", "general licences introduced", "All destinations", "", "ts2.tech, 2025-12-20"],
    ]);
  });

  test("antimony", () => {
    expect(EVENTS("antimony")).toEqual([
      HEADER,
      [
        "2024-09-15",
        "licence required",
        "All destinations",
        "",
        "Reuters (via Daily Mail wire feed), 2024-08-15",
      ],
      ["2024-12-03", "export ban", "United States", "", BAN],
      ["2025-11-09", "export ban suspended", "United States", "2026-11-27", SUSPENSION],
    ]);
  });

  test("no events is #N/A", () => {
    expectError(
      EVENTS("lithium"),
      "notAvailable",
      "No export-control events recorded for lithium."
    );
    expectError(
      EVENTS("magnets", "US"),
      "notAvailable",
      "No export-control events recorded for magnets."
    );
  });

  test("errors", () => {
    expectError(
      EVENTS("magnium"),
      "invalidValue",
      "Unknown commodity 'magnium'. Did you mean 'magnets'?"
    );
    expectError(EVENTS(undefined), "invalidValue", "A commodity is required.");
    expectError(EVENTS("gallium", "Atlantis"), "invalidValue", /^Unknown partner 'Atlantis'/);
    expectError(EVENTS("gallium", 3), "invalidValue", /^Unknown partner '3'/);
  });

  test("findEvents returns the rows behind the table", () => {
    const events = findEvents(data, { commodity: "gallium", partner: "JP" }) as ControlEvent[];
    expect(events.map((e) => e.source_id)).toEqual(["fastmarkets-2023-09-21"]);
  });
});

// ---------------------------------------------------------------------------------------------
// Cases the real data lacks, on small modified datasets.

function withEvents(events: Partial<ControlEvent>[], change?: (d: Dataset) => void) {
  const dataset = realDataset();
  dataset.events = events.map((e) => ({
    date: "2025-01-01",
    date_precision: "day",
    jurisdiction: "CN",
    commodities: ["lithium"],
    partner: "ALL",
    action: "licence required",
    until: null,
    source_id: "ts2-2025-12-20",
    note: null,
    ...e,
  }));
  change?.(dataset);
  return indexDataset(dataset);
}

describe("CONTROLS: measures the real data does not have yet", () => {
  const at = (d: ReturnType<typeof withEvents>, date: string, partner?: string) =>
    controlsText(d, { commodity: "lithium", partner, date }, TODAY);

  test("a measure with an until applies through that day, then has ended", () => {
    const d = withEvents([{ until: "2025-06-30" }]);
    expect(at(d, "2025-06-30")).toBe("Licence required since 2025-01-01 until 2025-06-30.");
    expect(at(d, "2025-07-01")).toBe(
      "No export controls in force on 2025-07-01; licence required from 2025-01-01 until 2025-06-30 (ended)."
    );
  });

  test("an until given as a month lasts through the month's last day", () => {
    const d = withEvents([{ until: "2025-02" }]);
    expect(at(d, "2025-02-28")).toBe("Licence required since 2025-01-01 until 2025-02 (month).");
    expect(at(d, "2025-03-01")).toBe(
      "No export controls in force on 2025-03-01; licence required from 2025-01-01 until 2025-02 (month) (ended)."
    );
    const y = withEvents([{ until: "2025" }]);
    expect(at(y, "2025-12-31")).toBe("Licence required since 2025-01-01 until 2025 (year).");
    expect(at(y, "2026-01-01")).toMatch(/^No export controls in force on 2026-01-01/);
  });

  test("dates given as a year apply from its first day", () => {
    const d = withEvents([{ date: "2024", date_precision: "day" }]);
    expect(at(d, "2024-01-01")).toBe("Licence required since 2024 (year).");
  });

  test("a measure announced again keeps its first date and takes the new until", () => {
    const d = withEvents([
      { date: "2025-01-01" },
      { date: "2025-03-01", until: "2025-12-31", source_id: "ginlix-2025-12-20" },
    ]);
    expect(at(d, "2025-04-01")).toBe("Licence required since 2025-01-01 until 2025-12-31.");
    const status = findControls(d, { commodity: "lithium", date: "2025-04-01" }, TODAY);
    expect((status as { events: ControlEvent[] }).events).toHaveLength(2);
  });

  test("announced again without an until, it no longer ends", () => {
    const d = withEvents([{ until: "2025-06-30" }, { date: "2025-03-01" }]);
    expect(at(d, "2026-01-01")).toBe("Licence required since 2025-01-01.");
  });

  test("a ban announced again during a dated suspension starts afresh; after it, it continues", () => {
    const events: Partial<ControlEvent>[] = [
      { action: "export ban" },
      { date: "2025-05-01", action: "export ban suspended", until: "2025-06-30" },
    ];
    const during = withEvents([...events, { date: "2025-06-01", action: "export ban" }]);
    expect(at(during, "2025-06-15")).toBe("Export ban in force since 2025-06-01.");
    const after = withEvents([...events, { date: "2025-08-01", action: "export ban" }]);
    expect(at(after, "2025-08-15")).toBe(
      "Export ban (since 2025-01-01) in force again since 2025-07-01 (suspension ended 2025-06-30)."
    );
  });

  test("a measure imposed again after it ended starts afresh", () => {
    const d = withEvents([{ date: "2025-01-01", until: "2025-01-31" }, { date: "2025-06-01" }]);
    expect(at(d, "2025-07-01")).toBe("Licence required since 2025-06-01.");
  });

  test("a ban to all destinations, suspended until further notice", () => {
    const d = withEvents([
      { action: "export ban" },
      { date: "2025-05-01", action: "export ban suspended" },
    ]);
    expect(at(d, "2025-04-30")).toBe("Export ban in force since 2025-01-01.");
    expect(at(d, "2027-01-01")).toBe("Export ban (since 2025-01-01) suspended since 2025-05-01.");
  });

  test("a ban imposed again while suspended starts afresh", () => {
    const d = withEvents([
      { action: "export ban", partner: "US" },
      { date: "2025-05-01", action: "export ban suspended", partner: "US" },
      { date: "2025-08-01", action: "export ban", partner: "US" },
    ]);
    expect(at(d, "2025-09-01", "US")).toBe(
      "Export ban to the United States in force since 2025-08-01."
    );
  });

  test("a suspension with an until as a month ends after that month", () => {
    const d = withEvents([
      { action: "export ban" },
      { date: "2025-05-01", action: "export ban suspended", until: "2025-06" },
    ]);
    expect(at(d, "2025-06-30")).toBe(
      "Export ban (since 2025-01-01) suspended since 2025-05-01 until 2025-06 (month)."
    );
    expect(at(d, "2025-07-01")).toBe(
      "Export ban (since 2025-01-01) in force again since 2025-07-01 (suspension ended 2025-06 (month))."
    );
  });

  test("a suspension with nothing recorded before it", () => {
    const d = withEvents([
      { date: "2025-05-01", action: "export ban suspended", partner: "US", until: "2025-12-31" },
    ]);
    expect(at(d, "2025-06-01")).toBe(
      "Export ban to the United States suspended since 2025-05-01 until 2025-12-31."
    );
    expect(at(d, "2026-01-01")).toBe(
      "No export controls in force on 2026-01-01; export ban to the United States suspended from 2025-05-01 until 2025-12-31 (suspension ended; no export ban recorded before it)."
    );
    expect(at(d, "2025-01-01")).toBe(
      "No export controls in force on 2025-01-01 (first measure: export ban suspended to the United States from 2025-05-01)."
    );
  });

  test("a lifted measure has ended; it may be imposed again", () => {
    const d = withEvents([
      { action: "export ban", partner: "US" },
      { date: "2025-03-01", action: "export ban lifted", partner: "US" },
      { date: "2025-04-01", action: "export ban lifted", partner: "US" },
      { date: "2025-09-01", action: "export ban", partner: "US" },
    ]);
    expect(at(d, "2025-02-28", "US")).toBe(
      "Export ban to the United States in force since 2025-01-01."
    );
    expect(at(d, "2025-05-01", "US")).toBe(
      "No export controls in force on 2025-05-01; export ban to the United States (since 2025-01-01) lifted on 2025-03-01."
    );
    expect(at(d, "2025-09-01", "US")).toBe(
      "Export ban to the United States in force since 2025-09-01."
    );
  });

  test("other words for lifting; a lifting with nothing before it", () => {
    const d = withEvents([
      { action: "licence required" },
      { date: "2025-02-01", action: "licence required revoked" },
      { date: "2025-02-01", action: "export ban removed", partner: "JP" },
    ]);
    expect(at(d, "2025-03-01")).toBe(
      "No export controls in force on 2025-03-01; licence required (since 2025-01-01) revoked on 2025-02-01; export ban to Japan removed on 2025-02-01."
    );
  });

  test("lifted measures are left out while others are in force", () => {
    const d = withEvents([
      { action: "licence required" },
      { action: "export ban", partner: "US" },
      { date: "2025-02-01", action: "export ban cancelled", partner: "US" },
    ]);
    expect(at(d, "2025-03-01")).toBe("Licence required since 2025-01-01.");
  });

  test("several first measures on the same day", () => {
    const d = withEvents([
      { date: "2025-05-01", action: "licence required" },
      { date: "2025-05-01", action: "export ban", partner: "US" },
    ]);
    expect(at(d, "2025-01-01")).toBe(
      "No export controls in force on 2025-01-01 (first measure: licence required from 2025-05-01 and export ban to the United States from 2025-05-01)."
    );
  });

  test("names read well in a sentence; measures by other jurisdictions name them", () => {
    const d = withEvents([
      { action: "export ban", partner: "WEST" },
      { action: "export ban", partner: "GB" },
      { action: "export ban", partner: "NL" },
      { action: "export ban", partner: "DE", jurisdiction: "US" },
    ]);
    expect(at(d, "2025-01-01")).toBe(
      "Export ban to the West in force since 2025-01-01; export ban to the United Kingdom in force since 2025-01-01; export ban to the Netherlands in force since 2025-01-01; United States: export ban to Germany in force since 2025-01-01."
    );
    expect(eventsTable(d, { commodity: "lithium", partner: "DE" })).toEqual([
      ["Date", "Action", "Partner", "Until", "Source"],
      ["2025-01-01", "United States: export ban", "Germany", "", "ts2.tech, 2025-12-20"],
    ]);
  });

  test("a partner with no events of its own and none for all destinations", () => {
    const d = withEvents([
      { action: "export ban", partner: "US" },
      { action: "export ban", partner: "GB" },
    ]);
    const message =
      "No export-control events recorded for lithium to Japan; events are recorded for exports to: United States, United Kingdom.";
    expect(at(d, "2025-01-01", "JP")).toBe(message);
    expectError(eventsTable(d, { commodity: "lithium", partner: "JP" }), "notAvailable", message);
    expect(findControls(d, { commodity: "lithium", partner: "JP" }, TODAY)).toMatchObject({
      events: [],
    });
  });

  test("events on the same day keep the data's order; events are sorted by date", () => {
    const d = withEvents([
      { date: "2025-06-01", action: "controls expanded" },
      { date: "2025-01-01", action: "licence required" },
      { date: "2025-06", date_precision: "month", action: "quota" },
    ]);
    expect(at(d, "2025-07-01")).toBe(
      "Licence required since 2025-01-01; controls expanded since 2025-06-01; quota in force since 2025-06 (month)."
    );
  });

  test("an event whose source is missing keeps its id in EVENTS and is not cited", () => {
    const d = withEvents([{ source_id: "gone" }]);
    expect(eventsTable(d, { commodity: "lithium" })).toEqual([
      ["Date", "Action", "Partner", "Until", "Source"],
      ["2025-01-01", "licence required", "All destinations", "", "gone"],
    ]);
    expect(controlsCitations(d, { commodity: "lithium" }, TODAY)).toEqual([]);
  });

  test("an event listing its commodity twice counts once; an unknown partner code shows as the code", () => {
    const d = withEvents([
      { commodities: ["lithium", "lithium"], partner: "ZZ", action: "export ban" },
    ]);
    expect(at(d, "2025-01-01")).toBe("Export ban to ZZ in force since 2025-01-01.");
    expect(eventsTable(d, { commodity: "lithium" })).toEqual([
      ["Date", "Action", "Partner", "Until", "Source"],
      ["2025-01-01", "export ban", "ZZ", "", "ts2.tech, 2025-12-20"],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Keeping CONTROLS(…) without a date current.

describe("msUntilNextCheck", () => {
  test("just after the next local midnight, at most an hour away", () => {
    expect(msUntilNextCheck(new Date(2026, 10, 27, 23, 30, 0))).toBe(30 * 60 * 1000 + 1000);
    expect(msUntilNextCheck(new Date(2026, 10, 27, 23, 59, 59, 500))).toBe(1500);
    expect(msUntilNextCheck(new Date(2026, 10, 27, 12, 0, 0))).toBe(MAX_CHECK_INTERVAL_MS);
    expect(msUntilNextCheck(new Date(2026, 10, 27, 22, 59, 59))).toBe(MAX_CHECK_INTERVAL_MS);
  });
});

class FakeClock implements Clock {
  time: Date;
  timers = new Map<number, { callback: () => void; at: number }>();
  private next = 1;
  constructor(start: Date) {
    this.time = start;
  }
  now(): Date {
    return new Date(this.time.getTime());
  }
  setTimer(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { callback, at: this.time.getTime() + ms });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves time forward, running timers as they come due. */
  advance(to: Date): void {
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= to.getTime());
      if (due.length === 0) break;
      const [id, timer] = due.sort((a, b) => a[1].at - b[1].at)[0];
      this.timers.delete(id);
      this.time = new Date(timer.at);
      timer.callback();
    }
    this.time = to;
  }
}

describe("bindDailyLiveCell", () => {
  const compute = (snapshot: { data: typeof data }, today: Date): CellResult =>
    controlsText(snapshot.data, { commodity: "gallium", partner: "US" }, today);

  function setup(start: Date) {
    const store = new LiveStore(data);
    const clock = new FakeClock(start);
    const sent: CellResult[] = [];
    const cell: { setResult(v: CellResult): void; onCanceled?: () => void } = {
      setResult: (v) => sent.push(v),
    };
    bindDailyLiveCell(store, cell, compute, (r) => r, clock);
    return { store, clock, sent, cell };
  }

  test("sends the status now, and again when the date changes it", () => {
    const { clock, sent } = setup(new Date(2026, 10, 27, 9, 0));
    expect(sent).toEqual([SUSPENDED]);
    clock.advance(new Date(2026, 10, 27, 23, 0));
    expect(sent).toEqual([SUSPENDED]); // same day: nothing new is sent
    clock.advance(new Date(2026, 10, 28, 0, 0, 2));
    expect(sent).toEqual([SUSPENDED, SCHEDULED]);
    clock.advance(new Date(2026, 10, 30, 0, 0, 2));
    expect(sent).toEqual([SUSPENDED, SCHEDULED]);
    expect(clock.timers.size).toBe(1);
  });

  test("a computer that slept past midnight catches up within the hour", () => {
    const { clock, sent } = setup(new Date(2026, 10, 27, 9, 0));
    // The pending timer was due at 10:00; it fires late, after the date changed.
    clock.time = new Date(2026, 10, 28, 8, 0);
    const [[, timer]] = [...clock.timers];
    timer.callback();
    expect(sent).toEqual([SUSPENDED, SCHEDULED]);
  });

  test("a dataset replacement is sent, compared with what the timer sent last", () => {
    const { store, clock, sent } = setup(new Date(2026, 10, 27, 9, 0));
    clock.advance(new Date(2026, 10, 28, 9, 0));
    expect(sent).toEqual([SUSPENDED, SCHEDULED]);
    // A dataset in which yesterday's answer is today's: it must still be sent.
    const dataset = realDataset();
    const suspension = dataset.events.find((e) => e.action === "export ban suspended");
    (suspension as ControlEvent).until = "2026-12-31";
    store.replace(indexDataset(dataset), { kind: "file", name: "new.json" });
    const extended = SUSPENDED.replace("until 2026-11-27", "until 2026-12-31");
    expect(sent).toEqual([SUSPENDED, SCHEDULED, extended]);
    store.replace(indexDataset(dataset), { kind: "file", name: "same.json" });
    expect(sent).toHaveLength(3);
  });

  test("cancelling stops the timer and the subscription", () => {
    const { store, clock, sent, cell } = setup(new Date(2026, 10, 27, 9, 0));
    expect(store.listenerCount).toBe(1);
    const [[, timer]] = [...clock.timers];
    cell.onCanceled?.();
    expect(store.listenerCount).toBe(0);
    expect(clock.timers.size).toBe(0);
    // A timer callback already on its way does nothing after cancelling.
    clock.time = new Date(2026, 10, 28, 9, 0);
    timer.callback();
    expect(sent).toEqual([SUSPENDED]);
    expect(clock.timers.size).toBe(0);
  });

  test("the system clock schedules real timers", () => {
    jest.useFakeTimers();
    try {
      jest.setSystemTime(new Date(2026, 10, 27, 23, 59, 0));
      const store = new LiveStore(data);
      const sent: CellResult[] = [];
      const cell: { setResult(v: CellResult): void; onCanceled?: () => void } = {
        setResult: (v) => sent.push(v),
      };
      bindDailyLiveCell(store, cell, compute, (r) => r);
      expect(sent).toEqual([SUSPENDED]);
      jest.advanceTimersByTime(2 * 60 * 1000);
      expect(sent).toEqual([SUSPENDED, SCHEDULED]);
      cell.onCanceled?.();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
