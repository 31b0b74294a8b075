import { realIndexed } from "../../../test/support/real-dataset";
import { eventsTable, findEvents } from "./events";
import { ControlEvent } from "../dataset/dataset";
import { expectError } from "../../../test/support/expect-error";

const data = realIndexed();
const EVENTS = (commodity: unknown, partner?: unknown) => eventsTable(data, { commodity, partner });

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
