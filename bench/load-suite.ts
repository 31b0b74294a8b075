/**
 * Format 2's load path at one size, from bytes in memory (Node), in processes of their own:
 *  - `write`: synthetic TradeColumns (quantities whole kg, values whole USD, as customs data
 *    publishes) written as a manifest and one Arrow part into the OS temp folder (cached by the
 *    generator's and writer's source, the seed and the size), with the gzip size of each file as a
 *    host would serve them;
 *  - `load`: the files read into ArrayBuffers (the downloaded bytes), then loadManifestBundle, the
 *    product's one format 2 load path: SHA-256 of the manifest and every part (Web Crypto), Arrow
 *    decode, the trade checks, the index. CPU time and the peak RSS increase over the process before
 *    the bytes were read (so the bytes count). Then a second load of the same bytes and the diff of
 *    the two (diffDatasets: every observation compared, nothing changed: its most work).
 * main.ts starts each as  node --expose-gc --import tsx bench/load-suite.ts <write|load> <size>
 * and reads one JSON line from its stdout.
 */
import { createHash } from "crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  statSync,
  writeFileSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { gzipSync } from "zlib";
import { diffDatasets } from "../src/core/dataset/diff";
import { loadManifestBundle } from "../src/core/dataset/manifest-load";
import { formatTwoFiles } from "../src/dataset-build/manifest-writer";
import { CACHE_DIR_NAME, SEED } from "./defaults";
import { collectGarbage, cpuMs, peakRssBytes, resetPeakRss } from "./measure";
import { generateColumns, readReference } from "./synthetic";

export interface FeedFiles {
  size: number;
  dir: string;
  manifest: string;
  parts: string[];
  bytes: number;
  gzipBytes: number;
  cached: boolean;
}

export interface LoadSuiteResult {
  size: number;
  series: number;
  bytes: number;
  gzipBytes: number;
  load: { wallMs: number; cpuMs: number; peakRssDeltaBytes: number };
  diff: { wallMs: number; cpuMs: number; changed: number };
}

function sourceKey(size: number): string {
  const hash = createHash("sha256");
  // The generator and the writers (require.resolve: a moved module is a clear error, not a stale key).
  for (const module of [
    "./synthetic",
    "../src/dataset-build/manifest-writer",
    "../src/core/dataset/manifest-write",
    "../src/core/dataset/arrow-writer",
  ])
    hash.update(readFileSync(require.resolve(module)));
  return hash.update(`${SEED}:${size}`).digest("hex").slice(0, 16);
}

export function writeFeed(size: number): FeedFiles {
  const dir = join(tmpdir(), CACHE_DIR_NAME, `format-two-${size}-${sourceKey(size)}`);
  const summary = join(dir, "files.json");
  if (existsSync(summary))
    return { ...(JSON.parse(readFileSync(summary, "utf8")) as FeedFiles), cached: true };
  const { dataset, trade } = generateColumns(size, readReference());
  const files = formatTwoFiles(dataset, trade);
  const partial = `${dir}.${process.pid}.tmp`;
  mkdirSync(partial, { recursive: true });
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of [files.manifest, ...files.parts]) {
    writeFileSync(join(partial, file.path), file.bytes);
    bytes += file.bytes.byteLength;
    gzipBytes += gzipSync(file.bytes).byteLength;
  }
  const result: FeedFiles = {
    size,
    dir,
    manifest: files.manifest.path,
    parts: files.parts.map((p) => p.path),
    bytes,
    gzipBytes,
    cached: false,
  };
  writeFileSync(join(partial, "files.json"), JSON.stringify(result));
  renameSync(partial, dir);
  return result;
}

/** A file's bytes as one ArrayBuffer of their own, as a download delivers them (never two copies). */
function readBuffer(path: string): ArrayBuffer {
  const bytes = new Uint8Array(statSync(path).size);
  const fd = openSync(path, "r");
  try {
    for (let at = 0; at < bytes.length;) at += readSync(fd, bytes, at, bytes.length - at, at);
  } finally {
    closeSync(fd);
  }
  return bytes.buffer;
}

export async function runLoadSuite(size: number): Promise<LoadSuiteResult> {
  const feed = writeFeed(size);
  collectGarbage();
  const before = process.memoryUsage().rss;
  resetPeakRss();
  const bundle = {
    manifest: readBuffer(join(feed.dir, feed.manifest)),
    parts: feed.parts.map((path) => ({ path, bytes: readBuffer(join(feed.dir, path)) })),
  };
  const c0 = cpuMs();
  const t0 = performance.now();
  const first = await loadManifestBundle(bundle);
  const wallMs = performance.now() - t0;
  const loadCpu = cpuMs() - c0;
  const peak = peakRssBytes();

  const second = await loadManifestBundle(bundle);
  collectGarbage();
  const c1 = cpuMs();
  const t1 = performance.now();
  const diff = diffDatasets(first, second);
  const diffWall = performance.now() - t1;
  const diffCpu = cpuMs() - c1;
  if (!diff.identical) throw new Error("the same bytes loaded twice differ");
  return {
    size,
    series: first.series.size,
    bytes: feed.bytes,
    gzipBytes: feed.gzipBytes,
    load: { wallMs, cpuMs: loadCpu, peakRssDeltaBytes: peak - before },
    diff: { wallMs: diffWall, cpuMs: diffCpu, changed: diff.added + diff.changed + diff.removed },
  };
}

if (require.main === module) {
  const [what, size] = process.argv.slice(2);
  const run =
    what === "write" ? Promise.resolve(writeFeed(Number(size))) : runLoadSuite(Number(size));
  run.then(
    (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(1);
    }
  );
}
