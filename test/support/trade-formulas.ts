/**
 * What the trade formula tests share (series, change, share, top and levels tests in
 * src/core/queries): the formulas as a workbook calls them, over the real dataset or a modified copy.
 */
import { realDataset, realIndexed } from "./real-dataset";
import { Dataset, ExportObservation } from "../../src/core/dataset/dataset";
import { IndexedDataset, indexDataset } from "../../src/core/dataset/indexed";
import { changeValue } from "../../src/core/queries/change";
import { parsePeriod, Period } from "../../src/core/queries/period";
import { seriesTable } from "../../src/core/queries/series";
import { shareValue } from "../../src/core/queries/share";
import { topTable } from "../../src/core/queries/top";

export const data = realIndexed();

export const SERIES = (
  commodity: unknown,
  partner: unknown,
  start?: unknown,
  end?: unknown,
  headers?: unknown,
  unit?: unknown,
  d: IndexedDataset = data
) => seriesTable(d, { commodity, partner, start, end, headers, unit });
export const CHANGE = (
  commodity: unknown,
  partner: unknown,
  period: unknown,
  basis?: unknown,
  field?: unknown,
  d: IndexedDataset = data
) => changeValue(d, { commodity, partner, period, basis, field });
export const SHARE = (
  commodity: unknown,
  partner: unknown,
  period: unknown,
  d: IndexedDataset = data
) => shareValue(d, { commodity, partner, period });
export const TOP = (commodity: unknown, period: unknown, n?: unknown, d: IndexedDataset = data) =>
  topTable(d, { commodity, period, n });

export const row = (o: Partial<ExportObservation>): ExportObservation => ({
  commodity: "magnets",
  reporter: "CN",
  partner: "US",
  period: "2025-12",
  quantity: 0,
  unit: "t",
  source_id: "ts2-2025-12-20",
  note: null,
  ...o,
});

/** The real dataset with changes, indexed: for cases the real data lacks. */
export function modified(change: (d: Dataset) => void): IndexedDataset {
  const dataset = realDataset();
  change(dataset);
  return indexDataset(dataset);
}

export const period = (text: string) => parsePeriod(text) as Period;

export const HINT = "use a form such as 2025-11, Nov 2025, 2025-Q2, 2025-H1, 2025 or a date";
export const TS2 = "ts2-2025-12-20";
export const TS2_TITLE =
  "Rare Metals Stocks: Rare Earth Magnet Exports Rebound, Gallium Deals Grow, and Lithium Signals Turn Sharper (Dec. 20, 2025)";
export const TS2_ORIGIN =
  "Roundup citing China customs data via Business Recorder, and Reuters, Mining.com, Investing.com and TradingView reports";
export const WEEKLY_TITLE = "Weekly News Review July 14 – July 20 2025";
export const FIELDS =
  "value, citation, publisher, title, date, origin, note, url, qualifier, source_id";
