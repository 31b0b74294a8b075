import { countryName, resolveCommodity } from "./arguments";
import { listTable } from "./catalog";
import { Citation } from "./citation";
import { controlsCitations, controlsText } from "./controls";
import { Flow, Source, WORLD } from "../dataset/dataset";
import { DEFAULT_REPORTER, findExport } from "./exports";
import { findCitedForecast } from "./forecasts";
import { IndexedDataset } from "../dataset/indexed";
import { exportQuantities, reportedPeriods } from "./levels";
import { tradeSeries } from "./trade-catalog";
import { isQueryError, QueryError } from "./query-error";
import { fitCellText } from "../runtime/cell-text";
import { findShare } from "./share";
import { findTop } from "./top";
import { CitedFigure } from "./source";
import { findProduction, findReserves, usgsYears } from "./usgs";

/**
 * COMMODITY(name): a card of what the dataset holds for one commodity, which the functions layer
 * turns into an Excel entity (a data type), so `=A1.Production` reads a field. Every field is
 * found by the same core function as the formula written in its `formula`, with that formula's
 * arguments, so a card can never say something the formulas do not; a figure the dataset does not
 * report is left out, never filled.
 */

/** A figure: the number a formula returns, where it comes from, and what qualifies it. */
export interface CardNumber {
  kind: "number";
  value: number;
  /** Period, unit and qualifier, e.g. "2025-11 · t · China → World". */
  sublabel: string;
  sources: Source[];
  /** The formula that returns the same value. */
  formula: string;
}

/** A text field: a name, a period, a status line. */
export interface CardText {
  kind: "text";
  value: string;
  sources: Source[];
  /** The formula that returns the same text, when one does. */
  formula: string | null;
}

export type CardField = CardNumber | CardText;

export interface CardSection {
  title: string;
  /** Field names, in display order; only fields the card has. */
  fields: string[];
}

export interface CommodityCard {
  kind: "card";
  commodity: string;
  name: string;
  /** Field name (no spaces, so `=A1.Name` can be typed) → field. */
  fields: ReadonlyMap<string, CardField>;
  sections: CardSection[];
  /** The dataset the card was read from (`name version`), for figures the card counts itself. */
  dataset: string;
  /** Identifies the card's content: two cards with the same fingerprint show the same thing. */
  fingerprint: string;
}

export function isCard(value: unknown): value is CommodityCard {
  return typeof value === "object" && value !== null && (value as CommodityCard).kind === "card";
}

/** A formula's text with its arguments written as an analyst would type them (null: left empty). */
function formula(name: string, ...args: (string | number | null)[]): string {
  const text = args.map((a) =>
    a === null ? "" : typeof a === "number" ? String(a) : `"${a.replace(/"/g, '""')}"`
  );
  return `=MINERALS.${name}(${text.join(",")})`;
}

function sublabel(...parts: (string | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p).join(" · ");
}

/** Builds a card: fields are added in section order; a section keeps only the fields found. */
class CardBuilder {
  readonly fields = new Map<string, CardField>();
  readonly sections: CardSection[] = [];

  section(title: string): void {
    this.sections.push({ title, fields: [] });
  }

  add(name: string, field: CardField): void {
    this.fields.set(name, field);
    this.sections[this.sections.length - 1].fields.push(name);
  }

  text(name: string, value: string, sources: Source[] = [], formulaText: string | null = null) {
    // A card's text is a cell's text too (a thousand aliases would not fit).
    this.add(name, { kind: "text", value: fitCellText(value), sources, formula: formulaText });
  }

  /** A cited figure, when it is a reported number (a withheld or missing one is left out). */
  figure(
    name: string,
    found: CitedFigure<number | string> | QueryError,
    label: (citation: Citation) => string,
    formulaText: string
  ): number | undefined {
    if (isQueryError(found) || isQueryError(found.value) || isQueryError(found.citation)) return;
    const { value, citation } = found;
    if (typeof value === "string") {
      this.text(name, value, [citation.source], formulaText);
      return;
    }
    this.add(name, {
      kind: "number",
      value,
      sublabel: label(citation),
      sources: [citation.source],
      formula: formulaText,
    });
    return value;
  }
}

