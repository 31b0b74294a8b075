import { Dataset } from "./dataset";
import { IndexedDataset, indexDataset } from "./indexed";
import { TradeColumns } from "./trade-columns";
import { exportRowsFromColumns } from "./trade-rows";

/**
 * Where a format 2 dataset (reference tables + TradeColumns) becomes the IndexedDataset the
 * queries read. THE SEAM with the series index: until the queries read TradeColumns through it,
 * the monthly export quantities are materialised as format 1 `exports` rows here, and only here.
 * When the index lands, this passes `trade` to it instead (and format 1 loads pass
 * tradeColumnsFromRows(dataset.exports.map(tradeFromExport))).
 */
export function indexWithTrade(
  tables: Omit<Dataset, "exports">,
  trade: TradeColumns
): IndexedDataset {
  return indexDataset({ ...tables, exports: exportRowsFromColumns(trade) });
}
