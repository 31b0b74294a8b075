/**
 * Runs the benchmark suites and gathers their figures (cli.ts prints them):
 *  1. synthetic datasets at each size (generated once with the fixed seed, cached in the OS temp
 *     folder, never in the repository);
 *  2. per size, in a child process of its own: the format-1 refresh load path (time and peak
 *     memory) (dataset-suite.ts);
 *  2b. per size (1k, 1M, 10M), in a child process of its own: synthetic TradeColumns, the series
 *     index build, EXPORT lookups over a fixed mix with fresh strings, the index alone, SERIES
 *     tables (index-suite.ts);
 *  2c. per size (1M, 10M): format 2 written once into the OS temp folder, then loaded from bytes in
 *     memory through loadManifestBundle (verify, decode, validate, index) and diffed (load-suite.ts);
 *  3. refresh: store.replace delivering to 10,000 live invocations (refresh.ts);
 *  4. HyperFormula: 10,000 =MINERALS.EXPORT cells against =SUMIFS and =XLOOKUP cells (workbook.ts);
 *  5. bundle sizes of a production build (bundle.ts);
 *  6. the dataset build with a synthetic Comtrade file (comtrade.ts);
 *  7. the built pane in Chromium: the longest main-thread task while it refreshes a 1M format 2
 *     feed from a local server, and the next start's first cell answered from the saved copy
 *     (pane.ts).
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "fs";
import { cpus, loadavg, tmpdir } from "os";
import { join } from "path";
import { Dataset } from "../src/core/dataset/dataset";
import { indexDataset } from "../src/core/dataset/indexed";
import { BundleSizes, buildProduction, measureBundle, ROOT } from "./bundle";
import { COMTRADE_ROWS, ComtradeBuildResult, runComtradeBuild } from "./comtrade";
import { DatasetSuiteResult } from "./dataset-suite";
import {
  ALTERNATIVE_CELLS,
  CACHE_DIR_NAME,
  INDEX_SIZES,
  LIVE_CELLS,
  LOAD_SIZES,
  SEED,
  SIZES,
  WORKBOOK_CELLS,
  WORKBOOK_SIZE,
} from "./defaults";
import { IndexSuiteResult } from "./index-suite";
import { FeedFiles, LoadSuiteResult } from "./load-suite";
import { PaneFigures, runPaneFigures } from "./pane";
import { runRefresh, RefreshResult } from "./refresh";
import { readReference, syntheticDataset } from "./synthetic";
import { runWorkbook, WorkbookResult } from "./workbook";

/** Observations of the synthetic feed the browser figures refresh from and start with. */
export const PANE_OBSERVATIONS = 1_000_000;

/** The full 10k-vs-10k workbook comparison runs at this size (see workbook.ts). */
export const WORKBOOK_FULL_SIZE = 1_000;

export interface BenchOptions {
  sizes: number[];
  /** Sizes of the TradeColumns datasets the series index is timed on. */
  indexSizes: number[];
  /** Sizes of the format 2 datasets loaded from bytes (load-suite.ts). */
  loadSizes: number[];
  /** SUMIFS/XLOOKUP cells timed on the WORKBOOK_SIZE sheet (WORKBOOK_CELLS: no extrapolation). */
  alternativeCells: number;
  refresh: boolean;
  workbook: boolean;
  bundle: boolean;
  /** The browser figures (Chromium): refresh main-thread blocking, start-up from a saved copy. */
  pane: boolean;
  /** Rows of the synthetic Comtrade file the build figure compiles; 0 skips it. */
  comtradeRows: number;
  /** Measure this existing production build instead of building one. */
  distDir?: string;
  /** Write V8 CPU profiles of the dataset suites here (node --cpu-prof). */
  profileDir?: string;
  /** Progress lines (stderr), so that --json output stays clean. */
  log: (line: string) => void;
}

export interface SyntheticFile {
  size: number;
  file: string;
  bytes: number;
  cached: boolean;
  generateMs: number;
}

export interface BenchResults {
  meta: {
    date: string;
    commit: string;
    node: string;
    cpus: number;
    cpuModel: string;
    loadAverageStart: number[];
    loadAverageEnd: number[];
    seed: string;
    synthetic: string;
    totalMs: number;
  };
  synthetic: SyntheticFile[];
  datasets: DatasetSuiteResult[];
  indexes: IndexSuiteResult[];
  loads: LoadSuiteResult[];
  refresh: RefreshResult | null;
  workbook: { full: WorkbookResult; sampled: WorkbookResult | null } | null;
  bundle: (BundleSizes & { buildMs: number | null }) | null;
  pane: PaneFigures | null;
  comtrade: ComtradeBuildResult | null;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  sizes: [...SIZES],
  indexSizes: [...INDEX_SIZES],
  loadSizes: [...LOAD_SIZES],
  alternativeCells: ALTERNATIVE_CELLS,
  refresh: true,
  workbook: true,
  bundle: true,
  pane: true,
  comtradeRows: COMTRADE_ROWS,
  log: (line) => process.stderr.write(`${line}\n`),
};

