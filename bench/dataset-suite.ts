/**
 * One dataset size, in a process of its own (so that its peak memory is its own): the load path a
 * refresh runs (size check, JSON parse, schema and cross-row validation, hash, index), then EXPORT
 * and SERIES lookups on the loaded dataset. main.ts starts it as
 *   node --expose-gc --import tsx bench/dataset-suite.ts <file> <size>
 * and reads one JSON line from its stdout.
 *
 * The cold load is timed phase by phase with the very functions loadDatasetText calls, in its order;
 * further loads go through loadDatasetText itself. A text over MAX_DATASET_BYTES is refused by
 * loadDatasetText before parsing, so for it only the phase-by-phase load is measured (the size check
 * skipped) and the refusal is recorded.
 */
import { readFileSync } from "fs";
import { exportValue, findExport } from "../src/core/queries/exports";
import { canonicalText, sha256Hex } from "../src/core/dataset/hash";
import { indexDataset } from "../src/core/dataset/indexed";
import { loadDatasetText, MAX_DATASET_BYTES } from "../src/core/dataset/load";
import { isQueryError } from "../src/core/queries/query-error";
import { seriesTable } from "../src/core/queries/series";
import { parseDatasetText, validateDataset } from "../src/core/dataset/validate";
import { LOAD_REPEATS, MEASURE_MS, QUERY_COUNT } from "./defaults";
import {
  collectGarbage,
  cpuMs,
  median,
  peakRssBytes,
  rate,
  Rate,
  resetPeakRss,
  timedAsync,
} from "./measure";
import { EXPORT_MIX, ExportQueryKind, exportQueries, isHitKind, seriesQueries } from "./queries";

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
  exportLookups: {
    mix: Rate;
    byKind: Record<string, Rate>;
    /** Queries of a hit kind that returned a number, and of a miss kind that returned an error. */
    hitsAsExpected: number;
    missesAsExpected: number;
    queries: number;
  };
  series: Rate & { queries: number; rowsReturned: number };
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
  const data = indexDataset(dataset);
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

  // EXPORT: the fixed mix, then each kind alone (shorter runs) to see where the time goes.
  const queries = exportQueries(data, QUERY_COUNT);
  let hitsAsExpected = 0;
  let missesAsExpected = 0;
  for (const q of queries) {
    const result = findExport(data, q.args);
    if (isHitKind(q.kind) && !isQueryError(result)) hitsAsExpected++;
    if (!isHitKind(q.kind) && isQueryError(result)) missesAsExpected++;
  }
  const n = queries.length;
  const mix = rate((i) => exportValue(data, queries[i % n].args));
  const byKind: Record<string, Rate> = {};
  for (const kind of Object.keys(EXPORT_MIX) as ExportQueryKind[]) {
    const own = queries.filter((q) => q.kind === kind);
    if (own.length === 0) continue;
    byKind[kind] = rate((i) => exportValue(data, own[i % own.length].args), {
      measureMs: MEASURE_MS / 4,
      repeats: 1,
      warmupMs: 50,
    });
  }

  const series = seriesQueries(data, QUERY_COUNT);
  let rowsReturned = 0;
  for (const q of series) {
    const table = seriesTable(data, q);
    if (!isQueryError(table)) rowsReturned += table.length;
  }
  const seriesRate = rate((i) => seriesTable(data, series[i % series.length]), { batch: 50 });

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
    exportLookups: { mix, byKind, hitsAsExpected, missesAsExpected, queries: n },
    series: { ...seriesRate, queries: series.length, rowsReturned },
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
