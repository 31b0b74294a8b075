/**
 * Benchmark constants: sizes, seed, run lengths and the targets from issue 5. Change a figure here,
 * never inline, so that two runs with the same defaults measure the same thing.
 */

/** The generator's fixed seed: the same seed gives byte-identical synthetic datasets. */
export const SEED = 0x5eed_2025;

/** Export observations in each synthetic dataset. */
export const SIZES = [1_000, 100_000, 1_000_000] as const;

/** Observations in each TradeColumns dataset the series index is timed on (index-suite.ts). */
export const INDEX_SIZES = [1_000, 1_000_000, 10_000_000] as const;

/** Observations in each format 2 dataset whose load from bytes is timed (load-suite.ts). */
export const LOAD_SIZES = [1_000_000, 10_000_000] as const;

/**
 * HyperFormula cells of each alternative (SUMIFS, XLOOKUP) timed on the 100k sheet: all of them by
 * default (about 45 minutes of CPU on this machine, see workbook.ts); `--quick-workbook` times
 * QUICK_ALTERNATIVE_CELLS and scales (the figure then says it is extrapolated).
 */
export const ALTERNATIVE_CELLS = 10_000;
export const QUICK_ALTERNATIVE_CELLS = 100;

/** The size the refresh and the HyperFormula comparison run at (see main.ts for why). */
export const WORKBOOK_SIZE = 100_000;

/** Live formula invocations a refresh delivers to, and cells in each HyperFormula sheet. */
export const LIVE_CELLS = 10_000;
export const WORKBOOK_CELLS = 10_000;

/** Distinct queries in the fixed EXPORT / SERIES mix (cycled through while timing). */
export const QUERY_COUNT = 2_000;

/** Timing loops: warm up, then run for at least this long and report the median of the repeats. */
export const WARMUP_MS = 300;
export const MEASURE_MS = 600;
export const REPEATS = 3;

/** Further loads through loadDatasetText per size, after the cold one (1M is over its size limit). */
export const LOAD_REPEATS: Record<number, number> = { 1_000: 20, 100_000: 2, 1_000_000: 0 };

/** Refresh swaps timed (median reported). */
export const REFRESH_REPEATS = 7;

/** Where synthetic datasets are cached between runs: outside the repository, never bundled. */
export const CACHE_DIR_NAME = "minerals-for-excel-bench";

export const SYNTHETIC_NAME = "SYNTHETIC benchmark dataset — not real data";
export const SYNTHETIC_PUBLISHER = "synthetic";

/** Issue 13's targets on this 2-core machine (printed with these ids in the JSON `targets`). */
export const TARGETS_13 = {
  "load-1m-cpu-ms": { target: 300, at: "≤", unit: "ms" },
  "load-1m-peak-rss-mb": { target: 64, at: "≤", unit: "MB" },
  "load-10m-cpu-ms": { target: 2_500, at: "≤", unit: "ms" },
  "load-10m-peak-rss-mb": { target: 600, at: "≤", unit: "MB" },
  "feed-1m-gzip-mb": { target: 10, at: "≤", unit: "MB" },
  /** Not an issue 13 id: the diff runs on the main thread before the swap, within a task's 50 ms. */
  "diff-1m-ms": { target: 50, at: "≤", unit: "ms" },
  "lookups-1m-per-s": { target: 1_000_000, at: "≥", unit: "/s" },
  "lookups-10m-per-s": { target: 700_000, at: "≥", unit: "/s" },
  "index-lookups-1m-per-s": { target: 5_000_000, at: "≥", unit: "/s" },
  "lookups-1m-vs-1k": { target: 0.7, at: "≥", unit: "×" },
  "series-1m-per-s": { target: 200_000, at: "≥", unit: "/s" },
  "refresh-10k-cells-ms": { target: 50, at: "≤", unit: "ms" },
  "refresh-1m-main-thread-max-block-ms": { target: 50, at: "≤", unit: "ms" },
  "startup-saved-1m-ms": { target: 1_000, at: "≤", unit: "ms" },
  "vs-sumifs-100k": { target: 50, at: "≥", unit: "×" },
  "vs-xlookup-100k": { target: 1, at: "≥", unit: "×" },
} as const;

/** Issue 5's targets on this 2-core machine. */
export const TARGETS = {
  /** EXPORT lookups per second at 1M observations (fixed mix). */
  lookupsPerSecondAt1M: 1_000_000,
  /** Full evaluation of 10k SUMIFS cells ÷ 10k MINERALS.EXPORT cells. */
  speedupOverSumifs: 20,
  /** 1M-observation load (parse + validate + hash + index). */
  loadMsAt1M: 2_000,
  loadMbAt1M: 400,
  /** store.replace delivering to 10k live invocations. */
  refreshMs: 100,
  /** Functions code without the embedded dataset, gzip. */
  functionsGzipBytes: 50 * 1024,
  /** Issue 9: the dataset build with a 1M-row Comtrade file (CPU seconds; peak RSS in MB). */
  comtradeBuildSeconds: 60,
  comtradeBuildPeakMb: 1024,
} as const;
