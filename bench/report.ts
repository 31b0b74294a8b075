/**
 * The bench's figures as a table with units, each target beside its figure with "met" or "missed",
 * and as machine-readable JSON (the same figures, every detail gathered, and `targets` by id).
 */
import { DatasetSuiteResult } from "./dataset-suite";
import { IndexSuiteResult } from "./index-suite";
import { BenchResults } from "./main";
import { MB } from "./measure";
import { TargetCheck, targetChecks } from "./targets";

const targetText = (c: TargetCheck) =>
  `${c.comparison} ${c.target.toLocaleString("en-US")}${c.unit === "/s" ? "/s" : ` ${c.unit}`}`;

const n0 = (v: number) => Math.round(v).toLocaleString("en-US");
const n1 = (v: number) =>
  v.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const n2 = (v: number) =>
  v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const kb = (bytes: number) => n1(bytes / 1024);
const sizeLabel = (size: number) =>
  size >= 1_000_000 ? `${size / 1_000_000}M` : size >= 1000 ? `${size / 1000}k` : String(size);

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
    const t = (id: string): [string, string] => {
      const c = checks.find((x) => x.id === id);
      return c ? [targetText(c) + " @1M", verdict(c.met)] : ["", ""];
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
        ...(at1M ? t("v1-load-1m-cpu-ms") : ["", ""]),
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
        ...(at1M ? t("v1-load-1m-peak-rss-mb") : ["", ""]),
      ],
      [
        "Heap kept by the loaded dataset",
        ...by((d) => n0(d.cold.retainedHeapBytes / MB)),
        "MB",
        "",
        "",
      ],
    ];
    out.push(
      table(
        [
          "Format 1 (JSON) load, per size (SYNTHETIC)",
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
  if (results.indexes.length > 0) out.push(indexTable(results), "");

  const rows: Row[] = [];
  const checks = targetChecks(results);
  const add = (figure: string, value: string, unit: string, id?: string) => {
    const c = id ? checks.find((x) => x.id === id) : undefined;
    rows.push([figure, value, unit, c ? targetText(c) : "", c ? verdict(c.met) : ""]);
  };
  for (const l of results.loads) {
    const at = sizeLabel(l.size).toLowerCase();
    add(
      `Format 2 load from bytes, ${sizeLabel(l.size)} (verify + decode + validate + index)`,
      `${n0(l.load.wallMs)} (${n0(l.load.cpuMs)})`,
      "ms",
      `load-${at}-cpu-ms`
    );
    add(
      "  peak RSS increase, with the bytes read",
      n1(l.load.peakRssDeltaBytes / MB),
      "MB",
      `load-${at}-peak-rss-mb`
    );
    add(
      "  manifest + parts, raw / gzip",
      `${n1(l.bytes / MB)} / ${n1(l.gzipBytes / MB)}`,
      "MB",
      `feed-${at}-gzip-mb`
    );
    add(
      "  diff of two such datasets (all compared)",
      `${n1(l.diff.wallMs)} (${n1(l.diff.cpuMs)})`,
      "ms",
      `diff-${at}-ms`
    );
  }
  if (results.refresh) {
    const r = results.refresh;
    add(
      `Refresh: store.replace → ${n0(r.cells)} live cells, all changed (${sizeLabel(r.size)})`,
      `${n1(r.changedMs)} (${n1(r.changedCpuMs)})`,
      "ms",
      "refresh-10k-cells-ms"
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
        w.rows >= 100_000 ? "vs-sumifs-100k" : "vs-sumifs-1k"
      );
      add(
        `HyperFormula: =XLOOKUP on a key column (column index), ${label}${w.extrapolated ? ` (${w.sumifsCellsTimed} timed, scaled)` : ""}`,
        `${n0(w.xlookupMs)} (${n0(w.xlookupCpuMs)})`,
        "ms"
      );
      add(
        `  XLOOKUP ÷ EXPORT${w.extrapolated ? " (extrapolated)" : ""}`,
        n1(w.xlookupCpuRatio),
        "×",
        w.rows >= 100_000 ? "vs-xlookup-100k" : undefined
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
      "functions-code-gzip-kb"
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
  if (results.pane) {
    const p = results.pane;
    add(
      `Pane (Chromium): longest main-thread task, refresh of ${sizeLabel(p.observations)} format 2`,
      n1(p.refreshMaxTaskMs),
      "ms",
      "refresh-1m-main-thread-max-block-ms"
    );
    add(
      "  its tasks over 50 ms (PerformanceObserver longtask) / refresh wall time",
      `${p.refreshLongTasksMs.map(n0).join(", ") || "none"} / ${n0(p.refreshWallMs)}`,
      "ms"
    );
    add(
      `Pane (Chromium): start-up to the first cell from the saved ${sizeLabel(p.observations)} copy`,
      n0(p.startupSavedMs),
      "ms",
      "startup-saved-1m-ms"
    );
  }
  if (rows.length > 0)
    out.push(table(["Refresh, workbook, bundle", "value", "unit", "target", "verdict"], rows), "");
  if (results.comtrade) {
    const c = results.comtrade;
    const checks = targetChecks(results).filter((x) => x.id.startsWith("comtrade-"));
    out.push(
      table(
        ["Comtrade build (SYNTHETIC file)", "value", "unit", "target", "verdict"],
        [
          ["Rows / file size", `${n0(c.rows)} / ${n1(c.fileBytes / MB)}`, "MB", "", ""],
          [
            `compileData, wall (CPU) [${checks[0].id}]`,
            `${n1(c.buildSeconds)} (${n1(c.buildCpuSeconds)})`,
            "s",
            targetText(checks[0]),
            verdict(checks[0].met),
          ],
          [
            `  peak memory [${checks[1].id}]`,
            n0(c.peakRssMb),
            "MB",
            targetText(checks[1]),
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
            .map((c) => c.id)
            .join(", ")})`
        : "") +
      `.   Total bench time ${n0(results.meta.totalMs / 1000)} s.`
  );
  return out.join("\n");
}

export function formatJson(results: BenchResults): string {
  return JSON.stringify({ ...results, targets: targetChecks(results) }, null, 2);
}

/** The series index per size: build, lookups (fresh strings), the index alone, SERIES tables. */
function indexTable(results: BenchResults): string {
  const ix = results.indexes;
  const checks = targetChecks(results);
  const by = (f: (d: IndexSuiteResult) => string): string[] => ix.map(f);
  const t = (...ids: string[]): [string, string] => {
    const found = ids.map((id) => checks.find((c) => c.id === id)).filter((c) => c !== undefined);
    return [
      found.map((c) => `${targetText(c as TargetCheck)} (${(c as TargetCheck).id})`).join("; "),
      found.map((c) => verdict((c as TargetCheck).met)).join("; "),
    ];
  };
  const rate = (r: { perSecond: number; perCpuSecond: number }) =>
    `${n0(r.perSecond)} (${n0(r.perCpuSecond)})`;
  const rows: Row[] = [
    ["Series", ...by((d) => n0(d.series)), "", "", ""],
    [
      "TradeColumns in memory (typed arrays)",
      ...by((d) => n1(d.build.columnBytes / MB)),
      "MB",
      "",
      "",
    ],
    [
      "Index build (names + series index)",
      ...by((d) => `${n0(d.build.wallMs)} (${n0(d.build.cpuMs)})`),
      "ms",
      ...t("load-1m-cpu-ms", "load-10m-cpu-ms"),
    ],
    [
      "  peak RSS increase",
      ...by((d) => n1(d.build.peakRssDeltaBytes / MB)),
      "MB",
      ...t("load-1m-peak-rss-mb", "load-10m-peak-rss-mb"),
    ],
    [
      "  kept after GC (heap + typed arrays)",
      ...by((d) => n1(d.build.retainedBytes / MB)),
      "MB",
      "",
      "",
    ],
    [
      "EXPORT lookups, fixed mix, fresh strings",
      ...by((d) => rate(d.lookups.mix)),
      "/s",
      ...t("lookups-1m-per-s", "lookups-10m-per-s", "lookups-1m-vs-1k"),
    ],
    ...Object.keys(ix[0].lookups.byKind).map((kind): Row => [
      `  ${kind}`,
      ...by((d) => n0(d.lookups.byKind[kind]?.perCpuSecond ?? 0)),
      "/s CPU",
      "",
      "",
    ]),
    [
      "  hits / misses as expected",
      ...by(
        (d) => `${d.lookups.hitsAsExpected}+${d.lookups.missesAsExpected}/${d.lookups.queries}`
      ),
      "",
      "",
      "",
    ],
    ["  making the fresh strings alone", ...by((d) => rate(d.freshArguments)), "/s", "", ""],
    [
      "Index alone (ids, period number)",
      ...by((d) => rate(d.indexLookups)),
      "/s",
      ...t("index-lookups-1m-per-s"),
    ],
    [
      "SERIES tables, fixed mix, fresh strings",
      ...by((d) => rate(d.seriesTables)),
      "/s",
      ...t("series-1m-per-s"),
    ],
    ["  rows per table (mean)", ...by((d) => n1(d.seriesTables.rowsPerTable)), "rows", "", ""],
  ];
  return table(
    [
      "Series index over TradeColumns (SYNTHETIC)",
      ...ix.map((d) => sizeLabel(d.size)),
      "unit",
      "target",
      "verdict",
    ],
    rows
  );
}
