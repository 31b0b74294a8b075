/**
 * SYNTHETIC benchmark datasets — not real data. A fixed-seed generator (mulberry32) writes datasets
 * in the real format, valid against the real schema and cross-row rules, at any number of export
 * observations. They exist only to time the load path and the lookups at sizes the real data will
 * not reach for years; they are written to the OS temp folder, never to build/ or dist/, and every
 * one is named "SYNTHETIC benchmark dataset — not real data" with a single publisher, "synthetic".
 *
 * Shape: China (the default reporter) to every partner in the reference country table, monthly
 * 2000-01 … 2025-12. The reference commodities (so that aliases such as "Rare earth magnets" resolve)
 * plus, above 100k observations, synthetic commodities ("Synthetic commodity 007", one per ~10k
 * observations, as a customs table has one row per tariff line). Partners and commodities follow a
 * Zipf-like popularity, series start and end at random months and have gaps, 2% of figures are a
 * reported 0 and 2% carry a note. A few anchor series (magnets → US, World, Japan; gallium → Japan;
 * germanium → US, 2015-01 … 2025-12) are in every size so that a fixed query mix hits at every size.
 */
import { readFileSync } from "fs";
import { join } from "path";
import {
  Commodity,
  Country,
  Dataset,
  DATASET_FORMAT,
  ExportObservation,
  Flow,
  FORMAT_VERSION,
  Source,
} from "../src/core/dataset/dataset";
import { TradeColumns } from "../src/core/dataset/trade-columns";
import { datasetHash } from "../src/core/dataset/hash";
import { monthLabel } from "../src/core/queries/period";
import { SEED, SYNTHETIC_NAME, SYNTHETIC_PUBLISHER } from "./defaults";

/** mulberry32: a tiny, fast 32-bit PRNG; the same seed gives the same sequence everywhere. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const REPORTER = "CN";
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2025;
export const MONTHS: readonly string[] = (() => {
  const months: string[] = [];
  for (let y = FIRST_YEAR; y <= LAST_YEAR; y++)
    for (let m = 1; m <= 12; m++) months.push(monthLabel(y, m));
  return months;
})();

/** Series every size holds, 2015-01 … 2025-12, so the fixed query mix has hits at every size. */
export const ANCHORS: readonly [commodity: string, partner: string][] = [
  ["magnets", "US"],
  ["magnets", "WORLD"],
  ["magnets", "JP"],
  ["gallium", "JP"],
  ["germanium", "US"],
];
export const ANCHOR_FROM = "2015-01";

/** Partners most often reported, most popular first; the rest of the country table follows. */
const MAJOR_PARTNERS = ["WORLD", "US", "JP", "KR", "DE", "NL", "IN", "VN", "TW", "HK", "MY", "TH"];

const SOURCES: Source[] = [
  {
    source_id: "synthetic-customs",
    publisher: SYNTHETIC_PUBLISHER,
    title: "SYNTHETIC monthly export figures generated for benchmarks — not real data",
    published: "2026-01-01",
    origin: "bench/synthetic.ts, fixed-seed generator",
    url: null,
  },
  {
    source_id: "synthetic-revisions",
    publisher: SYNTHETIC_PUBLISHER,
    title: "SYNTHETIC revised figures generated for benchmarks — not real data",
    published: "2026-01-01",
    origin: "bench/synthetic.ts, fixed-seed generator",
    url: null,
  },
];

export interface Reference {
  commodities: Commodity[];
  countries: Country[];
}

/** The reference tables (commodities with their aliases, countries) from the compiled real dataset. */
export function readReference(root = join(__dirname, "..")): Reference {
  const dataset = JSON.parse(readFileSync(join(root, "build", "minerals.json"), "utf8")) as Dataset;
  return { commodities: dataset.commodities, countries: dataset.countries };
}

/** A sampler over items with Zipf-like weights 1/(rank+1)^s. */
function zipf<T>(items: readonly T[], s: number, rng: () => number): () => T {
  const cumulative: number[] = [];
  let total = 0;
  items.forEach((_, i) => cumulative.push((total += 1 / Math.pow(i + 1, s))));
  return () => {
    const x = rng() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo];
  };
}

