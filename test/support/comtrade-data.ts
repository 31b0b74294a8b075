import { copyFileSync, cpSync, mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { IndexedDataset, indexDataset } from "../../src/core/dataset/indexed";
import { tradeColumnsFromRows } from "../../src/core/dataset/trade-rows";
import { compileData } from "../../src/dataset-build/compile";

const ROOT = join(__dirname, "..", "..");
export const COMTRADE_FIXTURES = join(ROOT, "test", "fixtures", "comtrade");

/** The fixture files a data folder gets by default, with the retrieval dates the tests expect. */
export const FIXTURE_RETRIEVALS: Record<string, string> = {
  "synthetic-monthly-latin1.csv": "2026-11-20",
  "synthetic-annual-utf8.csv": "2026-11-20",
  "synthetic-api.json": "2026-11-21",
};

/**
 * A temporary copy of the repository's data/ folder with SYNTHETIC Comtrade fixtures added under
 * comtrade/ and a retrieved.csv row for each: a data folder of the same layout, as MINERALS_DATA
 * takes it. Returns the folder's path.
 */
export function comtradeDataFolder(
  retrievals: Record<string, string> = FIXTURE_RETRIEVALS
): string {
  const dir = join(mkdtempSync(join(tmpdir(), "minerals-comtrade-")), "data");
  cpSync(join(ROOT, "data"), dir, { recursive: true });
  const lines = ["file,retrieved,url"];
  for (const [file, date] of Object.entries(retrievals)) {
    copyFileSync(join(COMTRADE_FIXTURES, file), join(dir, "comtrade", file));
    lines.push(`${file},${date},`);
  }
  writeFileSync(join(dir, "comtrade", "retrieved.csv"), lines.join("\r\n") + "\r\n");
  return dir;
}

/**
 * A data folder compiled the way the build compiles it and indexed the way every load path indexes
 * a dataset: the reference tables and the trade observations (official figures preferred).
 */
export function compiledIndexed(dir: string): IndexedDataset {
  const { dataset, trade } = compileData(dir);
  return indexDataset(dataset, tradeColumnsFromRows(trade));
}
