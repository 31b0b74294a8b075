import { isMissing, resolveCommodity } from "./arguments";
import { eventDateCell } from "./control-dates";
import { oldestFirst, partnerCell } from "./control-events";
import { Source, WORLD } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { periodText } from "../dataset/series-index";
import { textAt } from "../dataset/trade-rows";
import { CellMatrix } from "../runtime/live";
import { describe, quoted } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { StoreSnapshot } from "../runtime/store";

/**
 * LIST and DATAVERSION: what the dataset in use holds, so analysts can discover arguments and
 * cite the data version.
 *
 * LIST's single-column lists (commodities, periods) have no header row, so they can feed data
 * validation or another formula directly; its multi-column tables (partners, forecasts,
 * indicators, sources, events) start with a header row naming their columns.
 */

export const LIST_KINDS = [
  "commodities",
  "partners",
  "periods",
  "forecasts",
  "indicators",
  "sources",
  "events",
] as const;
export type ListKind = (typeof LIST_KINDS)[number];

/** Other spellings of the kinds: singulars and "months". */
const LIST_ALIASES = new Map<string, ListKind>([
  ["commodity", "commodities"],
  ["partner", "partners"],
  ["period", "periods"],
  ["months", "periods"],
  ["month", "periods"],
  ["forecast", "forecasts"],
  ["indicator", "indicators"],
  ["source", "sources"],
  ["event", "events"],
]);

export const LIST_HEADERS: Record<Exclude<ListKind, "commodities" | "periods">, string[]> = {
  partners: ["Code", "Name"],
  forecasts: ["Commodity", "Variable", "Year", "Forecaster"],
  indicators: ["Commodity", "Indicator", "Period"],
  sources: ["Source ID", "Publisher", "Title", "Date"],
  events: ["Date", "Commodities", "Partner", "Action", "Until"],
};

/** Reads LIST's `what`: empty means commodities; case, spaces and singular forms do not matter. */
export function parseListKind(value: unknown): ListKind | QueryError {
  if (isMissing(value)) return "commodities";
  const options = LIST_KINDS.join(", ");
  if (typeof value !== "string")
    return invalid(`Cannot read ${describe(value)} as a list; use one of ${options}.`);
  const key = value.trim().toLowerCase().replace(/\s+/g, " ");
  if ((LIST_KINDS as readonly string[]).includes(key)) return key as ListKind;
  const alias = LIST_ALIASES.get(key);
  if (alias) return alias;
  return invalid(`Unknown list ${quoted(value)}; use one of ${options}.`);
}

// ---------------------------------------------------------------------------------------------
// Index, built once per dataset: each kind's rows, overall and by commodity.

interface Rows {
  all: CellMatrix;
  byCommodity: Map<string, CellMatrix>;
}

interface CatalogIndex {
  partners: Rows;
  periods: Rows;
  forecasts: Rows;
  indicators: Rows;
  sources: Rows;
  events: Rows;
}

const catalogs = new WeakMap<IndexedDataset, CatalogIndex>();

/** Collects distinct rows (by their text) overall and per commodity, in first-seen order. */
class RowCollector {
  private readonly all = new Map<string, (string | number)[]>();
  private readonly byCommodity = new Map<string, Map<string, (string | number)[]>>();

  add(commodities: readonly string[], row: (string | number)[]): void {
    const key = JSON.stringify(row);
    if (!this.all.has(key)) this.all.set(key, row);
    for (const commodity of commodities) {
      let rows = this.byCommodity.get(commodity);
      if (!rows) this.byCommodity.set(commodity, (rows = new Map()));
      if (!rows.has(key)) rows.set(key, row);
    }
  }

  rows(order: (rows: (string | number)[][]) => (string | number)[][] = (r) => r): Rows {
    return {
      all: order([...this.all.values()]),
      byCommodity: new Map(
        [...this.byCommodity].map(([commodity, rows]) => [commodity, order([...rows.values()])])
      ),
    };
  }
}

