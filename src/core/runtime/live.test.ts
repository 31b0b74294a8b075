import { realDataset } from "../../../test/support/real-dataset";
import { exportValue } from "../queries/exports";
import { indexDataset } from "../dataset/indexed";
import { loadDataset } from "../dataset/load";
import { bindLiveCell, CellResult, LiveCell, sameResult } from "./live";
import { QueryError } from "../queries/query-error";
import { LiveStore } from "./store";

/** A cell as Excel drives it: records every value it is sent; Excel calls onCanceled when it goes away. */
class RecordingCell implements LiveCell<CellResult> {
  readonly received: CellResult[] = [];
  onCanceled?: () => void;
  setResult(value: CellResult): void {
    this.received.push(value);
  }
}

function withUsMagnets(quantity: number) {
  const dataset = realDataset();
  dataset.exports.find(
    (o) => o.commodity === "magnets" && o.partner === "US" && o.period === "2025-11"
  )!.quantity = quantity;
  return indexDataset(dataset);
}

function bindExport(store: LiveStore, cell: RecordingCell, partner: string, period: string) {
  bindLiveCell(
    store,
    cell,
    ({ data }) => exportValue(data, { commodity: "magnets", partner, period }),
    (r) => r
  );
}

describe("live cells", () => {
  test("a replacement reaches every live cell, with no user action", () => {
    const store = new LiveStore(indexDataset(realDataset()));
    const us = new RecordingCell();
    const usMissing = new RecordingCell();
    bindExport(store, us, "US", "2025-11");
    bindExport(store, usMissing, "US", "2025-12");
    expect(us.received).toEqual([582]);
    expect(usMissing.received[0]).toBeInstanceOf(QueryError);

    const next = realDataset();
    next.exports.find((o) => o.partner === "US" && o.period === "2025-11")!.quantity = 600;
    next.exports.push({ ...next.exports[0], partner: "US", period: "2025-12", quantity: 700 });
    store.replace(indexDataset(next), { kind: "file", name: "next.json" });

    expect(us.received).toEqual([582, 600]);
    expect(usMissing.received).toHaveLength(2);
    expect(usMissing.received[1]).toBe(700);
  });

  test("cells whose value did not change are sent nothing", () => {
    const store = new LiveStore(indexDataset(realDataset()));
    const us = new RecordingCell();
    const world = new RecordingCell();
    const missing = new RecordingCell();
    bindExport(store, us, "US", "2025-11");
    bindExport(store, world, "World", "2025-11");
    bindExport(store, missing, "US", "2025-12");

    store.replace(withUsMagnets(600), { kind: "file", name: "a" });
    expect(us.received).toEqual([582, 600]);
    expect(world.received).toEqual([6150]);
    // An unchanged error (same code and message) is not re-sent either.
    expect(missing.received).toHaveLength(1);

    store.replace(withUsMagnets(600), { kind: "file", name: "b" });
    expect(us.received).toEqual([582, 600]);
  });

  test("a cancelled cell (deleted or edited) is let go and sent nothing more", () => {
    const store = new LiveStore(indexDataset(realDataset()));
    const kept = new RecordingCell();
    const deleted = new RecordingCell();
    bindExport(store, kept, "US", "2025-11");
    bindExport(store, deleted, "US", "2025-11");
    expect(store.listenerCount).toBe(2);

    deleted.onCanceled!();
    expect(store.listenerCount).toBe(1);
    store.replace(withUsMagnets(600), { kind: "file", name: "a" });
    expect(deleted.received).toEqual([582]);
    expect(kept.received).toEqual([582, 600]);

    kept.onCanceled!();
    expect(store.listenerCount).toBe(0);
  });

  test("the swap is atomic: during and after notification every reader sees the whole new dataset", () => {
    const store = new LiveStore(indexDataset(realDataset()));
    const next = withUsMagnets(600);
    const seen: unknown[] = [];
    store.subscribe((snapshot) => {
      seen.push(snapshot.data === next, store.current.data === next, store.current === snapshot);
    });
    store.replace(next, { kind: "feed", url: "https://example.org/minerals.json" });
    expect(seen).toEqual([true, true, true]);
    expect(store.current.origin).toEqual({
      kind: "feed",
      url: "https://example.org/minerals.json",
    });
  });

  test("a replacement made while listeners run is the one the rest of them get", () => {
    const store = new LiveStore(indexDataset(realDataset()));
    const second = withUsMagnets(700);
    const values: unknown[] = [];
    let replaced = false;
    store.subscribe(() => {
      if (!replaced) {
        replaced = true;
        store.replace(second, { kind: "file", name: "second" });
      }
    });
    const cell = new RecordingCell();
    bindExport(store, cell, "US", "2025-11");
    store.subscribe((snapshot) =>
      values.push(
        exportValue(snapshot.data, { commodity: "magnets", partner: "US", period: "2025-11" })
      )
    );
    store.replace(withUsMagnets(600), { kind: "file", name: "first" });
    expect(values).toEqual([700]);
    expect(cell.received).toEqual([582, 700]);
  });

  test("an invalid dataset never reaches the store: the old one stays", () => {
    const store = new LiveStore(indexDataset(realDataset()));
    const cell = new RecordingCell();
    bindExport(store, cell, "US", "2025-11");
    const broken = realDataset() as unknown as { exports: { quantity: unknown }[] };
    broken.exports[0].quantity = "lots";
    expect(() => store.replace(loadDataset(broken), { kind: "file", name: "broken" })).toThrow(
      /quantity/
    );
    expect(store.current.origin).toEqual({ kind: "bundled" });
    expect(
      exportValue(store.current.data, { commodity: "magnets", partner: "US", period: "2025-11" })
    ).toBe(582);
    expect(cell.received).toEqual([582]);
  });
});