function syntheticCommodities(count: number): Commodity[] {
  const list: Commodity[] = [];
  for (let i = 1; i <= count; i++) {
    const n = String(i).padStart(3, "0");
    list.push({
      id: `synthetic-${n}`,
      name: `Synthetic commodity ${n}`,
      aliases: [`SYNTHETIC ${n}`],
      customs_codes: [`9999.${String(i % 100).padStart(2, "0")}.${n}`],
      unit: i % 3 === 0 ? "kg" : "t",
    });
  }
  return list;
}

/** One generated figure: the month is an index into MONTHS. */
type RowSink = (
  commodity: string,
  partner: string,
  month: number,
  quantity: number,
  unit: string,
  noted: boolean
) => void;

/**
 * Generates `observations` export figures into `sink`, in series order then month order; returns
 * the commodity table they use. The one generator behind both forms the bench loads (rows, columns).
 */
function generateRows(
  observations: number,
  reference: Reference,
  seed: number,
  sink: RowSink
): Commodity[] {
  const rng = mulberry32(seed ^ observations);
  const extra = Math.max(0, Math.ceil(observations / 10_000) - reference.commodities.length);
  const commodities = [...reference.commodities, ...syntheticCommodities(extra)];
  const unitOf = new Map(commodities.map((c) => [c.id, c.unit === "kg" ? "kg" : "t"]));

  const codes = new Set(reference.countries.map((c) => c.code));
  const partners = [
    ...MAJOR_PARTNERS.filter((c) => codes.has(c)),
    ...reference.countries.map((c) => c.code).filter((c) => !MAJOR_PARTNERS.includes(c)),
  ];
  const pickPartner = zipf(partners, 0.9, rng);
  const pickCommodity = zipf(
    commodities.map((c) => c.id),
    0.6,
    rng
  );

  let count = 0;
  const seen = new Set<string>();
  const normal = () => {
    // Box–Muller; 1 - rng() keeps log's argument above 0.
    const u = 1 - rng();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  };
  const emit = (commodity: string, partner: string, from: number, to: number, gaps: number) => {
    const level = Math.exp(4 + 2 * normal());
    for (let m = from; m <= to && count < observations; m++) {
      if (rng() < gaps) continue;
      const zero = rng() < 0.02;
      const noted = rng() < 0.02;
      const quantity = zero ? 0 : Math.round(level * (0.6 + 0.8 * rng()) * 1000) / 1000;
      sink(commodity, partner, m, quantity, unitOf.get(commodity) as string, noted);
      count++;
    }
  };

  const anchorFrom = MONTHS.indexOf(ANCHOR_FROM);
  for (const [commodity, partner] of ANCHORS) {
    seen.add(`${commodity}|${partner}`);
    emit(commodity, partner, anchorFrom, MONTHS.length - 1, 0);
  }
  let misses = 0;
  while (count < observations) {
    const commodity = pickCommodity();
    const partner = pickPartner();
    const key = `${commodity}|${partner}`;
    if (seen.has(key)) {
      // Popular pairs are taken early; past a point, walk the partner table in order instead.
      if (++misses < 1000) continue;
      const free = partners.find((p) => !seen.has(`${commodity}|${p}`));
      if (free === undefined) continue;
      seen.add(`${commodity}|${free}`);
      emitSeries(commodity, free);
      continue;
    }
    misses = 0;
    seen.add(key);
    emitSeries(commodity, partner);
  }

  function emitSeries(commodity: string, partner: string) {
    const length = 12 + Math.floor(rng() * (MONTHS.length - 12));
    const from = Math.floor(rng() * (MONTHS.length - length + 1));
    emit(commodity, partner, from, from + length - 1, 0.08);
  }
  return commodities;
}

const NOTE = "SYNTHETIC note: revised figure";

