import { BuildError } from "./build-error";
import * as news from "./news-rows";
import { readUsgsObservation, USGS_COMMODITY_COLUMNS, UsgsResolvers } from "./usgs-rows";
import { CsvRow, decodeText, readCsvTable } from "./csv";
import { isComtradeResponse } from "./comtrade-file";
import { formatTwoBundle, needsFormatTwo } from "./format-two-bundle";
import { TradeColumns } from "./trade-columns";
import {
  ComtradeImportContext,
  ComtradeInput,
  isComtradeCsv,
  prepareComtradeImport,
} from "./comtrade-import";
import { Dataset, UsgsObservation } from "./dataset";
import { diffDatasets } from "./diff";
import { datasetHash } from "./hash";
import { IndexedDataset } from "./indexed";
import { TABLE_KEYS } from "./keys";
import { MAX_DATASET_BYTES } from "./load";
import { localVersion } from "./local-version";
export { LOCAL_VERSION_SUFFIX, localVersion } from "./local-version";
import { formatBytes } from "./feed";
import { NameIndex, nameKey } from "../queries/names";
import { isManifest, ManifestBundle } from "./manifest";
import { DatasetPayload, loadPayload } from "./payload";
import { DatasetError, parseDatasetText } from "./validate";
import { manifestByHead, namesAFormat } from "./import-kind";

/**
 * Importing a file into the dataset in use, without touching it: our JSON dataset format, a CSV laid
 * out like one of the data team's news files (its rows are added to, or replace same-key rows of, the
 * dataset in use), or the USGS MCS data-release commodities CSV (its rows replace the USGS rows of the
 * commodities it covers). CSV rows are read by the build's own readers, so a row the build would
 * refuse is refused here with the same message. Every problem is collected; a file with any problem
 * gives nothing to apply. The result went through loadPayload (schema, cross-row rules, hash). In
 * the add-in all of this runs in the dataset worker (src/runtime/import-job.ts).
 */

/** A problem in the file: its spreadsheet row (the header is row 1) and field when known. */
export interface ImportProblem {
  row: number | null;
  field: string | null;
  message: string;
}

export type NewsSection =
  "sources" | "exports" | "reported_changes" | "forecasts" | "indicators" | "events";

/** "json": a format 1 dataset; "manifest": a format 2 manifest with its Arrow parts. */
/** "comtrade": a UN Comtrade bulk CSV or API response (comtrade-import.ts). */
export type ImportKind = "json" | "manifest" | NewsSection | "usgs" | "comtrade";

export type ImportOutcome =
  | {
      ok: true;
      kind: ImportKind;
      /** What the file was read as and what it brings, for the pane. */
      summary: string;
      data: IndexedDataset;
      /** The dataset as validated (its text, or a manifest's and parts' bytes), for persistence. */
      payload: DatasetPayload;
      /** Figures the import brings into the dataset in use, when the diff of `exports` cannot count them. */
      localRows?: number;
      /** What the analyst should know besides the summary (conflicts with figures in use), one line each. */
      notes?: string[];
      /** The source id of the UN Comtrade file imported (or removed). */
      comtradeSource?: string;
    }
  | { ok: false; kind: ImportKind | null; summary: string; problems: ImportProblem[] };

interface NewsLayout<T> {
  section: NewsSection;
  file: string;
  columns: readonly string[];
  read(row: CsvRow, known: news.KnownIds): T;
  key(value: T): string;
  what: string;
}

function layout<T>(l: NewsLayout<T>): NewsLayout<unknown> {
  return l as unknown as NewsLayout<unknown>;
}

