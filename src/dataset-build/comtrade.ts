import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from "fs";
import { join } from "path";
import countries from "i18n-iso-countries";
import { BuildError } from "../core/dataset/build-error";
import { ComtradeContext, ComtradeReader, TradeKeys } from "../core/dataset/comtrade";
import { ComtradeCommodities } from "../core/dataset/comtrade-commodities";
import { ComtradeCsvParser, readComtradeJson } from "../core/dataset/comtrade-file";
import {
  ComtradeArea,
  ComtradePlaces,
  ComtradeReference,
  regionsUsed,
} from "../core/dataset/comtrade-places";
import {
  comtradeSource,
  comtradeSourceId,
  ComtradeRetrieval,
} from "../core/dataset/comtrade-source";
import { Commodity, Country, Source, TradeObservation } from "../core/dataset/dataset";
import { isDateText } from "../core/queries/period";
import { CsvRow, readCsv } from "./csv";

/**
 * Comtrade files are read in pieces of this size, never as one string. Small enough that each
 * piece's text is an ordinary young-generation string (V8 puts strings over about 128 KB in
 * large-object space, collected only by full GCs: 1 MB pieces doubled the build's peak memory).
 */
const CHUNK_BYTES = 64 * 1024;

/** The data folder's list of when (and from where) each Comtrade file was retrieved. */
export const RETRIEVED_FILE = "retrieved.csv";

export interface ComtradeBuild {
  /** One source row per file. */
  sources: Source[];
  /** Commodities made for customs codes no reference commodity holds. */
  commodities: Commodity[];
  /** Named regions (from the areas table) that some file uses and the country list lacks. */
  regions: Country[];
}

/**
 * Reads every Comtrade file under `<dataDir>/comtrade/` (bulk CSV `*.csv`, API JSON `*.json`) in
 * name order, handing each observation to `emit`. Each file needs a row in `comtrade/retrieved.csv`
 * giving its retrieval date: the source row's date, since Comtrade revises its figures.
 */
export function compileComtrade(
  dataDir: string,
  known: { commodities: readonly Commodity[]; countries: readonly Country[] },
  emit: (observation: TradeObservation) => void
): ComtradeBuild {
  const folder = join(dataDir, "comtrade");
  const empty: ComtradeBuild = { sources: [], commodities: [], regions: [] };
  if (!existsSync(folder)) return empty;
  const files = readdirSync(folder)
    .filter((name) => /\.(csv|json)$/i.test(name) && name !== RETRIEVED_FILE)
    .sort();
  if (files.length === 0) return empty;

  const retrievals = readRetrievals(dataDir, files);
  const areas = comtradeAreas(dataDir);
  const places = new ComtradePlaces(known.countries, areas, m49Codes());
  const commodities = new ComtradeCommodities(known.commodities);
  const keys = new TradeKeys();
  const usedCodes = new Set<string>();
  const sources: Source[] = [];
  for (const name of files) {
    const label = `data/comtrade/${name}`;
    const context: ComtradeContext = {
      file: label,
      sourceId: comtradeSourceId(name),
      places,
      commodities,
      keys,
    };
    const reader = new ComtradeReader(context, (o) => {
      usedCodes.add(o.reporter);
      usedCodes.add(o.partner);
      emit(o);
    });
    const path = join(folder, name);
    if (/\.json$/i.test(name)) readComtradeJson(readFileSync(path, "utf8"), reader, label);
    else readInChunks(path, new ComtradeCsvParser(reader, label));
    sources.push(
      comtradeSource(
        context.sourceId,
        name,
        reader.summary,
        retrievals.get(name) as ComtradeRetrieval
      )
    );
  }
  const regions = regionsUsed(areas, usedCodes, known.countries);
  return { sources, commodities: commodities.newCommodities(), regions };
}

function readInChunks(path: string, parser: ComtradeCsvParser): void {
  const fd = openSync(path, "r");
  try {
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer))
      parser.push(buffer.subarray(0, n));
    parser.end();
  } finally {
    closeSync(fd);
  }
}

export function readRetrievals(dataDir: string, files: string[]): Map<string, ComtradeRetrieval> {
  const label = `data/comtrade/${RETRIEVED_FILE}`;
  const rows = readCsv(join(dataDir, "comtrade", RETRIEVED_FILE), label, ["file", "retrieved"]);
  const byFile = new Map<string, ComtradeRetrieval>();
  const rowOf = new Map<string, CsvRow>();
  for (const row of rows) {
    const file = row.text("file");
    if (rowOf.has(file))
      row.fail("file", `duplicate: row ${rowOf.get(file)?.row} already gives '${file}'`);
    const retrieved = row.text("retrieved");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(retrieved) || !isDateText(retrieved))
      row.fail("retrieved", `'${retrieved}' is not a date (YYYY-MM-DD)`);
    const url = row.optional("url");
    if (url !== null && !/^https?:\/\//.test(url))
      row.fail("url", `'${url}' is not an http(s) link`);
    rowOf.set(file, row);
    byFile.set(file, { retrieved, url });
  }
  for (const file of files)
    if (!byFile.has(file))
      throw new BuildError(
        label,
        null,
        "file",
        `no row for '${file}': add it with its retrieval date`
      );
  return byFile;
}

export function comtradeAreas(dataDir: string): ComtradeArea[] {
  const path = join(dataDir, "reference", "comtrade_areas.csv");
  if (!existsSync(path)) return [];
  return readCsv(path, "data/reference/comtrade_areas.csv", ["comtrade_code", "code", "name"]).map(
    (row) => ({
      comtrade_code: row.text("comtrade_code"),
      code: row.text("code"),
      name: row.text("name"),
    })
  );
}

/** ISO 3166-1 numeric (M49) code → alpha-2, from the same ISO list the country table comes from. */
export function m49Codes(): Map<string, string> {
  return new Map(Object.entries(countries.getNumericCodes()));
}

/** The reference tables the pane's Import reads Comtrade files with (the build's own). */
export function comtradeReference(dataDir: string): ComtradeReference {
  return { areas: comtradeAreas(dataDir), m49: Object.fromEntries(m49Codes()) };
}