/** The synthetic dataset with `observations` export rows; `hash` is left "" (see syntheticDataset). */
export function generateDataset(observations: number, reference: Reference, seed = SEED): Dataset {
  // Not `exports`: under CommonJS (ts-jest) that name is the module's own.
  const rows: ExportObservation[] = [];
  const commodities = generateRows(
    observations,
    reference,
    seed,
    (c, p, m, quantity, unit, noted) =>
      rows.push({
        commodity: c,
        reporter: REPORTER,
        partner: p,
        period: MONTHS[m],
        quantity,
        unit,
        source_id: noted ? "synthetic-revisions" : "synthetic-customs",
        note: noted ? NOTE : null,
      })
  );
  return {
    ...syntheticTables(observations, reference, commodities),
    exports: rows,
  };
}

/**
 * The same synthetic figures straight into TradeColumns (no row objects: how a 10M-observation
 * dataset fits in memory), with the dataset's tables around them (`exports` empty).
 */
export function generateColumns(
  observations: number,
  reference: Reference,
  seed = SEED
): { dataset: Dataset; trade: TradeColumns } {
  const index = (length: number) => new Int32Array(length);
  const commodity = index(observations);
  const partner = index(observations);
  const period = index(observations);
  const unit = index(observations);
  const source = index(observations);
  const note = index(observations);
  const quantity = new Float64Array(observations);
  // Trade values in whole US dollars, as customs data publishes them: the quantity in kg at a fixed
  // price per commodity (so the generator's random stream, and every other column, stay as they were).
  const value = new Float64Array(observations);
  const codes = new Map<string, number>();
  const partners: string[] = [];
  const partnerCodes = new Map<string, number>();
  const units: string[] = [];
  let n = 0;
  const commodities = generateRows(observations, reference, seed, (c, p, m, q, u, noted) => {
    let code = codes.get(c);
    if (code === undefined) codes.set(c, (code = codes.size));
    commodity[n] = code;
    let pc = partnerCodes.get(p);
    if (pc === undefined) {
      partnerCodes.set(p, (pc = partners.length));
      partners.push(p);
    }
    partner[n] = pc;
    period[n] = m;
    let uc = units.indexOf(u);
    if (uc < 0) uc = units.push(u) - 1;
    unit[n] = uc;
    source[n] = noted ? 1 : 0;
    note[n] = noted ? 0 : -1;
    quantity[n] = q;
    value[n] = Math.round((u === "kg" ? q : q * 1000) * (2 + ((code * 7) % 23)));
    n++;
  });
  const dictionary = <T extends string>(names: T[], indices: Int32Array) => ({
    dictionary: names,
    indices,
  });
  const trade: TradeColumns = {
    length: observations,
    commodity: dictionary([...codes.keys()], commodity),
    reporter: dictionary([REPORTER], new Int32Array(observations)),
    partner: dictionary(partners, partner),
    flow: dictionary<Flow>(["export"], new Int32Array(observations)),
    period: dictionary([...MONTHS], period),
    quantity,
    unit: dictionary(units, unit),
    value,
    estimated: new Uint8Array(observations),
    source_id: dictionary(["synthetic-customs", "synthetic-revisions"], source),
    note: dictionary([NOTE], note),
  };
  return {
    dataset: { ...syntheticTables(observations, reference, commodities), exports: [] },
    trade,
  };
}

function syntheticTables(
  observations: number,
  reference: Reference,
  commodities: Commodity[]
): Omit<Dataset, "exports"> {
  return {
    format: DATASET_FORMAT,
    format_version: FORMAT_VERSION,
    name: SYNTHETIC_NAME,
    version: `0.0.0-synthetic.${observations}`,
    as_of: "2026-01-01",
    hash: "",
    sources: SOURCES.map((s) => ({ ...s })),
    commodities,
    countries: reference.countries,
    reported_changes: [],
    forecasts: [],
    indicators: [],
    events: [],
    usgs: [],
    usgs_tables: [],
  };
}

/** The synthetic dataset with its hash computed by the product's datasetHash. */
export async function syntheticDataset(
  observations: number,
  reference: Reference,
  seed = SEED
): Promise<Dataset> {
  const dataset = generateDataset(observations, reference, seed);
  dataset.hash = await datasetHash(dataset);
  return dataset;
}