function cacheDir(): string {
  const dir = join(tmpdir(), CACHE_DIR_NAME);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The cache key changes with the generator's source, the reference tables, the seed and the size. */
function cacheKey(size: number, referenceText: string): string {
  return createHash("sha256")
    .update(readFileSync(join(__dirname, "synthetic.ts")))
    .update(referenceText)
    .update(`${SEED}:${size}`)
    .digest("hex")
    .slice(0, 16);
}

export async function ensureSynthetic(
  size: number,
  log: (line: string) => void
): Promise<SyntheticFile> {
  const reference = readReference();
  const file = join(
    cacheDir(),
    `synthetic-${size}-${cacheKey(size, JSON.stringify(reference))}.json`
  );
  if (existsSync(file))
    return { size, file, bytes: statSync(file).size, cached: true, generateMs: 0 };
  log(
    `generating the synthetic ${size.toLocaleString("en-US")}-observation dataset (seed 0x${SEED.toString(16)})…`
  );
  const t = performance.now();
  const text = JSON.stringify(await syntheticDataset(size, reference));
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, text);
  renameSync(partial, file);
  return {
    size,
    file,
    bytes: Buffer.byteLength(text),
    cached: false,
    generateMs: performance.now() - t,
  };
}

export function readSynthetic(file: SyntheticFile): Dataset {
  return JSON.parse(readFileSync(file.file, "utf8")) as Dataset;
}

function runDatasetChild(file: SyntheticFile, profileDir: string | undefined): DatasetSuiteResult {
  const args = [
    "--expose-gc",
    "--max-old-space-size=8192",
    ...(profileDir
      ? [
          "--cpu-prof",
          "--cpu-prof-dir",
          profileDir,
          "--cpu-prof-name",
          `dataset-${file.size}.cpuprofile`,
        ]
      : []),
    "--import",
    "tsx",
    join(__dirname, "dataset-suite.ts"),
    file.file,
    String(file.size),
  ];
  const child = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
    encoding: "utf8",
  });
  if (child.status !== 0)
    throw new Error(`the ${file.size} dataset suite failed (exit ${child.status})`);
  const line = child.stdout.trim().split("\n").pop() as string;
  return JSON.parse(line) as DatasetSuiteResult;
}

