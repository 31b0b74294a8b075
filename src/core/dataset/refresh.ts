import { DatasetDiff, diffDatasets, diffDatasetsInSlices } from "./diff";
import { fetchFeed, FeedError, FeedFetcher, FeedOptions } from "./feed";
import { IndexedDataset } from "./indexed";
import { indexPrepared } from "./prepared";
import { DatasetOrigin, LiveStore } from "../runtime/store";
import { DatasetPayload } from "./payload";
import { DatasetStorage } from "./restore";
import { storedRecord } from "./stored";

export type ApplyOutcome = {
  kind: "updated";
  version: string;
  diff: DatasetDiff;
  /** Null when it was saved for the next session; otherwise why it could not be. */
  saveError: string | null;
};

export type RefreshOutcome = ApplyOutcome | { kind: "up-to-date"; version: string };

/**
 * Swaps a validated dataset in (every live formula updates) and keeps it for the next session. The
 * swap happens first: a storage failure (quota, private mode, a value too large to store) costs
 * persistence, never the refresh. The copy saved before is then older than the data in use: it is
 * removed, so that the next start never restores it as if it were the latest (it uses the bundled
 * dataset, and the message says so). The diff runs in slices before the swap (a million observations
 * take tens of milliseconds); `signal` stops it, and then nothing has changed.
 */
export async function applyDataset(
  store: LiveStore,
  storage: DatasetStorage,
  data: IndexedDataset,
  payload: DatasetPayload,
  origin: DatasetOrigin,
  etag: string | null = null,
  now = new Date(),
  signal?: AbortSignal
): Promise<ApplyOutcome> {
  const diff = await diffDatasetsInSlices(store.current.data, data, signal);
  store.replace(data, origin, now);
  let saveError: string | null = null;
  try {
    await storage.save(storedRecord(payload, origin, now, etag));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const removed = await storage.clear().then(
      () => true,
      () => false
    );
    saveError = removed
      ? `The dataset is in use but could not be saved for next time (${reason}); the add-in will start with its bundled dataset.`
      : `The dataset is in use but could not be saved for next time (${reason}), and the older saved copy could not be removed: the add-in may start with that older dataset.`;
  }
  return { kind: "updated", version: data.dataset.version, diff, saveError };
}

export interface RefreshOptions extends FeedOptions {
  /** Where the feed is downloaded and verified: the pane's dataset worker; by default this thread. */
  fetchFeed?: FeedFetcher;
}

/**
 * Refreshes from a feed: conditional download, validation (where `fetchFeed` runs), then the index
 * and the swap here. "Up to date" when the feed answers 304 or sends the version and hash already in
 * use. Throws FeedError on any failure, having changed nothing.
 */
export async function refreshFromFeed(
  store: LiveStore,
  storage: DatasetStorage,
  options: RefreshOptions,
  now = new Date()
): Promise<RefreshOutcome> {
  const current = store.current.data.dataset;
  const { fetchFeed: fetcher = fetchFeed, ...feedOptions } = options;
  const result = await fetcher(feedOptions);
  if (result.kind === "not-modified") return { kind: "up-to-date", version: current.version };
  const next = result.prepared.tables;
  if (next.version === current.version && next.hash === current.hash) {
    return { kind: "up-to-date", version: current.version };
  }
  // Cancelling after the download but before the swap still leaves everything as it was.
  if (options.signal?.aborted) throw new FeedError("cancelled", "Refresh cancelled.");
  options.onProgress?.("apply");
  const url = new URL(options.url, options.base).href;
  try {
    return await applyDataset(
      store,
      storage,
      indexPrepared(result.prepared),
      result.payload,
      { kind: "feed", url },
      result.etag,
      now,
      options.signal
    );
  } catch (error) {
    if (options.signal?.aborted) throw new FeedError("cancelled", "Refresh cancelled.");
    throw error;
  }
}

/** Back to the dataset bundled with the add-in; the stored copy is removed. */
export async function revertToBundled(
  store: LiveStore,
  storage: DatasetStorage,
  bundled: IndexedDataset
): Promise<DatasetDiff> {
  const diff = diffDatasets(store.current.data, bundled);
  store.replace(bundled, { kind: "bundled" });
  await storage.clear();
  return diff;
}
