import { ControlEvent, Flow, FLOWS, WORLD } from "../../core/dataset/dataset";
import { countryName } from "../../core/queries/arguments";
import { IndexedDataset } from "../../core/dataset/indexed";
import { Measure } from "../../core/dataset/series-index";
import { findExport } from "../../core/queries/exports";
import { findCitedForecast } from "../../core/queries/forecasts";
import { findIndicator } from "../../core/queries/indicators";
import { nameKey } from "../../core/queries/names";
import { byPeriodEnd, parsePeriod } from "../../core/queries/period";
import { isQueryError, QueryError } from "../../core/queries/query-error";
import { DEFAULT_REPORTER, reportedPeriods, SeriesRef } from "../../core/queries/levels";
import { CitedFigure, exportCitation } from "../../core/queries/source";
import { tradeSeries } from "../../core/queries/trade-catalog";
import { resolveFlow, resolveMeasure } from "../../core/queries/trade-arguments";
import { convert, parseUnit } from "../../core/queries/units";
import { findProduction, findReserves } from "../../core/queries/usgs";
import { timelineEvents } from "./timeline";

/**
 * The browse catalogue: every series the dataset holds (trade series of any reporter, flow and
 * measure, as the core's series index lists them; indicators, forecasts, USGS production and
 * reserves), and every commodity's export-control timeline, built once per dataset. Search
 * resolves names with the dataset's own NameIndex, so a name the formulas accept finds the same
 * commodity or country here; word prefixes find the rest ("magn", "quota", "lithium carbonate").
 *
 * Pure: no DOM, no Office. Dataset text is kept as data; the views render it as text.
 */

export type SeriesKind = "trade" | "indicator" | "forecast" | "production" | "reserves";

/**
 * One figure of a series, exactly as its formula returns it: the value, qualifier, note and source
 * come from the core query the formula calls (Browse holds no rules of its own).
 */
export interface Figure {
  /** `YYYY-MM`, `YYYY` or `YYYY-MM-DD`, as the source reports it. */
  period: string;
  /** The formula's value: a number, a word (qualitative forecasts), or null when it is #N/A (USGS W / NA). */
  value: number | string | null;
  /** The unit as the formulas write it ("t", "kg"; "" when none). */
  unit: string;
  /** The value in the series' chart unit; null when it is not a number. */
  plot: number | null;
  /** The citation's qualifier, as `field` "qualifier" gives it: a USGS code, "approximate", "estimated"… */
  qualifier: string | null;
  /** What the source printed instead of, or with, the number (a USGS code or bound), if anything. */
  code: string | null;
  /** Whether the source marks the figure as an estimate. */
  estimated: boolean;
  /** Why the formula gives no number (its #N/A message), or null. */
  missing: string | null;
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
  /** What kind of figures: "China's exports", "Japan's imports, value (USD)", "USGS mine production". */
  kindLabel: string;
  /** Lower-case words (name keys) that prefix search matches. */
  words: string[];
}

export interface SeriesEntry extends EntryBase {
  kind: SeriesKind;
  /** The unit of `plot` values: the first figure's unit (as SERIES does), or null when there is none. */
  unit: string | null;
  /** Oldest first. (A trade series works them out when first read: a dataset may hold many.) */
  figures: Figure[];
  /** Country codes the series is about (partner then reporter, region or USGS country), for search. */
  countries: string[];
  /** What the formulas need to name the series. */
  args: SeriesArgs;
}

export type SeriesArgs =
  | { kind: "trade"; partner: string; reporter: string; flow: Flow; measure: Measure }
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
  trade: 0,
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
function usgsYear(text: string): string | undefined {
  return text.match(/^\s*(\d{4})/)?.[1];
}

function unrounded(text: string): string {
  return text.replace(/:\s*rounded\s*$/i, "").trim();
}

/** A unit as the formulas write it: "metric tons" is "t", "kilograms" "kg"; other units as given. */
export function unitSymbol(unit: string | null | undefined): string {
  if (!unit) return "";
  return parseUnit(unit)?.symbol ?? unit;
}