/** The news files' layouts: the build's columns and readers, and each table's one key. */
const NEWS_LAYOUTS: NewsLayout<unknown>[] = [
  layout({
    section: "sources",
    file: "sources.csv",
    columns: news.NEWS_COLUMNS.sources,
    read: (row) => news.readSource(row),
    key: TABLE_KEYS.sources.key,
    what: "this source_id",
  }),
  layout({
    section: "exports",
    file: "exports.csv",
    columns: news.NEWS_COLUMNS.exports,
    read: news.readExport,
    key: TABLE_KEYS.exports.key,
    what: "a figure for this commodity, reporter, partner and period",
  }),
  layout({
    section: "reported_changes",
    file: "reported_changes.csv",
    columns: news.NEWS_COLUMNS.reported_changes,
    read: news.readReportedChange,
    key: TABLE_KEYS.reported_changes.key,
    what: "a change for this commodity, reporter, partner, period, basis and measure",
  }),
  layout({
    section: "forecasts",
    file: "forecasts.csv",
    columns: news.NEWS_COLUMNS.forecasts,
    read: news.readForecast,
    key: TABLE_KEYS.forecasts.key,
    what: "this forecast",
  }),
  layout({
    section: "indicators",
    file: "indicators.csv",
    columns: news.NEWS_COLUMNS.indicators,
    read: news.readIndicator,
    key: TABLE_KEYS.indicators.key,
    what: "this indicator for this region and period",
  }),
  layout({
    section: "events",
    file: "events.csv",
    columns: news.NEWS_COLUMNS.events,
    read: news.readEvent,
    key: TABLE_KEYS.events.key,
    what: "this event",
  }),
];

const USGS_FILE = "mcs2026_commodities_data_subset.csv";

/** An import's phases as a progress display names them: reading the file, then loading the result. */
export type ImportPhase = "read" | "validate";

/** How an import is followed and stopped (a worker's job, or this thread's where there is none). */
export interface ImportOptions {
  /** Stops the load between its steps (where it runs in this thread). */
  signal?: AbortSignal;
  onPhase?(phase: ImportPhase): void;
}

/**
 * Reads a file's bytes into a dataset ready to apply, or lists every problem. Changes nothing.
 * `maxBytes` is the dataset size limit (every load path's; lower only in tests).
 */
