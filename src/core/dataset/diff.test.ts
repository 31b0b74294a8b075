import { formatTwoBundle } from "../../../test/support/format-two";
import { realDataset } from "../../../test/support/real-dataset";
import { Dataset, TradeObservation } from "./dataset";
import { figureChanges } from "./change-list";
import { diffDatasets, diffDatasetsInSlices } from "./diff";
import { indexDataset } from "./indexed";
import { generateColumns, readReference } from "../../../bench/synthetic";
import { loadManifestBundle } from "./manifest-load";
import { tradeColumnsFromRows, tradeFromExport } from "./trade-rows";

describe("format 2: the diff reads the trade columns", () => {
  /** The real dataset with figures added, changed and removed in several tables. */
  function edited(): Dataset {
    const after = realDataset();
    after.exports.find((o) => o.partner === "US" && o.period === "2025-11")!.quantity = 600;
    after.exports.push({ ...after.exports[0], partner: "US", period: "2025-12", quantity: 700 });
    after.exports[3].note = "revised";
    after.exports.splice(5, 1);
    after.forecasts.push({ ...after.forecasts[0], year: 2027, value: 18000 });
    after.indicators.splice(0, 1);
    return after;
  }

  test("a format 2 dataset's diff and change list are those of the same data in format 1", async () => {
    const [before, after] = [realDataset(), edited()];
    const v1 = [indexDataset(before), indexDataset(after)];
    const v2 = [
      await loadManifestBundle(formatTwoBundle(before)),
      await loadManifestBundle(formatTwoBundle(after)),
    ];
    const expected = diffDatasets(before, after);
    expect(expected).toMatchObject({ added: 2, changed: 2, removed: 2, newPeriods: ["2025-12"] });
    expect(diffDatasets(v2[0], v2[1])).toEqual(expected);
    expect(diffDatasets(v1[0], v2[1])).toEqual(expected);
    expect(diffDatasets(v2[0], v1[1])).toEqual(expected);
    expect(diffDatasets(v2[0], v2[0])).toMatchObject({
      added: 0,
      changed: 0,
      removed: 0,
      identical: true,
    });
    const changes = figureChanges(before, after);
    expect(changes.length).toBeGreaterThan(2);
    expect(figureChanges(v2[0], v2[1])).toEqual(changes);
    expect(figureChanges(v1[0], v2[1])).toEqual(changes);
  });

  test("values, flows and annual figures format 1 cannot hold are compared too", async () => {
    const dataset = realDataset();
    const base = dataset.exports[0];
    const rows = (value: number, estimated: boolean): TradeObservation[] => [
      ...dataset.exports.map(tradeFromExport),
      { ...tradeFromExport(base), flow: "import", quantity: null, unit: null, value, estimated },
      { ...tradeFromExport(base), period: "2024", quantity: 5, unit: "t", value, estimated },
    ];
    const load = (trade: TradeObservation[]) =>
      loadManifestBundle(formatTwoBundle(dataset, tradeColumnsFromRows(trade)));
    const before = await load(rows(1000, false));
    const valueChanged = await load(rows(1200, false));
    expect(diffDatasets(before, valueChanged)).toMatchObject({ changed: 2, identical: false });
    const [group] = figureChanges(before, valueChanged);
    expect(group.series).toBe(`${base.commodity} ${base.reporter} → ${base.partner} imports`);
    expect(group.changes).toEqual([{ period: base.period, before: "1000 USD", after: "1200 USD" }]);
    const flagged = await load(rows(1000, true));
    expect(diffDatasets(before, flagged).changed).toBe(2);
    expect(figureChanges(before, flagged)[0].changes[0].after).toBe("1000 USD (estimated)");
    const removed = await load(dataset.exports.map(tradeFromExport));
    expect(diffDatasets(before, removed)).toMatchObject({ added: 0, changed: 0, removed: 2 });
  });
});

test("the diff in slices gives the diff, and stops when its signal fires", async () => {
  const reference = readReference();
  const one = generateColumns(250_000, reference);
  const other = generateColumns(250_000, reference, 7);
  const [before, after] = [
    indexDataset(one.dataset, one.trade),
    indexDataset(other.dataset, other.trade),
  ];
  const whole = diffDatasets(before, after);
  expect(whole.added + whole.changed + whole.removed).toBeGreaterThan(100_000);
  expect(await diffDatasetsInSlices(before, after)).toEqual(whole);
  const controller = new AbortController();
  const sliced = diffDatasetsInSlices(before, after, controller.signal);
  controller.abort();
  await expect(sliced).rejects.toThrow(/abort/i);
});
