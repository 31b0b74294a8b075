import { Dataset } from "./dataset";
import { IndexedDataset } from "./indexed";
import { indexWithTrade } from "./loaded";
import { SeriesIndex } from "./series-index";
import { DictionaryColumn, TradeColumns } from "./trade-columns";

/**
 * A dataset verified, decoded and validated, before its index: the reference tables and the trade
 * observations as columns. Both formats arrive in this shape (format 1's `exports` rows are turned
 * into columns), so that a worker can hand it over as a few typed arrays, not an object per row.
 */
export interface PreparedDataset {
  /** Every table but the observations, with the dataset's hash (stated, or computed). */
  readonly tables: Omit<Dataset, "exports">;
  readonly trade: TradeColumns;
}

/**
 * The phases of a load, in order, as a progress display names them: a part's SHA-256 ("verify"),
 * its Arrow decoding ("decode"), the checks over every row ("validate"; all of format 1's), the
 * series index's per-row part ("index").
 */
export type LoadPhase = "verify" | "decode" | "validate" | "index";

/**
 * Where payloads are prepared, given a signal whose abort stops it: a worker in the add-in, this
 * thread elsewhere. Throws DatasetError (NewerFormatError) when the dataset is refused.
 */
export type PayloadPreparer<P> = (payload: P, signal?: AbortSignal) => Promise<PreparedDataset>;

/** The last step of every load, on the thread that swaps it in: the index the queries read. */
export function indexPrepared(prepared: PreparedDataset): IndexedDataset {
  return indexWithTrade(prepared.tables, prepared.trade);
}

/**
 * An indexed dataset back in the prepared shape, to hand to another thread (an import read in the
 * dataset worker): its tables without `exports` (format 1's rows are made from the columns only
 * when read, and are not read here), and its columns with the series index's per-row part.
 */
export function preparedOf(data: IndexedDataset): PreparedDataset {
  const tables: Record<string, unknown> = {};
  for (const key of Object.keys(data.dataset)) {
    if (key !== "exports") tables[key] = data.dataset[key as keyof Dataset];
  }
  const trade = data.trade.seriesLayout ? data.trade : withSeriesLayout(data.trade);
  return { tables: tables as unknown as PreparedDataset["tables"], trade };
}

/**
 * The columns with the series index's per-row part made here (checking every row's period and that
 * no series repeats one), so that the thread that swaps the dataset in has only the small rest to do.
 */
export function withSeriesLayout(trade: TradeColumns): TradeColumns {
  return { ...trade, seriesLayout: new SeriesIndex(trade).layout };
}

/** The buffers of the trade columns, to transfer (not copy) to another thread. */
export function tradeBuffers(trade: TradeColumns): ArrayBuffer[] {
  const columns: DictionaryColumn[] = [
    trade.commodity,
    trade.reporter,
    trade.partner,
    trade.flow,
    trade.period,
    trade.unit,
    trade.source_id,
    trade.note,
  ];
  const buffers = new Set<ArrayBuffer>();
  const layout = trade.seriesLayout;
  for (const array of [
    ...columns.map((c) => c.indices),
    trade.quantity,
    trade.value,
    trade.estimated,
    ...(layout ? [layout.start, layout.rowAt, layout.periodAt, layout.seriesKeys] : []),
  ]) {
    buffers.add(array.buffer as ArrayBuffer);
  }
  return [...buffers];
}

/** Lets the event loop run (a click on Cancel, a timer), then stops if the signal fired. */
export async function yieldUnlessAborted(signal?: AbortSignal): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (signal?.aborted) throw new Error("The load was cancelled.");
}
