import { Flow, FLOWS } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { DEFAULT_REPORTER } from "./levels";
import { tradeSeries } from "./trade-catalog";
import { TradeMeasure, TRADE_MEASURES } from "./trade-arguments";

/**
 * What a commodity's trade formulas can be asked for, as the dataset holds it: the reporters with any
 * series of the commodity, the flows a reporter reports for it, and the measures a reporter's flow
 * reports ("unit value" where some series reports both quantity and value). The pane's formula
 * builder offers exactly these choices.
 */
export interface TradeChoices {
  /** The default reporter (China) first when it reports, then the others by code. */
  reporters: string[];
  /** In the order of FLOWS (export, import, re-export, re-import). */
  flows: Flow[];
  /** In the order of TRADE_MEASURES (quantity, value, unit value). */
  measures: TradeMeasure[];
}

/**
 * The choices for a commodity; `reporter` and `flow` narrow the flows (to the reporter's) and the
 * measures (to the reporter's flow). Empty lists when the dataset has no trade figure for them.
 */
export function tradeChoices(
  data: IndexedDataset,
  commodity: string,
  reporter: string,
  flow: Flow
): TradeChoices {
  const reporters = new Set<string>();
  const flows = new Set<Flow>();
  const measures = new Set<TradeMeasure>();
  for (const series of tradeSeries(data)) {
    if (series.commodity !== commodity) continue;
    reporters.add(series.reporter);
    if (series.reporter !== reporter) continue;
    flows.add(series.flow);
    if (series.flow !== flow) continue;
    for (const measure of series.measures) measures.add(measure);
    if (series.measures.length === 2) measures.add("unit value");
  }
  return {
    reporters: [...reporters].sort((a, b) =>
      a === DEFAULT_REPORTER ? -1 : b === DEFAULT_REPORTER ? 1 : a < b ? -1 : a > b ? 1 : 0
    ),
    flows: FLOWS.filter((f) => flows.has(f)),
    measures: TRADE_MEASURES.filter((m) => measures.has(m)),
  };
}
