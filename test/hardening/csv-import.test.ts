/**
 * Issue 12, defects 3, 13, 14 and 15: how a CSV import (and the build, which shares the reader) reads
 * a file's delimiter and header, where a refusal points, and which size limit a refusal names.
 */
import { Dataset } from "../../src/core/dataset/dataset";
import { ImportOutcome, prepareImport } from "../../src/core/dataset/import";
import { parseCsv } from "../../src/dataset-build/csv";
import { BuildError } from "../../src/core/dataset/build-error";
import { realDataset } from "../support/real-dataset";

const bytes = (text: string) => new TextEncoder().encode(text);
const EVENTS_HEADER =
  "date,date_precision,jurisdiction,commodities,partner,action,until,source_id,note";
const EXPORTS_HEADER = "commodity,reporter,partner,period,quantity,unit,source_id,note";
const SOURCE = "ts2-2025-12-20";

function refused(outcome: ImportOutcome) {
  if (outcome.ok) throw new Error(`expected a refusal, got ${outcome.summary}`);
  return outcome;
}

let current: Dataset;
beforeEach(() => {
  current = realDataset();
});

describe("defect 3: known layouts are read with their delimiter, never guessed", () => {
  const oneEvent = [
    EVENTS_HEADER,
    `2026-02-01,day,CN,gallium;germanium;antimony;tungsten,US,export ban,,${SOURCE},`,
  ].join("\n");

  test("a one-row events.csv listing commodities with ';' is imported as events", async () => {
    const outcome = await prepareImport("events.csv", bytes(oneEvent), current);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    expect(outcome.kind).toBe("events");
    expect(outcome.data.dataset.events.at(-1)?.commodities).toEqual([
      "gallium",
      "germanium",
      "antimony",
      "tungsten",
    ]);
  });

  test("the build reads the same file with the same reader", () => {
    const rows = parseCsv("data/news/events.csv", oneEvent, EVENTS_HEADER.split(","));
    expect(rows).toHaveLength(1);
    expect(rows[0].list("commodities")).toEqual(["gallium", "germanium", "antimony", "tungsten"]);
  });
});

describe("defect 15: a column named twice in the header is refused", () => {
  const csv = [`${EXPORTS_HEADER},quantity`, `magnets,CN,US,2026-01,600,t,${SOURCE},,601`].join(
    "\n"
  );

  test("by the import, naming row 1 and the column", async () => {
    const outcome = refused(await prepareImport("exports.csv", bytes(csv), current));
    expect(outcome.problems).toEqual([
      {
        row: 1,
        field: "quantity",
        message:
          "the header names column 'quantity' more than once (columns 5 and 9); remove or rename the extra one",
      },
    ]);
  });

  test("by the build", () => {
    let thrown: unknown;
    try {
      parseCsv("data/news/exports.csv", csv, EXPORTS_HEADER.split(","));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BuildError);
    expect((thrown as BuildError).message).toBe(
      "data/news/exports.csv, row 1, field 'quantity': the header names column 'quantity' more than once (columns 5 and 9); remove or rename the extra one"
    );
  });
});

describe("defect 14: CSV refusals name the CSV row and column, never a JSON pointer", () => {
  test("a note longer than the format allows is reported at its row and column", async () => {
    const csv = [
      EXPORTS_HEADER,
      `magnets,CN,US,2026-01,600,t,${SOURCE},fine`,
      `magnets,CN,US,2026-02,610,t,${SOURCE},${"n".repeat(20_001)}`,
    ].join("\n");
    const outcome = refused(await prepareImport("exports.csv", bytes(csv), current));
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0].row).toBe(3);
    expect(outcome.problems[0].field).toBe("note");
    expect(outcome.problems[0].message).not.toMatch(/\/exports\//);
  });

  test("a USGS row's problem names the release's own column", async () => {
    const header =
      "MCS chapter,Section,Commodity,Country,Statistics,Statistics_detail,Unit,Year,Value,Notes,Is critical mineral 2025,Other notes";
    const csv = [
      header,
      `Gallium,Production,Gallium,China,Production,Primary,kilograms,2024,"750,000",${"x".repeat(20_001)},Yes,`,
    ].join("\n");
    const outcome = refused(await prepareImport("usgs.csv", bytes(csv), current));
    expect(outcome.problems).toEqual([expect.objectContaining({ row: 2, field: "Notes" })]);
    expect(outcome.problems[0].message).not.toMatch(/\/usgs\//);
  });
});

describe("defect 13: the size limit is checked first, with the true reason", () => {
  test("a CSV under the limit that makes the dataset larger than it says so, not that the file is too large", async () => {
    const size = JSON.stringify(current).length;
    const rows = Array.from(
      { length: 400 },
      (_, i) =>
        `magnets,CN,US,${2100 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")},${i},t,${SOURCE},`
    );
    const csv = bytes([EXPORTS_HEADER, ...rows].join("\n"));
    // The limit sits between the file's size and the dataset the file would make.
    const limit = size + csv.byteLength;
    expect(csv.byteLength).toBeLessThan(limit);
    const outcome = refused(await prepareImport("exports.csv", csv, current, limit));
    expect(outcome.summary).toMatch(
      /^exports\.csv: with these rows the dataset would be [\d.]+ KB of JSON, above the [\d.]+ KB limit of a dataset; nothing was imported\.$/
    );
  });

  test("a file above the limit is refused before it is read, naming its own size", async () => {
    const csv = bytes(`${EXPORTS_HEADER}\nmagnets,CN,US,2026-01,600,t,${SOURCE},\n`);
    const outcome = refused(await prepareImport("exports.csv", csv, current, 100));
    expect(outcome.summary).toBe(
      `exports.csv (${csv.byteLength} bytes) is larger than the 100 bytes limit.`
    );
  });
});
