import { mkdirSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { datasetSchema } from "../core/dataset/schema";
import { BuildError } from "../core/dataset/build-error";
import { conflictText } from "../core/dataset/trade-conflicts";
import { compileData } from "./compile";

/**
 * `npm run build:data [-- dataDir outDir]`: compiles the data folder (`dataDir`; when absent or
 * empty `MINERALS_DATA`; default `data`) into build/minerals.json and its schema.
 */
function main(argv: string[]): number {
  const dataDir = resolve(argv[0] || process.env.MINERALS_DATA || "data");
  const outDir = resolve(argv[1] ?? "build");
  try {
    const { dataset, trade, conflicts } = compileData(dataDir);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, "minerals.json"), JSON.stringify(dataset));
    writeFileSync(
      join(outDir, "minerals.schema.json"),
      JSON.stringify(datasetSchema, null, 2) + "\n"
    );
    // Trade observations include the news exports (and Comtrade figures replace same-key ones).
    const figures =
      trade.length + dataset.forecasts.length + dataset.indicators.length + dataset.usgs.length;
    for (const conflict of conflicts.filter((c) => c.differ))
      process.stdout.write(`Conflict: ${conflictText(conflict)}\n`);
    process.stdout.write(
      `Dataset ${dataset.version} (as of ${dataset.as_of}): ${figures} figures (${trade.length} trade) from ${dataset.sources.length} sources in ${dataDir} → ${join(outDir, "minerals.json")}\n`
    );
    return 0;
  } catch (error) {
    if (error instanceof BuildError || (error as Error).name === "DatasetError") {
      process.stderr.write(`Dataset build failed: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
