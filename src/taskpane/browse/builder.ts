/**
 * The formula builder's model, pure: for the open series, which formulas exist and with which
 * choices (period or range, unit, headers, basis, citation field), the formula text, and its live
 * preview. The preview is computed by the same core query the formula's function calls, with the
 * same arguments, so what the pane shows is what the cell will show (test/builder-workbook.test.ts
 * holds the two equal for every series of the dataset).
 */
import { Flow } from "../../core/dataset/dataset";
import { CITATION_FIELDS, CitationField } from "../../core/queries/citation";
import { controlsText } from "../../core/queries/controls";
import { eventsTable } from "../../core/queries/events";
import { exportValue, findExport } from "../../core/queries/exports";
import { forecastResult } from "../../core/queries/forecasts";
import { IndexedDataset } from "../../core/dataset/indexed";
import { indicatorResult } from "../../core/queries/indicators";
import { CellResult } from "../../core/runtime/live";
import { changeValue } from "../../core/queries/change";
import {
  DEFAULT_REPORTER,
  reportedPeriods,
  storedMeasure,
  TradeRef,
} from "../../core/queries/levels";
import { isQueryError } from "../../core/queries/query-error";
import { seriesTable } from "../../core/queries/series";
import { shareValue } from "../../core/queries/share";
import { topTable } from "../../core/queries/top";
import { sourceText } from "../../core/queries/source";
import { TradeMeasure } from "../../core/queries/trade-arguments";
import { tradeChoices } from "../../core/queries/trade-choices";
import { parseUnit, UNIT_SYMBOLS } from "../../core/queries/units";
import { productionResult, reservesResult } from "../../core/queries/usgs";
import { countryArgument, FormulaArgument, formulaText, periodArgument } from "./formulas";
import type { BrowseEntry } from "./search";

/** What the formula gives. */
export type BuildKind =
  "figure" | "series" | "change" | "share" | "top" | "citation" | "status" | "events";

export const KIND_LABELS: Record<BuildKind, string> = {
  figure: "Figure",
  series: "Series (spills)",
  change: "Change",
  share: "Share of the World total",
  top: "Ranking of partners (spills)",
  citation: "Citation field",
  status: "Export-control status",
  events: "Every event (spills)",
};

export const LATEST = "latest";

export interface BuildChoices {
  kind: BuildKind;
  /** A reported period, or "latest". For a series: its first period ("" = from the first reported). */
  period: string;
  /** A series' last period ("" = to the last reported). */
  end: string;
  /** "" = the unit the source reported. */
  unit: string;
  headers: 0 | 1 | 2;
  basis: "mom" | "yoy";
  field: CitationField;
  /** Partners in a ranking; 0 = all. */
  top: number;
  /** Trade series: whose figures (a country code), which flow and which measure the formula reads. */
  reporter: string;
  flow: Flow;
  measure: TradeMeasure;
}

/** The choices that apply to an entry, for the builder's controls. */
export interface BuildOptions {
  kinds: BuildKind[];
  /** Reported periods, newest first. */
  periods: string[];
  /** Units the figure can be converted to (quantities in a mass unit); empty when none. */
  units: string[];
  fields: readonly CitationField[];
  /** Trade series: what the commodity's data has (the core's tradeChoices); empty otherwise. */
  reporters: string[];
  flows: Flow[];
  measures: TradeMeasure[];
}

/** Whether a formula kind takes each choice (the controls shown for it). */
export function usesChoice(kind: BuildKind, choice: keyof BuildChoices): boolean {
  const uses: Record<BuildKind, (keyof BuildChoices)[]> = {
    figure: ["period", "unit"],
    series: ["period", "end", "unit", "headers"],
    change: ["period", "basis"],
    share: ["period"],
    top: ["period", "top"],
    citation: ["period", "field"],
    status: ["period"],
    events: [],
  };
  return uses[kind].includes(choice);
}

/** What a trade entry's choices read: the entry's partner; the chosen reporter, flow and measure. */
function tradeRef(entry: BrowseEntry, c: BuildChoices): TradeRef {
  const partner =
    entry.kind !== "controls" && entry.args.kind === "trade" ? entry.args.partner : "";
  return {
    commodity: entry.commodity,
    reporter: c.reporter,
    partner,
    flow: c.flow,
    measure: c.measure,
  };
}

/** Whether a flow has a figure formula: EXPORT, IMPORT (re-exports and re-imports have none). */
function hasFigureFormula(flow: Flow): boolean {
  return flow === "export" || flow === "import";
}

const NO_TRADE = { reporters: [], flows: [], measures: [] };

