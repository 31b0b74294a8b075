/**
 * The formula builder's model, pure: for the open series, which formulas exist and with which
 * choices (period or range, unit, headers, basis, citation field), the formula text, and its live
 * preview. The preview is computed by the same core query the formula's function calls, with the
 * same arguments, so what the pane shows is what the cell will show (test/builder-workbook.test.ts
 * holds the two equal for every series of the dataset).
 */
import { CITATION_FIELDS, CitationField } from "../../core/queries/citation";
import { controlsText } from "../../core/queries/controls";
import { eventsTable } from "../../core/queries/events";
import { exportValue } from "../../core/queries/exports";
import { forecastResult } from "../../core/queries/forecasts";
import { IndexedDataset } from "../../core/dataset/indexed";
import { indicatorResult } from "../../core/queries/indicators";
import { CellResult } from "../../core/runtime/live";
import { changeValue } from "../../core/queries/change";
import { seriesTable } from "../../core/queries/series";
import { shareValue } from "../../core/queries/share";
import { topTable } from "../../core/queries/top";
import { sourceText } from "../../core/queries/source";
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
}

/** The choices that apply to an entry, for the builder's controls. */
export interface BuildOptions {
  kinds: BuildKind[];
  /** Reported periods, newest first. */
  periods: string[];
  /** Units the figure can be converted to (exports in a mass unit); empty when none. */
  units: string[];
  fields: readonly CitationField[];
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

function isChinaExport(entry: BrowseEntry): boolean {
  return entry.kind === "export" && entry.args.kind === "export" && entry.args.reporter === "CN";
}

export function buildOptions(entry: BrowseEntry): BuildOptions {
  if (entry.kind === "controls") {
    const dates = [...new Set(entry.events.map((e) => e.date))].reverse();
    return { kinds: ["status", "events"], periods: dates, units: [], fields: CITATION_FIELDS };
  }
  const periods = entry.figures.map((f) => f.period).reverse();
  let kinds: BuildKind[] = ["figure", "citation"];
  if (entry.kind === "export") {
    kinds = isChinaExport(entry)
      ? ["figure", "series", "change", "share", "top", "citation"]
      : ["figure"];
  }
  const mass =
    entry.kind === "export" && entry.unit !== null && parseUnit(entry.unit) !== undefined;
  return { kinds, periods, units: mass ? [...UNIT_SYMBOLS] : [], fields: CITATION_FIELDS };
}

export function defaultChoices(entry: BrowseEntry, period: string = LATEST): BuildChoices {
  return {
    kind: entry.kind === "controls" ? "status" : "figure",
    // Export controls: today's status by default (CONTROLS without a date, kept current).
    period: entry.kind === "controls" ? "" : period,
    end: "",
    unit: "",
    headers: 1,
    basis: "mom",
    field: "citation",
    top: 0,
  };
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
    case "export": {
      const partner = countryArgument(args.partner);
      const unit = optional(c.unit);
      if (args.reporter !== "CN") {
        return {
          name: "EXPORT",
          args: [commodity, partner, period, unit, args.reporter],
          run: (data) =>
            exportValue(data, { commodity, partner, period, unit, reporter: args.reporter }),
        };
      }
      switch (c.kind) {
        case "series": {
          const start = c.period === "" ? undefined : period;
          const end = c.end === "" ? undefined : periodValue(c.end);
          const headers = c.headers === 1 ? undefined : c.headers;
          return {
            name: "SERIES",
            args: [commodity, partner, start, end, headers, unit],
            run: (data) =>
              seriesTable(data, { commodity, partner, start, end, headers: arg(headers), unit }),
            spills: true,
          };
        }
        case "change": {
          const basis = c.basis === "mom" ? undefined : c.basis;
          return {
            name: "CHANGE",
            args: [commodity, partner, period, basis],
            run: (data) => changeValue(data, { commodity, partner, period, basis }),
          };
        }
        case "share":
          return {
            name: "SHARE",
            args: [commodity, partner, period],
            run: (data) => shareValue(data, { commodity, partner, period }),
          };
        case "top": {
          const n = c.top > 0 ? c.top : undefined;
          return {
            name: "TOP",
            args: [commodity, period, n],
            run: (data) => topTable(data, { commodity, period, n }),
            spills: true,
          };
        }
        case "citation": {
          // SOURCE's default field is the one-line citation.
          const field = c.field === "citation" ? undefined : c.field;
          return {
            name: "SOURCE",
            args: [commodity, partner, period, field],
            run: (data) => sourceText(data, { commodity, partner, period, field }),
          };
        }
        default:
          return {
            name: "EXPORT",
            args: [commodity, partner, period, unit],
            run: (data) => exportValue(data, { commodity, partner, period, unit }),
          };
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
