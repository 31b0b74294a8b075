/**
 * Timing and memory helpers: plain performance.now() loops with warm-up (no benchmark library), the
 * process's CPU time beside wall time (this machine is shared, so wall time alone can mislead), and
 * the peak resident set size around one operation.
 */
import { readFileSync, writeFileSync } from "fs";
import { MEASURE_MS, REPEATS, WARMUP_MS } from "./defaults";

/** CPU time (user + system, all threads of this process) in milliseconds. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export interface Timed<T> {
  value: T;
  ms: number;
  cpuMs: number;
}

export function timed<T>(fn: () => T): Timed<T> {
  const c = cpuMs();
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t, cpuMs: cpuMs() - c };
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<Timed<T>> {
  const c = cpuMs();
  const t = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t, cpuMs: cpuMs() - c };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export interface Rate {
  /** Calls per wall-clock second (median of the repeats). */
  perSecond: number;
  /** Calls per second of this process's CPU time (median of the repeats). */
  perCpuSecond: number;
  /** Mean wall time per call, in microseconds. */
  microsPerCall: number;
  calls: number;
}

/** Keeps results observable so that the loop is not optimised away. */
export let sink: unknown;

/**
 * Calls `call(i)` for i = 0, 1, 2, … (the caller cycles through its queries) for WARMUP_MS, then
 * REPEATS times for at least `measureMs`, and reports the median rate.
 */
export function rate(
  call: (i: number) => unknown,
  { measureMs = MEASURE_MS, repeats = REPEATS, warmupMs = WARMUP_MS, batch = 500 } = {}
): Rate {
  let i = 0;
  const run = (ms: number) => {
    const c = cpuMs();
    const start = performance.now();
    let calls = 0;
    let elapsed = 0;
    do {
      for (let b = 0; b < batch; b++) sink = call(i++);
      calls += batch;
      elapsed = performance.now() - start;
    } while (elapsed < ms);
    return { calls, elapsed, cpu: cpuMs() - c };
  };
  run(warmupMs);
  const runs = Array.from({ length: repeats }, () => run(measureMs));
  const perSecond = median(runs.map((r) => (r.calls / r.elapsed) * 1000));
  return {
    perSecond,
    perCpuSecond: median(runs.map((r) => (r.calls / Math.max(r.cpu, 1e-3)) * 1000)),
    microsPerCall: 1e6 / perSecond,
    calls: runs.reduce((sum, r) => sum + r.calls, 0),
  };
}

/**
 * Peak resident set size tracking. On Linux, writing 5 to /proc/self/clear_refs resets the
 * high-water mark (VmHWM), so the peak of one operation can be read afterwards; elsewhere the
 * process's lifetime maximum (getrusage) is used, which is an upper bound.
 */
export function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

export function peakRssBytes(): number {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    const kb = /VmHWM:\s+(\d+) kB/.exec(status);
    if (kb) return Number(kb[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}

export const MB = 1024 * 1024;