/** The choices for an entry; for trade series they follow the reporter, flow and measure chosen. */
export function buildOptions(
  data: IndexedDataset,
  entry: BrowseEntry,
  choices: BuildChoices = defaultChoices(entry)
): BuildOptions {
  if (entry.kind === "controls") {
    const dates = [...new Set(entry.events.map((e) => e.date))].reverse();
    return {
      kinds: ["status", "events"],
      periods: dates,
      units: [],
      fields: CITATION_FIELDS,
      ...NO_TRADE,
    };
  }
  if (entry.args.kind !== "trade") {
    const periods = entry.figures.map((f) => f.period).reverse();
    return {
      kinds: ["figure", "citation"],
      periods,
      units: [],
      fields: CITATION_FIELDS,
      ...NO_TRADE,
    };
  }
  const ref = tradeRef(entry, choices);
  const available = tradeChoices(data, entry.commodity, ref.reporter, ref.flow);
  let kinds: BuildKind[] = ["figure", "series", "change", "share", "top", "citation"];
  if (!hasFigureFormula(ref.flow)) kinds = kinds.filter((k) => k !== "figure");
  // A unit value has no share and no ranking (SHARE and TOP refuse it).
  if (ref.measure === "unit value") kinds = kinds.filter((k) => k !== "share" && k !== "top");
  // A ranking's periods are those of any partner; the others' are the series' own.
  const periods = (
    choices.kind === "top"
      ? data.series.groupPeriods(ref.commodity, ref.reporter, ref.flow, storedMeasure(ref.measure))
      : reportedPeriods(data, ref)
  )
    .slice()
    .reverse();
  return {
    kinds,
    periods,
    units: ref.measure !== "value" && inMass(data, ref) ? [...UNIT_SYMBOLS] : [],
    fields: CITATION_FIELDS,
    ...available,
  };
}

/** Whether the series' latest quantity is in a mass unit (so it converts to t, kg, lb…). */
function inMass(data: IndexedDataset, ref: TradeRef): boolean {
  const { commodity, partner, reporter, flow } = ref;
  const figure = findExport(
    data,
    { commodity, partner, period: LATEST, reporter, flow, measure: "quantity" },
    flow
  );
  return !isQueryError(figure) && parseUnit(figure.unit) !== undefined;
}

export function defaultChoices(entry: BrowseEntry, period: string = LATEST): BuildChoices {
  const trade = entry.kind !== "controls" && entry.args.kind === "trade" ? entry.args : undefined;
  // Re-exports and re-imports have no figure formula: their series is offered first.
  const series = trade !== undefined && !hasFigureFormula(trade.flow);
  return {
    kind: entry.kind === "controls" ? "status" : series ? "series" : "figure",
    // Export controls: today's status by default (CONTROLS without a date, kept current).
    period: entry.kind === "controls" || series ? "" : period,
    end: "",
    unit: "",
    headers: 1,
    basis: "mom",
    field: "citation",
    top: 0,
    reporter: trade?.reporter ?? DEFAULT_REPORTER,
    flow: trade?.flow ?? "export",
    measure: trade?.measure ?? "quantity",
  };
}

/**
 * The choices with what no longer applies replaced: after a new reporter, the first flow it reports
 * if it does not report the chosen one; then the first measure, formula kind, unit and period the
 * new choices offer.
 */
export function fitChoices(
  data: IndexedDataset,
  entry: BrowseEntry,
  choices: BuildChoices
): BuildChoices {
  let c = { ...choices };
  const first = <T>(list: readonly T[], value: T): T =>
    list.length === 0 || list.includes(value) ? value : list[0];
  let options = buildOptions(data, entry, c);
  c.reporter = first(options.reporters, c.reporter);
  c.flow = first(tradeChoices(data, entry.commodity, c.reporter, c.flow).flows, c.flow);
  c.measure = first(tradeChoices(data, entry.commodity, c.reporter, c.flow).measures, c.measure);
  options = buildOptions(data, entry, c);
  if (!options.kinds.includes(c.kind)) {
    c = { ...c, kind: options.kinds[0], period: options.kinds[0] === "series" ? "" : LATEST };
    options = buildOptions(data, entry, c);
  }
  if (!options.units.includes(c.unit)) c.unit = "";
  // "" is the first reported period of a series, today for a status; no period for the others.
  const blank = c.kind === "series" || c.kind === "status" || c.kind === "events";
  const keep = (p: string) => (p === "" ? blank : p === LATEST || options.periods.includes(p));
  if (!keep(c.period)) c.period = blank && c.kind !== "status" ? "" : LATEST;
  if (c.end !== "" && !keep(c.end)) c.end = "";
  return c;
}

/** A formula and what it returns now. */
export interface Built {
  formula: string;
  /** Whether the result spills into the cells below (and beside) it. */
  spills: boolean;
  preview: CellResult;
}

/** A function call: its name, its arguments as the formula writes them, and the core query it runs. */
interface Call {
  name: string;
  args: FormulaArgument[];
  run(data: IndexedDataset): CellResult;
  spills?: boolean;
}

/** Argument values as Excel hands them to the function: text as text, numbers as numbers, omitted as undefined. */
function arg(value: FormulaArgument): string | number | undefined {
  return value;
}

function optional(text: string): string | undefined {
  return text === "" ? undefined : text;
}

