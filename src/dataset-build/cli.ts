import { mkdirSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { datasetSchema, manifestSchema } from "../core/dataset/schema";
import { BuildError } from "../core/dataset/build-error";
import { conflictText, supersededTrade } from "../core/dataset/trade-conflicts";
import { tradeColumnsFromRows } from "../core/dataset/trade-rows";
import { writeValidators } from "./validators";

/** Trade observations embedded in the functions bundle beside minerals.json ([] when it holds them all). */
const EMBEDDED_TRADE_FILE = "minerals.trade.json";
/** The Comtrade areas table and ISO numeric codes, for the pane's Import (core ComtradeReference). */
const COMTRADE_REFERENCE_FILE = "comtrade-reference.json";

/**
 * `npm run build:data [-- dataDir outDir]`: generates the validators from the schema, then compiles
 * the data folder (`dataDir`; when absent or empty `MINERALS_DATA`; default `data`) into
 * build/minerals.json (format 1) and build/minerals.manifest.json with its Arrow part (format 2,
 * every trade observation, official statistics included), each with its JSON Schema.
 */
async function main(argv: string[]): Promise<number> {
  const dataDir = resolve(argv[0] || process.env.MINERALS_DATA || "data");
  const outDir = resolve(argv[1] ?? "build");
  mkdirSync(outDir, { recursive: true });
  // The compiler validates with the generated code: it is written first, then loaded.
  writeValidators(outDir);
  const { compileData } = await import("./compile");
  const { formatTwoFiles } = await import("./manifest-writer");
  const { comtradeReference } = await import("./comtrade");
  try {
    const { dataset, trade, conflicts } = compileData(dataDir);
    writeFileSync(join(outDir, "minerals.json"), JSON.stringify(dataset));
    writeFileSync(
      join(outDir, "minerals.schema.json"),
      JSON.stringify(datasetSchema, null, 2) + "\n"
    );
    // Format 2 has one figure per key: the news figures an official one set aside go in their own table.
    const v2 = formatTwoFiles(
      { ...dataset, ...supersededTrade(conflicts) },
      tradeColumnsFromRows(trade)
    );
    for (const file of [v2.manifest, ...v2.parts])
      writeFileSync(join(outDir, file.path), file.bytes);
    // The functions bundle embeds minerals.json; official statistics (imports, values, annual
    // figures) have no format 1 form, so when there are any it also embeds every trade observation.
    const official = trade.length !== dataset.exports.length || conflicts.length > 0;
    writeFileSync(join(outDir, EMBEDDED_TRADE_FILE), JSON.stringify(official ? trade : []));
    // The pane's Import reads Comtrade files with the build's own reference tables.
    writeFileSync(
      join(outDir, COMTRADE_REFERENCE_FILE),
      JSON.stringify(comtradeReference(dataDir))
    );
    writeFileSync(
      join(outDir, "minerals.manifest.schema.json"),
      JSON.stringify(manifestSchema, null, 2) + "\n"
    );
    // Trade observations include the news exports (and Comtrade figures replace same-key ones).
    const figures =
      trade.length + dataset.forecasts.length + dataset.indicators.length + dataset.usgs.length;
    for (const conflict of conflicts.filter((c) => c.differ))
      process.stdout.write(`Conflict: ${conflictText(conflict)}\n`);
    process.stdout.write(
      `Dataset ${dataset.version} (as of ${dataset.as_of}): ${figures} figures (${trade.length} trade) from ${dataset.sources.length} sources in ${dataDir} → ${join(outDir, "minerals.json")} (format 1), ${join(outDir, v2.manifest.path)} (format 2)\n`
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
