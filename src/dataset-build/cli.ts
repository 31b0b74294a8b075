import { mkdirSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { datasetSchema } from "../core/dataset/schema";
import { BuildError } from "../core/dataset/build-error";
import { compileDataset } from "./compile";

/** `npm run build:data [-- dataDir outDir]`: compiles data/*.csv into build/minerals.json and its schema. */
function main(argv: string[]): number {
  const dataDir = resolve(argv[0] ?? "data");
  const outDir = resolve(argv[1] ?? "build");
  try {
    const dataset = compileDataset(dataDir);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, "minerals.json"), JSON.stringify(dataset));
    writeFileSync(
      join(outDir, "minerals.schema.json"),
      JSON.stringify(datasetSchema, null, 2) + "\n"
    );
    const figures =
      dataset.exports.length +
      dataset.forecasts.length +
      dataset.indicators.length +
      dataset.usgs.length;
    process.stdout.write(
      `Dataset ${dataset.version} (as of ${dataset.as_of}): ${figures} figures from ${dataset.sources.length} sources → ${join(outDir, "minerals.json")}\n`
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
