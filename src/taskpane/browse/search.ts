import { ControlEvent, UsgsObservation, WORLD } from "../../core/dataset/dataset";
import { IndexedDataset } from "../../core/dataset/indexed";
import { nameKey } from "../../core/queries/names";
import { convert, parseUnit } from "../../core/queries/units";
import { timelineEvents } from "./timeline";

/**
 * The browse catalogue: every series the dataset holds (China's exports by commodity and partner,
 * indicators, forecasts, USGS production and reserves), and every commodity's export-control
 * timeline, built once per dataset. Search resolves names with the dataset's own NameIndex, so a
 * name the formulas accept finds the same commodity or country here; word prefixes find the rest
 * ("magn", "quota", "lithium carbonate").
 *
 * Pure: no DOM, no Office. Dataset text is kept as data; the views render it as text.
 */

export type SeriesKind = "export" | "indicator" | "forecast" | "production" | "reserves";

/** One reported figure of a series. */
export interface Figure {
  /** `YYYY-MM`, `YYYY` or `YYYY-MM-DD`, as the source reports it. */
  period: string;
  /** The figure as reported: a number, a word (qualitative forecasts), or null (USGS W / NA). */
  value: number | string | null;
  /** The unit the source reported it in ("" when none). */
  unit: string;
  /** The value in the series' chart unit; null when it is not a number. */
  plot: number | null;
  /** What qualifies it: USGS code or bound, "approximate", "rounded", "estimated"; null if nothing. */
  qualifier: string | null;
  /** The figure as printed when the source printed something other than a plain number (USGS). */
  printed: string | null;
  sourceId: string;
  note: string | null;
}

interface EntryBase {
  /** Stable across datasets for the same series: used to reopen it after a refresh. */
  id: string;
  commodity: string;
  commodityName: string;
  /** "Rare-earth permanent magnets → United States". */
  title: string;
  /** What kind of figures: "China's exports", "USGS mine production", "Forecast by Bernstein". */
  kindLabel: string;
  /** Lower-case words (name keys) that prefix search matches. */
  words: string[];
}

export interface SeriesEntry extends EntryBase {
  kind: SeriesKind;
  /** The unit of `plot` values: the first figure's unit (as SERIES does), or null when there is none. */
  unit: string | null;
  /** Oldest first. */
  figures: Figure[];
  /** Country codes the series is about (partner, region or USGS country), for exact country search. */
  countries: string[];
  /** What the formulas need to name the series. */
  args: SeriesArgs;
}

export type SeriesArgs =
  | { kind: "export"; partner: string; reporter: string }
  | { kind: "indicator"; indicator: string; region: string }
  | { kind: "forecast"; variable: string; forecaster: string; region: string; scenario: string }
  | { kind: "production" | "reserves"; country: string; statistic: string };

export interface TimelineEntry extends EntryBase {
  kind: "controls";
  events: ControlEvent[];
}

export type BrowseEntry = SeriesEntry | TimelineEntry;

export interface Catalogue {
  readonly entries: readonly BrowseEntry[];
  readonly byId: ReadonlyMap<string, BrowseEntry>;
}

const KIND_ORDER: Record<BrowseEntry["kind"], number> = {
  export: 0,
  controls: 1,
  indicator: 2,
  forecast: 3,
  production: 4,
  reserves: 5,
};

const catalogues = new WeakMap<IndexedDataset, Catalogue>();

/** The catalogue of a dataset, built on first use and kept while the dataset is. */
export function catalogueOf(data: IndexedDataset): Catalogue {
  let catalogue = catalogues.get(data);
  if (!catalogue) {
    catalogue = buildCatalogue(data);
    catalogues.set(data, catalogue);
  }
  return catalogue;
}

function words(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    const key = nameKey(text);
    for (const word of key.split(" ")) {
      if (word === "") continue;
      out.add(word);
      if (word.includes(".")) out.add(word.replace(/\./g, ""));
    }
  }
  return [...out];
}

/** A country's display name; regions by their dataset name ("World"). */
export function countryName(data: IndexedDataset, code: string): string {
  return data.countries.get(code)?.name ?? code;
}

function countryWords(data: IndexedDataset, code: string): string[] {
  const country = data.countries.get(code);
  if (!country) return words(code);
  return words(country.code, country.iso3, country.name, ...country.aliases);
}

function commodityWords(data: IndexedDataset, id: string): string[] {
  const c = data.commodities.get(id);
  if (!c) return words(id);
  return words(c.id, c.name, ...c.aliases, ...c.customs_codes);
}

