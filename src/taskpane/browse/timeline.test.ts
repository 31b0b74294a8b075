import { ControlEvent } from "../../core/dataset/dataset";
import { realIndexed } from "../../../test/support/real-dataset";
import { firstDay, timelineEvents, timelineItem } from "./timeline";

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
  test("gallium's events, oldest first", () => {
    expect(
      timelineEvents(data.dataset.events, "gallium").map((e) => [e.date, e.action, e.partner])
    ).toEqual([
      ["2023-08-01", "licence required", "ALL"],
      ["2024-12-03", "export ban", "US"],
      ["2025-11-09", "export ban suspended", "US"],
    ]);
  });

  test("sorted by the first day each applies; a month-only date applies from the 1st; ties keep dataset order", () => {
    const events = [
      event("2025-12-15", "c"),
      event("2025-12", "b (month)"),
      event("2025-12-01", "b2 (same first day, later in the data)"),
      event("2024-01-01", "a"),
      event("2025-11-30", "a2"),
      event("2023-01-01", "other commodity", { commodities: ["germanium"] }),
    ];
    expect(timelineEvents(events, "gallium").map((e) => e.action)).toEqual([
      "a",
      "a2",
      "b (month)",
      "b2 (same first day, later in the data)",
      "c",
    ]);
    expect(timelineEvents(events, "germanium").map((e) => e.action)).toEqual(["other commodity"]);
    expect(timelineEvents(events, "magnets")).toEqual([]);
  });

  test("the input is not reordered", () => {
    const events = [event("2025-01-02", "later"), event("2025-01-01", "earlier")];
    timelineEvents(events, "gallium");
    expect(events.map((e) => e.action)).toEqual(["later", "earlier"]);
  });

  test("first days", () => {
    expect(firstDay("2025")).toBe("2025-01-01");
    expect(firstDay("2025-12")).toBe("2025-12-01");
    expect(firstDay("2025-12-09")).toBe("2025-12-09");
  });
});

describe("timeline items", () => {
  test("partner, until, month-only dates and the other commodities an event covers", () => {
    const [, , suspended] = timelineEvents(data.dataset.events, "gallium");
    expect(timelineItem(data, suspended, "gallium")).toMatchObject({
      date: "2025-11-09",
      monthOnly: false,
      action: "export ban suspended",
      partner: "United States",
      until: "until 2026-11-27",
      alsoCovers: "Also covers Germanium, Antimony",
    });
    const general = timelineEvents(data.dataset.events, "rare earths").at(-1)!;
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
