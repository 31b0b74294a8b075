/**
 * The series index at one size, in a process of its own (so that its peak memory is its own):
 * synthetic figures generated straight into TradeColumns (as format 2 decodes them; no row
 * objects), then
 *  - the index build: indexDataset over the columns (names, the per-series index), CPU time and
 *    peak memory;
 *  - EXPORT over the fixed mix with fresh argument strings per call (lookups-…-per-s);
 *  - the index alone: normalised ids and a period number straight into SeriesIndex (index-lookups);
 *  - SERIES tables over the fixed SERIES mix, fresh strings per call.
 * main.ts starts it as  node --expose-gc --import tsx bench/index-suite.ts <size>  and reads one
 * JSON line from its stdout.
 */
import { indexDataset } from "../src/core/dataset/indexed";
import { periodNumber } from "../src/core/dataset/series-index";
import { exportValue, findExport } from "../src/core/queries/exports";
import { isQueryError } from "../src/core/queries/query-error";
import { seriesTable } from "../src/core/queries/series";
import { textAt } from "../src/core/dataset/trade-rows";
import { MEASURE_MS, QUERY_COUNT, SEED } from "./defaults";
import { freshExportArguments, freshSeriesArguments } from "./fresh";
import { collectGarbage, cpuMs, peakRssBytes, rate, Rate, resetPeakRss } from "./measure";
import { EXPORT_MIX, ExportQueryKind, exportQueries, isHitKind, seriesQueries } from "./queries";
import { generateColumns, mulberry32, readReference, REPORTER } from "./synthetic";

export interface IndexSuiteResult {
  size: number;
  series: number;
  generateMs: number;
  /** indexDataset over TradeColumns already in memory (name indexes + series index). */
  build: {
    wallMs: number;
    cpuMs: number;
    /** Peak RSS during the build minus RSS before it (the columns are in the baseline). */
    peakRssDeltaBytes: number;
    /** Heap plus typed-array memory kept by the index after a full GC. */
    retainedBytes: number;
    /** The columns themselves (typed arrays), for scale. */
    columnBytes: number;
  };
  lookups: {
    mix: Rate;
    byKind: Record<string, Rate>;
    hitsAsExpected: number;
    missesAsExpected: number;
    queries: number;
  };
  /** The cost of making the fresh strings alone (included in the lookup rates). */
  freshArguments: Rate;
  indexLookups: Rate & { hits: number; queries: number };
  seriesTables: Rate & { rowsPerTable: number; queries: number };
}

function memoryNow(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

export function runIndexSuite(size: number): IndexSuiteResult {
  const g0 = performance.now();
  const { dataset, trade } = generateColumns(size, readReference());
  const generateMs = performance.now() - g0;
  const columnBytes = [
    trade.quantity,
    trade.value,
    trade.estimated,
    ...[trade.commodity, trade.reporter, trade.partner, trade.flow, trade.period].map(
      (c) => c.indices
    ),
    ...[trade.unit, trade.source_id, trade.note].map((c) => c.indices),
  ].reduce((sum, a) => sum + a.byteLength, 0);

  collectGarbage();
  const before = process.memoryUsage().rss;
  const memoryBefore = memoryNow();
  resetPeakRss();
  const c0 = cpuMs();
  const t0 = performance.now();
  const data = indexDataset(dataset, trade);
  const wallMs = performance.now() - t0;
  const buildCpu = cpuMs() - c0;
  const peak = peakRssBytes();
  collectGarbage();
  const retainedBytes = memoryNow() - memoryBefore;

  // EXPORT: the fixed mix with fresh strings, then each kind alone.
  const queries = exportQueries(data, QUERY_COUNT);
  let hitsAsExpected = 0;
  let missesAsExpected = 0;
  for (const q of queries) {
    const result = findExport(data, q.args);
    if (isHitKind(q.kind) && !isQueryError(result)) hitsAsExpected++;
    if (!isHitKind(q.kind) && isQueryError(result)) missesAsExpected++;
  }
  const n = queries.length;
  const mix = rate((i) => exportValue(data, freshExportArguments(queries[i % n].args)));
  const byKind: Record<string, Rate> = {};
  for (const kind of Object.keys(EXPORT_MIX) as ExportQueryKind[]) {
    const own = queries.filter((q) => q.kind === kind);
    if (own.length === 0) continue;
    byKind[kind] = rate((i) => exportValue(data, freshExportArguments(own[i % own.length].args)), {
      measureMs: MEASURE_MS / 4,
      repeats: 1,
      warmupMs: 50,
    });
  }
  const fresh = rate((i) => freshExportArguments(queries[i % n].args));

  // The index alone: normalised ids (the dictionary's own strings) and a period number.
  const rng = mulberry32(SEED ^ 0x1d1d);
  const probes = Array.from({ length: QUERY_COUNT }, () => {
    const row = Math.floor(rng() * trade.length);
    const hit = rng() < 0.8;
    const period = periodNumber(textAt(trade.period, row) as string);
    return {
      commodity: textAt(trade.commodity, row) as string,
      partner: textAt(trade.partner, row) as string,
      // A miss: the same series a century earlier.
      period: hit ? period : period - 100 * 13,
    };
  });
  const index = data.series;
  let hits = 0;
  const probe = (i: number) => {
    const p = probes[i % probes.length];
    const s = index.series(p.commodity, REPORTER, p.partner, "export");
    return s < 0 ? -1 : index.row(s, p.period);
  };
  for (let i = 0; i < probes.length; i++) if (probe(i) >= 0) hits++;
  const indexLookups = rate(probe, { batch: 5000 });

  const series = seriesQueries(data, QUERY_COUNT);
  let rows = 0;
  for (const q of series) {
    const table = seriesTable(data, q);
    if (!isQueryError(table)) rows += table.length;
  }
  const seriesRate = rate(
    (i) => seriesTable(data, freshSeriesArguments(series[i % series.length])),
    {
      batch: 50,
    }
  );

  return {
    size,
    series: data.series.size,
    generateMs,
    build: {
      wallMs,
      cpuMs: buildCpu,
      peakRssDeltaBytes: peak - before,
      retainedBytes,
      columnBytes,
    },
    lookups: { mix, byKind, hitsAsExpected, missesAsExpected, queries: n },
    freshArguments: fresh,
    indexLookups: { ...indexLookups, hits, queries: probes.length },
    seriesTables: { ...seriesRate, rowsPerTable: rows / series.length, queries: series.length },
  };
}

if (require.main === module) {
  const [size] = process.argv.slice(2);
  try {
    process.stdout.write(`${JSON.stringify(runIndexSuite(Number(size)))}\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).stack ?? (error as Error).message}\n`);
    process.exit(1);
  }
}
