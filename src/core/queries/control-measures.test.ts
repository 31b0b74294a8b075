import { realDataset } from "../../../test/support/real-dataset";
import { controlsCitations, controlsText, findControls } from "./controls";
import { eventsTable } from "./events";
import { ControlEvent, Dataset } from "../dataset/dataset";
import { indexDataset } from "../dataset/indexed";
import { expectError } from "../../../test/support/expect-error";

/** CONTROLS on cases the real data lacks, on small modified datasets. */

const TODAY = "2026-11-22";

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
