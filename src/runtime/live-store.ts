import bundled from "../../build/minerals.json";
import bundledTrade from "../../build/minerals.trade.json";
import { tradeColumnsFromRows } from "../core/dataset/trade-rows";
import { Dataset, TradeObservation } from "../core/dataset/dataset";
import { indexDataset } from "../core/dataset/indexed";
import { restoreFromStorage, RestoreOutcome } from "../core/dataset/restore";
import { LiveStore } from "../core/runtime/store";
import { indexedDbStorage } from "./dataset-storage";
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
export const storage = announcingStorage(indexedDbStorage(), savedCopy);

/** Settles when last session's dataset is in use, or with the notice saying why it was not. */
export const restoration: Promise<RestoreOutcome> = restoreFromStorage(store, storage);