/** COMMODITY(name): the card, or #VALUE! (with did-you-mean) for a name the dataset does not know. */
export function commodityCard(
  data: IndexedDataset,
  args: { name: unknown },
  today: Date | string
): CommodityCard | QueryError {
  const id = resolveCommodity(data, args.name);
  if (isQueryError(id)) return id;
  const commodity = data.commodities.get(id);
  if (!commodity) return resolveCommodity(data, args.name) as QueryError;
  const card = new CardBuilder();

  card.section("Commodity");
  card.text("Name", commodity.name);
  if (commodity.aliases.length > 0) card.text("Aliases", commodity.aliases.join("; "));
  if (commodity.customs_codes.length > 0)
    card.text("CustomsCodes", commodity.customs_codes.join("; "));

  card.section("Trade");
  addTrade(data, card, id);
  addTradeTotals(data, card, id);

  card.section("Production");
  addProduction(data, card, id);

  card.section("Forecasts");
  addForecasts(data, card, id);

  card.section("Export controls");
  const controls = controlsText(data, { commodity: id }, today);
  if (!isQueryError(controls)) {
    const cited = controlsCitations(data, { commodity: id }, today);
    const sources = isQueryError(cited) ? [] : cited.map((c) => c.source);
    card.text("ExportControls", controls, sources, formula("CONTROLS", id));
  }

  const dataset = `${data.dataset.name} ${data.dataset.version}`;
  card.section("Dataset");
  addCount(data, card, "TradeSeries", "partners", id, dataset);
  addCount(data, card, "Sources", "sources", id, dataset);

  const sections = card.sections.filter((s) => s.fields.length > 0);
  return {
    kind: "card",
    commodity: id,
    name: commodity.name,
    fields: card.fields,
    sections,
    dataset,
    fingerprint: JSON.stringify([...card.fields], (key, value) =>
      key === "sources" ? (value as Source[]).map((s) => s.source_id) : value
    ),
  };
}

/** The reporter's latest World total, and the top partner in the latest month with partner figures. */
function addTrade(data: IndexedDataset, card: CardBuilder, id: string): void {
  const reporter = DEFAULT_REPORTER;
  const months = reportedPeriods(data, exportQuantities(id, WORLD, reporter));
  if (months.length > 0) {
    const month = months[months.length - 1];
    const total = findExport(data, { commodity: id, partner: "World", period: month });
    // A total too large for a number (#NUM! in EXPORT) has no place on the card.
    if (!isQueryError(total) && !isQueryError(total.value)) {
      const row = total.rows[0];
      const source = data.sources.get(row.source_id);
      card.add("LatestExports", {
        kind: "number",
        value: total.value,
        sublabel: sublabel(month, total.unit, `${countryName(data, reporter)} → World`),
        sources: source ? [source] : [],
        formula: formula("EXPORT", id, "World", month),
      });
      card.text("LatestExportsPeriod", month);
      card.text("LatestExportsUnit", total.unit);
    }
  }
  const ranked = latestRankedMonth(data, id);
  if (ranked === undefined) return;
  const top = findTop(data, { commodity: id, period: ranked, n: 1 });
  if (isQueryError(top) || top.entries.length === 0) return;
  const first = top.entries[0];
  const quantity = first.quantity;
  if (isQueryError(quantity)) return;
  const sources = distinctSources(
    data,
    first.rows.map((r) => r.source_id)
  );
  card.text(
    "TopPartner",
    first.name,
    sources,
    `=INDEX(${formula("TOP", id, ranked, 1).slice(1)},2,1)`
  );
  card.text("TopPartnerPeriod", ranked);
  card.add("TopPartnerExports", {
    kind: "number",
    value: quantity,
    sublabel: sublabel(ranked, top.unit, `${countryName(data, reporter)} → ${first.name}`),
    sources,
    formula: formula("EXPORT", id, first.partner, ranked),
  });
  const share = findShare(data, { commodity: id, partner: first.partner, period: ranked });
  if (!isQueryError(share)) {
    card.add("TopPartnerShare", {
      kind: "number",
      value: share.value,
      sublabel: sublabel(ranked, "share of the World total", "computed"),
      sources: distinctSources(
        data,
        [...share.partner.rows, ...share.world.rows].map((r) => r.source_id)
      ),
      formula: formula("SHARE", id, first.partner, ranked),
    });
  }
}

const FLOW_FIELD: Record<Flow, string> = {
  export: "Exports",
  import: "Imports",
  "re-export": "ReExports",
  "re-import": "ReImports",
};

/**
 * The latest reported World total of every reporter, flow and measure the dataset holds for the
 * commodity (official statistics bring imports, re-exports and values beside China's exports):
 * `ExportsQuantityCN`, `ImportsValueJP`, … Exports and imports are read as EXPORT and IMPORT read
 * them; re-exports and re-imports, which have no scalar formula, as the one row SERIES spills.
 */
function addTradeTotals(data: IndexedDataset, card: CardBuilder, id: string): void {
  for (const series of tradeSeries(data)) {
    if (series.commodity !== id || series.partner !== WORLD) continue;
    for (const measure of series.measures) {
      const periods = reportedPeriods(data, { ...series, measure });
      if (periods.length === 0) continue;
      const period = periods[periods.length - 1];
      const args = { commodity: id, partner: "World", period, reporter: series.reporter, measure };
      const total = findExport(data, args, series.flow);
      if (isQueryError(total) || isQueryError(total.value)) continue;
      const measureArg = measure === "quantity" ? null : measure;
      const text =
        series.flow === "export" || series.flow === "import"
          ? formula(
              series.flow.toUpperCase(),
              id,
              "World",
              period,
              null,
              series.reporter,
              measureArg
            )
          : `=INDEX(${formula("SERIES", id, "World", period, period, 0, null, series.reporter, measureArg, series.flow).slice(1)},1,2)`;
      const unit = measure === "value" ? "USD" : total.unit;
      const estimated = total.rows.some((row) => row.estimated) ? "estimated" : null;
      card.add(`${FLOW_FIELD[series.flow]}${fieldName(measure)}${series.reporter}`, {
        kind: "number",
        value: total.value,
        sublabel: sublabel(
          period,
          unit,
          `${countryName(data, series.reporter)} ${series.flow}s`,
          estimated
        ),
        sources: distinctSources(
          data,
          total.rows.map((r) => r.source_id)
        ),
        formula: text,
      });
    }
  }
}

