/**
 * Defect 12 of issue 12: an Excel cell holds at most 32,767 characters. SOURCE(…,"note") over a
 * year joined every month's note (240,130 characters). Any text result longer than a cell holds
 * ends with an explicit "… (n more characters)" and stays within the limit.
 */
import { Dataset } from "../../src/core/dataset/dataset";
import { indexDataset } from "../../src/core/dataset/indexed";
import { validateDataset } from "../../src/core/dataset/validate";
import { EXCEL_TEXT_LIMIT, fitCellText } from "../../src/core/runtime/cell-text";
import { formulaResult, smallRealDataset } from "./helpers";

const LIMIT = 32_767;
const MORE = /… \((\d+) more characters\)$/;

/** Every month of 2025 reported for magnets → US, each with a 20,000-character note and its own source. */
async function longNotes(): Promise<{ dataset: Dataset; notes: string[] }> {
  const dataset = await smallRealDataset();
  dataset.exports = dataset.exports.filter(
    (o) => !(o.commodity === "magnets" && o.partner === "US")
  );
  const notes: string[] = [];
  for (let month = 1; month <= 12; month++) {
    const period = `2025-${String(month).padStart(2, "0")}`;
    const note = `${period} note `.padEnd(20_000, String.fromCharCode(96 + month));
    notes.push(`${period}: ${note}`);
    const source_id = `long-${month}`;
    dataset.sources.push({
      source_id,
      publisher: `Publisher ${month} `.padEnd(2_000, "p"),
      title: `Title ${month} `.padEnd(2_000, "t"),
      published: "2025-12",
      origin: `Origin ${month} `.padEnd(20_000, "o"),
      url: null,
    });
    dataset.exports.push({
      commodity: "magnets",
      reporter: "CN",
      partner: "US",
      period,
      quantity: month,
      unit: "t",
      source_id,
      note,
    });
  }
  dataset.hash = "";
  return { dataset: validateDataset(dataset), notes };
}

/** Checks a cut text: within the limit, the explicit marker, and it is the start of the full text. */
function expectCut(result: unknown, full: string): void {
  expect(typeof result).toBe("string");
  const text = result as string;
  expect(full.length).toBeGreaterThan(LIMIT);
  expect(text.length).toBeLessThanOrEqual(LIMIT);
  const more = Number(MORE.exec(text)?.[1]);
  const kept = text.replace(MORE, "");
  expect({ kept: kept.length + more, start: full.startsWith(kept) }).toEqual({
    kept: full.length,
    start: true,
  });
  // Cut as close to the limit as the marker allows.
  expect(text.length).toBeGreaterThan(LIMIT - 40);
}

test('SOURCE(…,"note") over a year: every month\'s note, cut with the count of what is left out', async () => {
  const { dataset, notes } = await longNotes();
  const result = formulaResult("SOURCE", ["magnets", "US", "2025", "note"], indexDataset(dataset));
  expectCut(result, notes.join("; "));
});

test("SOURCE's citation and origin over a year of sources", async () => {
  const { dataset } = await longNotes();
  const data = indexDataset(dataset);
  for (const field of ["citation", "origin"]) {
    const result = formulaResult("SOURCE", ["magnets", "US", "2025", field], data);
    expect(typeof result).toBe("string");
    expect((result as string).length).toBeLessThanOrEqual(LIMIT);
    expect(result).toMatch(MORE);
  }
});

test("CHANGE's note over a year, and text cells of a spilled table", async () => {
  const { dataset } = await longNotes();
  // 2024 reported too, so the year-on-year change is computed and cites every 2025 note.
  for (const o of dataset.exports.filter((e) => e.partner === "US" && e.commodity === "magnets"))
    dataset.exports.push({ ...o, period: o.period.replace("2025", "2024"), note: null });
  dataset.events[0].note = "n".repeat(20_000);
  dataset.events[0].action = "a".repeat(2_000);
  const data = indexDataset(validateDataset(dataset));
  const change = formulaResult("CHANGE", ["magnets", "US", "2025", "yoy", "note"], data);
  expect((change as string).length).toBeLessThanOrEqual(LIMIT);
  expect(change).toMatch(MORE);
  const list = formulaResult("LIST", ["sources"], data) as unknown[][];
  expect(list.flat().every((c) => typeof c !== "string" || c.length <= LIMIT)).toBe(true);
});

describe("fitCellText", () => {
  test("keeps text that fits, exactly", () => {
    expect(EXCEL_TEXT_LIMIT).toBe(LIMIT);
    expect(fitCellText("x".repeat(LIMIT))).toBe("x".repeat(LIMIT));
  });

  test.each([LIMIT + 1, LIMIT + 30, 100_000, 1_000_000])("cuts %i characters to the limit", (n) => {
    const full = "abcdefghij".repeat(n / 10 + 1).slice(0, n);
    expectCut(fitCellText(full), full);
  });

  test("never splits a surrogate pair", () => {
    const full = "💎".repeat(LIMIT);
    const text = fitCellText(full);
    expect(text.length).toBeLessThanOrEqual(LIMIT);
    const kept = text.replace(MORE, "");
    expect(kept).toBe("💎".repeat(kept.length / 2));
    expect(Number(MORE.exec(text)?.[1]) + kept.length).toBe(full.length);
  });
});

test("COMMODITY's card: a text field too long for a cell is cut the same way", async () => {
  const { dataset } = await longNotes();
  const gallium = dataset.commodities.find((c) => c.id === "gallium");
  if (!gallium) throw new Error("no gallium in the dataset");
  gallium.aliases = Array.from({ length: 40 }, (_, i) => `gallium alias ${i} `.padEnd(1_000, "g"));
  const card = formulaResult("COMMODITY", ["gallium"], indexDataset(validateDataset(dataset))) as {
    properties: Record<string, { basicValue?: unknown }>;
  };
  const aliases = card.properties.Aliases?.basicValue;
  expect(typeof aliases).toBe("string");
  expectCut(aliases, gallium.aliases.join("; "));
});