/** A figure from what a core query found for one period. */
function figureFrom(
  period: string,
  unit: string,
  found: CitedFigure<number | string> | QueryError
): Figure {
  if (isQueryError(found)) {
    return {
      period,
      value: null,
      unit: unitSymbol(unit),
      plot: null,
      qualifier: null,
      code: null,
      estimated: false,
      missing: found.message,
      sourceId: "",
      note: null,
    };
  }
  const citation = isQueryError(found.citation) ? undefined : found.citation;
  const qualifier = citation?.qualifier ?? null;
  return {
    period,
    value: isQueryError(found.value) ? null : found.value,
    unit: unitSymbol(unit),
    plot: null,
    qualifier,
    code: found.code ?? null,
    estimated: /\bestimated?\b/i.test(qualifier ?? ""),
    missing: isQueryError(found.value) ? found.value.message : null,
    sourceId: citation?.source.source_id ?? "",
    note: citation?.note ?? null,
  };
}

/** The periods of some rows, each once, in the order they end. */
function periodsOf<T>(rows: readonly T[], period: (row: T) => string | undefined): string[] {
  const set = new Set<string>();
  for (const row of rows) {
    const p = period(row);
    if (p !== undefined) set.add(p);
  }
  return [...set].sort(byPeriodEnd);
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

/**
 * A series entry whose unit and figures are worked out when first read: search and the catalogue
 * need only names, and a dataset may hold many series.
 */
function withFigures(
  entry: Omit<SeriesEntry, "unit" | "figures">,
  make: () => Figure[]
): SeriesEntry {
  let made: { unit: string | null; figures: Figure[] } | undefined;
  const read = () => (made ??= withPlotValues(make()));
  return Object.defineProperties(entry, {
    unit: { get: () => read().unit, enumerable: true },
    figures: { get: () => read().figures, enumerable: true },
  }) as SeriesEntry;
}

/** How a flow is named in labels and searched for. */
const FLOW_WORDS: Record<Flow, string> = {
  export: "exports",
  import: "imports",
  "re-export": "re-exports",
  "re-import": "re-imports",
};

/** "China's", "United States'". */
function possessive(name: string): string {
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}

/** The id of a trade series and measure; China's export quantities keep their first form. */
function tradeEntryId(ref: SeriesRef): string {
  const base = `${ref.flow}|${ref.commodity}|${ref.reporter}|${ref.partner}`;
  return ref.measure === "quantity" ? base : `${base}|${ref.measure}`;
}

/**
 * A trade figure exactly as the formula returns it (EXPORT, IMPORT, or SERIES with its flow): value,
 * unit ("USD" for a value) and citation from the core's findExport.
 */
function tradeFigure(data: IndexedDataset, ref: SeriesRef, period: string): Figure {
  const { commodity, partner, reporter, measure, flow } = ref;
  const found = findExport(data, { commodity, partner, period, reporter, measure, flow }, flow);
  if (isQueryError(found)) return figureFrom(period, "", found);
  const citation = exportCitation(data, found);
  return figureFrom(period, found.unit, {
    value: found.value,
    citation: isQueryError(citation)
      ? citation
      : { source: citation.sources[0], note: citation.note, qualifier: citation.qualifier },
  });
}

/**
 * One entry per trade series and measure the core's series index lists (any reporter, partner and
 * flow; quantity and value). Figures are worked out when first read: search and the catalogue need
 * only names, and a large dataset holds many series.
 */
function tradeEntries(data: IndexedDataset): SeriesEntry[] {
  const entries: SeriesEntry[] = [];
  const wordsOf = new Map<string, string[]>();
  const cached = (key: string, make: () => string[]) => {
    let list = wordsOf.get(key);
    if (!list) wordsOf.set(key, (list = make()));
    return list;
  };
  for (const series of tradeSeries(data)) {
    const { commodity, reporter, partner, flow } = series;
    const name = commodityName(data, commodity);
    const arrow = flow === "export" || flow === "re-export" ? "→" : "←";
    const common = [
      ...cached(`c|${commodity}`, () => commodityWords(data, commodity)),
      ...cached(`p|${partner}`, () => countryWords(data, partner)),
      ...cached(`p|${reporter}`, () => countryWords(data, reporter)),
      ...words(FLOW_WORDS[flow], "trade"),
    ];
    for (const measure of series.measures) {
      const ref: SeriesRef = { commodity, reporter, partner, flow, measure };
      entries.push(
        withFigures(
          {
            kind: "trade",
            id: tradeEntryId(ref),
            commodity,
            commodityName: name,
            title: `${name} ${arrow} ${countryName(data, partner)}`,
            kindLabel: `${possessive(countryName(data, reporter))} ${FLOW_WORDS[flow]}${measure === "value" ? ", value (USD)" : ""}`,
            words: [...common, ...(measure === "value" ? ["value", "usd"] : ["quantity"])],
            countries: [partner, reporter],
            args: { kind: "trade", partner, reporter, flow, measure },
          },
          () => reportedPeriods(data, ref).map((period) => tradeFigure(data, ref, period))
        )
      );
    }
  }
  return entries;
}

function buildCatalogue(data: IndexedDataset): Catalogue {
  const entries: BrowseEntry[] = [...tradeEntries(data), ...otherEntries(data)];
  entries.sort(compareEntries(data));
  return { entries, byId: new Map(entries.map((e) => [e.id, e])) };
}

/** The entries of the small tables: export controls, indicators, forecasts, USGS figures. */
function otherEntries(data: IndexedDataset): BrowseEntry[] {
  const { dataset } = data;
  const entries: BrowseEntry[] = [];

  // Export-control timelines, one per commodity with events, in the order CONTROLS reads them.
  const eventCommodities = new Set(dataset.events.flatMap((e) => e.commodities));
  for (const commodity of eventCommodities) {
    const events = timelineEvents(data, commodity);
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
    const figures = () =>
      periodsOf(rows, (o) => o.period).map((period) =>
        figureFrom(
          period,
          rows.find((o) => o.period === period)?.unit ?? "",
          findIndicator(data, { commodity, indicator, period })
        )
      );
    const regionText = region === WORLD ? "" : ` (${countryName(data, region)})`;
    entries.push(
      withFigures(
        {
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
        },
        figures
      )
    );
  }

  for (const [, rows] of group(
    dataset.forecasts,
    (o) => `${o.commodity}|${o.variable}|${o.region}|${o.forecaster}|${o.scenario}`
  )) {
    const { commodity, variable, region, forecaster, scenario } = rows[0];
    // Per year, the forecast FORECAST picks for this forecaster and variable.
    const figures = () =>
      periodsOf(rows, (f) => String(f.year)).map((year) =>
        figureFrom(
          year,
          rows.find((f) => String(f.year) === year)?.unit ?? "",
          findCitedForecast(data, { commodity, year: Number(year), variable, forecaster })
        )
      );
    const scenarioText = nameKey(scenario) === "base" ? "" : `, ${scenario} scenario`;
    entries.push(
      withFigures(
        {
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
        },
        figures
      )
    );
  }

  // USGS: one series per commodity, statistic and country; figures from PRODUCTION and RESERVES.
  const usgsRows = dataset.usgs.filter((row) => usgsYear(row.year) !== undefined);
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
    const country = code === WORLD ? "World" : (code ?? first.country.trim());
    const figures = () =>
      periodsOf(rows, (o) => usgsYear(o.year)).map((year) =>
        figureFrom(
          year,
          first.unit,
          reserves
            ? findReserves(data, { commodity: first.commodity, country, year: Number(year) })
            : findProduction(data, {
                commodity: first.commodity,
                country,
                year: Number(year),
                statistic,
              })
        )
      );
    const place = code ? countryName(data, code) : first.country.trim();
    entries.push(
      withFigures(
        {
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
        },
        figures
      )
    );
  }

  return entries;
}

