import { Commodity, Country, Dataset, ExportObservation, Forecast, Source, WORLD } from "./dataset";
import { exportKey } from "./keys";
import { NameIndex } from "../queries/names";
import { validateDataset } from "./validate";

/**
 * A dataset with the indexes every lookup uses, built once per dataset so that a formula is a few
 * map reads. Immutable once built: the live store swaps whole IndexedDatasets.
 */
export interface IndexedDataset {
  readonly dataset: Dataset;
  readonly commodityNames: NameIndex;
  readonly countryNames: NameIndex;
  readonly commodities: ReadonlyMap<string, Commodity>;
  readonly countries: ReadonlyMap<string, Country>;
  readonly sources: ReadonlyMap<string, Source>;
  /** `commodity|reporter|partner|YYYY-MM` → the figure. */
  readonly exports: ReadonlyMap<string, ExportObservation>;
  /** `commodity|reporter|partner` → reported months, oldest first. */
  readonly exportMonths: ReadonlyMap<string, string[]>;
  /** `commodity|reporter` → every month reported for any partner, oldest first. */
  readonly exportMonthsAnyPartner: ReadonlyMap<string, string[]>;
  readonly forecasts: ReadonlyMap<string, Forecast[]>;
}

export { exportKey };

export function seriesKey(commodity: string, reporter: string, partner: string): string {
  return `${commodity}|${reporter}|${partner}`;
}

/** Validates any parsed JSON value and indexes it; throws DatasetError when it is not a valid dataset. */
export function loadDataset(value: unknown): IndexedDataset {
  return indexDataset(validateDataset(value));
}

export function indexDataset(dataset: Dataset): IndexedDataset {
  const exports = new Map<string, ExportObservation>();
  const months = new Map<string, Set<string>>();
  const monthsAnyPartner = new Map<string, Set<string>>();
  const addTo = (map: Map<string, Set<string>>, key: string, month: string) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(month);
  };
  for (const o of dataset.exports) {
    exports.set(exportKey(o.commodity, o.reporter, o.partner, o.period), o);
    addTo(months, seriesKey(o.commodity, o.reporter, o.partner), o.period);
    addTo(monthsAnyPartner, `${o.commodity}|${o.reporter}`, o.period);
  }
  const forecasts = new Map<string, Forecast[]>();
  for (const f of dataset.forecasts) {
    const list = forecasts.get(f.commodity) ?? [];
    list.push(f);
    forecasts.set(f.commodity, list);
  }
  return {
    dataset,
    commodityNames: new NameIndex(
      dataset.commodities.map((c) => ({
        id: c.id,
        names: [
          [c.id, c.name],
          [...c.aliases, ...c.customs_codes],
        ],
      }))
    ),
    countryNames: new NameIndex(
      dataset.countries.map((c) => ({
        id: c.code,
        label: c.name,
        names: [[c.code, ...(c.iso3 ? [c.iso3] : []), c.name], c.aliases],
      }))
    ),
    commodities: new Map(dataset.commodities.map((c) => [c.id, c])),
    countries: new Map(dataset.countries.map((c) => [c.code, c])),
    sources: new Map(dataset.sources.map((s) => [s.source_id, s])),
    exports,
    exportMonths: sortedLists(months),
    exportMonthsAnyPartner: sortedLists(monthsAnyPartner),
    forecasts,
  };
}

function sortedLists(map: Map<string, Set<string>>): Map<string, string[]> {
  return new Map([...map].map(([key, set]) => [key, [...set].sort()]));
}

export { WORLD };
