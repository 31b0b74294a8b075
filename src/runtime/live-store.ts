import bundled from "../../build/minerals.json";
import bundledTrade from "../../build/minerals.trade.json";
import { tradeColumnsFromRows } from "../core/dataset/trade-rows";
import { Dataset, TradeObservation } from "../core/dataset/dataset";
import { indexDataset } from "../core/dataset/indexed";
import { restoreFromStorage, RestoreOutcome } from "../core/dataset/restore";
import { LiveStore } from "../core/runtime/store";
import { preparePayloadsWith } from "../core/dataset/payload";
import { indexedDbAvailable, indexedDbStorage } from "./dataset-storage";
import { prepareInWorker, savingInWorker, workersAvailable } from "./dataset-worker";
import { announcingStorage, savedCopyChannel } from "./saved-copy-channel";

/**
 * The live store the functions and the task pane share (one module instance in the shared runtime).
 * It starts with the dataset embedded in this bundle, compiled and validated at build time, so the
 * functions answer offline on first load; last session's dataset replaces it once verified.
 */
export const bundledData = indexDataset(
  bundled as unknown as Dataset,
  // Official statistics compiled in (MINERALS_DATA with Comtrade files): every trade observation,
  // as the build compiled them; otherwise the exports of minerals.json are all there is.
  bundledTrade.length > 0
    ? tradeColumnsFromRows(bundledTrade as unknown as TradeObservation[])
    : undefined
);
export const store = new LiveStore(bundledData, { kind: "bundled" });
/** The add-in's one saved copy; the other open panes (other workbooks) hear of every change to it. */
export const savedCopy = savedCopyChannel();
export const storage = announcingStorage(
  workersAvailable ? savingInWorker(indexedDbStorage()) : indexedDbStorage(),
  savedCopy
);

// Every payload (a saved copy, an import) is verified, decoded and validated off this thread.
if (workersAvailable) preparePayloadsWith(prepareInWorker);

/** Settles when last session's dataset is in use, or with the notice saying why it was not. */
export const restoration: Promise<RestoreOutcome> = restoreFromStorage(store, storage);

/** How long cells wait at start-up for last session's dataset before answering from the bundled one. */
export const RESTORE_WAIT_MS = 10_000;

/**
 * Cells answer first from the dataset this session uses: they wait while the saved copy (if any)
 * is verified, at most RESTORE_WAIT_MS; "timeout" when they then answered from the bundled dataset.
 * Without IndexedDB there is no saved copy to wait for.
 */
export const restoreWait: Promise<"settled" | "timeout"> = indexedDbAvailable()
  ? store.holdUntil(restoration, RESTORE_WAIT_MS)
  : Promise.resolve("settled");