/** The latest month in which some partner (not only the World total) has a reported figure. */
function latestRankedMonth(data: IndexedDataset, id: string): string | undefined {
  const months = data.series.groupPeriods(id, DEFAULT_REPORTER, "export", "quantity");
  for (let i = months.length - 1; i >= 0; i--) {
    const top = findTop(data, { commodity: id, period: months[i], n: 1 });
    if (!isQueryError(top) && top.entries.length > 0) return months[i];
  }
  return undefined;
}

/** USGS world production and reserves for the latest year, and the top producer with its share. */
function addProduction(data: IndexedDataset, card: CardBuilder, id: string): void {
  const years = usgsYears(data, id, "production");
  const usgsLabel = (year: number, unit: string) => (citation: Citation) =>
    sublabel(String(year), unit, citation.qualifier);
  if (years) {
    const { year, unit, countries } = years;
    const world = card.figure(
      "Production",
      findProduction(data, { commodity: id, country: "World total", year }),
      usgsLabel(year, unit),
      formula("PRODUCTION", id, "World total", year)
    );
    // The top producer only when the World total and every listed country's figure are printed:
    // with one withheld (USGS "W"), or a table without its World total (a partial extract), the
    // largest printed figure need not be the largest producer.
    let best: { country: string; value: number } | undefined;
    let complete = world !== undefined;
    for (const country of countries) {
      const found = findProduction(data, { commodity: id, country, year });
      if (isQueryError(found) || isQueryError(found.value)) {
        complete = false;
        break;
      }
      if (!best || found.value > best.value) best = { country, value: found.value };
    }
    if (best && complete) {
      const found = findProduction(data, { commodity: id, country: best.country, year });
      const cited =
        isQueryError(found) || isQueryError(found.citation) ? [] : [found.citation.source];
      card.text("TopProducer", best.country, cited);
      card.figure(
        "TopProducerProduction",
        found,
        usgsLabel(year, unit),
        formula("PRODUCTION", id, best.country, year)
      );
      if (world !== undefined && world !== 0 && !isQueryError(found)) {
        const citation = found.citation;
        card.add("TopProducerShare", {
          kind: "number",
          value: best.value / world,
          sublabel: sublabel(String(year), "share of the World total", "computed"),
          sources: isQueryError(citation) ? [] : [citation.source],
          formula: `${formula("PRODUCTION", id, best.country, year)}/${formula("PRODUCTION", id, "World total", year).slice(1)}`,
        });
      }
    }
  }
  const reserves = usgsYears(data, id, "reserves");
  if (reserves) {
    card.figure(
      "Reserves",
      findReserves(data, { commodity: id, country: "World total" }),
      usgsLabel(reserves.year, reserves.unit),
      formula("RESERVES", id, "World total")
    );
  }
}

/** The latest published forecast of each variable (the forecast year that forecast is for). */
function addForecasts(data: IndexedDataset, card: CardBuilder, id: string): void {
  const latest = new Map<string, { year: number; published: string }>();
  for (const f of data.forecasts.get(id) ?? []) {
    const seen = latest.get(f.variable);
    if (!seen || f.published > seen.published) latest.set(f.variable, f);
  }
  for (const [variable, { year }] of latest) {
    const found = findCitedForecast(data, { commodity: id, year, variable });
    card.figure(
      `Forecast${fieldName(variable)}`,
      found,
      (citation) => sublabel(String(year), unitOf(data, id, variable, year), citation.qualifier),
      formula("FORECAST", id, year, variable)
    );
  }
}

function unitOf(data: IndexedDataset, id: string, variable: string, year: number): string | null {
  return (
    data.forecasts.get(id)?.find((f) => f.variable === variable && f.year === year)?.unit ?? null
  );
}

/** A count of LIST's rows (less its header), cited to the dataset itself. */
function addCount(
  data: IndexedDataset,
  card: CardBuilder,
  name: string,
  what: "partners" | "sources",
  id: string,
  dataset: string
): void {
  const table = listTable(data, { what, commodity: id });
  if (isQueryError(table)) return;
  card.add(name, {
    kind: "number",
    value: table.length - 1,
    sublabel: sublabel(`in ${dataset}`, "counted"),
    sources: [],
    formula: `=ROWS(${formula("LIST", what, id).slice(1)})-1`,
  });
}

/** "price: lithium carbonate" → "PriceLithiumCarbonate": a field name with no spaces. */
export function fieldName(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function distinctSources(data: IndexedDataset, ids: string[]): Source[] {
  return [...new Set(ids)]
    .map((sourceId) => data.sources.get(sourceId))
    .filter((s): s is Source => s !== undefined);
}
