import { DatasetStorage } from "../core/dataset/restore";
import { DatasetOrigin } from "../core/runtime/store";

/**
 * The add-in keeps ONE saved copy of the dataset in use, shared by every workbook that opens it (the
 * browser storage of the add-in's origin is shared): the last dataset any workbook applied is the
 * one the next start restores. A pane that saves or removes that copy says so to the other open panes
 * of the add-in, which tell their user (nothing changes in their workbook until it starts again).
 */
export type SavedCopyChange =
  { kind: "saved"; origin: DatasetOrigin; savedAt: string } | { kind: "removed" };

export interface SavedCopyChannel {
  announce(change: SavedCopyChange): void;
  /** Calls `listener` for every change another pane announces; returns the unsubscribe. */
  watch(listener: (change: SavedCopyChange) => void): () => void;
  close(): void;
}

const CHANNEL_NAME = "minerals-for-excel/saved-dataset";

/** The channel between the add-in's open panes (a BroadcastChannel); silent where there is none. */
export function savedCopyChannel(name = CHANNEL_NAME): SavedCopyChannel {
  if (typeof BroadcastChannel === "undefined") {
    return { announce: () => undefined, watch: () => () => undefined, close: () => undefined };
  }
  const channel = new BroadcastChannel(name);
  // Node's channel (tests, the bench) would otherwise keep the process alive; browsers have no unref.
  (channel as { unref?: () => void }).unref?.();
  return {
    announce: (change) => channel.postMessage(change),
    watch(listener) {
      const onMessage = (event: MessageEvent) => {
        if (isChange(event.data)) listener(event.data);
      };
      channel.addEventListener("message", onMessage);
      return () => channel.removeEventListener("message", onMessage);
    },
    close: () => channel.close(),
  };
}

function isChange(value: unknown): value is SavedCopyChange {
  const change = value as Partial<SavedCopyChange> | null;
  if (typeof change !== "object" || change === null) return false;
  if (change.kind === "removed") return true;
  return (
    change.kind === "saved" &&
    typeof change.savedAt === "string" &&
    typeof change.origin === "object" &&
    change.origin !== null
  );
}

/** The storage, announcing every save and removal that succeeded to the other open panes. */
export function announcingStorage(
  storage: DatasetStorage,
  channel: SavedCopyChannel
): DatasetStorage {
  return {
    load: () => storage.load(),
    async save(record) {
      await storage.save(record);
      channel.announce({ kind: "saved", origin: record.origin, savedAt: record.savedAt });
    },
    async clear() {
      await storage.clear();
      channel.announce({ kind: "removed" });
    },
  };
}
