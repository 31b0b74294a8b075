import { existsSync, readdirSync } from "fs";
import { join } from "path";
import { DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { BuildError } from "../core/dataset/build-error";
import { ComtradeReader, COMTRADE_READ_COLUMNS, TradeKeyClaims } from "../core/dataset/comtrade";
import { ComtradeCommodities } from "../core/dataset/comtrade-commodities";
import { ComtradePlaces, regionsUsed } from "../core/dataset/comtrade-places";
import { comtradeSource, comtradeSourceId } from "../core/dataset/comtrade-source";
import { Commodity, Country, Source, TradeObservation } from "../core/dataset/dataset";
import { comtradeAreas, m49Codes, readRetrievals, RETRIEVED_FILE } from "./comtrade";

/**
 * Comtrade files larger than memory, read by DuckDB: SQL reads the CSVs (and API JSON) into a
 * disk-backed database, maps each distinct reporter, partner and commodity code through the core's
 * own rules (ComtradePlaces, ComtradeCommodities), and hands the rows back sorted by series and
 * period, a chunk at a time, to the same ComtradeReader the build uses: every mapping rule and
 * refusal is the reader's, written once. Sorted rows put a duplicated key next to its twin, so the
 * key check holds one key, not all of them.
 */

/** DuckDB reads and sorts in this much memory, spilling to its temporary folder beyond it. */
const DUCKDB_MEMORY_LIMIT = "512MB";

export interface DuckDbComtradeResult {
  sources: Source[];
  commodities: Commodity[];
  regions: Country[];
  rows: number;
}

/** Remembers only the previous key: enough when rows come sorted by key. */
class SortedTradeKeys implements TradeKeyClaims {
  private previous: { key: string; file: string; row: number } | null = null;

  claim(key: string, file: string, row: number): string | undefined {
    const earlier = this.previous;
    this.previous = { key, file, row };
    if (earlier === null || earlier.key !== key) return undefined;
    return earlier.file === file ? `row ${earlier.row}` : `${earlier.file}, row ${earlier.row}`;
  }
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Reads every Comtrade file under `<dataDir>/comtrade/` with DuckDB (working files in `workDir`),
 * handing the observations to `emit` sorted by commodity, reporter, partner, flow and period.
 */
export async function readComtradeWithDuckDb(
  dataDir: string,
  workDir: string,
  known: { commodities: readonly Commodity[]; countries: readonly Country[] },
  emit: (observation: TradeObservation) => void
): Promise<DuckDbComtradeResult> {
  const folder = join(dataDir, "comtrade");
  const files = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => /\.(csv|json)$/i.test(name) && name !== RETRIEVED_FILE)
        .sort()
    : [];
  if (files.length === 0) return { sources: [], commodities: [], regions: [], rows: 0 };
  const retrievals = readRetrievals(dataDir, files);
  const areas = comtradeAreas(dataDir);
  const places = new ComtradePlaces(known.countries, areas, m49Codes());
  const commodities = new ComtradeCommodities(known.commodities);

  const instance = await DuckDBInstance.create(join(workDir, "comtrade.duckdb"), {
    memory_limit: DUCKDB_MEMORY_LIMIT,
    temp_directory: join(workDir, "spill"),
    preserve_insertion_order: "true",
  });
  const db = await instance.connect();
  try {
    const columns = COMTRADE_READ_COLUMNS.map(ident);
    await db.run(
      `CREATE TABLE raw (file INTEGER, row BIGINT, ${columns.map((c) => `${c} VARCHAR`).join(", ")})`
    );
    for (const [index, name] of files.entries())
      await loadFile(db, join(folder, name), `data/comtrade/${name}`, index);

    // The core's rules, applied once per distinct value; SQL joins their answers.
    const placeRows = await db.runAndReadAll(
      `SELECT DISTINCT iso, code, descr FROM (
         SELECT reporterISO AS iso, reporterCode AS code, reporterDesc AS descr FROM raw
         UNION ALL SELECT partnerISO, partnerCode, partnerDesc FROM raw)`
    );
    await db.run(`CREATE TABLE place_ids (iso VARCHAR, code VARCHAR, id VARCHAR)`);
    const placeValues: string[] = [];
    for (const [iso, code, descr] of placeRows.getRows() as (string | null)[][]) {
      const found = places.resolve(iso ?? "", code ?? "", descr ?? "");
      // Unknown areas get no id: the reader refuses them, at their first row, in file order.
      if ("code" in found)
        placeValues.push(`(${quote(iso ?? "")}, ${quote(code ?? "")}, ${quote(found.code)})`);
    }
    await insertValues(db, "place_ids", placeValues);
    const codeRows = await db.runAndReadAll(
      `SELECT cmdCode, first(cmdDesc ORDER BY file, row) FROM raw GROUP BY cmdCode ORDER BY min(file * 4294967296 + row)`
    );
    await db.run(`CREATE TABLE commodity_ids (cmdCode VARCHAR, id VARCHAR)`);
    const codeValues: string[] = [];
    for (const [code, descr] of codeRows.getRows() as (string | null)[][]) {
      const id = commodities.resolve(code ?? "", descr ?? "");
      if (id !== undefined) codeValues.push(`(${quote(code ?? "")}, ${quote(id)})`);
    }
    await insertValues(db, "commodity_ids", codeValues);

    const keys = new SortedTradeKeys();
    const usedCodes = new Set<string>();
    const readers = files.map(
      (name) =>
        new ComtradeReader(
          {
            file: `data/comtrade/${name}`,
            sourceId: comtradeSourceId(name),
            places,
            commodities,
            keys,
          },
          (o) => {
            usedCodes.add(o.reporter);
            usedCodes.add(o.partner);
            emit(o);
          }
        )
    );
    for (const reader of readers) reader.header([...COMTRADE_READ_COLUMNS]);
    // Rows whose names no rule maps sort first, so the reader refuses the first of them at once.
    const sorted = await db.stream(
      `SELECT raw.* FROM raw
         LEFT JOIN commodity_ids c ON c.cmdCode IS NOT DISTINCT FROM raw.cmdCode
         LEFT JOIN place_ids r ON r.iso = coalesce(raw.reporterISO, '') AND r.code = coalesce(raw.reporterCode, '')
         LEFT JOIN place_ids p ON p.iso = coalesce(raw.partnerISO, '') AND p.code = coalesce(raw.partnerCode, '')
       ORDER BY (c.id IS NULL OR r.id IS NULL OR p.id IS NULL) DESC,
         CASE WHEN c.id IS NULL OR r.id IS NULL OR p.id IS NULL THEN raw.file * 4294967296 + raw.row END,
         c.id, r.id, p.id, raw.flowCode, raw.freqCode, raw.period, raw.file, raw.row`
    );
    let rows = 0;
    for (;;) {
      const chunk = await sorted.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      for (const [file, row, ...cells] of chunk.getRows() as (
        string | number | bigint | null
      )[][]) {
        readers[Number(file)].csvRecord(
          cells.map((c) => (c === null ? "" : String(c))),
          Number(row)
        );
        rows++;
      }
    }
    return {
      sources: files.map((name, i) =>
        comtradeSource(
          comtradeSourceId(name),
          name,
          readers[i].summary,
          retrievals.get(name) as { retrieved: string; url: string | null }
        )
      ),
      commodities: commodities.newCommodities(),
      regions: regionsUsed(areas, usedCodes, known.countries),
      rows,
    };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

async function insertValues(db: DuckDBConnection, table: string, values: string[]): Promise<void> {
  for (let i = 0; i < values.length; i += 1000)
    await db.run(`INSERT INTO ${table} VALUES ${values.slice(i, i + 1000).join(", ")}`);
}

/**
 * Loads one file into `raw`: a bulk CSV as UTF-8, or as ISO-8859-1 when DuckDB finds bytes that are
 * not UTF-8 (the reader's rule); an API JSON file's `data` records. Rows are numbered as the file
 * counts them (the CSV header is row 1; JSON records from 1).
 */
async function loadFile(db: DuckDBConnection, path: string, label: string, index: number) {
  const select = (source: string, firstRow: number) =>
    `INSERT INTO raw SELECT ${index}, row_number() OVER () + ${firstRow - 1}, ${COMTRADE_READ_COLUMNS.map(
      (c) => `CAST(${ident(c)} AS VARCHAR)`
    ).join(", ")} FROM ${source}`;
  const present = async (source: string) =>
    new Set(
      ((await db.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRows() as string[][]).map(
        (r) => r[0]
      )
    );
  const requireColumns = (names: Set<string>, row: number, what: string) => {
    const absent = COMTRADE_READ_COLUMNS.filter((c) => !names.has(c));
    if (absent.length > 0)
      throw new BuildError(label, row, absent[0], `missing ${what}(s): ${absent.join(", ")}`);
  };
  if (/\.json$/i.test(path)) {
    const source = `(SELECT unnest(data, recursive := true) FROM read_json(${quote(path)}, maximum_object_size = 67108864))`;
    requireColumns(await present(source), 1, "field");
    await db.run(select(source, 1));
    return;
  }
  for (const encoding of ["utf-8", "latin-1"]) {
    const source = `read_csv(${quote(path)}, header = true, all_varchar = true, encoding = ${quote(encoding)}, delim = ',', quote = '"', escape = '"')`;
    try {
      requireColumns(await present(source), 1, "column");
      await db.run(select(source, 2));
      return;
    } catch (error) {
      if (error instanceof BuildError) throw error;
      const message = (error as Error).message;
      if (encoding === "utf-8" && /unicode|utf-?8|encoding/i.test(message)) continue;
      throw new BuildError(label, null, null, `DuckDB could not read it: ${message}`);
    }
  }
}