export async function prepareImport(
  name: string,
  bytes: Uint8Array,
  current: Dataset,
  maxBytes = MAX_DATASET_BYTES,
  comtrade?: ComtradeImportContext,
  options: ImportOptions = {}
): Promise<ImportOutcome> {
  if (bytes.byteLength > maxBytes) {
    return refuse(
      null,
      `${name} (${formatBytes(bytes.byteLength)}) is larger than the ${formatBytes(maxBytes)} limit.`,
      []
    );
  }
  if (bytes.byteLength === 0) return refuse(null, `${name} is empty.`, []);
  if (
    /\.(arrow|feather)$/i.test(name) ||
    String.fromCharCode(...bytes.subarray(0, 6)) === "ARROW1"
  ) {
    return refuse(
      null,
      `${name} is an Arrow file: import it together with the manifest that lists it (choose both); nothing was imported.`,
      []
    );
  }
  if (isComtradeCsv(bytes)) return importComtrade(name, { kind: "csv", bytes }, comtrade);
  const text = decodeText(bytes);
  if (/\.json$/i.test(name) || /^\s*[{[]/.test(text)) {
    // One of our datasets says so in its first bytes: parsed once, where it is loaded.
    if (namesAFormat(bytes)) return importJson(name, text, options);
    let value: unknown;
    try {
      value = parseDatasetText(text);
    } catch (error) {
      if (!(error instanceof DatasetError)) throw error;
      return refuseJson(name, error);
    }
    if (isComtradeResponse(value)) return importComtrade(name, { kind: "json", value }, comtrade);
    return importJson(name, text, options);
  }
  return importCsv(name, text, current, maxBytes, comtrade?.data.trade, options);
}

/** A Comtrade file needs the dataset in use's indexes and the reference tables (the pane has them). */
function importComtrade(
  name: string,
  input: ComtradeInput,
  context: ComtradeImportContext | undefined
): Promise<ImportOutcome> {
  if (context === undefined)
    return Promise.resolve(
      refuse("comtrade", `${name} is a UN Comtrade file, which this import cannot read here.`, [])
    );
  return prepareComtradeImport(name, input, context);
}

/** A file chosen for import: its name (no folder) and bytes. */
export interface ImportFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Reads the files chosen (or dropped) together: a format 2 manifest with its Arrow parts, each part
 * found by the file name of its path; or a single file, read by prepareImport. Changes nothing.
 */
export async function prepareImportFiles(
  files: readonly ImportFile[],
  current: Dataset,
  comtrade?: ComtradeImportContext,
  options: ImportOptions = {}
): Promise<ImportOutcome> {
  const manifests = files.filter((f) => /\.json$/i.test(f.name) && manifestIn(f.bytes));
  if (manifests.length === 0) {
    if (files.length === 1)
      return prepareImport(
        files[0].name,
        files[0].bytes,
        current,
        MAX_DATASET_BYTES,
        comtrade,
        options
      );
    return refuse(
      null,
      `Choose one file, or a format 2 manifest together with its parts; nothing was imported.`,
      []
    );
  }
  if (manifests.length > 1) {
    return refuse(
      "manifest",
      `${manifests.map((f) => f.name).join(" and ")} are both manifests: import one at a time; nothing was imported.`,
      []
    );
  }
  const [manifestFile] = manifests;
  const others = files.filter((f) => f !== manifestFile);
  const value = parseDatasetText(decodeText(manifestFile.bytes)) as {
    parts?: { path?: unknown }[];
  };
  const paths = Array.isArray(value.parts)
    ? value.parts.map((p) => p?.path).filter((p): p is string => typeof p === "string")
    : [];
  const byName = new Map(others.map((f) => [f.name, f]));
  const fileName = (path: string) => path.slice(path.lastIndexOf("/") + 1);
  const unused = others.filter((f) => !paths.some((p) => fileName(p) === f.name));
  if (unused.length > 0) {
    return refuse(
      "manifest",
      `${unused.map((f) => f.name).join(", ")}: not a part ${manifestFile.name} lists; nothing was imported.`,
      []
    );
  }
  const bundle: ManifestBundle = {
    manifest: copyOf(manifestFile.bytes),
    parts: paths.flatMap((path) => {
      const file = byName.get(fileName(path));
      return file ? [{ path, bytes: copyOf(file.bytes) }] : [];
    }),
  };
  try {
    options.onPhase?.("validate");
    const data = await loadPayload(bundle, options.signal);
    const { dataset } = data;
    return {
      ok: true,
      kind: "manifest",
      summary: `${manifestFile.name} with ${bundle.parts.length} part${bundle.parts.length === 1 ? "" : "s"}: dataset ${dataset.version} (as of ${dataset.as_of}).`,
      data,
      payload: bundle,
    };
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    return refuse(
      "manifest",
      `${manifestFile.name} is not a valid dataset with the files chosen (choose the manifest and its parts together); nothing was imported.`,
      error.problems.map((message) => ({ row: null, field: null, message }))
    );
  }
}

/** Whether JSON bytes are a format 2 manifest (a file too large or not JSON is not one). */
function manifestIn(bytes: Uint8Array): boolean {
  if (bytes.byteLength > MAX_DATASET_BYTES) return false;
  const byHead = manifestByHead(bytes);
  if (byHead !== undefined) return byHead;
  try {
    return isManifest(JSON.parse(decodeText(bytes)));
  } catch {
    return false;
  }
}

/** The bytes in an ArrayBuffer of their own (what a stored copy keeps). */
function copyOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}

function refuse(
  kind: ImportKind | null,
  summary: string,
  problems: ImportProblem[]
): ImportOutcome {
  return { ok: false, kind, summary, problems };
}

function fromBuildError(error: BuildError): ImportProblem {
  return { row: error.row, field: error.field, message: error.problem };
}

/** A format 1 dataset file: its text, loaded where payloads are (the dataset worker). */
async function importJson(
  name: string,
  text: string,
  options: ImportOptions
): Promise<ImportOutcome> {
  options.onPhase?.("validate");
  try {
    const data = await loadPayload(text, options.signal);
    const { dataset } = data;
    return {
      ok: true,
      kind: "json",
      summary: `${name}: dataset ${dataset.version} (as of ${dataset.as_of}).`,
      data,
      payload: text,
    };
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    return refuseJson(name, error);
  }
}

function refuseJson(name: string, error: DatasetError): ImportOutcome {
  return refuse(
    "json",
    `${name} is not a valid dataset; nothing was imported.`,
    error.problems.map((message) => ({ row: null, field: null, message }))
  );
}

/** The layout whose columns the header has; when none, the closest one and what it lacks. */
function detectLayout(
  columns: string[]
):
  | { kind: "news"; layout: NewsLayout<unknown> }
  | { kind: "usgs" }
  | { kind: "unknown"; closest: string; missing: string[] } {
  const missing = (required: readonly string[]) => required.filter((c) => !columns.includes(c));
  if (missing(USGS_COMMODITY_COLUMNS).length === 0) return { kind: "usgs" };
  const complete = NEWS_LAYOUTS.filter((l) => missing(l.columns).length === 0);
  if (complete.length > 0) {
    // A header with the columns of two layouts is read as the larger one.
    complete.sort((a, b) => b.columns.length - a.columns.length);
    return { kind: "news", layout: complete[0] };
  }
  const candidates = [
    ...NEWS_LAYOUTS.map((l) => ({ file: l.file, columns: l.columns })),
    { file: USGS_FILE, columns: USGS_COMMODITY_COLUMNS },
  ].map((c) => ({ file: c.file, missing: missing(c.columns), size: c.columns.length }));
  candidates.sort(
    (a, b) =>
      a.size - a.missing.length - (b.size - b.missing.length) || a.missing.length - b.missing.length
  );
  const closest = candidates[candidates.length - 1];
  return { kind: "unknown", closest: closest.file, missing: closest.missing };
}

/** `trade`: the dataset in use's trade observations, when known (a format 2 dataset's are kept). */
async function importCsv(
  name: string,
  text: string,
  current: Dataset,
  maxBytes: number,
  trade: TradeColumns | undefined,
  options: ImportOptions
): Promise<ImportOutcome> {
  const table = readCsvTable(name, text);
  const found = detectLayout(table.columns);
  if (found.kind === "unknown") {
    const layouts = [...NEWS_LAYOUTS.map((l) => l.file), USGS_FILE].join(", ");
    return refuse(null, `${name} is not a CSV layout this add-in reads; nothing was imported.`, [
      {
        row: 1,
        field: null,
        message: `The header must have the columns of one of ${layouts}. Closest: ${found.closest}, which also needs ${found.missing.join(", ")}.`,
      },
    ]);
  }
  const kind: ImportKind = found.kind === "usgs" ? "usgs" : found.layout.section;
  const problems = table.problems.map(fromBuildError);
  const next: Dataset = structuredClone(current);
  let summary: string;
  let placed: PlacedRows;
  if (found.kind === "usgs") {
    const merged = mergeUsgs(table.rows, next, problems);
    placed = merged.placed;
    summary = `${name}: USGS data release, ${merged.rows} row${merged.rows === 1 ? "" : "s"} for ${merged.commodities.join(", ")}.`;
  } else {
    const merged = mergeNews(found.layout, table.rows, next, problems);
    placed = merged.placed;
    summary = `${name}: ${found.layout.file} layout, ${merged.added} row${merged.added === 1 ? "" : "s"} added, ${merged.replaced} replaced.`;
  }
  if (problems.length === 0 && table.rows.length === 0) {
    problems.push({ row: null, field: null, message: "The file has a header but no data rows." });
  }
  if (problems.length > 0) {
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const rows = new Set(problems.map((p) => p.row)).size;
    return refuse(
      kind,
      `${name}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${rows} row${rows === 1 ? "" : "s"}; nothing was imported.`,
      problems
    );
  }
  next.version = localVersion(current.version);
  next.hash = "";
  // The size of the result is what the limit is about: checked before the hash and the validation
  // (the slow steps), and said as it is (a CSV under the limit can make a dataset above it).
  const size = JSON.stringify(next).length;
  if (size > maxBytes) {
    return refuse(
      kind,
      `${name}: with these rows the dataset would be ${formatBytes(size)} of JSON, above the ${formatBytes(maxBytes)} limit of a dataset; nothing was imported.`,
      []
    );
  }
  options.onPhase?.("validate");
  try {
    if (trade !== undefined && (needsFormatTwo(trade) || next.superseded_trade !== undefined)) {
      // Official statistics (imports, values, years) have no format 1 form, nor news figures set
      // aside for an official one (format 1 has one table of figures): the tables change, the
      // trade observations stay as they are (exports.csv rows would have to be merged into them).
      if (kind === "exports")
        return refuse(
          kind,
          `${name}: the dataset in use holds official trade statistics (imports, values or annual figures), which rows of exports.csv cannot be merged into; nothing was imported.`,
          []
        );
      const { bundle, data } = await formatTwoBundle(next, trade);
      return { ok: true, kind, summary, data, payload: bundle };
    }
    next.hash = await datasetHash(next);
    const datasetText = JSON.stringify(next);
    return {
      ok: true,
      kind,
      summary,
      data: await loadPayload(datasetText, options.signal),
      payload: datasetText,
    };
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    return refuse(
      kind,
      `${name}: the dataset with these rows is not valid; nothing was imported.`,
      error.problems.map((message) => csvProblem(message, placed))
    );
  }
}

/** Where each imported CSV row went: `section/index` in the dataset → the row it was read from. */
type PlacedRows = Map<string, CsvRow>;

/** Dataset fields whose CSV column has another name (the USGS release's own headings). */
const USGS_COLUMN_OF_FIELD = new Map<string, string>([
  ["chapter", "MCS chapter"],
  ["section", "Section"],
  ["commodity", "Commodity"],
  ["country", "Country"],
  ["country_code", "Country"],
  ["statistic", "Statistics"],
  ["detail", "Statistics_detail"],
  ["unit", "Unit"],
  ["year", "Year"],
  ["value", "Value"],
  ["qualifier", "Value"],
  ["raw", "Value"],
  ["notes", "Notes"],
  ["critical", "Is critical mineral 2025"],
  ["other_notes", "Other notes"],
]);

/**
 * A validation problem of the merged dataset (`/exports/29/quantity: …`) said the way the analyst
 * sees the file: its CSV row and column. A problem in a row the file did not bring is named by its
 * table and entry, never by a JSON pointer.
 */
function csvProblem(message: string, placed: PlacedRows): ImportProblem {
  const m = /^\/(\w+)\/(\d+)(?:\/([^/:]+))?[^:]*: (.*)$/s.exec(message);
  if (m === null) return { row: null, field: null, message: message.replace(/^\/\S*: /, "") };
  const [, section, index, field, problem] = m;
  const row = placed.get(`${section}/${index}`);
  if (row === undefined) {
    return {
      row: null,
      field: null,
      message: `the dataset in use, ${section} entry ${Number(index) + 1}${field ? `, field '${field}'` : ""}: ${problem}`,
    };
  }
  const column =
    field === undefined
      ? null
      : section === "usgs"
        ? (USGS_COLUMN_OF_FIELD.get(field) ?? field)
        : field;
  return { row: row.row, field: column, message: problem };
}

/**
 * True when applying the import would change nothing: the same dataset (version and hash) for a JSON
 * file, the same figures and sources for a CSV whose rows are all already there.
 */
export function changesNothing(current: Dataset, imported: Dataset, kind: ImportKind): boolean {
  if (kind === "json" || kind === "manifest" || kind === "comtrade")
    return imported.version === current.version && imported.hash === current.hash;
  // Commodities are not figures the diff counts, but a USGS import may add some.
  return (
    diffDatasets(current, imported).identical &&
    JSON.stringify(current.commodities) === JSON.stringify(imported.commodities)
  );
}

/** Reads every row (collecting problems) and puts the good ones into `next`: same key replaces, else appends. */
function mergeNews(
  layout: NewsLayout<unknown>,
  rows: CsvRow[],
  next: Dataset,
  problems: ImportProblem[]
): { added: number; replaced: number; placed: PlacedRows } {
  const known: news.KnownIds = {
    sources: new Set(next.sources.map((s) => s.source_id)),
    commodities: new Set(next.commodities.map((c) => c.id)),
    countries: new Set(next.countries.map((c) => c.code)),
  };
  const read: { row: CsvRow; value: unknown }[] = [];
  for (const row of rows) {
    try {
      read.push({ row, value: layout.read(row, known) });
    } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      problems.push(fromBuildError(error));
    }
  }
  const first = new Map<string, CsvRow>();
  for (const { row, value } of read) {
    const key = layout.key(value);
    const earlier = first.get(key);
    if (earlier !== undefined) {
      problems.push({
        row: row.row,
        field: layout.section === "sources" ? "source_id" : null,
        message: `duplicate: row ${earlier.row} already gives ${layout.what}`,
      });
    } else first.set(key, row);
  }
  const list = next[layout.section] as unknown[];
  const position = new Map(list.map((value, i) => [layout.key(value), i]));
  let added = 0;
  let replaced = 0;
  const placed: PlacedRows = new Map();
  for (const { row, value } of read) {
    let at = position.get(layout.key(value));
    if (at === undefined) {
      at = list.length;
      position.set(layout.key(value), at);
      list.push(value);
      added++;
    } else {
      list[at] = value;
      replaced++;
    }
    placed.set(`${layout.section}/${at}`, row);
  }
  if (layout.section === "exports") {
    const touched = new Set(read.map(({ value }) => (value as { commodity: string }).commodity));
    for (const commodity of next.commodities) {
      if (!touched.has(commodity.id)) continue;
      const units = new Set(
        next.exports.filter((e) => e.commodity === commodity.id).map((e) => e.unit)
      );
      commodity.unit = units.size === 1 ? [...units][0] : null;
    }
  }
  return { added, replaced, placed };
}

