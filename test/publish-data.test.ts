/**
 * The publishing path for files larger than memory: `npm run publish:data` reads a data folder's
 * Comtrade files (SYNTHETIC fixtures) with DuckDB and writes format 2 (Arrow parts and manifest).
 * The result loads through the add-in's one format 2 load path and holds exactly the observations
 * the ordinary build compiles, with the same answers.
 */
import { spawnSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { TradeObservation } from "../src/core/dataset/dataset";
import { IndexedDataset } from "../src/core/dataset/indexed";
import { loadManifestBundle } from "../src/core/dataset/manifest-load";
import { tradeRow } from "../src/core/dataset/trade-rows";
import { exportValue } from "../src/core/queries/exports";
import { compileData } from "../src/dataset-build/compile";
import { publishData } from "../src/dataset-build/publish";
import { comtradeDataFolder, FIXTURE_RETRIEVALS } from "./support/comtrade-data";

const ROOT = join(__dirname, "..");
const WITH_CONFLICT = { ...FIXTURE_RETRIEVALS, "synthetic-conflict.csv": "2026-11-20" };

async function loadPublished(dir: string): Promise<IndexedDataset> {
  const buffer = (name: string) => {
    const bytes = readFileSync(join(dir, name));
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  };
  return loadManifestBundle({
    manifest: buffer("minerals.manifest.json"),
    parts: readdirSync(dir)
      .filter((name) => name.endsWith(".arrow"))
      .map((path) => ({ path, bytes: buffer(path) })),
  });
}

const FIELDS: (keyof TradeObservation)[] = [
  "commodity",
  "reporter",
  "partner",
  "flow",
  "period",
  "quantity",
  "unit",
  "value",
  "estimated",
  "source_id",
  "note",
];
const key = (o: TradeObservation) => JSON.stringify(FIELDS.map((f) => o[f]));

describe("npm run publish:data on a data folder with Comtrade files", () => {
  const dataDir = comtradeDataFolder(WITH_CONFLICT);
  const out = mkdtempSync(join(tmpdir(), "minerals-published-"));
  let published: Awaited<ReturnType<typeof publishData>>;
  let loaded: IndexedDataset;

  beforeAll(async () => {
    published = await publishData(dataDir, out, 10);
    loaded = await loadPublished(out);
  });

  test("parts of at most the requested rows, each listed with its hash and length", () => {
    expect(published.parts.length).toBe(5);
    expect(published.rows).toBe(46);
    expect(
      readdirSync(out)
        .filter((f) => f.endsWith(".arrow"))
        .sort()
    ).toEqual(published.parts.map((p) => p.path).sort());
  });

  test("the same observations as the ordinary build, official figures grouped by series, periods in order", () => {
    const built = compileData(dataDir).trade;
    const rows = Array.from({ length: loaded.trade.length }, (_, i) => tradeRow(loaded.trade, i));
    expect(rows.map(key).sort()).toEqual(built.map(key).sort());
    const official = rows.filter((o) => o.source_id.startsWith("comtrade-"));
    // Grouped by series (each series' rows together), periods in order within a series.
    const series = official.map((o) => `${o.commodity}|${o.reporter}|${o.partner}|${o.flow}`);
    const runs = series.filter((s, i) => i === 0 || s !== series[i - 1]);
    expect(new Set(runs).size).toBe(runs.length);
    official.forEach((o, i) => {
      if (i > 0 && series[i] === series[i - 1])
        expect(o.period > official[i - 1].period).toBe(true);
    });
  });

  test("the same sources (a row per file), commodities and regions", () => {
    const built = compileData(dataDir).dataset;
    expect(loaded.dataset.sources).toEqual(built.sources);
    // The same commodities; those made for customs codes come after the USGS ones here.
    expect(loaded.dataset.commodities.map((c) => c.id).sort()).toEqual(
      built.commodities.map((c) => c.id).sort()
    );
    expect(loaded.countries.get("OTHER_ASIA_NES")?.name).toBe("Other Asia, nes");
  });

  test("formulas answer from it as from the build; the official figure wins a conflict", () => {
    const ask = (args: Parameters<typeof exportValue>[1], flow?: "import") =>
      exportValue(loaded, args, flow);
    expect(ask({ commodity: "magnets", partner: "World", period: "2024-03" })).toBe(5_000_000);
    expect(
      ask({ commodity: "850511", partner: "CN", period: "2024-04", reporter: "JP" }, "import")
    ).toBe(680_000);
    expect(ask({ commodity: "magnets", partner: "US", period: "2025-11" })).toBe(590_000);
    expect(published.conflicts.filter((c) => c.differ).map((c) => c.news.partner)).toEqual(["US"]);
  });

  test("the news figures the official ones set aside are kept in the manifest, as the build keeps them", () => {
    const { conflicts } = compileData(dataDir);
    expect(loaded.dataset.superseded_trade?.map(key).sort()).toEqual(
      conflicts.map((c) => key(c.news)).sort()
    );
    expect(conflicts.length).toBeGreaterThan(0);
  });

  test("the command line: --data and --out, the conflicts printed", () => {
    const target = mkdtempSync(join(tmpdir(), "minerals-published-cli-"));
    const run = spawnSync(
      process.execPath,
      [
        join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"),
        "src/dataset-build/publish-cli.ts",
        "--data",
        dataDir,
        "--out",
        target,
      ],
      { cwd: ROOT, encoding: "utf8" }
    );
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("Conflict: magnets CN → US export 2025-11");
    expect(run.stdout).toContain(
      `Published 46 trade observations in 1 Arrow part(s) → ${join(target, "minerals.manifest.json")}`
    );
  });
});

describe("refusals through DuckDB name file, row and column, as the build's reader does", () => {
  const refusal = async (edit: (dir: string) => void): Promise<string> => {
    const dir = comtradeDataFolder();
    edit(dir);
    try {
      await publishData(dir, mkdtempSync(join(tmpdir(), "minerals-refused-")));
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("not refused");
  };

  test("an unknown flow code", async () => {
    const message = await refusal((dir) => {
      const path = join(dir, "comtrade", "synthetic-annual-utf8.csv");
      writeFileSync(path, readFileSync(path, "utf8").replace(",X,Export,0,", ",DX,Export,0,"));
    });
    expect(message).toBe(
      "data/comtrade/synthetic-annual-utf8.csv, row 2, field 'flowCode': unknown flow code 'DX' (expected X, M, RX or RM)"
    );
  });

  test("a duplicated key, found next to its twin in sorted order", async () => {
    const message = await refusal((dir) => {
      const path = join(dir, "comtrade", "synthetic-annual-utf8.csv");
      const lines = readFileSync(path, "utf8").split("\r\n");
      writeFileSync(path, [...lines.slice(0, 3), lines[1], ""].join("\r\n"));
    });
    expect(message).toMatch(
      /^data\/comtrade\/synthetic-annual-utf8\.csv, row 4: duplicate: row 2 already gives magnets exports of CN with WORLD in 2023/
    );
  });

  test("a missing column", async () => {
    const message = await refusal((dir) => {
      const path = join(dir, "comtrade", "synthetic-annual-utf8.csv");
      writeFileSync(path, readFileSync(path, "utf8").replace("primaryValue", "primaryVal"));
    });
    expect(message).toBe(
      "data/comtrade/synthetic-annual-utf8.csv, row 1, field 'primaryValue': missing column(s): primaryValue"
    );
  });
});