/**
 * Kind, then commodity in dataset order; trade series by flow, reporter (China first) and measure
 * (quantity first); then World first, then title.
 */
function compareEntries(data: IndexedDataset): (a: BrowseEntry, b: BrowseEntry) => number {
  const commodityOrder = new Map(data.dataset.commodities.map((c, i) => [c.id, i]));
  const rank = (e: BrowseEntry) => commodityOrder.get(e.commodity) ?? Number.MAX_SAFE_INTEGER;
  const world = (e: BrowseEntry) => (e.kind !== "controls" && e.countries[0] === WORLD ? 0 : 1);
  const trade = (e: BrowseEntry) => (e.kind === "trade" && e.args.kind === "trade" ? e.args : null);
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const reporter = (code: string) => (code === DEFAULT_REPORTER ? "" : code);
  return (a, b) => {
    const order = KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || rank(a) - rank(b);
    if (order !== 0) return order;
    const x = trade(a);
    const y = trade(b);
    return (
      (x && y
        ? FLOWS.indexOf(x.flow) - FLOWS.indexOf(y.flow) ||
          text(reporter(x.reporter), reporter(y.reporter)) ||
          world(a) - world(b) ||
          text(a.title, b.title) ||
          text(x.measure, y.measure)
        : 0) ||
      world(a) - world(b) ||
      text(a.title, b.title)
    );
  };
}