/**
 * Reads a USGS commodities file the way the build does (commodity names the dataset lacks are added,
 * countries resolved by name) and replaces the dataset's USGS rows for the commodities in it. The rows
 * cite the dataset's USGS source.
 */
function mergeUsgs(
  rows: CsvRow[],
  next: Dataset,
  problems: ImportProblem[]
): { rows: number; commodities: string[]; placed: PlacedRows } {
  const sourceId = usgsSourceId(next);
  if (sourceId === null) {
    problems.push({
      row: null,
      field: null,
      message:
        "The dataset in use has no U.S. Geological Survey source for these rows to cite; refresh or revert first.",
    });
    return { rows: 0, commodities: [], placed: new Map() };
  }
  const commodityNames = () =>
    new NameIndex(next.commodities.map((c) => ({ id: c.id, names: [[c.id, c.name], c.aliases] })));
  let commodityIndex = commodityNames();
  const countryIndex = new NameIndex(
    next.countries.map((c) => ({
      id: c.code,
      names: [[c.code, ...(c.iso3 ? [c.iso3] : []), c.name], c.aliases],
    }))
  );
  const resolvers: UsgsResolvers = {
    commodity(name) {
      const known = commodityIndex.resolve(name);
      if (known !== undefined) return known;
      next.commodities.push({
        id: nameKey(name),
        name,
        aliases: [],
        customs_codes: [],
        unit: null,
      });
      commodityIndex = commodityNames();
      return nameKey(name);
    },
    country: (name) => countryIndex.resolve(name) ?? null,
  };
  const read: UsgsObservation[] = [];
  const readFrom: CsvRow[] = [];
  const first = new Map<string, CsvRow>();
  for (const row of rows) {
    try {
      const observation = readUsgsObservation(row, sourceId, resolvers);
      const key = TABLE_KEYS.usgs.key(observation);
      const earlier = first.get(key);
      if (earlier !== undefined) {
        problems.push({
          row: row.row,
          field: null,
          message: `duplicate: row ${earlier.row} already gives ${TABLE_KEYS.usgs.what(observation)}`,
        });
      } else first.set(key, row);
      read.push(observation);
      readFrom.push(row);
    } catch (error) {
      if (!(error instanceof BuildError)) throw error;
      problems.push(fromBuildError(error));
    }
  }
  const commodities = [...new Set(read.map((o) => o.commodity))];
  const covered = new Set(commodities);
  const kept = next.usgs.filter((o) => !covered.has(o.commodity));
  next.usgs = [...kept, ...read];
  const placed: PlacedRows = new Map(readFrom.map((row, i) => [`usgs/${kept.length + i}`, row]));
  return { rows: read.length, commodities, placed };
}

/** The source the dataset's USGS rows cite (the most used one), or a U.S. Geological Survey source. */
function usgsSourceId(dataset: Dataset): string | null {
  const counts = new Map<string, number>();
  for (const o of dataset.usgs) counts.set(o.source_id, (counts.get(o.source_id) ?? 0) + 1);
  const used = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (used !== undefined) return used;
  const publisher = dataset.sources.find((s) => /geological survey/i.test(s.publisher));
  return publisher?.source_id ?? null;
}
