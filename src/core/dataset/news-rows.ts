import {
  ControlEvent,
  ExportObservation,
  Forecast,
  Indicator,
  ReportedChange,
  Source,
} from "./dataset";
import { isDateText } from "../queries/period";
import { parseUnit } from "../queries/units";
import { CsvRow } from "./csv";

/** What a news row may refer to: the ids defined by the reference and source files. */
export interface KnownIds {
  sources: ReadonlySet<string>;
  commodities: ReadonlySet<string>;
  countries: ReadonlySet<string>;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

function date(row: CsvRow, field: string): string {
  const value = row.text(field);
  if (!isDateText(value)) row.fail(field, `'${value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  return value;
}

function sourceId(row: CsvRow, known: KnownIds): string {
  const id = row.text("source_id");
  if (!known.sources.has(id))
    row.fail("source_id", `unknown source_id '${id}' (not in sources.csv)`);
  return id;
}

function commodity(
  row: CsvRow,
  known: KnownIds,
  field = "commodity",
  value = row.text(field)
): string {
  if (!known.commodities.has(value))
    row.fail(field, `unknown commodity '${value}' (not in reference/commodities.csv)`);
  return value;
}

function country(row: CsvRow, known: KnownIds, field: string): string {
  const value = row.text(field);
  if (!known.countries.has(value)) row.fail(field, `unknown country code '${value}'`);
  return value;
}

function yesNo(row: CsvRow, field: string): boolean {
  return row.oneOf(field, ["yes", "no"] as const) === "yes";
}

export function readSource(row: CsvRow): Source {
  const url = row.optional("url");
  if (url !== null && !/^https?:\/\//.test(url)) row.fail("url", `'${url}' is not an http(s) link`);
  return {
    source_id: row.text("source_id"),
    publisher: row.text("publisher"),
    title: row.text("title"),
    published: date(row, "published"),
    origin: row.text("origin"),
    url,
  };
}

export function readExport(row: CsvRow, known: KnownIds): ExportObservation {
  const period = row.text("period");
  if (!MONTH.test(period)) row.fail("period", `'${period}' is not a month (YYYY-MM)`);
  const quantity = row.number("quantity");
  if (quantity < 0) row.fail("quantity", `'${quantity}' is negative`);
  const unit = row.text("unit");
  if (!parseUnit(unit)) row.fail("unit", `unknown unit '${unit}'`);
  return {
    commodity: commodity(row, known),
    reporter: country(row, known, "reporter"),
    partner: country(row, known, "partner"),
    period,
    quantity,
    unit,
    source_id: sourceId(row, known),
    note: row.optional("note"),
  };
}

export function readReportedChange(row: CsvRow, known: KnownIds): ReportedChange {
  const period = row.text("period");
  if (!/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$/.test(period))
    row.fail("period", `'${period}' is not a period`);
  return {
    commodity: commodity(row, known),
    reporter: country(row, known, "reporter"),
    partner: country(row, known, "partner"),
    period,
    basis: row.oneOf("basis", ["mom", "yoy"] as const),
    measure: row.text("measure"),
    percent: row.number("percent"),
    approximate: yesNo(row, "approximate"),
    source_id: sourceId(row, known),
    note: row.optional("note"),
  };
}

export function readForecast(row: CsvRow, known: KnownIds): Forecast {
  const year = row.number("year");
  if (!Number.isInteger(year) || year < 1900 || year > 2200)
    row.fail("year", `'${year}' is not a year`);
  const raw = row.text("value");
  // Qualitative outlooks are words; anything starting like a number must be a whole number.
  if (/^[-+\d.]/.test(raw) && !/^-?\d+(\.\d+)?$/.test(raw))
    row.fail("value", `'${raw}' is not a number`);
  const value = /^-?\d+(\.\d+)?$/.test(raw) ? row.number("value") : raw;
  return {
    commodity: commodity(row, known),
    variable: row.text("variable"),
    region: country(row, known, "region"),
    year,
    value,
    unit: row.optional("unit"),
    scenario: row.text("scenario"),
    forecaster: row.text("forecaster"),
    published: date(row, "published"),
    source_id: sourceId(row, known),
    note: row.optional("note"),
  };
}

export function readIndicator(row: CsvRow, known: KnownIds): Indicator {
  return {
    commodity: commodity(row, known),
    indicator: row.text("indicator"),
    region: country(row, known, "region"),
    period: date(row, "period"),
    value: row.number("value"),
    unit: row.text("unit"),
    approximate: yesNo(row, "approximate"),
    source_id: sourceId(row, known),
    note: row.optional("note"),
  };
}

export function readEvent(row: CsvRow, known: KnownIds): ControlEvent {
  const commodities = row.list("commodities");
  if (commodities.length === 0) row.fail("commodities", "missing value");
  commodities.forEach((c) => commodity(row, known, "commodities", c));
  const partner = row.text("partner");
  if (partner !== "ALL" && !known.countries.has(partner))
    row.fail("partner", `unknown country code '${partner}'`);
  const until = row.optional("until");
  if (until !== null && !isDateText(until)) row.fail("until", `'${until}' is not a date`);
  return {
    date: date(row, "date"),
    date_precision: row.oneOf("date_precision", ["day", "month"] as const),
    jurisdiction: country(row, known, "jurisdiction"),
    commodities,
    partner,
    action: row.text("action"),
    until,
    source_id: sourceId(row, known),
    note: row.optional("note"),
  };
}

export const NEWS_COLUMNS = {
  sources: ["source_id", "publisher", "title", "published", "origin", "url"],
  exports: ["commodity", "reporter", "partner", "period", "quantity", "unit", "source_id", "note"],
  reported_changes: [
    "commodity",
    "reporter",
    "partner",
    "period",
    "basis",
    "measure",
    "percent",
    "approximate",
    "source_id",
    "note",
  ],
  forecasts: [
    "commodity",
    "variable",
    "region",
    "year",
    "value",
    "unit",
    "scenario",
    "forecaster",
    "published",
    "source_id",
    "note",
  ],
  indicators: [
    "commodity",
    "indicator",
    "region",
    "period",
    "value",
    "unit",
    "approximate",
    "source_id",
    "note",
  ],
  events: [
    "date",
    "date_precision",
    "jurisdiction",
    "commodities",
    "partner",
    "action",
    "until",
    "source_id",
    "note",
  ],
} as const;
