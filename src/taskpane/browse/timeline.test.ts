import { ControlEvent } from "../../core/dataset/dataset";
import { realIndexed } from "../../../test/support/real-dataset";
import { eventsTable } from "../../core/queries/events";
import { CellMatrix } from "../../core/runtime/live";
import { timelineEvents, timelineItem } from "./timeline";

const data = realIndexed();

function event(date: string, action: string, extra: Partial<ControlEvent> = {}): ControlEvent {
  return {
    date,
    date_precision: date.length === 7 ? "month" : "day",
    jurisdiction: "CN",
    commodities: ["gallium"],
    partner: "ALL",
    action,
    until: null,
    source_id: "s",
    note: null,
    ...extra,
  };
}

describe("timeline order", () => {
  test("gallium's events, oldest first, as EVENTS lists them", () => {
    expect(timelineEvents(data, "gallium").map((e) => [e.date, e.action, e.partner])).toEqual([
      ["2023-08-01", "licence required", "ALL"],
      ["2024-12-03", "export ban", "US"],
      ["2025-11-09", "export ban suspended", "US"],
    ]);
  });

  test("every commodity's timeline is EVENTS' table, row for row", () => {
    for (const commodity of new Set(data.dataset.events.flatMap((e) => e.commodities))) {
      const table = eventsTable(data, { commodity }) as CellMatrix;
      expect(
        timelineEvents(data, commodity).map((e) => timelineItem(data, e, commodity).date)
      ).toEqual(table.slice(1).map((row) => row[0]));
    }
    expect(timelineEvents(data, "magnets")).toEqual([]);
  });
});

describe("timeline items", () => {
  test("partner, until, month-only dates and the other commodities an event covers", () => {
    const [, , suspended] = timelineEvents(data, "gallium");
    expect(timelineItem(data, suspended, "gallium")).toMatchObject({
      date: "2025-11-09",
      monthOnly: false,
      action: "export ban suspended",
      partner: "United States",
      until: "until 2026-11-27",
      alsoCovers: "Also covers Germanium, Antimony",
    });
    const general = timelineEvents(data, "rare earths").at(-1)!;
    expect(timelineItem(data, general, "rare earths")).toMatchObject({
      date: "2025-12",
      monthOnly: true,
      partner: "All destinations",
      until: "",
      alsoCovers: "",
    });
    const foreign = event("2025-01-01", "export ban", { jurisdiction: "US", partner: "CN" });
    expect(timelineItem(data, foreign, "gallium")).toMatchObject({
      action: "United States: export ban",
      partner: data.countries.get("CN")!.name,
    });
  });
});