/** A period as the formula writes it: "latest" and months as text, a year as a number. */
function periodValue(period: string): string | number {
  return period === LATEST ? LATEST : periodArgument(period);
}

function callFor(entry: BrowseEntry, c: BuildChoices, today: Date | string): Call {
  const commodity = entry.commodity;
  if (entry.kind === "controls") {
    if (c.kind === "events") {
      return {
        name: "EVENTS",
        args: [commodity],
        run: (data) => eventsTable(data, { commodity }),
        spills: true,
      };
    }
    // No period: today's status (kept current); "latest": the status on the data's as-of date.
    const date = c.period === "" ? undefined : c.period;
    return {
      name: "CONTROLS",
      args: [commodity, undefined, date],
      run: (data) => controlsText(data, { commodity, date }, today),
    };
  }
  const period = periodValue(c.period);
  const args = entry.args;
  switch (args.kind) {
    case "trade": {
      const partner = countryArgument(args.partner);
      const unit = optional(c.unit);
      // China, quantity and the formula's own flow are the defaults: left out, as analysts write it.
      const reporter = c.reporter === DEFAULT_REPORTER ? undefined : c.reporter;
      const measure = c.measure === "quantity" ? undefined : c.measure;
      const flow = c.flow === "export" ? undefined : c.flow;
      const trade = { reporter, measure, flow };
      switch (c.kind) {
        case "series": {
          const start = c.period === "" ? undefined : period;
          const end = c.end === "" ? undefined : periodValue(c.end);
          const headers = c.headers === 1 ? undefined : c.headers;
          return {
            name: "SERIES",
            args: [commodity, partner, start, end, headers, unit, reporter, measure, flow],
            run: (data) =>
              seriesTable(data, {
                commodity,
                partner,
                start,
                end,
                headers: arg(headers),
                unit,
                ...trade,
              }),
            spills: true,
          };
        }
        case "change": {
          const basis = c.basis === "mom" ? undefined : c.basis;
          return {
            name: "CHANGE",
            args: [commodity, partner, period, basis, undefined, reporter, measure, flow],
            run: (data) => changeValue(data, { commodity, partner, period, basis, ...trade }),
          };
        }
        case "share":
          return {
            name: "SHARE",
            args: [commodity, partner, period, reporter, measure, flow],
            run: (data) => shareValue(data, { commodity, partner, period, ...trade }),
          };
        case "top": {
          const n = c.top > 0 ? c.top : undefined;
          return {
            name: "TOP",
            args: [commodity, period, n, reporter, measure, flow],
            run: (data) => topTable(data, { commodity, period, n, ...trade }),
            spills: true,
          };
        }
        case "citation": {
          // SOURCE's default field is the one-line citation.
          const field = c.field === "citation" ? undefined : c.field;
          return {
            name: "SOURCE",
            args: [commodity, partner, period, field, reporter, measure, flow],
            run: (data) => sourceText(data, { commodity, partner, period, field, ...trade }),
          };
        }
        default: {
          // EXPORT or IMPORT: the flow is the formula's name.
          const imports = c.flow === "import";
          return {
            name: imports ? "IMPORT" : "EXPORT",
            args: [commodity, partner, period, unit, reporter, measure],
            run: (data) =>
              exportValue(
                data,
                { commodity, partner, period, unit, reporter, measure },
                imports ? "import" : "export"
              ),
          };
        }
      }
    }
    case "indicator": {
      const field = c.kind === "citation" ? c.field : undefined;
      return {
        name: "INDICATOR",
        args: [commodity, args.indicator, period, field],
        run: (data) =>
          indicatorResult(data, { commodity, indicator: args.indicator, period, field }),
      };
    }
    case "forecast": {
      const field = c.kind === "citation" ? c.field : undefined;
      const year = period;
      return {
        name: "FORECAST",
        args: [commodity, year, args.variable, args.forecaster, field],
        run: (data) =>
          forecastResult(data, {
            commodity,
            year,
            variable: args.variable,
            forecaster: args.forecaster,
            field,
          }),
      };
    }
    case "production": {
      const field = c.kind === "citation" ? c.field : undefined;
      const country = countryArgument(args.country);
      return {
        name: "PRODUCTION",
        args: [commodity, country, period, args.statistic, field],
        run: (data) =>
          productionResult(data, {
            commodity,
            country,
            year: period,
            statistic: args.statistic,
            field,
          }),
      };
    }
    case "reserves": {
      const field = c.kind === "citation" ? c.field : undefined;
      const country = countryArgument(args.country);
      return {
        name: "RESERVES",
        args: [commodity, country, period, field],
        run: (data) => reservesResult(data, { commodity, country, year: period, field }),
      };
    }
  }
}

/** The formula for the choices, and its preview from the dataset in use. */
export function build(
  data: IndexedDataset,
  entry: BrowseEntry,
  choices: BuildChoices,
  today: Date | string = new Date()
): Built {
  const call = callFor(entry, choices, today);
  return {
    formula: formulaText(call.name, call.args),
    spills: call.spills === true,
    preview: call.run(data),
  };
}
