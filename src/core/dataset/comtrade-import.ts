import { BuildError } from "./build-error";
import { COMTRADE_READ_COLUMNS, ComtradeReader, TradeKeyClaims, TradeKeys } from "./comtrade";
import { ComtradeCommodities } from "./comtrade-commodities";
import { ComtradeCsvParser, readComtradeResponse } from "./comtrade-file";
import { comtradePlaces, ComtradeReference, regionsUsed } from "./comtrade-places";
import { COMTRADE_PUBLISHER, comtradeSource, comtradeSourceId } from "./comtrade-source";
import { Flow, TradeObservation } from "./dataset";
import type { ImportOutcome, ImportProblem } from "./import";
import { IndexedDataset } from "./indexed";
import { tradeKey } from "./keys";
import { localVersion } from "./local-version";
import { formatTwoBundle } from "./format-two-bundle";
import { ManifestTables } from "./manifest-write";
import { periodNumber } from "./series-index";
import { concatTradeColumns } from "./trade-concat";
import { conflictOf, conflictText, supersededTrade, TradeConflict } from "./trade-conflicts";
import { tradeColumnsFromRows, tradeRow } from "./trade-rows";
import { selectTradeRows } from "./trade-select";
import { DatasetError } from "./validate";

/**
 * The pane's Import of a UN Comtrade file (a Comtrade+ bulk CSV, or an API response's JSON): read by
 * the build's own reader (ComtradeReader and its places, commodities and source rules), then joined
 * to the dataset in use as the build joins official statistics to news figures: an official figure
 * takes the place of a news figure with the same key (the pair is reported as a conflict; the news
 * figure is kept in the manifest's `superseded_trade`), and a key
 * another Comtrade file already gives is refused. The result is a format 2 dataset (manifest and one
 * Arrow part), loaded through the one format 2 load path, and kept as such by the saved copy.
 */

/** What reading a Comtrade file needs besides its bytes. */
export interface ComtradeImportContext {
  /** The dataset in use: its tables, trade columns and series index. */
  data: IndexedDataset;
  /** The areas table and ISO numeric codes the build reads areas with (build/comtrade-reference.json). */
  reference: ComtradeReference;
  /** The import date (`YYYY-MM-DD`): the source row's retrieval date. */
  today: string;
}

/** A Comtrade file's content: the CSV's bytes (read in chunks) or the parsed API response. */
export type ComtradeInput = { kind: "csv"; bytes: Uint8Array } | { kind: "json"; value: unknown };

/** The bulk CSV is fed to the reader in pieces of this size, never decoded as one string. */
const CHUNK_BYTES = 64 * 1024;
/** Pieces read between two yields to the event loop, so the pane stays responsive. */
const CHUNKS_PER_YIELD = 16;

/**
 * Whether a CSV's first line is a Comtrade+ header: it names at least half the columns the reader
 * needs (a Comtrade file missing some is then refused naming them, rather than read as another layout).
 */
export function isComtradeCsv(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, CHUNK_BYTES);
  const end = head.indexOf(0x0a);
  const line = new TextDecoder().decode(end === -1 ? head : head.subarray(0, end));
  const names = new Set(
    line
      .replace(/^\uFEFF/, "")
      .split(",")
      .map((cell) => cell.trim().replace(/^"(.*)"$/, "$1"))
  );
  const found = COMTRADE_READ_COLUMNS.filter((column) => names.has(column)).length;
  return found >= COMTRADE_READ_COLUMNS.length / 2;
}

/**
 * Reads a Comtrade file into the dataset in use (see the module comment). Changes nothing; the first
 * bad row refuses the file, naming its row and column, as the build does.
 */
