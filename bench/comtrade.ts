/**
 * The Comtrade build figure: a seeded SYNTHETIC file in the Comtrade+ bulk layout (47 columns,
 * ISO-8859-1, CRLF; invented figures, never bundled) compiled by the dataset build with the rest of
 * data/, in a child process of its own so that its peak memory is the build's alone
 * (comtrade-suite.ts). Ids: `comtrade-1m-build-s`, `comtrade-1m-build-peak-rss-mb`.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from "fs";
import { tmpdir } from "os";
import { join } from "path";
import countries from "i18n-iso-countries";
import { COMTRADE_COLUMNS } from "../src/core/dataset/comtrade";
import { ROOT } from "./bundle";
import { CACHE_DIR_NAME, SEED } from "./defaults";

export const COMTRADE_ROWS = 1_000_000;

export interface ComtradeBuildResult {
  rows: number;
  fileBytes: number;
  /** Wall time of compileData on the data folder with the synthetic file. */
  buildSeconds: number;
  buildCpuSeconds: number;
  /** Peak resident memory of the build's process. */
  peakRssMb: number;
  observations: number;
}

/** mulberry32: a small seeded generator, the same numbers for the same seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Writes `rows` rows: reporters × partners × months × codes × flows, in that nesting, with seeded
 * net weights and values; about 4% of net weights empty, 1% reported zeros, 10% estimated.
 */
export function writeSyntheticComtrade(path: string, rows: number): void {
  const next = random(SEED);
  const iso3 = Object.keys(countries.getAlpha3Codes()).sort();
  const reporters = iso3.slice(0, 20);
  const partners = ["W00", ...iso3.slice(20, 100)];
  const months: string[] = [];
  for (let y = 2020; y <= 2025; y++)
    for (let m = 1; m <= 12; m++) months.push(`${y}${String(m).padStart(2, "0")}`);
  const codes = Array.from({ length: 40 }, (_, i) => `9900${String(i).padStart(2, "0")}`);
  const flows: [string, string][] = [
    ["X", "Export"],
    ["M", "Import"],
  ];
  const fd = openSync(path, "w");
  let batch: string[] = [COMTRADE_COLUMNS.join(",")];
  const flush = () => {
    writeSync(fd, Buffer.from(batch.join("\r\n") + "\r\n", "latin1"));
    batch = [];
  };
  let written = 0;
  outer: for (const reporter of reporters)
    for (const partner of partners) {
      if (partner === reporter) continue;
      for (const month of months)
        for (const code of codes)
          for (const [flow, flowDesc] of flows) {
            if (written === rows) break outer;
            const r = next();
            const weight = r < 0.04 ? "" : r < 0.05 ? "0" : String(Math.floor(next() * 5_000_000));
            const value = weight === "0" ? "0" : String(Math.floor(next() * 90_000_000));
            const estimated = next() < 0.1 ? "True" : "False";
            const partnerDesc = partner === "W00" ? "World" : `Synthétique ${partner}`;
            batch.push(
              [
                "C",
                "M",
                `${month}01`,
                month.slice(0, 4),
                String(Number(month.slice(4))),
                month,
                "0",
                reporter,
                `Reporter ${reporter}`,
                flow,
                flowDesc,
                "0",
                partner,
                partnerDesc,
                "0",
                "W00",
                "World",
                "H6",
                "HS",
                "True",
                code,
                `"SYNTHETIC commodity ${code}, not real data"`,
                "6",
                "True",
                "C00",
                "TOTAL CPC",
                "0",
                "0",
                "TOTAL MOT",
                "8",
                "kg",
                weight,
                estimated,
                "-1",
                "N/A",
                "0",
                "False",
                weight,
                estimated,
                "",
                "False",
                "",
                value,
                value,
                "0",
                "True",
                "False",
              ].join(",")
            );
            written++;
            if (batch.length >= 10_000) flush();
          }
    }
  flush();
  closeSync(fd);
  if (written < rows) throw new Error(`the generator makes at most ${written} rows`);
}

/** The synthetic file for `rows`, generated once into the OS temp folder (never the repository). */
export function ensureSyntheticComtrade(rows: number, log: (line: string) => void): string {
  const dir = join(tmpdir(), CACHE_DIR_NAME);
  mkdirSync(dir, { recursive: true });
  // Named by the generator's source and seed: a changed generator never reuses an old file.
  const key = createHash("sha256")
    .update(readFileSync(__filename))
    .update(`${SEED}:${rows}`)
    .digest("hex")
    .slice(0, 16);
  const file = join(dir, `synthetic-comtrade-${rows}-${key}.csv`);
  if (!existsSync(file)) {
    log(`generating the SYNTHETIC ${rows.toLocaleString("en-US")}-row Comtrade-layout file…`);
    const partial = `${file}.${process.pid}.tmp`;
    writeSyntheticComtrade(partial, rows);
    renameSync(partial, file);
  }
  return file;
}

export function runComtradeBuild(rows: number, log: (line: string) => void): ComtradeBuildResult {
  const file = ensureSyntheticComtrade(rows, log);
  log(`dataset build with a ${rows.toLocaleString("en-US")}-row Comtrade file (own process)…`);
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", join(__dirname, "comtrade-suite.ts"), file],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" }
  );
  if (child.status !== 0) throw new Error(`the Comtrade build suite failed (exit ${child.status})`);
  const result = JSON.parse(child.stdout.trim().split("\n").pop() as string) as Omit<
    ComtradeBuildResult,
    "rows" | "fileBytes"
  >;
  return { rows, fileBytes: statSync(file).size, ...result };
}
