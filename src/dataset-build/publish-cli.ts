import { resolve } from "path";
import { BuildError } from "../core/dataset/build-error";
import { conflictText } from "../core/dataset/trade-conflicts";
import { DEFAULT_ROWS_PER_PART, publishData } from "./publish";

const USAGE = `usage: npm run publish:data -- [--data DIR] [--out DIR] [--rows-per-part N]
  --data DIR           the data folder (default: MINERALS_DATA, else data)
  --out DIR            where the manifest and Arrow parts go (default: build/publish)
  --rows-per-part N    rows per Arrow part (default: ${DEFAULT_ROWS_PER_PART})`;

/**
 * `npm run publish:data`: a data folder published in format 2 with its Comtrade files read by DuckDB,
 * for files larger than memory (publish.ts). Prints the manifest and parts it wrote.
 */
async function main(argv: string[]): Promise<number> {
  let dataDir = process.env.MINERALS_DATA || "data";
  let outDir = "build/publish";
  let rowsPerPart = DEFAULT_ROWS_PER_PART;
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === "--data" && value) dataDir = argv[++i];
    else if (argv[i] === "--out" && value) outDir = argv[++i];
    else if (argv[i] === "--rows-per-part" && value && /^\d+$/.test(value) && Number(value) > 0)
      rowsPerPart = Number(argv[++i]);
    else {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
  }
  try {
    const result = await publishData(resolve(dataDir), resolve(outDir), rowsPerPart);
    for (const conflict of result.conflicts.filter((c) => c.differ))
      process.stdout.write(`Conflict: ${conflictText(conflict)}\n`);
    process.stdout.write(
      `Published ${result.rows} trade observations in ${result.parts.length} Arrow part(s) → ${result.manifest}\n`
    );
    return 0;
  } catch (error) {
    if (error instanceof BuildError || (error as Error).name === "DatasetError") {
      process.stderr.write(`Publishing failed: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
