import { Flow } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { Measure } from "../dataset/series-index";

/** One trade series the dataset holds, as the formulas name it, with what it reports. */
export interface TradeSeriesEntry {
  commodity: string;
  reporter: string;
  partner: string;
  flow: Flow;
  /** The measures with at least one reported figure ("unit value" wherever both are). */
  measures: Measure[];
  /** Periods with a reported quantity or value, oldest first (`YYYY-MM`, `YYYY` for annual figures). */
  periods: string[];
}

const entries = new WeakMap<IndexedDataset, TradeSeriesEntry[]>();

/**
 * Every trade series of the dataset (any reporter, partner and flow), in index order: what the
 * pane's Browse lists, read from the same series index the formulas read, so it finds exactly the
 * series a formula can answer from. Built once per dataset.
 */
export function tradeSeries(data: IndexedDataset): readonly TradeSeriesEntry[] {
  const cached = entries.get(data);
  if (cached) return cached;
  const index = data.series;
  const list: TradeSeriesEntry[] = [];
  for (let s = 0; s < index.size; s++) {
    const quantity = index.periods(s, "quantity");
    const value = index.periods(s, "value");
    const measures: Measure[] = [
      ...(quantity.length > 0 ? (["quantity"] as const) : []),
      ...(value.length > 0 ? (["value"] as const) : []),
    ];
    if (measures.length === 0) continue;
    list.push({ ...index.ids(s), measures, periods: [...new Set([...quantity, ...value])].sort() });
  }
  entries.set(data, list);
  return list;
}
