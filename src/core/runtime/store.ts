import { IndexedDataset } from "../dataset/indexed";

/** Where the dataset in use came from. */
export type DatasetOrigin =
  { kind: "bundled" } | { kind: "feed"; url: string } | { kind: "file"; name: string };

export interface StoreSnapshot {
  readonly data: IndexedDataset;
  readonly origin: DatasetOrigin;
  readonly loadedAt: Date;
}

export type StoreListener = (snapshot: StoreSnapshot) => void;

/**
 * The one live dataset shared by the functions and the task pane. A replacement is validated and
 * indexed before it gets here, and is swapped in as a single reference assignment: any reader sees
 * the old snapshot or the new one, never a mix. Listeners (live formula cells) are told afterwards.
 */
export class LiveStore {
  private snapshot: StoreSnapshot;
  private readonly listeners = new Set<StoreListener>();

  constructor(
    data: IndexedDataset,
    origin: DatasetOrigin = { kind: "bundled" },
    loadedAt = new Date()
  ) {
    this.snapshot = { data, origin, loadedAt };
  }

  get current(): StoreSnapshot {
    return this.snapshot;
  }

  replace(data: IndexedDataset, origin: DatasetOrigin, loadedAt = new Date()): void {
    this.snapshot = { data, origin, loadedAt };
    const snapshot = this.snapshot;
    for (const listener of [...this.listeners]) {
      // A snapshot replaced again while listeners run is delivered by that later call.
      if (this.snapshot !== snapshot) return;
      try {
        listener(snapshot);
      } catch (error) {
        // One failing listener must not keep the new dataset from the other cells; report it
        // asynchronously, as an uncaught error, so it is still seen.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Registers a listener; the returned function removes it. */
  subscribe(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
