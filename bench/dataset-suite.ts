/**
 * One dataset size, in a process of its own (so that its peak memory is its own): the format-1
 * (JSON) load path a refresh runs (size check, JSON parse, schema and cross-row validation, hash,
 * index). Lookups are timed by index-suite.ts, over TradeColumns. main.ts starts it as
 *   node --expose-gc --import tsx bench/dataset-suite.ts <file> <size>
 * and reads one JSON line from its stdout.
 *
 * The cold load is timed phase by phase with the very functions loadDatasetText calls, in its order;
 * further loads go through loadDatasetText itself. A text over MAX_DATASET_BYTES is refused by
 * loadDatasetText before parsing, so for it only the phase-by-phase load is measured (the size check
 * skipped) and the refusal is recorded.
 */
import { readFileSync } from "fs";
import { canonicalText, sha256Hex } from "../src/core/dataset/hash";
import { indexDataset } from "../src/core/dataset/indexed";
import { loadDatasetText, MAX_DATASET_BYTES } from "../src/core/dataset/load";
import { parseDatasetText, validateDataset } from "../src/core/dataset/validate";
import { LOAD_REPEATS } from "./defaults";
import { collectGarbage, cpuMs, median, peakRssBytes, resetPeakRss, timedAsync } from "./measure";

export interface PhaseTimes {
  parse: number;
  validate: number;
  canonical: number;
  sha256: number;
  index: number;
}

export interface DatasetSuiteResult {
  size: number;
  textBytes: number;
  withinSizeLimit: boolean;
  /** loadDatasetText's message when it refuses the text (over the size limit). */
  refusal: string | null;
  gcExposed: boolean;
  peakResetWorked: boolean;
  cold: {
    wallMs: number;
    cpuMs: number;
    phasesMs: PhaseTimes;
    /** Peak RSS during the load minus RSS before it (the text itself is in the baseline). */
    peakRssDeltaBytes: number;
    /** Heap still used by the loaded, indexed dataset after a full GC (minus the baseline). */
    retainedHeapBytes: number;
    baselineRssBytes: number;
  };
  /** Further loads through loadDatasetText (within the size limit only). */
  warm: { runs: number; medianMs: number; medianCpuMs: number } | null;
}

export async function runDatasetSuite(file: string, size: number): Promise<DatasetSuiteResult> {
  const text = readFileSync(file, "utf8");
  const gcExposed = collectGarbage();
  const before = process.memoryUsage();
  const peakResetWorked = resetPeakRss();

  const withinSizeLimit = text.length <= MAX_DATASET_BYTES;
  // The steps of loadDatasetText, in its order, each timed.
  const c0 = cpuMs();
  const t0 = performance.now();
  let t = t0;
  const lap = () => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  let parsed: unknown = parseDatasetText(text);
  const parseMs = lap();
  const dataset = validateDataset(parsed);
  const validateMs = lap();
  let canonical: string | undefined = canonicalText(dataset);
  const canonicalMs = lap();
  const actual = await sha256Hex(canonical);
  const shaMs = lap();
  if (dataset.hash === "") dataset.hash = actual;
  else if (dataset.hash !== actual) throw new Error(`synthetic dataset hash mismatch in ${file}`);
  indexDataset(dataset);
  const indexMs = lap();
  const coldMs = performance.now() - t0;
  const coldCpu = cpuMs() - c0;
  const peak = peakRssBytes();
  parsed = canonical = undefined;
  collectGarbage();
  const retained = process.memoryUsage().heapUsed - before.heapUsed;

  let refusal: string | null = null;
  let warm: DatasetSuiteResult["warm"] = null;
  if (withinSizeLimit) {
    const runs = LOAD_REPEATS[size] ?? 1;
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let i = 0; i < runs; i++) {
      const run = await timedAsync(() => loadDatasetText(text));
      walls.push(run.ms);
      cpus.push(run.cpuMs);
    }
    if (runs > 0) warm = { runs, medianMs: median(walls), medianCpuMs: median(cpus) };
  } else {
    refusal = await loadDatasetText(text).then(
      () => "accepted (unexpected)",
      (error: Error) => error.message
    );
  }

  return {
    size,
    textBytes: Buffer.byteLength(text),
    withinSizeLimit,
    refusal,
    gcExposed,
    peakResetWorked,
    cold: {
      wallMs: coldMs,
      cpuMs: coldCpu,
      phasesMs: {
        parse: parseMs,
        validate: validateMs,
        canonical: canonicalMs,
        sha256: shaMs,
        index: indexMs,
      },
      peakRssDeltaBytes: peak - before.rss,
      retainedHeapBytes: retained,
      baselineRssBytes: before.rss,
    },
    warm,
  };
}

if (require.main === module) {
  const [file, size] = process.argv.slice(2);
  runDatasetSuite(file, Number(size)).then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(1);
    }
  );
}
