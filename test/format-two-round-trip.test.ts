import { Dataset } from "../src/core/dataset/dataset";
import { IndexedDataset } from "../src/core/dataset/indexed";
import { loadDatasetText } from "../src/core/dataset/load";
import { loadManifestBundle } from "../src/core/dataset/manifest-load";
import { StoreSnapshot } from "../src/core/runtime/store";
import { generateDataset, readReference } from "../bench/synthetic";
import { datasetHash } from "../src/core/dataset/hash";
import { evaluateMinerals } from "./support/evaluate-formula";
import { formatTwoBundle } from "./support/format-two";
import { realDataset } from "./support/real-dataset";

/**
 * Round trip: the same dataset loaded from format 1 (JSON) and from format 2 (manifest + Arrow) gives
 * the same answer to every formula, for the real dataset and for a seeded SYNTHETIC 100k one.
 */

const q = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** Formulas over every series, month and table the dataset has (a sample of them above `limit`). */
function formulas(dataset: Dataset, limit: number): string[] {
  const list: string[] = [];
  const stride = Math.max(1, Math.floor(dataset.exports.length / limit));
  const commodities = new Set<string>();
  for (let i = 0; i < dataset.exports.length; i += stride) {
    const { commodity, partner, period } = dataset.exports[i];
    commodities.add(commodity);
    const year = period.slice(0, 4);
    const quarter = `${year}-Q${Math.ceil(Number(period.slice(5)) / 3)}`;
    for (const p of [period, quarter, `${year}-H1`, year, `${Number(year) + 1}-01`]) {
      list.push(`=MINERALS.EXPORT(${q(commodity)},${q(partner)},${q(p)})`);
      list.push(`=MINERALS.SHARE(${q(commodity)},${q(partner)},${q(p)})`);
      list.push(`=MINERALS.CHANGE(${q(commodity)},${q(partner)},${q(p)})`);
      list.push(`=MINERALS.CHANGE(${q(commodity)},${q(partner)},${q(p)},"yoy","qualifier")`);
      list.push(`=MINERALS.TOP(${q(commodity)},${q(p)})`);
    }
    list.push(`=MINERALS.EXPORT(${q(commodity)},${q(partner)},${q(period)},"kg")`);
    list.push(`=MINERALS.SOURCE(${q(commodity)},${q(partner)},${q(period)})`);
    list.push(`=MINERALS.SOURCE(${q(commodity)},${q(partner)},${q(period)},"note")`);
    list.push(`=MINERALS.SERIES(${q(commodity)},${q(partner)})`);
    list.push(`=MINERALS.SERIES(${q(commodity)},${q(partner)},${q(year)},,2,"t")`);
  }
  for (const commodity of [...commodities, ...dataset.commodities.map((c) => c.id)]) {
    for (const what of ["partners", "periods", "forecasts", "indicators", "events"])
      list.push(`=MINERALS.LIST(${q(what)},${q(commodity)})`);
    list.push(`=MINERALS.CONTROLS(${q(commodity)},"US","2025-11-20")`);
    list.push(`=MINERALS.FORECAST(${q(commodity)},2026)`);
    list.push(`=MINERALS.PRODUCTION(${q(commodity)},"World total",2024)`);
    list.push(`=MINERALS.RESERVES(${q(commodity)},"World total")`);
  }
  for (const what of ["commodities", "partners", "periods", "sources"])
    list.push(`=MINERALS.LIST(${q(what)})`);
  for (const field of ["version", "asof", "name", "origin"])
    list.push(`=MINERALS.DATAVERSION(${q(field)})`);
  return list;
}

async function bothFormats(dataset: Dataset): Promise<[IndexedDataset, IndexedDataset]> {
  const v1 = await loadDatasetText(JSON.stringify(dataset));
  const v2 = await loadManifestBundle(formatTwoBundle(dataset));
  return [v1, v2];
}

function compare(v1: IndexedDataset, v2: IndexedDataset, list: string[]): string[] {
  const snapshot = (data: IndexedDataset): StoreSnapshot => ({
    data,
    origin: { kind: "bundled" },
    loadedAt: new Date(0),
  });
  const differences: string[] = [];
  for (const formula of list) {
    const one = evaluateMinerals(snapshot(v1), formula);
    const two = evaluateMinerals(snapshot(v2), formula);
    if (JSON.stringify(one) !== JSON.stringify(two) || one?.constructor !== two?.constructor)
      differences.push(`${formula}: ${JSON.stringify(one)} vs ${JSON.stringify(two)}`);
  }
  return differences;
}

test("the real dataset: every formula answers the same from format 1 and format 2", async () => {
  const [v1, v2] = await bothFormats(realDataset());
  const list = formulas(v1.dataset, Infinity);
  expect(list.length).toBeGreaterThan(1_000);
  expect(compare(v1, v2, list)).toEqual([]);
  // Only the format and the hash (format 2's is its manifest's) say which one was read.
  expect([v1.dataset.format_version, v2.dataset.format_version]).toEqual([1, 2]);
});

test("a seeded SYNTHETIC 100k dataset: every formula of a sample answers the same from both formats", async () => {
  const dataset = generateDataset(100_000, readReference());
  dataset.hash = await datasetHash(dataset);
  const [v1, v2] = await bothFormats(dataset);
  expect(v2.dataset.exports).toHaveLength(100_000);
  const list = formulas(v1.dataset, 300);
  expect(list.length).toBeGreaterThan(9_000);
  expect(compare(v1, v2, list)).toEqual([]);
}, 120_000);
