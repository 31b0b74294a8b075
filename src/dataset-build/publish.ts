import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { TradeObservation } from "../core/dataset/dataset";
import { ManifestPart } from "../core/dataset/manifest";
import { tradeKey } from "../core/dataset/keys";
import { conflictOf, supersededTrade, TradeConflict } from "../core/dataset/trade-conflicts";
import { tradeColumnsFromRows } from "../core/dataset/trade-rows";
import { validateDataset } from "../core/dataset/validate";
import { tradePartBytes } from "../core/dataset/arrow-writer";
import { readComtradeWithDuckDb } from "./comtrade-duckdb";
import { checkAsOf, compileData } from "./compile";
import { manifestFile, OBSERVATIONS_FILE, partEntry } from "./manifest-writer";

/** Rows per Arrow part: one part's rows are all the publisher holds in memory. */
export const DEFAULT_ROWS_PER_PART = 1_000_000;

export interface PublishResult {
  manifest: string;
  parts: ManifestPart[];
  rows: number;
  conflicts: TradeConflict[];
}

/**
 * Publishes a data folder in format 2 with its Comtrade files read by DuckDB (files larger than
 * memory): the news, USGS and reference files are compiled as `build:data` compiles them; the
 * Comtrade rows stream from DuckDB, sorted by series and period, into Arrow parts of
 * `rowsPerPart` rows written as they fill; the news figures that no official figure replaces
 * follow in the last part, those it replaces in the manifest's `superseded_trade`. Writes the parts and `minerals.manifest.json` into `outDir`.
 */
export async function publishData(
  dataDir: string,
  outDir: string,
  rowsPerPart = DEFAULT_ROWS_PER_PART
): Promise<PublishResult> {
  const { dataset, trade: news } = compileData(dataDir, { comtrade: false });
  mkdirSync(outDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), "minerals-publish-"));
  const parts: ManifestPart[] = [];
  const newsByKey = new Map(news.map((o) => [tradeKey(o), o]));
  const conflicts: TradeConflict[] = [];
  let pending: TradeObservation[] = [];
  let rows = 0;
  const writePart = () => {
    const path = OBSERVATIONS_FILE.replace(".arrow", `.${parts.length + 1}.arrow`);
    const bytes = tradePartBytes(tradeColumnsFromRows(pending));
    writeFileSync(join(outDir, path), bytes);
    parts.push(partEntry({ path, bytes }));
    rows += pending.length;
    pending = [];
  };
  try {
    const official = await readComtradeWithDuckDb(
      dataDir,
      workDir,
      { commodities: dataset.commodities, countries: dataset.countries },
      (o) => {
        const key = tradeKey(o);
        const replaced = newsByKey.get(key);
        if (replaced !== undefined) {
          conflicts.push(conflictOf(o, replaced));
          newsByKey.delete(key);
        }
        pending.push(o);
        if (pending.length >= rowsPerPart) writePart();
      }
    );
    for (const o of newsByKey.values()) {
      pending.push(o);
      if (pending.length >= rowsPerPart) writePart();
    }
    if (pending.length > 0 || parts.length === 0) writePart();

    const tables = validateDataset({
      ...dataset,
      sources: [...dataset.sources, ...official.sources],
      commodities: [...dataset.commodities, ...official.commodities],
      countries: [...dataset.countries, ...official.regions],
    });
    checkAsOf(tables.as_of, tables.sources);
    const manifest = manifestFile({ ...tables, ...supersededTrade(conflicts) }, parts);
    writeFileSync(join(outDir, manifest.path), manifest.bytes);
    return { manifest: join(outDir, manifest.path), parts, rows, conflicts };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