export async function prepareComtradeImport(
  name: string,
  input: ComtradeInput,
  context: ComtradeImportContext
): Promise<ImportOutcome> {
  const { data, reference, today } = context;
  const tables = data.dataset;
  const sourceId = comtradeSourceId(name);
  const earlierSource = data.sources.get(sourceId);
  if (earlierSource !== undefined && earlierSource.publisher !== COMTRADE_PUBLISHER) {
    return refused(
      `${name}: the dataset in use has a source '${sourceId}' that is not a Comtrade file's; rename the file; nothing was imported.`,
      []
    );
  }
  const claims = new DatasetKeyClaims(data, sourceId);
  const commodities = new ComtradeCommodities(tables.commodities);
  const observations: TradeObservation[] = [];
  const reader = new ComtradeReader(
    {
      file: name,
      sourceId,
      places: comtradePlaces(tables.countries, reference),
      commodities,
      keys: claims,
    },
    (o) => observations.push(o)
  );
  try {
    if (input.kind === "csv")
      await readCsvInChunks(input.bytes, new ComtradeCsvParser(reader, name));
    else readComtradeResponse(input.value, reader, name);
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    const problem: ImportProblem = { row: error.row, field: error.field, message: error.problem };
    const where = error.row === null ? "" : ` at row ${error.row}`;
    return refused(`${name} (UN Comtrade file): refused${where}; nothing was imported.`, [problem]);
  }
  if (observations.length === 0) {
    return refused(`${name}: the file has a header but no data rows; nothing was imported.`, [
      { row: null, field: null, message: "The file has a header but no data rows." },
    ]);
  }

  // Kept: every row of the dataset in use but the file's earlier import and the news figures its
  // official ones take the place of.
  const keep = new Uint8Array(data.trade.length).fill(1);
  const previousSource = data.trade.source_id.dictionary.indexOf(sourceId);
  let replaced = 0;
  if (previousSource >= 0)
    data.trade.source_id.indices.forEach((s, i) => {
      if (s === previousSource) {
        keep[i] = 0;
        replaced++;
      }
    });
  const conflicts: TradeConflict[] = [];
  for (const o of observations) {
    const row = claims.yielded.get(tradeKey(o));
    if (row === undefined) continue;
    keep[row] = 0;
    conflicts.push(conflictOf(o, tradeRow(data.trade, row)));
  }
  const trade = concatTradeColumns([
    selectTradeRows(data.trade, keep),
    tradeColumnsFromRows(observations),
  ]);

  const source = comtradeSource(sourceId, name, reader.summary, { retrieved: today, url: null });
  const newCommodities = commodities.newCommodities();
  const used = new Set(observations.flatMap((o) => [o.reporter, o.partner]));
  const tablesAfter: ManifestTables = {
    ...tables,
    version: localVersion(tables.version),
    sources: [...tables.sources.filter((s) => s.source_id !== sourceId), source],
    commodities: [...tables.commodities, ...newCommodities],
    countries: [...tables.countries, ...regionsUsed(reference.areas, used, tables.countries)],
    // The news figures set aside stay in the dataset, with their sources.
    ...supersededTrade(conflicts, tables.superseded_trade),
  };
  try {
    const { bundle, data: loaded } = await formatTwoBundle(tablesAfter, trade);
    return {
      ok: true,
      kind: "comtrade",
      summary: comtradeSummary(
        name,
        observations,
        replaced,
        conflicts.length,
        newCommodities.length
      ),
      data: loaded,
      payload: bundle,
      localRows: observations.length - replaced,
      comtradeSource: sourceId,
      notes: conflicts.filter((c) => c.differ).map((c) => `Conflict: ${conflictText(c)}`),
    };
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    return refused(
      `${name}: the dataset with these rows is not valid; nothing was imported.`,
      error.problems.map((message) => ({ row: null, field: null, message }))
    );
  }
}

function refused(summary: string, problems: ImportProblem[]): ImportOutcome {
  return { ok: false, kind: "comtrade", summary, problems };
}

async function readCsvInChunks(bytes: Uint8Array, parser: ComtradeCsvParser): Promise<void> {
  for (let start = 0, n = 0; start < bytes.length; start += CHUNK_BYTES, n++) {
    if (n > 0 && n % CHUNKS_PER_YIELD === 0) await new Promise((r) => setTimeout(r, 0));
    parser.push(bytes.subarray(start, start + CHUNK_BYTES));
  }
  parser.end();
}

/**
 * The file's keys, checked against each other (a key given twice in the file is refused, as in the
 * build) and against the dataset in use: a key another Comtrade file gives is refused too; a key of
 * the file's own earlier import is replaced; a news figure's key yields its row to the official figure.
 */
class DatasetKeyClaims implements TradeKeyClaims {
  private readonly inFile = new TradeKeys();
  /** The key of each imported figure that takes a news figure's place → that figure's row. */
  readonly yielded = new Map<string, number>();

  constructor(
    private readonly data: IndexedDataset,
    private readonly sourceId: string
  ) {}