function catalog(data: IndexedDataset): CatalogIndex {
  const cached = catalogs.get(data);
  if (cached) return cached;
  const { dataset } = data;

  const partners = new RowCollector();
  const periods = new RowCollector();
  const sourceIds = new Map<string, Set<string>>();
  const cite = (commodities: readonly string[], sourceId: string) => {
    for (const commodity of commodities) {
      let set = sourceIds.get(commodity);
      if (!set) sourceIds.set(commodity, (set = new Set()));
      set.add(sourceId);
    }
  };
  // Trade figures from the series index (whatever format they came in), series by series in the
  // order their first rows come, so partners keep the order the data lists them in.
  const { series, trade } = data;
  for (let s = 0; s < series.size; s++) {
    const { commodity, partner } = series.ids(s);
    partners.add([commodity], [partner]);
    for (const period of series.periodNumbers(s)) periods.add([commodity], [periodText(period)]);
    for (const row of series.rows(s)) cite([commodity], textAt(trade.source_id, row) as string);
  }
  for (const o of dataset.reported_changes) cite([o.commodity], o.source_id);
  for (const o of dataset.usgs) cite([o.commodity], o.source_id);
  for (const o of dataset.usgs_tables) cite([o.commodity], o.source_id);

  const forecasts = new RowCollector();
  for (const f of dataset.forecasts) {
    forecasts.add([f.commodity], [f.commodity, f.variable, f.year, f.forecaster]);
    cite([f.commodity], f.source_id);
  }
  const indicators = new RowCollector();
  for (const i of dataset.indicators) {
    indicators.add([i.commodity], [i.commodity, i.indicator, i.period]);
    cite([i.commodity], i.source_id);
  }
  const events = new RowCollector();
  for (const e of oldestFirst(dataset.events)) {
    events.add(e.commodities, [
      eventDateCell(e),
      e.commodities.join(", "),
      partnerCell(data, e.partner),
      e.action,
      e.until ?? "",
    ]);
    cite(e.commodities, e.source_id);
  }

  const sourceRow = (s: Source) => [s.source_id, s.publisher, s.title, s.published];
  const sources: Rows = {
    all: dataset.sources.map(sourceRow),
    byCommodity: new Map(
      [...sourceIds].map(([commodity, ids]) => [
        commodity,
        // In the order of the dataset's source list; an id missing from it has nothing to show.
        dataset.sources.filter((s) => ids.has(s.source_id)).map(sourceRow),
      ])
    ),
  };

  const worldFirst = (rows: (string | number)[][]) => [
    ...rows.filter((r) => r[0] === WORLD),
    ...rows.filter((r) => r[0] !== WORLD),
  ];
  const withNames = (rows: (string | number)[][]) =>
    worldFirst(rows).map(([code]) => [code, data.countries.get(String(code))?.name ?? code]);
  // Rows are distinct, so no two compare equal.
  const sorted = (rows: (string | number)[][]) =>
    [...rows].sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));

  const index: CatalogIndex = {
    partners: partners.rows(withNames),
    periods: periods.rows(sorted),
    forecasts: forecasts.rows(),
    indicators: indicators.rows(),
    sources,
    events: events.rows(),
  };
  catalogs.set(data, index);
  return index;
}

// ---------------------------------------------------------------------------------------------
// LIST

export interface ListArguments {
  what?: unknown;
  commodity?: unknown;
}

const WHAT_NAMES: Record<Exclude<ListKind, "commodities">, [string, string]> = {
  // [what is missing, which commodities have it]
  partners: ["export partners", "export figures"],
  periods: ["export periods", "export figures"],
  forecasts: ["forecasts", "forecasts"],
  indicators: ["indicators", "indicators"],
  sources: ["sources cited", "sourced figures"],
  events: ["export-control events recorded", "export-control events"],
};

/**
 * LIST([what], [commodity]): commodities (ids), partners (code and name, World first, then in the
 * order the data first mentions them), periods (months with export figures, oldest first, as
 * `YYYY-MM` text), forecasts, indicators, sources, events; with a commodity, only its own.
 */
