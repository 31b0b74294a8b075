/**
 * Every target the run measured, by id (issue 13's ids; issue 5's remaining figures under ids of
 * their own), with its value, unit, target and whether it was met. Times and rates are judged on
 * the process's CPU time: on an idle machine it equals wall time for this single-threaded code, and
 * unlike wall time it does not count waiting for a core that other work on a shared machine holds.
 */
import { TARGETS, TARGETS_13 } from "./defaults";
import { BenchResults } from "./main";
import { MB } from "./measure";

export interface TargetCheck {
  id: string;
  /** What was measured, and what it includes. */
  figure: string;
  value: number;
  unit: string;
  target: number;
  comparison: "≥" | "≤";
  met: boolean;
}

type Issue13Id = keyof typeof TARGETS_13;

function check13(id: Issue13Id, figure: string, value: number): TargetCheck {
  const { target, at, unit } = TARGETS_13[id];
  return {
    id,
    figure,
    value,
    unit,
    target,
    comparison: at,
    met: at === "≥" ? value >= target : value <= target,
  };
}

function check5(
  id: string,
  figure: string,
  value: number,
  unit: string,
  target: number,
  comparison: "≥" | "≤"
): TargetCheck {
  const met = comparison === "≥" ? value >= target : value <= target;
  return { id, figure, value, unit, target, comparison, met };
}

