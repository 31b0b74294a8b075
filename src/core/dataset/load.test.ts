import { realDataset } from "../../../test/support/real-dataset";
import { Dataset } from "./dataset";
import { describeDiff, diffDatasets } from "./diff";
import { exportValue } from "../queries/exports";
import { datasetHash } from "./hash";
import { loadDatasetText, MAX_DATASET_BYTES } from "./load";
import { restoreStored, storedRecord } from "./stored";
import { DatasetError } from "./validate";

async function rejection(promise: Promise<unknown>): Promise<DatasetError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetError);
    return error as DatasetError;
  }
  throw new Error("expected the load to be refused");
}

/** The same dataset with every object's keys written in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)])
    );
  }
  return value;
}

describe("loadDatasetText", () => {
  test("the published dataset loads and answers formulas", async () => {
    const data = await loadDatasetText(JSON.stringify(realDataset()));
    expect(exportValue(data, { commodity: "magnets", partner: "US", period: "2025-11" })).toBe(582);
  });

  test("the hash does not depend on the order fields are written in", async () => {
    const dataset = realDataset();
    const data = await loadDatasetText(JSON.stringify(reversedKeys(dataset)));
    expect(data.dataset.hash).toBe(dataset.hash);
  });

  test("a dataset published without a hash gets one", async () => {
    const dataset = realDataset();
    const expected = dataset.hash;
    const data = await loadDatasetText(JSON.stringify({ ...dataset, hash: "" }));
    expect(data.dataset.hash).toBe(expected);
  });

  test("a figure changed without updating the hash is refused", async () => {
    const dataset = realDataset();
    dataset.exports[0].quantity += 1;
    const error = await rejection(loadDatasetText(JSON.stringify(dataset)));
    expect(error.message).toMatch(/hash: the content does not match its hash/);
  });

  test("a figure changed with its hash recomputed is accepted", async () => {
    const dataset: Dataset = realDataset();
    dataset.exports[0].quantity += 1;
    dataset.hash = await datasetHash(dataset);
    const data = await loadDatasetText(JSON.stringify(dataset));
    expect(data.dataset.exports[0].quantity).toBe(realDataset().exports[0].quantity + 1);
  });

  test.each<[string, string, RegExp]>([
    ["truncated JSON", JSON.stringify(realDataset()).slice(0, 5000), /not valid JSON/],
    ["an HTML error page", "<html><body>502 Bad Gateway</body></html>", /not valid JSON/],
    [
      "a newer format version",
      JSON.stringify({ ...realDataset(), format_version: 2 }),
      /unsupported format_version 2/,
    ],
    [
      "a schema violation",
      JSON.stringify({ ...realDataset(), exports: [{ commodity: "magnets" }] }),
      /\/exports\/0/,
    ],
  ])("%s is refused with a message", async (_name, text, message) => {
    expect((await rejection(loadDatasetText(text))).message).toMatch(message);
  });

  test("an oversize text is refused before it is parsed", async () => {
    const text = " ".repeat(MAX_DATASET_BYTES + 1);
    expect((await rejection(loadDatasetText(text))).message).toMatch(/larger than the 64 MB limit/);
  });
});

describe("restoreStored", () => {
  const saved = new Date("2026-11-20T10:00:00Z");

  test("nothing stored means nothing to restore", async () => {
    expect(await restoreStored(undefined)).toBeUndefined();
  });

  test("a stored dataset comes back with its origin, time and ETag", async () => {
    const record = storedRecord(
      JSON.stringify(realDataset()),
      { kind: "feed", url: "https://example.org/m.json" },
      saved,
      '"v1"'
    );
    const restored = await restoreStored(JSON.parse(JSON.stringify(record)));
    expect(restored).toMatchObject({
      ok: true,
      origin: { kind: "feed", url: "https://example.org/m.json" },
      etag: '"v1"',
    });
    if (restored?.ok) expect(restored.savedAt.toISOString()).toBe(saved.toISOString());
  });

  test.each<[string, unknown, RegExp]>([
    ["garbage", "¿?garbage", /could not be read/],
    ["a number", 42, /could not be read/],
    [
      "a record without text",
      {
        kind: "minerals-for-excel/stored",
        version: 1,
        origin: { kind: "bundled" },
        savedAt: saved.toISOString(),
      },
      /could not be read/,
    ],
    [
      "an unknown storage version",
      { ...storedRecord("{}", { kind: "bundled" }, saved), version: 7 },
      /storage version 7/,
    ],
    [
      "a truncated text",
      storedRecord(JSON.stringify(realDataset()).slice(0, 100), { kind: "bundled" }, saved),
      /rejected \(Invalid dataset: not valid JSON/,
    ],
    [
      "an old dataset format",
      storedRecord(
        JSON.stringify({ ...realDataset(), format_version: 0 }),
        { kind: "bundled" },
        saved
      ),
      /unsupported format_version 0/,
    ],
  ])("%s falls back with a notice", async (_name, value, notice) => {
    const restored = await restoreStored(value);
    expect(restored?.ok).toBe(false);
    if (restored && !restored.ok) expect(restored.notice).toMatch(notice);
  });

  test("a stored text altered after saving (hash mismatch) falls back with a notice", async () => {
    const text = JSON.stringify(realDataset()).replace('"quantity":582', '"quantity":583');
    const restored = await restoreStored(
      storedRecord(text, { kind: "file", name: "x.json" }, saved)
    );
    expect(restored).toMatchObject({ ok: false });
    if (restored && !restored.ok)
      expect(restored.notice).toMatch(/hash: the content does not match/);
  });
});

describe("diffDatasets", () => {
  test("an identical dataset changes nothing", () => {
    const diff = diffDatasets(realDataset(), realDataset());
    expect(diff).toEqual({ added: 0, changed: 0, removed: 0, newPeriods: [], identical: true });
    expect(describeDiff(diff)).toBe("No figures changed.");
  });

  test("added, changed and removed figures and new periods are counted", () => {
    const before = realDataset();
    const after = realDataset();
    after.exports.find((o) => o.partner === "US" && o.period === "2025-11")!.quantity = 600;
    after.exports.push({ ...after.exports[0], partner: "US", period: "2025-12", quantity: 700 });
    after.forecasts.push({ ...after.forecasts[0], year: 2027, value: 18000 });
    after.indicators.splice(0, 1);
    const diff = diffDatasets(before, after);
    expect(diff).toEqual({
      added: 2,
      changed: 1,
      removed: 1,
      newPeriods: ["2025-12"],
      identical: false,
    });
    expect(describeDiff(diff)).toBe("2 figures added, 1 changed, 1 removed; new periods: 2025-12.");
  });

  test("a changed note or source counts as a change", () => {
    const after = realDataset();
    after.exports[3].note = "revised";
    expect(diffDatasets(realDataset(), after).changed).toBe(1);
    const sources = realDataset();
    sources.sources[0].title = "Corrected title";
    expect(diffDatasets(realDataset(), sources).identical).toBe(false);
  });
});
