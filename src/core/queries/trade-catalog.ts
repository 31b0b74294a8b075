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
 * series a formula can answer from. Built once per dataset; a series' periods are read when first
 * asked for (Browse needs only its names and measures, and a dataset may hold many series).
 */
export function tradeSeries(data: IndexedDataset): readonly TradeSeriesEntry[] {
  const cached = entries.get(data);
  if (cached) return cached;
  const index = data.series;
  const list: TradeSeriesEntry[] = [];
  for (let s = 0; s < index.size; s++) {
    const measures = (["quantity", "value"] as const).filter((m) => index.reports(s, m));
    if (measures.length === 0) continue;
    let periods: string[] | undefined;
    list.push({
      ...index.ids(s),
      measures,
      get periods() {
        return (periods ??= [
          ...new Set([...index.periods(s, "quantity"), ...index.periods(s, "value")]),
        ].sort());
      },
    });
  }
  entries.set(data, list);
  return list;
}
