/**
 * Child process of the Comtrade build figure: a temporary data folder (a copy of data/ whose
 * comtrade/ links to the SYNTHETIC file given as argument) compiled by compileData; prints one JSON
 * line with its wall and CPU time and this process's peak resident memory.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { basename, join } from "path";
import { compileData } from "../src/dataset-build/compile";
import { ROOT } from "./bundle";
import { cpuMs } from "./measure";

function main(file: string): void {
  const root = mkdtempSync(join(tmpdir(), "minerals-comtrade-bench-"));
  try {
    const data = join(root, "data");
    cpSync(join(ROOT, "data"), data, { recursive: true });
    symlinkSync(file, join(data, "comtrade", basename(file)));
    writeFileSync(
      join(data, "comtrade", "retrieved.csv"),
      `file,retrieved,url\r\n${basename(file)},2026-11-20,\r\n`
    );
    const cpu = cpuMs();
    const t = performance.now();
    const compiled = compileData(data);
    const buildSeconds = (performance.now() - t) / 1000;
    const buildCpuSeconds = (cpuMs() - cpu) / 1000;
    process.stdout.write(
      JSON.stringify({
        buildSeconds,
        buildCpuSeconds,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        observations: compiled.trade.length,
      }) + "\n"
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main(process.argv[2]);
