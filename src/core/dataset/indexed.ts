import { Commodity, Country, Dataset, Forecast, Source, WORLD } from "./dataset";
import { NameIndex } from "../queries/names";
import { SeriesIndex } from "./series-index";
import { TradeColumns } from "./trade-columns";
import { tradeColumnsFromExports } from "./trade-rows";

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
  /** The trade observations as columns (format 1's `exports`, or format 2's Arrow parts). */
  readonly trade: TradeColumns;
  /** The per-series index over `trade` every trade formula reads. */
  readonly series: SeriesIndex;
  readonly forecasts: ReadonlyMap<string, Forecast[]>;
}

/**
 * Indexes a validated dataset. `trade` is its trade observations as columns when the format carries
 * them so (format 2); by default they are converted from the dataset's `exports` rows (format 1).
 */
export function indexDataset(
  dataset: Dataset,
  trade: TradeColumns = tradeColumnsFromExports(dataset.exports)
): IndexedDataset {
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
    trade,
    series: new SeriesIndex(trade),
    forecasts,
  };
}

export { WORLD };
