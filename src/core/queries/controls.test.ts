import { realDataset, realIndexed } from "../../../test/support/real-dataset";
import { localDay, parseStatusDate } from "./control-dates";
import { controlsCitations, controlsText, findControls } from "./controls";
import { ControlEvent } from "../dataset/dataset";
import { indexDataset } from "../dataset/indexed";
import { QueryError } from "./query-error";
import { expectError } from "../../../test/support/expect-error";

const data = realIndexed();
const TODAY = "2026-11-22";
const CONTROLS = (commodity: unknown, partner?: unknown, date?: unknown, today = TODAY) =>
  controlsText(data, { commodity, partner, date }, today);

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
