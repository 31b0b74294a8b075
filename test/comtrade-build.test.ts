/**
 * Comtrade files compiled by the dataset build (SYNTHETIC fixtures in a copy of data/): source rows
 * per file with their retrieval date, new commodities and regions, official figures preferred over
 * news figures with the same key (both kept, in format 2 the news one in superseded_trade; differing
 * ones printed), MINERALS_DATA for the CLI,
 * and refusals naming file, row and column.
 */
import { spawnSync } from "child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { BuildError } from "../src/core/dataset/build-error";
import { Dataset, TradeObservation } from "../src/core/dataset/dataset";
import { compileData } from "../src/dataset-build/compile";
import { tradeColumnsFromRows } from "../src/core/dataset/trade-rows";
import { indexDataset } from "../src/core/dataset/indexed";
import { exportValue } from "../src/core/queries/exports";
import { loadManifestBundle } from "../src/core/dataset/manifest-load";
import { comtradeDataFolder, COMTRADE_FIXTURES, FIXTURE_RETRIEVALS } from "./support/comtrade-data";

const ROOT = join(__dirname, "..");

describe("a data folder with Comtrade files", () => {
  const dir = comtradeDataFolder();
  const compiled = compileData(dir);

  test("each file cites its own source row, dated by its retrieval", () => {
    const comtrade = compiled.dataset.sources.filter((s) => s.source_id.startsWith("comtrade-"));
    expect(comtrade.map((s) => [s.source_id, s.publisher, s.published])).toEqual([
      ["comtrade-synthetic-annual-utf8", "United Nations Comtrade", "2026-11-20"],
      ["comtrade-synthetic-api", "United Nations Comtrade", "2026-11-21"],
      ["comtrade-synthetic-monthly-latin1", "United Nations Comtrade", "2026-11-20"],
    ]);
    const ids = new Set(comtrade.map((s) => s.source_id));
    const official = compiled.trade.filter((o) => ids.has(o.source_id));
    expect(official).toHaveLength(12 + 2 + 3);
  });

  test("a code no commodity holds is a new commodity; a named aggregate a new region", () => {
    expect(compiled.dataset.commodities.find((c) => c.id === "8112.92")).toMatchObject({
      customs_codes: ["8112.92"],
    });
    expect(compiled.dataset.countries.find((c) => c.code === "OTHER_ASIA_NES")).toEqual({
      code: "OTHER_ASIA_NES",
      iso3: null,
      name: "Other Asia, nes",
      aliases: [],
    });
  });

  test("the news figures are still there, one observation per key", () => {
    expect(compiled.conflicts).toEqual([]);
    const keys = compiled.trade.map(
      (o) => `${o.commodity}|${o.reporter}|${o.partner}|${o.flow}|${o.period}`
    );
    expect(new Set(keys).size).toBe(keys.length);
    expect(compiled.trade.filter((o) => o.source_id === "ts2-2025-12-20").length).toBeGreaterThan(
      0
    );
  });
});

describe("an official figure and a news figure with the same key", () => {
  const dir = comtradeDataFolder({ ...FIXTURE_RETRIEVALS, "synthetic-conflict.csv": "2026-11-20" });
  const compiled = compileData(dir);

  test("formulas get the official one; the news one is kept with its source", () => {
    const us = compiled.trade.filter(
      (o) => o.partner === "US" && o.period === "2025-11" && o.flow === "export"
    );
    expect(us).toMatchObject([
      { quantity: 590_000, unit: "kg", source_id: "comtrade-synthetic-conflict" },
    ]);
    expect(
      compiled.conflicts.map((c) => [c.news.partner, c.news.quantity, c.news.unit, c.differ])
    ).toEqual([
      ["US", 582, "t", true],
      ["JP", 305, "t", false],
    ]);
    expect(
      compiled.dataset.exports.find((o) => o.partner === "US" && o.period === "2025-11")
    ).toMatchObject({
      quantity: 582,
      source_id: "ts2-2025-12-20",
    });
  });

  test("MINERALS_DATA makes build:data compile that folder, printing the conflicts that differ; format 2 keeps the news figures", async () => {
    const out = mkdtempSync(join(tmpdir(), "minerals-out-"));
    const run = spawnSync(
      process.execPath,
      [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "src/dataset-build/cli.ts", "", out],
      { cwd: ROOT, env: { ...process.env, MINERALS_DATA: dir }, encoding: "utf8" }
    );
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain(
      "Conflict: magnets CN → US export 2025-11: official 590000 kg (comtrade-synthetic-conflict), news 582 t (ts2-2025-12-20); formulas return the official figure"
    );
    expect(run.stdout).not.toContain("→ JP export 2025-11");
    expect(run.stdout).toContain(`sources in ${dir}`);
    const built = JSON.parse(readFileSync(join(out, "minerals.json"), "utf8")) as Dataset;
    expect(built.sources.some((s) => s.source_id === "comtrade-synthetic-conflict")).toBe(true);

    // What the functions bundle embeds as its offline default: minerals.json and, since official
    // statistics have no format 1 form, every trade observation (as src/runtime/live-store.ts reads it).
    const rows = JSON.parse(
      readFileSync(join(out, "minerals.trade.json"), "utf8")
    ) as TradeObservation[];
    const embedded = indexDataset(built, tradeColumnsFromRows(rows));
    expect(exportValue(embedded, { commodity: "magnets", partner: "US", period: "2025-11" })).toBe(
      590_000
    );
    expect(
      exportValue(
        embedded,
        { commodity: "8505.11", partner: "CN", period: "2024-03", reporter: "JP" },
        "import"
      )
    ).toBe(650_000);

    // Format 2 holds one figure per key: the news figures set aside are kept in superseded_trade,
    // with their sources, and the manifest loads with formulas still reading the official figure.
    const manifest = readFileSync(join(out, "minerals.manifest.json"));
    const v2 = await loadManifestBundle({
      manifest: manifest.buffer.slice(manifest.byteOffset, manifest.byteOffset + manifest.length),
      parts: [
        {
          path: "minerals.observations.arrow",
          bytes: new Uint8Array(readFileSync(join(out, "minerals.observations.arrow"))).buffer,
        },
      ],
    });
    expect(v2.dataset.superseded_trade).toEqual([
      expect.objectContaining({
        partner: "US",
        period: "2025-11",
        quantity: 582,
        unit: "t",
        source_id: "ts2-2025-12-20",
      }),
      expect.objectContaining({
        partner: "JP",
        period: "2025-11",
        quantity: 305,
        unit: "t",
        source_id: "ts2-2025-12-20",
      }),
    ]);
    expect(v2.sources.get("ts2-2025-12-20")).toBeDefined();
    expect(exportValue(v2, { commodity: "magnets", partner: "US", period: "2025-11" })).toBe(
      590_000
    );
  });

  test("the default data folder embeds no trade part (its exports are all in minerals.json)", () => {
    expect(JSON.parse(readFileSync(join(ROOT, "build", "minerals.trade.json"), "utf8"))).toEqual(
      []
    );
  });
});

