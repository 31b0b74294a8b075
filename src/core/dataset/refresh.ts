import { DatasetDiff, diffDatasets } from "./diff";
import { fetchFeed, FeedError, FeedOptions } from "./feed";
import { IndexedDataset } from "./indexed";
import { DatasetOrigin, LiveStore } from "../runtime/store";
import { DatasetPayload } from "./payload";
import { restoreStored, StoredRecord, storedRecord } from "./stored";

/** Where an applied dataset is kept for the next session (IndexedDB in the add-in, memory in tests). */
export interface DatasetStorage {
  /** What was saved last session, as storage returns it (unverified), or undefined. */
  load(): Promise<unknown>;
  save(record: StoredRecord): Promise<void>;
  clear(): Promise<void>;
}

export type RestoreOutcome =
  | { kind: "none" }
  | { kind: "restored"; version: string; savedAt: Date; etag: string | null }
  | { kind: "fallback"; notice: string };

/**
 * At start-up: puts last session's dataset back in use once it is verified. A copy that fails
 * verification is removed and the bundled dataset stays, with a notice to show.
 */
export async function restoreFromStorage(
  store: LiveStore,
  storage: DatasetStorage
): Promise<RestoreOutcome> {
  let value: unknown;
  try {
    value = await storage.load();
  } catch (error) {
    return {
      kind: "fallback",
      notice: `Saved data could not be read (${error instanceof Error ? error.message : typeof error === "string" ? error : "no reason given"}); using the bundled dataset.`,
    };
  }
  const restored = await restoreStored(value);
  if (restored === undefined) return { kind: "none" };
  if (!restored.ok) {
    // A copy a newer add-in wrote stays for it (the user may go back to that version).
    if (!restored.keep) await storage.clear().catch(() => undefined);
    return { kind: "fallback", notice: restored.notice };
  }
  // After an add-in update the bundled data may be newer than last session's copy: the newer wins.
  const bundled = store.current.data.dataset;
  const saved = restored.data.dataset;
  if (store.current.origin.kind === "bundled" && bundled.as_of > saved.as_of) {
    await storage.clear().catch(() => undefined);
    return {
      kind: "fallback",
      notice: `The add-in's bundled dataset (as of ${bundled.as_of}) is newer than the saved one (as of ${saved.as_of}); using the bundled dataset.`,
    };
  }
  store.replace(restored.data, restored.origin, restored.savedAt);
  return {
    kind: "restored",
    version: restored.data.dataset.version,
    savedAt: restored.savedAt,
    etag: restored.etag,
  };
}

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
 * dataset, and the message says so).
 */
export async function applyDataset(
  store: LiveStore,
  storage: DatasetStorage,
  data: IndexedDataset,
  payload: DatasetPayload,
  origin: DatasetOrigin,
  etag: string | null = null,
  now = new Date()
): Promise<ApplyOutcome> {
  const diff = diffDatasets(store.current.data.dataset, data.dataset);
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

/**
 * Refreshes from a feed: conditional download, validation, then the swap. "Up to date" when the
 * feed answers 304 or sends the version and hash already in use. Throws FeedError on any failure,
 * having changed nothing.
 */
export async function refreshFromFeed(
  store: LiveStore,
  storage: DatasetStorage,
  options: FeedOptions,
  now = new Date()
): Promise<RefreshOutcome> {
  const current = store.current.data.dataset;
  const result = await fetchFeed(options);
  if (result.kind === "not-modified") return { kind: "up-to-date", version: current.version };
  const next = result.data.dataset;
  if (next.version === current.version && next.hash === current.hash) {
    return { kind: "up-to-date", version: current.version };
  }
  // Cancelling after the download but before the swap still leaves everything as it was.
  if (options.signal?.aborted) throw new FeedError("cancelled", "Refresh cancelled.");
  options.onProgress?.("apply");
  const url = new URL(options.url, options.base).href;
  return applyDataset(
    store,
    storage,
    result.data,
    result.payload,
    { kind: "feed", url },
    result.etag,
    now
  );
}

/** Back to the dataset bundled with the add-in; the stored copy is removed. */
export async function revertToBundled(
  store: LiveStore,
  storage: DatasetStorage,
  bundled: IndexedDataset
): Promise<DatasetDiff> {
  const diff = diffDatasets(store.current.data.dataset, bundled.dataset);
  store.replace(bundled, { kind: "bundled" });
  await storage.clear();
  return diff;
}
