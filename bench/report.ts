/**
 * The bench's figures as a table with units, each issue-5 target beside its figure with "met" or
 * "missed", and as machine-readable JSON (the same figures plus every detail gathered).
 */
import { DatasetSuiteResult } from "./dataset-suite";
import { TARGETS } from "./defaults";
import { BenchResults } from "./main";
import { MB } from "./measure";

export interface TargetCheck {
  /** A stable id for figures that have one (`comtrade-1m-build-s`). */
  id?: string;
  figure: string;
  target: string;
  value: number;
  unit: string;
  met: boolean;
}

const n0 = (v: number) => Math.round(v).toLocaleString("en-US");
const n1 = (v: number) =>
  v.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const n2 = (v: number) =>
  v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const kb = (bytes: number) => n1(bytes / 1024);
const sizeLabel = (size: number) =>
  size >= 1_000_000 ? `${size / 1_000_000}M` : size >= 1000 ? `${size / 1000}k` : String(size);

/**
 * Every target the run measured, with whether it was met. Times are judged on the process's CPU
 * time: on an idle machine it equals wall time for this single-threaded code (a little above it,
 * with the GC's helper threads), and unlike wall time it does not count time spent waiting for a
 * core that other work on a shared machine holds.
 */
export function targetChecks(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const at1M = results.datasets.find((d) => d.size === 1_000_000);
  if (at1M) {
    checks.push({
      figure: "EXPORT lookups/s at 1M (mix)",
      target: `≥ ${n0(TARGETS.lookupsPerSecondAt1M)}/s`,
      value: at1M.exportLookups.mix.perCpuSecond,
      unit: "/s",
      met: at1M.exportLookups.mix.perCpuSecond >= TARGETS.lookupsPerSecondAt1M,
    });
    checks.push({
      figure: "1M-observation load time",
      target: `≤ ${n0(TARGETS.loadMsAt1M)} ms`,
      value: at1M.cold.cpuMs,
      unit: "ms",
      met: at1M.cold.cpuMs <= TARGETS.loadMsAt1M,
    });
    checks.push({
      figure: "1M-observation load peak memory",
      target: `≤ ${TARGETS.loadMbAt1M} MB`,
      value: at1M.cold.peakRssDeltaBytes / MB,
      unit: "MB",
      met: at1M.cold.peakRssDeltaBytes / MB <= TARGETS.loadMbAt1M,
    });
  }
  if (results.workbook) {
    const w = results.workbook.full;
    checks.push({
      figure: `MINERALS.EXPORT vs SUMIFS (${sizeLabel(w.rows)} rows)`,
      target: `≥ ${TARGETS.speedupOverSumifs}×`,
      value: w.cpuRatio,
      unit: "×",
      met: w.cpuRatio >= TARGETS.speedupOverSumifs,
    });
    const s = results.workbook.sampled;
    if (s) {
      checks.push({
        figure: `MINERALS.EXPORT vs SUMIFS (${sizeLabel(s.rows)} rows, extrapolated)`,
        target: `≥ ${TARGETS.speedupOverSumifs}×`,
        value: s.cpuRatio,
        unit: "×",
        met: s.cpuRatio >= TARGETS.speedupOverSumifs,
      });
    }
  }
  if (results.refresh) {
    checks.push({
      figure: "10k live updates",
      target: `≤ ${TARGETS.refreshMs} ms`,
      value: results.refresh.changedCpuMs,
      unit: "ms",
      met: results.refresh.changedCpuMs <= TARGETS.refreshMs,
    });
  }
  if (results.bundle) {
    checks.push({
      figure: "functions code gzip (no dataset)",
      target: `≤ ${TARGETS.functionsGzipBytes / 1024} KB`,
      value: results.bundle.functionsCode.gzip / 1024,
      unit: "KB",
      met: results.bundle.functionsCode.gzip <= TARGETS.functionsGzipBytes,
    });
  }
  if (results.comtrade) {
    const c = results.comtrade;
    const rows = sizeLabel(c.rows);
    checks.push({
      id: `comtrade-${rows.toLowerCase()}-build-s`,
      figure: `Dataset build with a ${rows}-row Comtrade file (CPU)`,
      target: `≤ ${TARGETS.comtradeBuildSeconds} s`,
      value: c.buildCpuSeconds,
      unit: "s",
      met: c.buildCpuSeconds <= TARGETS.comtradeBuildSeconds,
    });
    checks.push({
      id: `comtrade-${rows.toLowerCase()}-build-peak-rss-mb`,
      figure: `Dataset build with a ${rows}-row Comtrade file, peak memory`,
      target: `≤ ${TARGETS.comtradeBuildPeakMb} MB`,
      value: c.peakRssMb,
      unit: "MB",
      met: c.peakRssMb <= TARGETS.comtradeBuildPeakMb,
    });
  }
  return checks;
}

type Row = [figure: string, ...cells: string[]];