function runIndexChild(size: number, profileDir: string | undefined): IndexSuiteResult {
  const args = [
    "--expose-gc",
    "--max-old-space-size=8192",
    ...(profileDir
      ? ["--cpu-prof", "--cpu-prof-dir", profileDir, "--cpu-prof-name", `index-${size}.cpuprofile`]
      : []),
    "--import",
    "tsx",
    join(__dirname, "index-suite.ts"),
    String(size),
  ];
  const child = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
    encoding: "utf8",
  });
  if (child.status !== 0) throw new Error(`the ${size} index suite failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split("\n").pop() as string) as IndexSuiteResult;
}

/** load-suite.ts in a process of its own: `write` the files (cached), or `load` them and diff. */
function runLoadChild<T extends FeedFiles | LoadSuiteResult>(
  what: "write" | "load",
  size: number,
  profileDir: string | undefined
): T {
  const args = [
    "--expose-gc",
    "--max-old-space-size=8192",
    ...(profileDir && what === "load"
      ? ["--cpu-prof", "--cpu-prof-dir", profileDir, "--cpu-prof-name", `load-${size}.cpuprofile`]
      : []),
    "--import",
    "tsx",
    join(__dirname, "load-suite.ts"),
    what,
    String(size),
  ];
  const child = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
    encoding: "utf8",
  });
  if (child.status !== 0)
    throw new Error(`the ${size} format 2 ${what} suite failed (exit ${child.status})`);
  return JSON.parse(child.stdout.trim().split("\n").pop() as string) as T;
}

function gitCommit(): string {
  const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" });
  const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  return `${git.stdout.trim() || "unknown"}${dirty.stdout.trim() ? " + uncommitted changes" : ""}`;
}

export async function runBench(options: BenchOptions = DEFAULT_OPTIONS): Promise<BenchResults> {
  const start = performance.now();
  const log = options.log;
  const loadAverageStart = loadavg();
  const neededSizes = [
    ...new Set([
      ...options.sizes,
      ...(options.refresh || options.workbook ? [WORKBOOK_SIZE, WORKBOOK_FULL_SIZE] : []),
    ]),
  ].sort((a, b) => a - b);
  const synthetic: SyntheticFile[] = [];
  for (const size of neededSizes) synthetic.push(await ensureSynthetic(size, log));
  const fileFor = (size: number) => synthetic.find((s) => s.size === size) as SyntheticFile;

  const datasets: DatasetSuiteResult[] = [];
  for (const size of options.sizes) {
    log(`dataset suite at ${size.toLocaleString("en-US")} observations (own process)…`);
    if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
    datasets.push(runDatasetChild(fileFor(size), options.profileDir));
  }

  const indexes: IndexSuiteResult[] = [];
  for (const size of options.indexSizes) {
    log(
      `series index at ${size.toLocaleString("en-US")} observations, TradeColumns (own process)…`
    );
    if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
    indexes.push(runIndexChild(size, options.profileDir));
  }

  const loads: LoadSuiteResult[] = [];
  for (const size of options.loadSizes) {
    log(`format 2 at ${size.toLocaleString("en-US")} observations: writing (cached)…`);
    runLoadChild<FeedFiles>("write", size, undefined);
    log(`format 2 at ${size.toLocaleString("en-US")}: load from bytes and diff (own process)…`);
    if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
    loads.push(runLoadChild<LoadSuiteResult>("load", size, options.profileDir));
  }

  let refresh: RefreshResult | null = null;
  let workbook: BenchResults["workbook"] = null;
  if (options.refresh || options.workbook) {
    const dataset = readSynthetic(fileFor(WORKBOOK_SIZE));
    const data = indexDataset(dataset);
    if (options.refresh) {
      log(
        `refresh: ${LIVE_CELLS.toLocaleString("en-US")} live invocations at ${WORKBOOK_SIZE.toLocaleString("en-US")} observations…`
      );
      refresh = runRefresh(dataset, data);
    }
    if (options.workbook) {
      log(
        `HyperFormula: ${WORKBOOK_CELLS.toLocaleString("en-US")} MINERALS.EXPORT vs SUMIFS cells at ${WORKBOOK_FULL_SIZE.toLocaleString("en-US")} rows…`
      );
      const full = runWorkbook(
        indexDataset(readSynthetic(fileFor(WORKBOOK_FULL_SIZE))),
        WORKBOOK_CELLS
      );
      const cells = Math.min(options.alternativeCells, WORKBOOK_CELLS);
      log(
        `HyperFormula at ${WORKBOOK_SIZE.toLocaleString("en-US")} rows (SUMIFS and XLOOKUP on ${cells.toLocaleString("en-US")} cells${cells < WORKBOOK_CELLS ? ", scaled" : ""})…`
      );
      const sampled = runWorkbook(data, WORKBOOK_CELLS, cells);
      workbook = { full, sampled };
    }
  }

  let bundle: BenchResults["bundle"] = null;
  let pane: PaneFigures | null = null;
  // Both measure a production build: the one given, or one made into a temporary folder.
  const measureBuild = async (dist: string, buildMs: number | null) => {
    if (options.bundle) bundle = { ...measureBundle(dist), buildMs };
    if (options.pane) pane = await runPaneFigures(dist, PANE_OBSERVATIONS, log, options.profileDir);
  };
  if (options.bundle || options.pane) {
    if (options.distDir) {
      await measureBuild(options.distDir, null);
    } else {
      log("production build (webpack) into a temporary folder…");
      const out = mkdtempSync(join(tmpdir(), "minerals-bench-dist-"));
      try {
        const t = performance.now();
        buildProduction(out);
        await measureBuild(out, performance.now() - t);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }
  }

  const comtrade = options.comtradeRows > 0 ? runComtradeBuild(options.comtradeRows, log) : null;

  return {
    meta: {
      date: new Date().toISOString(),
      commit: gitCommit(),
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      loadAverageStart,
      loadAverageEnd: loadavg(),
      seed: `0x${SEED.toString(16)}`,
      synthetic: "SYNTHETIC benchmark datasets — not real data",
      totalMs: performance.now() - start,
    },
    synthetic,
    datasets,
    indexes,
    loads,
    refresh,
    workbook,
    bundle,
    pane,
    comtrade,
  };
}