export function listTable(data: IndexedDataset, args: ListArguments): CellMatrix | QueryError {
  const what = parseListKind(args.what);
  if (isQueryError(what)) return what;
  const commodity = isMissing(args.commodity) ? undefined : resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;

  if (what === "commodities") {
    if (commodity !== undefined) return [[commodity]];
    if (data.dataset.commodities.length === 0)
      return notAvailable("No commodities in this dataset.");
    return data.dataset.commodities.map((c) => [c.id]);
  }

  const rows = catalog(data)[what];
  const [missing, having] = WHAT_NAMES[what];
  const found = commodity === undefined ? rows.all : rows.byCommodity.get(commodity);
  if (!found || found.length === 0) {
    if (commodity === undefined) return notAvailable(`No ${what} in this dataset.`);
    const withSome = data.dataset.commodities
      .map((c) => c.id)
      .filter((id) => (rows.byCommodity.get(id)?.length ?? 0) > 0);
    const others =
      withSome.length > 0 ? ` Commodities with ${having}: ${withSome.join(", ")}.` : "";
    return notAvailable(`No ${missing} for ${commodity}.${others}`);
  }
  const header = what === "periods" ? [] : [LIST_HEADERS[what]];
  return [...header, ...found.map((row) => [...row])];
}

// ---------------------------------------------------------------------------------------------
// DATAVERSION

export const DATAVERSION_FIELDS = [
  "version",
  "asof",
  "origin",
  "hash",
  "loaded",
  "name",
  "format",
] as const;
export type DataVersionField = (typeof DATAVERSION_FIELDS)[number];

const FIELD_ALIASES = new Map<string, DataVersionField>([
  ["formatversion", "format"],
  ["loadedat", "loaded"],
]);

/** Reads DATAVERSION's `field`: empty means version; case, spaces, `_` and `-` do not matter ("as_of"). */
export function parseDataVersionField(value: unknown): DataVersionField | QueryError {
  if (isMissing(value)) return "version";
  const options = DATAVERSION_FIELDS.join(", ");
  if (typeof value !== "string")
    return invalid(`Cannot read ${describe(value)} as a field; use one of ${options}.`);
  const key = value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");
  if ((DATAVERSION_FIELDS as readonly string[]).includes(key)) return key as DataVersionField;
  const alias = FIELD_ALIASES.get(key);
  if (alias) return alias;
  return invalid(`Unknown field ${quoted(value)}; use one of ${options}.`);
}

export interface DataVersionArguments {
  field?: unknown;
}

/**
 * DATAVERSION([field]) of the dataset in use: `version` (default), `asof`, `origin` ("bundled",
 * the feed URL, or "file: <name>"), `hash`, `loaded` (ISO 8601 UTC), `name`, `format` (the format
 * version, a number). Computed from the store snapshot, so it changes when the dataset does.
 */
export function dataVersion(
  snapshot: StoreSnapshot,
  args: DataVersionArguments
): string | number | QueryError {
  const field = parseDataVersionField(args.field);
  if (isQueryError(field)) return field;
  const { dataset } = snapshot.data;
  const stated = (value: string, what: string) =>
    value === "" ? notAvailable(`This dataset states no ${what}.`) : value;
  switch (field) {
    case "version":
      return stated(dataset.version, "version");
    case "asof":
      return stated(dataset.as_of, "as-of date");
    case "name":
      return stated(dataset.name, "name");
    case "hash":
      return stated(dataset.hash, "hash");
    case "format":
      return dataset.format_version;
    case "origin": {
      const origin = snapshot.origin;
      if (origin.kind === "bundled") return "bundled";
      if (origin.kind === "feed") return origin.url;
      return `file: ${origin.name}`;
    }
    case "loaded": {
      const time = snapshot.loadedAt;
      if (!(time instanceof Date) || Number.isNaN(time.getTime()))
        return notAvailable("The time this dataset was loaded is not known.");
      return time.toISOString();
    }
  }
}
