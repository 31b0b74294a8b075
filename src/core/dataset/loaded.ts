import { Dataset } from "./dataset";
import { IndexedDataset, indexDataset } from "./indexed";
import { TradeColumns } from "./trade-columns";
import { exportRowsFromColumns } from "./trade-rows";

/**
 * Where a format 2 dataset (reference tables + TradeColumns) becomes the IndexedDataset the
 * queries read. Every formula, the diff and the status read `trade` through the series index; its
 * format 1 `exports` rows (an object per observation, about 2 s and hundreds of MB at a million)
 * are made only when something still reads `dataset.exports` (a CSV import, the JSON form), once.
 */
export function indexWithTrade(
  tables: Omit<Dataset, "exports">,
  trade: TradeColumns
): IndexedDataset {
  let rows: Dataset["exports"] | undefined;
  const dataset = Object.defineProperty({ ...tables }, "exports", {
    enumerable: true,
    get: () => (rows ??= exportRowsFromColumns(trade)),
  }) as Dataset;
  return indexDataset(dataset, trade);
}
