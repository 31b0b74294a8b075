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
  /** First answers waiting for a hold to end; null when nothing holds them. */
  private waiting: (() => void)[] | null = null;

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

  /**
   * Holds first answers (whenReady) until `settled` settles or `timeoutMs` pass: at start-up, while
   * last session's saved copy is verified, so that a cell's first answer comes from the dataset the
   * session will use, not the bundled one and then another value. Resolves "timeout" when the wait
   * was cut short (the saved copy may still replace the data later, as any refresh does).
   */
  holdUntil(settled: Promise<unknown>, timeoutMs: number): Promise<"settled" | "timeout"> {
    const waiting: (() => void)[] = [];
    this.waiting = waiting;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    const done = settled.then(
      () => "settled" as const,
      () => "settled" as const
    );
    return Promise.race([done, timeout]).then((how) => {
      clearTimeout(timer);
      if (this.waiting === waiting) this.waiting = null;
      for (const first of waiting) first();
      return how;
    });
  }

  /** Calls `first` now, or when the hold (holdUntil) ends. */
  whenReady(first: () => void): void {
    if (this.waiting) this.waiting.push(first);
    else first();
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}
