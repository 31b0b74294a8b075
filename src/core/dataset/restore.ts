import { LiveStore } from "../runtime/store";
import { restoreStored, StoredRecord } from "./stored";

/**
 * Start-up's part of the data layer: what storage is, and putting last session's dataset back. Kept
 * apart from refresh (feeds, diffs) so that the functions bundle, which restores at start-up, does
 * not carry the feed code only the pane uses.
 */

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