  claim(key: string, file: string, row: number): string | undefined {
    const earlier = this.inFile.claim(key, file, row);
    if (earlier !== undefined) return earlier;
    const [commodity, reporter, partner, flow, period] = key.split("|");
    const series = this.data.series.series(commodity, reporter, partner, flow as Flow);
    const existing = series < 0 ? -1 : this.data.series.row(series, periodNumber(period));
    if (existing < 0) return undefined;
    const sourceId = tradeRow(this.data.trade, existing).source_id;
    if (sourceId === this.sourceId) return undefined;
    if (this.data.sources.get(sourceId)?.publisher === COMTRADE_PUBLISHER)
      return `the dataset in use (source ${sourceId})`;
    this.yielded.set(key, existing);
    return undefined;
  }
}

/** "cn.csv: UN Comtrade, 12 figures (China, Japan; exports, imports; HS 850511; 2024-02 to 2024-03)." */
function comtradeSummary(
  name: string,
  observations: readonly TradeObservation[],
  replaced: number,
  conflicts: number,
  newCommodities: number
): string {
  const flows = new Map<Flow, number>();
  for (const o of observations) flows.set(o.flow, (flows.get(o.flow) ?? 0) + 1);
  const counts = [...flows].map(([flow, n]) => `${n} ${flow}${n === 1 ? "" : "s"}`).join(", ");
  const parts = [
    `${name}: UN Comtrade, ${observations.length} figure${observations.length === 1 ? "" : "s"} (${counts}).`,
  ];
  if (replaced > 0)
    parts.push(
      `It replaces the ${replaced} figure${replaced === 1 ? "" : "s"} of its earlier import.`
    );
  if (newCommodities > 0)
    parts.push(
      `${newCommodities} new commodit${newCommodities === 1 ? "y" : "ies"} named by their customs code.`
    );
  if (conflicts > 0)
    parts.push(
      `${conflicts} news figure${conflicts === 1 ? "" : "s"} with the same key yield${conflicts === 1 ? "s" : ""} to the official figure.`
    );
  return parts.join(" ");
}

/** A UN Comtrade file imported into the dataset in use. */
export interface ImportedComtradeFile {
  sourceId: string;
  /** The source row's title: reporters, flows, codes and period span. */
  title: string;
  /** The import date, the source row's date. */
  retrieved: string;
  /** Figures of the dataset in use that cite it. */
  figures: number;
}

/** The imported Comtrade files `sourceIds` names (as the pane recorded them) that `data` holds. */
export function importedComtradeFiles(
  data: IndexedDataset,
  sourceIds: readonly string[]
): ImportedComtradeFile[] {
  const column = data.trade.source_id;
  const counts = new Array<number>(column.dictionary.length).fill(0);
  for (const s of column.indices) if (s >= 0) counts[s]++;
  return sourceIds.flatMap((id) => {
    const s = data.sources.get(id);
    if (s === undefined || s.publisher !== COMTRADE_PUBLISHER) return [];
    return [
      {
        sourceId: id,
        title: s.title,
        retrieved: s.published,
        figures: counts[column.dictionary.indexOf(id)] ?? 0,
      },
    ];
  });
}

/**
 * The dataset in use without an imported Comtrade file: its figures and its source row go; news
 * figures it took the place of do not come back (a refresh or revert brings them). Changes nothing.
 */
export async function prepareComtradeRemoval(
  data: IndexedDataset,
  sourceId: string
): Promise<ImportOutcome> {
  const source = data.sources.get(sourceId);
  if (source === undefined || source.publisher !== COMTRADE_PUBLISHER)
    return refused(`${sourceId} is not a Comtrade file of the dataset in use.`, []);
  const index = data.trade.source_id.dictionary.indexOf(sourceId);
  const keep = Uint8Array.from(data.trade.source_id.indices, (s) => (s === index ? 0 : 1));
  const removed = keep.length - keep.reduce((n, k) => n + k, 0);
  const tables: ManifestTables = {
    ...data.dataset,
    sources: data.dataset.sources.filter((s) => s.source_id !== sourceId),
  };
  try {
    const { bundle, data: loaded } = await formatTwoBundle(
      tables,
      selectTradeRows(data.trade, keep)
    );
    return {
      ok: true,
      kind: "comtrade",
      summary: `${source.title}: ${removed} figure${removed === 1 ? "" : "s"} removed.`,
      data: loaded,
      payload: bundle,
      localRows: -removed,
      comtradeSource: sourceId,
    };
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    return refused(
      `${sourceId} cannot be removed: the dataset without it is not valid.`,
      error.problems.map((message) => ({ row: null, field: null, message }))
    );
  }
}
