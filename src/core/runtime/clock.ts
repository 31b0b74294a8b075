/** The wall clock a "today" formula reads, and when to look at it again. */

export interface Clock {
  now(): Date;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => new Date(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Longest wait between checks, so a sleeping computer or a clock change is caught within the hour. */
export const MAX_CHECK_INTERVAL_MS = 60 * 60 * 1000;

/** Milliseconds from `now` until just after the next local midnight, capped at MAX_CHECK_INTERVAL_MS. */
export function msUntilNextCheck(now: Date): number {
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const ms = midnight.getTime() - now.getTime() + 1000;
  return Math.min(ms, MAX_CHECK_INTERVAL_MS);
}
