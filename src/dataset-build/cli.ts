import { mkdirSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { datasetSchema, manifestSchema } from "../core/dataset/schema";
import { BuildError } from "../core/dataset/build-error";
import { writeValidators } from "./validators";

/**
 * `npm run build:data [-- dataDir outDir]`: generates the validators from the schema, then compiles
 * data/*.csv into build/minerals.json (format 1) and build/minerals.manifest.json with its Arrow
 * part (format 2), each with its JSON Schema.
 */
async function main(argv: string[]): Promise<number> {
  const dataDir = resolve(argv[0] ?? "data");
  const outDir = resolve(argv[1] ?? "build");
  mkdirSync(outDir, { recursive: true });
  // The compiler validates with the generated code: it is written first, then loaded.
  writeValidators(outDir);
  const { compileDataset } = await import("./compile");
  const { formatTwoFiles } = await import("./manifest-writer");
  try {
    const dataset = compileDataset(dataDir);
    writeFileSync(join(outDir, "minerals.json"), JSON.stringify(dataset));
    writeFileSync(
      join(outDir, "minerals.schema.json"),
      JSON.stringify(datasetSchema, null, 2) + "\n"
    );
    const v2 = formatTwoFiles(dataset);
    for (const file of [v2.manifest, ...v2.parts])
      writeFileSync(join(outDir, file.path), file.bytes);
    writeFileSync(
      join(outDir, "minerals.manifest.schema.json"),
      JSON.stringify(manifestSchema, null, 2) + "\n"
    );
    const figures =
      dataset.exports.length +
      dataset.forecasts.length +
      dataset.indicators.length +
      dataset.usgs.length;
    process.stdout.write(
      `Dataset ${dataset.version} (as of ${dataset.as_of}): ${figures} figures from ${dataset.sources.length} sources → ${join(outDir, "minerals.json")} (format 1), ${join(outDir, v2.manifest.path)} (format 2)\n`
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

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