function commodityName(data: IndexedDataset, id: string): string {
  return data.commodities.get(id)?.name ?? id;
}

/** Four-digit year a USGS Year cell states ("2025", "2025_estimated"), or undefined. */
function usgsYear(row: UsgsObservation): string | undefined {
  return row.year.match(/^\s*(\d{4})/)?.[1];
}

function unrounded(text: string): string {
  return text.replace(/:\s*rounded\s*$/i, "").trim();
}

const USGS_MEANINGS: Record<string, string> = {
  W: "withheld",
  NA: "not available",
  "—": "zero",
  ">": "more than",
  "<": "less than",
  ">=": "at least",
  "<=": "at most",
  E: "net exporter",
  XX: "not applicable",
};

function usgsQualifier(row: UsgsObservation): string | null {
  const parts: string[] = [];
  if (row.qualifier) {
    const meaning = USGS_MEANINGS[row.qualifier];
    parts.push(meaning ? `${row.qualifier} (${meaning})` : row.qualifier);
  }
  if (/:\s*rounded\s*$/i.test(row.detail)) parts.push("rounded");
  if (row.notes && /^\s*estimated/i.test(row.notes)) parts.push("estimated");
  return parts.length > 0 ? parts.join("; ") : null;
}

/** Orders periods of mixed precision by when they end: 2025-09 before 2025 before 2026-01. */
export function periodEndKey(period: string): string {
  if (/^\d{4}$/.test(period)) return `${period}-12-99`;
  if (/^\d{4}-\d{2}$/.test(period)) return `${period}-99`;
  return period;
}