function table(header: string[], rows: Row[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? (c ?? "").padEnd(widths[i]) : (c ?? "").padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const verdict = (met: boolean) => (met ? "met" : "MISSED");

export function formatTable(results: BenchResults): string {
  const out: string[] = [];
  const m = results.meta;
  out.push(
    `Minerals for Excel — npm run bench   ${m.date}   commit ${m.commit}`,
    `${m.synthetic}, generator seed ${m.seed}; Node ${m.node}, ${m.cpus} CPUs (${m.cpuModel}); ` +
      `load average ${m.loadAverageStart.map(n2).join(" ")} at start, ${m.loadAverageEnd.map(n2).join(" ")} at end`,
    "Times: wall clock (CPU time of the process in brackets). Targets are judged on CPU time, which on an idle machine equals",
    "wall time for this single-threaded code but, unlike it, does not grow while other work on a shared machine holds the cores.",
    ""
  );

  const ds = results.datasets;
  if (ds.length > 0) {
    const by = (f: (d: DatasetSuiteResult) => string): string[] => ds.map(f);
    const at1M = ds.find((d) => d.size === 1_000_000);
    const checks = targetChecks(results);
    const check = (figure: string) => checks.find((c) => c.figure === figure);
    const t = (figure: string): [string, string] => {
      const c = check(figure);
      return c ? [c.target + " @1M", verdict(c.met)] : ["", ""];
    };
    const rows: Row[] = [
      ["Dataset text (JSON)", ...by((d) => n1(d.textBytes / MB)), "MB", "", ""],
      [
        "  within the 64 MB load limit?",
        ...by((d) => (d.withinSizeLimit ? "yes" : "NO")),
        "",
        "",
        "",
      ],
      [
        "Load, cold: parse+validate+hash+index",
        ...by((d) => `${n0(d.cold.wallMs)} (${n0(d.cold.cpuMs)})`),
        "ms",
        ...(at1M ? t("1M-observation load time") : ["", ""]),
      ],
      ["  JSON.parse", ...by((d) => n0(d.cold.phasesMs.parse)), "ms", "", ""],
      ["  validate (schema + cross-row)", ...by((d) => n0(d.cold.phasesMs.validate)), "ms", "", ""],
      ["  hash: canonical JSON", ...by((d) => n0(d.cold.phasesMs.canonical)), "ms", "", ""],
      ["  hash: SHA-256", ...by((d) => n0(d.cold.phasesMs.sha256)), "ms", "", ""],
      ["  index", ...by((d) => n0(d.cold.phasesMs.index)), "ms", "", ""],
      [
        "Load, warm: loadDatasetText (median)",
        ...by((d) =>
          d.warm
            ? `${n0(d.warm.medianMs)} (${n0(d.warm.medianCpuMs)})`
            : d.withinSizeLimit
              ? "–"
              : "refused"
        ),
        "ms",
        "",
        "",
      ],
      [
        "Load peak memory (RSS over baseline)",
        ...by((d) => n0(d.cold.peakRssDeltaBytes / MB)),
        "MB",
        ...(at1M ? t("1M-observation load peak memory") : ["", ""]),
      ],
      [
        "Heap kept by the loaded dataset",
        ...by((d) => n0(d.cold.retainedHeapBytes / MB)),
        "MB",
        "",
        "",
      ],
      [
        "EXPORT lookups, fixed mix",
        ...by(
          (d) => `${n0(d.exportLookups.mix.perSecond)} (${n0(d.exportLookups.mix.perCpuSecond)})`
        ),
        "/s",
        ...(at1M ? t("EXPORT lookups/s at 1M (mix)") : ["", ""]),
      ],
      ["  µs per lookup (mix)", ...by((d) => n2(d.exportLookups.mix.microsPerCall)), "µs", "", ""],
      ...Object.keys(ds[0].exportLookups.byKind).map((kind): Row => [
        `  ${kind}`,
        ...by((d) => n0(d.exportLookups.byKind[kind]?.perSecond ?? 0)),
        "/s",
        "",
        "",
      ]),
      [
        "  hits / misses as expected",
        ...by(
          (d) =>
            `${d.exportLookups.hitsAsExpected}+${d.exportLookups.missesAsExpected}/${d.exportLookups.queries}`
        ),
        "",
        "",
        "",
      ],
      ["SERIES tables (spilled), mix", ...by((d) => n0(d.series.perSecond)), "/s", "", ""],
      [
        "  rows per table (mean)",
        ...by((d) => n1(d.series.rowsReturned / d.series.queries)),
        "rows",
        "",
        "",
      ],
    ];
    out.push(
      table(
        [
          "Per dataset size (SYNTHETIC)",
          ...ds.map((d) => sizeLabel(d.size)),
          "unit",
          "target",
          "verdict",
        ],
        rows
      )
    );
    const refused = ds.filter((d) => d.refusal);
    for (const d of refused) {
      out.push(
        `  ${sizeLabel(d.size)}: loadDatasetText refuses this text (${d.refusal}); the load above ran its steps with the size check skipped.`
      );
    }
    out.push("");
  }

  const rows: Row[] = [];
  const checks = targetChecks(results);
  const add = (figure: string, value: string, unit: string, checkName?: string) => {
    const c = checkName ? checks.find((x) => x.figure === checkName) : undefined;
    rows.push([figure, value, unit, c?.target ?? "", c ? verdict(c.met) : ""]);
  };
  if (results.refresh) {
    const r = results.refresh;
    add(
      `Refresh: store.replace → ${n0(r.cells)} live cells, all changed (${sizeLabel(r.size)})`,
      `${n1(r.changedMs)} (${n1(r.changedCpuMs)})`,
      "ms",
      "10k live updates"
    );
    add("  values delivered per swap", n0(r.delivered), "cells");
    add("  swap to identical content (recompute only)", n1(r.unchangedMs), "ms");
    add(`  binding ${n0(r.cells)} cells (first results)`, n1(r.bindMs), "ms");
  }
  if (results.workbook) {
    for (const w of [results.workbook.full, results.workbook.sampled]) {
      if (!w) continue;
      const label = `${n0(w.cells)} cells, ${sizeLabel(w.rows)}-row sheet`;
      add(
        `HyperFormula: =MINERALS.EXPORT, ${label}`,
        `${n0(w.exportMs)} (${n0(w.exportCpuMs)})`,
        "ms"
      );
      add("  HyperFormula's floor: =CONCATENATE of the same literals", n0(w.floorMs), "ms");
      add(
        `HyperFormula: =SUMIFS, ${label}${w.extrapolated ? ` (${w.sumifsCellsTimed} timed, scaled)` : ""}`,
        `${n0(w.sumifsMs)} (${n0(w.sumifsCpuMs)})`,
        "ms"
      );
      add(
        `  SUMIFS ÷ EXPORT${w.extrapolated ? " (extrapolated)" : ""}`,
        `${n1(w.ratio)} (${n1(w.cpuRatio)})`,
        "×",
        `MINERALS.EXPORT vs SUMIFS (${sizeLabel(w.rows)} rows${w.extrapolated ? ", extrapolated" : ""})`
      );
      add(
        `  agree on reported figures / SUMIFS 0 where EXPORT is #N/A`,
        `${w.agree}/${w.agree + w.disagree}, ${w.silentZeros}/${w.exportNotAvailable}`,
        "cells"
      );
    }
  }
  if (results.bundle) {
    const b = results.bundle;
    add(
      "Functions code, without the dataset (gzip)",
      kb(b.functionsCode.gzip),
      "KB",
      "functions code gzip (no dataset)"
    );
    add("Functions code, without the dataset (raw)", kb(b.functionsCode.raw), "KB");
    add(
      "functions.js as shipped, raw / gzip",
      `${kb(b.functions.raw)} / ${kb(b.functions.gzip)}`,
      "KB"
    );
    add(
      "  of which the embedded dataset, raw / gzip",
      `${kb(b.embeddedDataset.raw)} / ${kb(b.embeddedDataset.gzip)}`,
      "KB"
    );
    add(
      `Task-pane code (${b.taskpane.files.join(", ")}), raw / gzip`,
      `${kb(b.taskpane.raw)} / ${kb(b.taskpane.gzip)}`,
      "KB"
    );
    add(
      "Dataset data/minerals.json, raw / gzip",
      `${kb(b.dataset.raw)} / ${kb(b.dataset.gzip)}`,
      "KB"
    );
    if (b.buildMs !== null) add("  (production build time)", n0(b.buildMs / 1000), "s");
  }
  if (rows.length > 0)
    out.push(table(["Refresh, workbook, bundle", "value", "unit", "target", "verdict"], rows), "");
  if (results.comtrade) {
    const c = results.comtrade;
    const checks = targetChecks(results).filter((x) => x.id?.startsWith("comtrade-"));
    out.push(
      table(
        ["Comtrade build (SYNTHETIC file)", "value", "unit", "target", "verdict"],
        [
          ["Rows / file size", `${n0(c.rows)} / ${n1(c.fileBytes / MB)}`, "MB", "", ""],
          [
            `compileData, wall (CPU) [${checks[0].id}]`,
            `${n1(c.buildSeconds)} (${n1(c.buildCpuSeconds)})`,
            "s",
            checks[0].target,
            verdict(checks[0].met),
          ],
          [
            `  peak memory [${checks[1].id}]`,
            n0(c.peakRssMb),
            "MB",
            checks[1].target,
            verdict(checks[1].met),
          ],
        ]
      ),
      ""
    );
  }

  const checksAll = targetChecks(results);
  out.push(
    `Targets: ${checksAll.filter((c) => c.met).length} met, ${checksAll.filter((c) => !c.met).length} missed` +
      (checksAll.some((c) => !c.met)
        ? ` (${checksAll
            .filter((c) => !c.met)
            .map((c) => c.figure)
            .join("; ")})`
        : "") +
      `.   Total bench time ${n0(results.meta.totalMs / 1000)} s.`
  );
  return out.join("\n");
}

export function formatJson(results: BenchResults): string {
  return JSON.stringify({ ...results, targets: targetChecks(results) }, null, 2);
}