describe("sameResult", () => {
  test.each([
    [1, 1, true],
    [0, -0, false],
    [NaN, NaN, true],
    ["a", "a", true],
    [1, "1", false],
    [[[1, "a"]], [[1, "a"]], true],
    [[[1, "a"]], [[1, "b"]], false],
    [[[1]], [[1], [2]], false],
    [new QueryError("notAvailable", "x"), new QueryError("notAvailable", "x"), true],
    [new QueryError("notAvailable", "x"), new QueryError("notAvailable", "y"), false],
    [new QueryError("notAvailable", "x"), new QueryError("invalidValue", "x"), false],
  ])("%p vs %p → %p", (a, b, expected) => {
    expect(sameResult(a as CellResult, b as CellResult)).toBe(expected);
  });
});

describe("LiveStore", () => {
  test("a listener that throws does not keep the new dataset from the others", async () => {
    const store = new LiveStore(indexDataset(realDataset()));
    const reported: unknown[] = [];
    const original = globalThis.queueMicrotask;
    globalThis.queueMicrotask = (task) => {
      try {
        task();
      } catch (error) {
        reported.push(error);
      }
    };
    try {
      store.subscribe(() => {
        throw new Error("broken listener");
      });
      const cell = new RecordingCell();
      bindExport(store, cell, "US", "2025-11");
      store.replace(withUsMagnets(600), { kind: "file", name: "a" });
      expect(cell.received).toEqual([582, 600]);
      expect(reported).toHaveLength(1);
      expect((reported[0] as Error).message).toBe("broken listener");
    } finally {
      globalThis.queueMicrotask = original;
    }
  });
});

describe("start-up hold", () => {
  test("while last session's copy is verified, cells wait and answer first from it, never from the bundled data", async () => {
    const store = new LiveStore(indexDataset(realDataset()));
    let restore!: () => void;
    const restoration = new Promise<void>((resolve) => {
      restore = () => {
        store.replace(withUsMagnets(600), { kind: "feed", url: "https://example.org/m.json" });
        resolve();
      };
    });
    const wait = store.holdUntil(restoration, 60_000);
    const cell = new RecordingCell();
    bindExport(store, cell, "US", "2025-11");
    expect(cell.received).toEqual([]);
    restore();
    expect(await wait).toBe("settled");
    expect(cell.received).toEqual([600]);
    store.replace(withUsMagnets(610), { kind: "file", name: "b" });
    expect(cell.received).toEqual([600, 610]);
  });

  test("a failed restore ends the wait too: cells answer from the bundled data", async () => {
    const store = new LiveStore(indexDataset(realDataset()));
    const cell = new RecordingCell();
    const wait = store.holdUntil(Promise.reject(new Error("unreadable")), 60_000);
    bindExport(store, cell, "US", "2025-11");
    expect(await wait).toBe("settled");
    expect(cell.received).toEqual([582]);
  });

  test("the wait is bounded: after the timeout cells answer from the bundled data, then follow the store", async () => {
    const store = new LiveStore(indexDataset(realDataset()));
    const wait = store.holdUntil(new Promise(() => undefined), 5);
    const cell = new RecordingCell();
    bindExport(store, cell, "US", "2025-11");
    expect(await wait).toBe("timeout");
    expect(cell.received).toEqual([582]);
    store.replace(withUsMagnets(600), { kind: "file", name: "late" });
    expect(cell.received).toEqual([582, 600]);
  });

  test("a cell cancelled while it waits is never answered and leaves no listener", async () => {
    const store = new LiveStore(indexDataset(realDataset()));
    let settle!: () => void;
    const wait = store.holdUntil(new Promise<void>((resolve) => (settle = resolve)), 60_000);
    const cell = new RecordingCell();
    bindExport(store, cell, "US", "2025-11");
    cell.onCanceled?.();
    settle();
    await wait;
    expect(cell.received).toEqual([]);
    expect(store.listenerCount).toBe(0);
  });
});

test("sameResult compares error cells inside tables by code and message", () => {
  const table = (message: string): CellResult => [[1, new QueryError("notAvailable", message)]];
  expect(sameResult(table("a"), table("a"))).toBe(true);
  expect(sameResult(table("a"), table("b"))).toBe(false);
  expect(sameResult([[1]], 1)).toBe(false);
  expect(sameResult(1, [[1]])).toBe(false);
});