function byPeriod(a: Figure, b: Figure): number {
  const [x, y] = [periodEndKey(a.period), periodEndKey(b.period)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function group<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** Each figure's value in the first figure's unit, as SERIES converts; other units stay unconverted. */
function withPlotValues(figures: Figure[]): { unit: string | null; figures: Figure[] } {
  const first = figures.find((f) => typeof f.value === "number");
  const unit = first ? first.unit || null : (figures[0]?.unit ?? null) || null;
  const target = unit ? parseUnit(unit) : undefined;
  return {
    unit,
    figures: figures.map((f) => {
      if (typeof f.value !== "number") return { ...f, plot: null };
      if (f.unit === unit) return { ...f, plot: f.value };
      const from = parseUnit(f.unit);
      // A figure in a unit the chart cannot convert (or too large once converted) is listed in
      // the table but not plotted.
      const plot = from && target ? convert(f.value, from, target) : null;
      return { ...f, plot: plot !== null && Number.isFinite(plot) ? plot : null };
    }),
  };
}

function buildCatalogue(data: IndexedDataset): Catalogue {
  const { dataset } = data;
  const entries: BrowseEntry[] = [];

  // China's (each reporter's) exports: one series per commodity, reporter and partner.
  for (const [, rows] of group(
    dataset.exports,
    (o) => `${o.commodity}|${o.reporter}|${o.partner}`
  )) {
    const { commodity, reporter, partner } = rows[0];
    const figures = rows
      .map<Figure>((o) => ({
        period: o.period,
        value: o.quantity,
        unit: o.unit,
        plot: null,
        qualifier: null,
        printed: null,
        sourceId: o.source_id,
        note: o.note,
      }))
      .sort(byPeriod);
    const plotted = withPlotValues(figures);
    const from = countryName(data, reporter);
    entries.push({
      kind: "export",
      id: `export|${commodity}|${reporter}|${partner}`,
      commodity,
      commodityName: commodityName(data, commodity),
      title: `${commodityName(data, commodity)} → ${countryName(data, partner)}`,
      kindLabel: reporter === "CN" ? "China's exports" : `Exports from ${from}`,
      words: [...commodityWords(data, commodity), ...countryWords(data, partner), "exports"],
      countries: [partner],
      args: { kind: "export", partner, reporter },
      ...plotted,
    });
  }

  // Export-control timelines, one per commodity with events.
  const eventCommodities = new Set(dataset.events.flatMap((e) => e.commodities));
  for (const commodity of eventCommodities) {
    const events = timelineEvents(dataset.events, commodity);
    entries.push({
      kind: "controls",
      id: `controls|${commodity}`,
      commodity,
      commodityName: commodityName(data, commodity),
      title: `${commodityName(data, commodity)}: export controls`,
      kindLabel: "Export-control events",
      words: [
        ...commodityWords(data, commodity),
        "export",
        "controls",
        "events",
        "timeline",
        ...words(...events.map((e) => e.action)),
      ],
      events,
    });
  }

  for (const [, rows] of group(
    dataset.indicators,
    (o) => `${o.commodity}|${o.indicator}|${o.region}`
  )) {
    const { commodity, indicator, region } = rows[0];
    const figures = rows
      .map<Figure>((o) => ({
        period: o.period,
        value: o.value,
        unit: o.unit,
        plot: null,
        qualifier: o.approximate ? "approximate" : null,
        printed: null,
        sourceId: o.source_id,
        note: o.note,
      }))
      .sort(byPeriod);
    const regionText = region === WORLD ? "" : ` (${countryName(data, region)})`;
    entries.push({
      kind: "indicator",
      id: `indicator|${commodity}|${indicator}|${region}`,
      commodity,
      commodityName: commodityName(data, commodity),
      title: `${commodityName(data, commodity)}: ${indicator}${regionText}`,
      kindLabel: "Indicator",
      words: [
        ...commodityWords(data, commodity),
        ...words(indicator),
        ...countryWords(data, region),
        "indicator",
      ],
      countries: [region],
      args: { kind: "indicator", indicator, region },
      ...withPlotValues(figures),
    });
  }

  for (const [, rows] of group(
    dataset.forecasts,
    (o) => `${o.commodity}|${o.variable}|${o.region}|${o.forecaster}|${o.scenario}`
  )) {
    const { commodity, variable, region, forecaster, scenario } = rows[0];
    // One figure per year: the most recently published forecast for it (as FORECAST picks).
    const byYear = new Map<number, (typeof rows)[number]>();
    for (const f of rows) {
      const seen = byYear.get(f.year);
      if (!seen || f.published > seen.published) byYear.set(f.year, f);
    }
    const figures = [...byYear.values()]
      .map<Figure>((f) => ({
        period: String(f.year),
        value: f.value,
        unit: f.unit ?? "",
        plot: null,
        qualifier: `forecast published ${f.published}`,
        printed: null,
        sourceId: f.source_id,
        note: f.note,
      }))
      .sort(byPeriod);
    const scenarioText = nameKey(scenario) === "base" ? "" : `, ${scenario} scenario`;
    entries.push({
      kind: "forecast",
      id: `forecast|${commodity}|${variable}|${region}|${forecaster}|${scenario}`,
      commodity,
      commodityName: commodityName(data, commodity),
      title: `${commodityName(data, commodity)}: ${variable}`,
      kindLabel: `Forecast by ${forecaster}${scenarioText}`,
      words: [
        ...commodityWords(data, commodity),
        ...words(variable, forecaster, scenario),
        ...countryWords(data, region),
        "forecast",
        "forecasts",
      ],
      countries: [region],
      args: { kind: "forecast", variable, forecaster, region, scenario },
      ...withPlotValues(figures),
    });
  }

  // USGS: one series per commodity, statistic (World totals' "…: rounded" rows included) and country.
  const usgsRows = dataset.usgs.filter((row) => usgsYear(row) !== undefined);
  for (const [, rows] of group(
    usgsRows,
    (o) =>
      `${o.commodity}|${nameKey(unrounded(o.detail || o.statistic))}|${o.country_code ?? `name:${o.country.trim().toLowerCase()}`}`
  )) {
    const first = rows[0];
    const statistic = unrounded(first.detail || first.statistic);
    const reserves = nameKey(first.statistic) === "reserves";
    const kind = reserves ? "reserves" : "production";
    const code = first.country_code;
    const figures: Figure[] = [];
    const years = new Set<string>();
    for (const row of rows) {
      const year = usgsYear(row) as string;
      // One figure a year, the first row as the functions read it.
      if (years.has(year)) continue;
      years.add(year);
      figures.push({
        period: year,
        value: row.value,
        unit: row.unit,
        plot: null,
        qualifier: usgsQualifier(row),
        printed: row.qualifier ? row.raw : null,
        sourceId: row.source_id,
        note: [row.notes, row.other_notes].filter(Boolean).join(" ") || null,
      });
    }
    figures.sort(byPeriod);
    const place = code ? countryName(data, code) : first.country.trim();
    entries.push({
      kind,
      id: `${kind}|${first.commodity}|${nameKey(statistic)}|${code ?? first.country.trim()}`,
      commodity: first.commodity,
      commodityName: commodityName(data, first.commodity),
      title: `${commodityName(data, first.commodity)}: ${statistic.toLowerCase()}, ${place}`,
      kindLabel: `USGS ${statistic.toLowerCase()}`,
      words: [
        ...commodityWords(data, first.commodity),
        ...words(statistic, first.statistic, first.country),
        ...(code ? countryWords(data, code) : []),
        "usgs",
        kind,
      ],
      countries: code ? [code] : [],
      args: { kind, country: code ?? first.country.trim(), statistic },
      ...withPlotValues(figures),
    });
  }

  entries.sort(compareEntries(data));
  return { entries, byId: new Map(entries.map((e) => [e.id, e])) };
}

/** Kind, then commodity in dataset order, then World first, then title. */
function compareEntries(data: IndexedDataset): (a: BrowseEntry, b: BrowseEntry) => number {
  const commodityOrder = new Map(data.dataset.commodities.map((c, i) => [c.id, i]));
  const rank = (e: BrowseEntry) => commodityOrder.get(e.commodity) ?? Number.MAX_SAFE_INTEGER;
  const world = (e: BrowseEntry) => (e.kind !== "controls" && e.countries[0] === WORLD ? 0 : 1);
  return (a, b) =>
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    rank(a) - rank(b) ||
    world(a) - world(b) ||
    (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Search

export interface SearchOutcome {
  /** Best first. */
  entries: BrowseEntry[];
  /** What the query resolved to exactly, as the formulas would read it. */
  commodity?: string;
  country?: string;
}

/**
 * Exact resolution of a whole query, or else of "commodity country" / "country commodity" in it
 * (`pair`), by the same name indexes the formulas use.
 */
function resolveQuery(
  data: IndexedDataset,
  key: string
): { commodity?: string; country?: string; pair: boolean } {
  const commodity = data.commodityNames.resolve(key);
  const country = data.countryNames.resolve(key);
  if (commodity !== undefined || country !== undefined) return { commodity, country, pair: false };
  const parts = key.split(" ");
  for (let i = 1; i < parts.length; i++) {
    const left = parts.slice(0, i).join(" ");
    const right = parts.slice(i).join(" ");
    const c1 = data.commodityNames.resolve(left);
    const p1 = data.countryNames.resolve(right);
    if (c1 !== undefined && p1 !== undefined) return { commodity: c1, country: p1, pair: true };
    const p2 = data.countryNames.resolve(left);
    const c2 = data.commodityNames.resolve(right);
    if (c2 !== undefined && p2 !== undefined) return { commodity: c2, country: p2, pair: true };
  }
  return { pair: false };
}

/** Query words this short match whole words only ("us" is not the start of "usgs"). */
const MIN_PREFIX = 3;

function prefixMatch(entry: BrowseEntry, queryWords: string[]): boolean {
  return queryWords.every((q) =>
    entry.words.some((w) => (q.length < MIN_PREFIX ? w === q : w.startsWith(q)))
  );
}

/**
 * Series matching a query, best first:
 * 0. a commodity and a country both named ("magnets US"): the series about both;
 * 1. a commodity or a country named exactly as the formulas accept it ("rare earth magnets",
 *    "8505.11", "USA"): every series of it (and with a pair, the commodity's control timeline);
 * 2. every word of the query beginning a word of the series ("magn", "quota", "lithium carbonate");
 *    a word of one or two letters must be a whole word.
 * Within a rank, catalogue order (exports, controls, indicators, forecasts, USGS).
 */
export function search(data: IndexedDataset, query: string): SearchOutcome {
  const key = nameKey(query);
  if (key === "") return { entries: [] };
  const { entries } = catalogueOf(data);
  const { commodity, country, pair } = resolveQuery(data, key);
  const queryWords = key.split(" ");

  const ranked: [number, BrowseEntry][] = [];
  for (const entry of entries) {
    const commodityHit = commodity !== undefined && entry.commodity === commodity;
    const countryHit =
      country !== undefined && entry.kind !== "controls" && entry.countries.includes(country);
    let rank: number | undefined;
    if (pair) {
      if (commodityHit && countryHit) rank = 0;
      else if (commodityHit && entry.kind === "controls") rank = 1;
    } else if (commodityHit || countryHit) {
      rank = 1;
    }
    if (rank === undefined && prefixMatch(entry, queryWords)) rank = 2;
    if (rank !== undefined) ranked.push([rank, entry]);
  }
  // Array.prototype.sort is stable: within a rank, the catalogue's order.
  ranked.sort((a, b) => a[0] - b[0]);
  return { entries: ranked.map(([, e]) => e), commodity, country };
}

// ---------------------------------------------------------------------------------------------
// Latest figure, for result lists

/** The most recent figure of a series (the last one, oldest-first order). */
export function latestFigure(entry: SeriesEntry): Figure | undefined {
  return entry.figures[entry.figures.length - 1];
}
