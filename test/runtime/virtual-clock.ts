/**
 * Timers and `Date` for a `vm` context, on a clock the test moves. Microsoft's runtime batches results
 * on timers (50 ms, then at most every 500 ms) and the functions keep daily timers; a virtual clock
 * runs them in order without the test waiting for real time.
 */
interface Timer {
  due: number;
  callback: (...args: unknown[]) => void;
  args: unknown[];
  every?: number;
}

export class VirtualClock {
  private time: number;
  private nextId = 1;
  private readonly timers = new Map<number, Timer>();

  constructor(start: Date) {
    this.time = start.getTime();
  }

  now(): number {
    return this.time;
  }

  /** Timers still scheduled (a cancelled live cell must leave none behind). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** The globals a browser page has for time: timers, and a `Date` whose present is this clock's. */
  globals(contextDate: DateConstructor): Record<string, unknown> {
    const clock = this;
    // A subclass of the context's own Date, so dates made inside the context stay that realm's.
    const VirtualDate = class extends contextDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(clock.now());
        else super(...(args as [string]));
      }
      static now(): number {
        return clock.now();
      }
    };
    return {
      Date: VirtualDate,
      setTimeout: (callback: Timer["callback"], ms?: number, ...args: unknown[]) =>
        this.schedule(callback, ms, args),
      setInterval: (callback: Timer["callback"], ms?: number, ...args: unknown[]) =>
        this.schedule(callback, ms, args, true),
      clearTimeout: (id: unknown) => this.timers.delete(id as number),
      clearInterval: (id: unknown) => this.timers.delete(id as number),
    };
  }

  private schedule(
    callback: Timer["callback"],
    ms: number | undefined,
    args: unknown[],
    repeat = false
  ): number {
    const delay = Math.max(0, Number(ms) || 0);
    const id = this.nextId++;
    this.timers.set(id, {
      due: this.time + delay,
      callback,
      args,
      every: repeat ? delay : undefined,
    });
    return id;
  }

  /**
   * Moves the clock forward by `ms`, running every timer that falls due in order; the promise jobs
   * a timer starts (the runtime's request to the host, the host's answer) run before the next one.
   */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settlePromises();
    for (;;) {
      let nextId: number | undefined;
      let next: Timer | undefined;
      for (const [id, timer] of this.timers) {
        if (timer.due <= end && (next === undefined || timer.due < next.due)) {
          nextId = id;
          next = timer;
        }
      }
      if (next === undefined || nextId === undefined) break;
      this.time = Math.max(this.time, next.due);
      if (next.every === undefined) this.timers.delete(nextId);
      else next.due = this.time + Math.max(1, next.every);
      next.callback(...next.args);
      await settlePromises();
    }
    this.time = end;
  }
}

/** Lets every queued promise job run (the host answers on a promise job too). */
export async function settlePromises(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