describe("refusals", () => {
  const refusal = (edit: (dir: string) => void): BuildError => {
    const dir = comtradeDataFolder();
    edit(dir);
    try {
      compileData(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(BuildError);
      return error as BuildError;
    }
    throw new Error("not refused");
  };

  test("a file without a retrieval row", () => {
    const error = refusal((dir) =>
      copyFileSync(
        join(COMTRADE_FIXTURES, "synthetic-conflict.csv"),
        join(dir, "comtrade", "extra.csv")
      )
    );
    expect(error.message).toBe(
      "data/comtrade/retrieved.csv, field 'file': no row for 'extra.csv': add it with its retrieval date"
    );
  });

  test("a retrieval date that is not a date", () => {
    const error = refusal((dir) =>
      writeFileSync(
        join(dir, "comtrade", "retrieved.csv"),
        "file,retrieved\nsynthetic-monthly-latin1.csv,20 Nov 2026\n"
      )
    );
    expect(error.message).toBe(
      "data/comtrade/retrieved.csv, row 2, field 'retrieved': '20 Nov 2026' is not a date (YYYY-MM-DD)"
    );
  });

  test("a bad row names the file under data/comtrade, its row and column", () => {
    const error = refusal((dir) => {
      const path = join(dir, "comtrade", "synthetic-annual-utf8.csv");
      writeFileSync(path, readFileSync(path, "utf8").replace(",X,Export,", ",XX,Export,"));
    });
    expect(error.message).toBe(
      "data/comtrade/synthetic-annual-utf8.csv, row 2, field 'flowCode': unknown flow code 'XX' (expected X, M, RX or RM)"
    );
  });

  test("the same key in two files names both", () => {
    const error = refusal((dir) => {
      copyFileSync(
        join(dir, "comtrade", "synthetic-annual-utf8.csv"),
        join(dir, "comtrade", "synthetic-annual-utf8-copy.csv")
      );
      writeFileSync(
        join(dir, "comtrade", "retrieved.csv"),
        readFileSync(join(dir, "comtrade", "retrieved.csv"), "utf8") +
          "synthetic-annual-utf8-copy.csv,2026-11-20,\r\n"
      );
    });
    expect(error.message).toMatch(
      // Files are read in name order: "-copy.csv" sorts before ".csv".
      /^data\/comtrade\/synthetic-annual-utf8\.csv, row 2: duplicate: data\/comtrade\/synthetic-annual-utf8-copy\.csv, row 2 already gives magnets exports of CN with WORLD in 2023/
    );
  });

  test("a retrieval date after the release's as_of", () => {
    const error = refusal((dir) =>
      writeFileSync(
        join(dir, "comtrade", "retrieved.csv"),
        "file,retrieved\nsynthetic-monthly-latin1.csv,2027-01-05\nsynthetic-annual-utf8.csv,2026-11-20\nsynthetic-api.json,2026-11-20\n"
      )
    );
    expect(error.message).toBe(
      "data/release.json, field 'as_of': 2026-11-22 is earlier than the newest source (2027-01-05)"
    );
  });
});
