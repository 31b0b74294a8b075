import { realDataset, realIndexed } from "../../../test/support/real-dataset";
import { controlsText } from "../queries/controls";
import { ControlEvent } from "../dataset/dataset";
import { indexDataset } from "../dataset/indexed";
import { Clock } from "./clock";
import { bindDailyLiveCell, CellResult } from "./live";
import { LiveStore } from "./store";

/** bindDailyLiveCell keeps CONTROLS(…) without a date current, as days pass and datasets change. */

const data = realIndexed();
const LICENCE = "Licence required since 2023-08-01";
const SUSPENDED = `${LICENCE}; export ban to the United States (since 2024-12-03) suspended since 2025-11-09 until 2026-11-27.`;
/** The real dataset is as of 2026-11-22: the end of the suspension on 2026-11-27 is beyond it. */
const SCHEDULED = `${LICENCE}; export ban to the United States (since 2024-12-03) suspended since 2025-11-09; suspension scheduled to end on 2026-11-27 (as announced on 2025-11-09); no later event recorded.`;

class FakeClock implements Clock {
  time: Date;
  timers = new Map<number, { callback: () => void; at: number }>();
  private next = 1;
  constructor(start: Date) {
    this.time = start;
  }
  now(): Date {
    return new Date(this.time.getTime());
  }
  setTimer(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { callback, at: this.time.getTime() + ms });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves time forward, running timers as they come due. */
  advance(to: Date): void {
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= to.getTime());
      if (due.length === 0) break;
      const [id, timer] = due.sort((a, b) => a[1].at - b[1].at)[0];
      this.timers.delete(id);
      this.time = new Date(timer.at);
      timer.callback();
    }
    this.time = to;
  }
}

describe("bindDailyLiveCell", () => {
  const compute = (snapshot: { data: typeof data }, today: Date): CellResult =>
    controlsText(snapshot.data, { commodity: "gallium", partner: "US" }, today);

  function setup(start: Date) {
    const store = new LiveStore(data);
    const clock = new FakeClock(start);
    const sent: CellResult[] = [];
    const cell: { setResult(v: CellResult): void; onCanceled?: () => void } = {
      setResult: (v) => sent.push(v),
    };
    bindDailyLiveCell(store, cell, compute, (r) => r, clock);
    return { store, clock, sent, cell };
  }

  test("sends the status now, and again when the date changes it", () => {
    const { clock, sent } = setup(new Date(2026, 10, 27, 9, 0));
    expect(sent).toEqual([SUSPENDED]);
    clock.advance(new Date(2026, 10, 27, 23, 0));
    expect(sent).toEqual([SUSPENDED]); // same day: nothing new is sent
    clock.advance(new Date(2026, 10, 28, 0, 0, 2));
    expect(sent).toEqual([SUSPENDED, SCHEDULED]);
    clock.advance(new Date(2026, 10, 30, 0, 0, 2));
    expect(sent).toEqual([SUSPENDED, SCHEDULED]);
    expect(clock.timers.size).toBe(1);
  });

  test("a computer that slept past midnight catches up within the hour", () => {
    const { clock, sent } = setup(new Date(2026, 10, 27, 9, 0));
    // The pending timer was due at 10:00; it fires late, after the date changed.
    clock.time = new Date(2026, 10, 28, 8, 0);
    const [[, timer]] = [...clock.timers];
    timer.callback();
    expect(sent).toEqual([SUSPENDED, SCHEDULED]);
  });

  test("a dataset replacement is sent, compared with what the timer sent last", () => {
    const { store, clock, sent } = setup(new Date(2026, 10, 27, 9, 0));
    clock.advance(new Date(2026, 10, 28, 9, 0));
    expect(sent).toEqual([SUSPENDED, SCHEDULED]);
    // A dataset in which yesterday's answer is today's: it must still be sent.
    const dataset = realDataset();
    const suspension = dataset.events.find((e) => e.action === "export ban suspended");
    (suspension as ControlEvent).until = "2026-12-31";
    store.replace(indexDataset(dataset), { kind: "file", name: "new.json" });
    const extended = SUSPENDED.replace("until 2026-11-27", "until 2026-12-31");
    expect(sent).toEqual([SUSPENDED, SCHEDULED, extended]);
    store.replace(indexDataset(dataset), { kind: "file", name: "same.json" });
    expect(sent).toHaveLength(3);
  });

  test("cancelling stops the timer and the subscription", () => {
    const { store, clock, sent, cell } = setup(new Date(2026, 10, 27, 9, 0));
    expect(store.listenerCount).toBe(1);
    const [[, timer]] = [...clock.timers];
    cell.onCanceled?.();
    expect(store.listenerCount).toBe(0);
    expect(clock.timers.size).toBe(0);
    // A timer callback already on its way does nothing after cancelling.
    clock.time = new Date(2026, 10, 28, 9, 0);
    timer.callback();
    expect(sent).toEqual([SUSPENDED]);
    expect(clock.timers.size).toBe(0);
  });

  test("the system clock schedules real timers", () => {
    jest.useFakeTimers();
    try {
      jest.setSystemTime(new Date(2026, 10, 27, 23, 59, 0));
      const store = new LiveStore(data);
      const sent: CellResult[] = [];
      const cell: { setResult(v: CellResult): void; onCanceled?: () => void } = {
        setResult: (v) => sent.push(v),
      };
      bindDailyLiveCell(store, cell, compute, (r) => r);
      expect(sent).toEqual([SUSPENDED]);
      jest.advanceTimersByTime(2 * 60 * 1000);
      expect(sent).toEqual([SUSPENDED, SCHEDULED]);
      cell.onCanceled?.();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