// ---------------------------------------------------------------------------------------------
// Search

/** What a phrase's words narrow trade series to ("Japan imports magnets", "magnets value"). */
export interface TradeNarrowing {
  flow?: Flow;
  measure?: Measure;
}

export interface SearchOutcome {
  /** Best first. */
  entries: BrowseEntry[];
  /** What the query resolved to exactly, as the formulas would read it. */
  commodity?: string;
  country?: string;
}

/**
 * Whether an entry is of the flow and measure a phrase named: with either named, trade series of
 * them only; with neither, any entry.
 */
function narrows(entry: BrowseEntry, narrow: TradeNarrowing): boolean {
  if (narrow.flow === undefined && narrow.measure === undefined) return true;
  if (entry.kind !== "trade" || entry.args.kind !== "trade") return false;
  return (
    (narrow.flow === undefined || entry.args.flow === narrow.flow) &&
    (narrow.measure === undefined || entry.args.measure === narrow.measure)
  );
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
 * Within a rank, catalogue order (trade, controls, indicators, forecasts, USGS). A flow or measure
 * the phrase named (`narrow`) leaves out the trade series of other flows or measures.
 */
export function search(
  data: IndexedDataset,
  query: string,
  narrow: TradeNarrowing = {}
): SearchOutcome {
  const key = nameKey(query);
  // Nothing asked: the catalogue is not needed (at a million observations it takes a while).
  if (key === "" && narrow.flow === undefined && narrow.measure === undefined)
    return { entries: [] };
  const { entries } = catalogueOf(data);
  // A flow or measure alone ("imports", "value"): every trade series of it.
  if (key === "") return { entries: entries.filter((e) => narrows(e, narrow)) };
  const { commodity, country, pair } = resolveQuery(data, key);
  const queryWords = key.split(" ");

  const ranked: [number, BrowseEntry][] = [];
  for (const entry of entries) {
    if (!narrows(entry, narrow)) continue;
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

// ---------------------------------------------------------------------------------------------
// Phrases, suggestions and the catalogue of what exists

/** The filters of the catalogue and the results. */
export type KindFilter = "all" | "trade" | "usgs" | "forecast" | "indicator" | "controls";

export const FILTER_LABELS: Record<KindFilter, string> = {
  all: "All",
  trade: "Trade",
  usgs: "USGS",
  forecast: "Forecasts",
  indicator: "Indicators",
  controls: "Export controls",
};

export function filterOf(entry: BrowseEntry): Exclude<KindFilter, "all"> {
  switch (entry.kind) {
    case "trade":
      return "trade";
    case "production":
    case "reserves":
      return "usgs";
    default:
      return entry.kind;
  }
}

/** Words that join the names in a phrase ("magnets to US", "exports of gallium in 2025-06"). */
const FILLER = new Set(["to", "from", "in", "for", "of", "the", "into", "on"]);

export interface Phrase extends TradeNarrowing {
  /** The query without its filler words, flow and measure words, and period. */
  query: string;
  /** The period the phrase names, as the formulas label it ("2025-06"), if any. */
  period?: string;
}

/**
 * A flow or measure a word names, as the formulas' `flow` and `measure` arguments read it
 * ("imports", "re-exports", "value", "usd", "quantity"); words of one or two letters (the flow codes
 * "x", "m") and "unit value" (a computed measure, not a series) name nothing here.
 */
function tradeWord(word: string): TradeNarrowing | undefined {
  if (word.length < 3) return undefined;
  // The fallback answers an empty argument only, never a word.
  const flow = resolveFlow(word, "export");
  if (!isQueryError(flow)) return { flow };
  const measure = resolveMeasure(word);
  if (!isQueryError(measure) && measure !== "unit value") return { measure };
  return undefined;
}

/**
 * Reads a phrase: a period at its end (any form the formulas read: "2025-06", "Jun 2025", "2025")
 * is taken out, and so are joining words and the words naming a flow or measure ("imports",
 * "value"), unless they are part of a name.
 */
export function readPhrase(data: IndexedDataset, text: string): Phrase {
  const words = text.trim().split(/\s+/).filter(Boolean);
  let period: string | undefined;
  for (const take of [2, 1]) {
    if (words.length <= take) continue;
    const tail = words.slice(-take).join(" ");
    const read = parsePeriodText(tail);
    if (read) {
      period = read;
      words.splice(-take, take);
      break;
    }
  }
  const whole = words.join(" ");
  if (
    data.commodityNames.resolve(whole) !== undefined ||
    data.countryNames.resolve(whole) !== undefined
  )
    return { query: whole, period };
  const narrowing: TradeNarrowing = {};
  const named = words.filter((w, i) => {
    // "export controls" names the controls, not a flow.
    if (/^controls?$/i.test(words[i + 1] ?? "")) return true;
    const said = tradeWord(w);
    if (said) Object.assign(narrowing, said);
    return said === undefined;
  });
  const kept = named.filter((w) => !FILLER.has(w.toLowerCase()));
  return { query: (kept.length > 0 ? kept : named).join(" "), period, ...narrowing };
}

/** A period label when the text is a month or year (not a bare code such as 8505.11). */
function parsePeriodText(text: string): string | undefined {
  if (!/\d{4}/.test(text)) return undefined;
  const period = parsePeriod(text);
  return "error" in period ? undefined : period.label;
}

/**
 * "Did you mean": the query with each unknown word (or pair of words) replaced by the commodity or
 * country the formulas would suggest for it; undefined when nothing can be suggested.
 */
export function didYouMean(data: IndexedDataset, query: string): string | undefined {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const whole = words.join(" ");
  const direct = data.commodityNames.suggest(whole) ?? data.countryNames.suggest(whole);
  if (direct) return direct;
  let changed = false;
  const out = words.map((word) => {
    if (
      data.commodityNames.resolve(word) !== undefined ||
      data.countryNames.resolve(word) !== undefined
    )
      return word;
    const s = data.commodityNames.suggest(word) ?? data.countryNames.suggest(word);
    if (s) changed = true;
    return s ?? word;
  });
  return changed ? out.join(" ") : undefined;
}

/** One commodity in the catalogue: what exists for it. */
export interface CommoditySummary {
  commodity: string;
  name: string;
  counts: Record<Exclude<KindFilter, "all">, number>;
}

/** Every commodity with series, in dataset order, and how many series of each kind it has. */
export function commoditySummaries(data: IndexedDataset): CommoditySummary[] {
  const byCommodity = new Map<string, CommoditySummary>();
  for (const c of data.dataset.commodities) {
    byCommodity.set(c.id, {
      commodity: c.id,
      name: c.name,
      counts: { trade: 0, usgs: 0, forecast: 0, indicator: 0, controls: 0 },
    });
  }
  // Trade series counted from the series list, without the catalogue's entries (one per measure).
  for (const series of tradeSeries(data)) {
    const summary = byCommodity.get(series.commodity);
    if (summary) summary.counts.trade += series.measures.length;
  }
  for (const entry of otherEntries(data)) {
    const summary = byCommodity.get(entry.commodity);
    if (summary) summary.counts[filterOf(entry)]++;
  }
  return [...byCommodity.values()].filter((s) => Object.values(s.counts).some((n) => n > 0));
}