export function targetChecks(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const index = (size: number) => results.indexes.find((d) => d.size === size);
  const [i1k, i1m, i10m] = [index(1_000), index(1_000_000), index(10_000_000)];
  const load = (size: number) => results.loads.find((d) => d.size === size);
  const [l1m, l10m] = [load(1_000_000), load(10_000_000)];
  const loadNote =
    "format 2 from bytes in memory: loadManifestBundle (SHA-256 of every part, Arrow decode, trade checks, index)";
  if (l1m) {
    checks.push(check13("load-1m-cpu-ms", `1M: ${loadNote}, CPU`, l1m.load.cpuMs));
    checks.push(
      check13(
        "load-1m-peak-rss-mb",
        `1M: ${loadNote}, peak RSS increase including the ${(l1m.bytes / MB).toFixed(0)} MB of bytes read`,
        l1m.load.peakRssDeltaBytes / MB
      )
    );
    checks.push(
      check13(
        "feed-1m-gzip-mb",
        "1M: manifest + Arrow part, each gzipped (zlib level 6, as a host serves them); quantities whole kg, values whole USD",
        l1m.gzipBytes / MB
      )
    );
    checks.push(
      check13(
        "diff-1m-ms",
        "diffDatasets of two loaded 1M format 2 datasets (every observation compared), CPU, first call",
        l1m.diff.cpuMs
      )
    );
  }
  if (l10m) {
    checks.push(check13("load-10m-cpu-ms", `10M: ${loadNote}, CPU`, l10m.load.cpuMs));
    checks.push(
      check13(
        "load-10m-peak-rss-mb",
        `10M: ${loadNote}, peak RSS increase including the ${(l10m.bytes / MB).toFixed(0)} MB of bytes read`,
        l10m.load.peakRssDeltaBytes / MB
      )
    );
  }
  if (i1m) {
    checks.push(
      check13(
        "lookups-1m-per-s",
        "EXPORT at 1M, fixed mix, fresh strings per call",
        i1m.lookups.mix.perCpuSecond
      )
    );
    checks.push(
      check13(
        "index-lookups-1m-per-s",
        "SeriesIndex at 1M: normalised ids and a period number",
        i1m.indexLookups.perCpuSecond
      )
    );
    checks.push(
      check13(
        "series-1m-per-s",
        "SERIES tables at 1M, fixed mix, fresh strings",
        i1m.seriesTables.perCpuSecond
      )
    );
    if (i1k)
      checks.push(
        check13(
          "lookups-1m-vs-1k",
          "EXPORT mix rate at 1M ÷ rate at 1k",
          i1m.lookups.mix.perCpuSecond / i1k.lookups.mix.perCpuSecond
        )
      );
  }
  if (i10m) {
    checks.push(
      check13(
        "lookups-10m-per-s",
        "EXPORT at 10M, fixed mix, fresh strings per call",
        i10m.lookups.mix.perCpuSecond
      )
    );
  }
  if (results.refresh) {
    checks.push(
      check13(
        "refresh-10k-cells-ms",
        `store.replace delivering to ${results.refresh.cells} live EXPORT cells, all changed`,
        results.refresh.changedCpuMs
      )
    );
  }
  if (results.pane) {
    const p = results.pane;
    checks.push(
      check13(
        "refresh-1m-main-thread-max-block-ms",
        `built pane in Chromium refreshing a ${p.observations.toLocaleString("en-US")}-observation format 2 feed from a local server: longest task on the page's main thread (Chrome trace), Refresh to the pane re-rendered (result, change list, Browse)`,
        p.refreshMaxTaskMs
      )
    );
    checks.push(
      check13(
        "startup-saved-1m-ms",
        `built pane in Chromium with a saved ${p.observations.toLocaleString("en-US")}-observation copy: functions.js requested → first DATAVERSION answer (${p.startupFirstAnswer === p.savedVersion ? "from the saved copy" : `NOT from the saved copy: ${p.startupFirstAnswer}`})`,
        p.startupSavedMs
      )
    );
  }
  const sampled = results.workbook?.sampled;
  if (sampled) {
    const how = sampled.extrapolated
      ? `${sampled.sumifsCellsTimed} cells timed, scaled to ${sampled.cells} (extrapolated; without --quick-workbook all are measured)`
      : `${sampled.cells} cells each, measured`;
    checks.push(
      check13(
        "vs-sumifs-100k",
        `HyperFormula SUMIFS ÷ MINERALS.EXPORT, 100k rows, ${how}; SUMIFS gave a silent 0 in ${sampled.silentZeros} cells where EXPORT is #N/A`,
        sampled.cpuRatio
      )
    );
    checks.push(
      check13(
        "vs-xlookup-100k",
        `HyperFormula XLOOKUP (key column, column index) ÷ MINERALS.EXPORT, 100k rows, ${how}`,
        sampled.xlookupCpuRatio
      )
    );
  }

  // Issue 5's figures that issue 13 does not restate.
  const at1M = results.datasets.find((d) => d.size === 1_000_000);
  if (at1M) {
    checks.push(
      check5(
        "v1-load-1m-cpu-ms",
        "format 1 (JSON) load at 1M: parse, validate, hash, index",
        at1M.cold.cpuMs,
        "ms",
        TARGETS.loadMsAt1M,
        "≤"
      )
    );
    checks.push(
      check5(
        "v1-load-1m-peak-rss-mb",
        "format 1 (JSON) load at 1M, peak RSS increase",
        at1M.cold.peakRssDeltaBytes / MB,
        "MB",
        TARGETS.loadMbAt1M,
        "≤"
      )
    );
  }
  if (results.workbook) {
    const w = results.workbook.full;
    checks.push(
      check5(
        "vs-sumifs-1k",
        `HyperFormula SUMIFS ÷ MINERALS.EXPORT, ${w.rows} rows, ${w.cells} cells each, measured`,
        w.cpuRatio,
        "×",
        TARGETS.speedupOverSumifs,
        "≥"
      )
    );
  }
  if (results.bundle) {
    checks.push(
      check5(
        "functions-code-gzip-kb",
        "functions code without the dataset, gzip",
        results.bundle.functionsCode.gzip / 1024,
        "KB",
        TARGETS.functionsGzipBytes / 1024,
        "≤"
      )
    );
  }
  if (results.comtrade) {
    const c = results.comtrade;
    const rows = c.rows >= 1_000_000 ? `${c.rows / 1_000_000}m` : `${c.rows / 1000}k`;
    checks.push(
      check5(
        `comtrade-${rows}-build-s`,
        `dataset build with a SYNTHETIC ${c.rows.toLocaleString("en-US")}-row Comtrade file, CPU`,
        c.buildCpuSeconds,
        "s",
        TARGETS.comtradeBuildSeconds,
        "≤"
      ),
      check5(
        `comtrade-${rows}-build-peak-rss-mb`,
        "that build's peak resident memory",
        c.peakRssMb,
        "MB",
        TARGETS.comtradeBuildPeakMb,
        "≤"
      )
    );
  }
  return checks;
}
