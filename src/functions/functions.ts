import { isMissing } from "../core/queries/arguments";
import { dataVersion, listTable } from "../core/queries/catalog";
import { controlsText } from "../core/queries/controls";
import { bindDailyLiveCell } from "../core/runtime/live";
import { eventsTable } from "../core/queries/events";
import { exportValue } from "../core/queries/exports";
import { forecastResult } from "../core/queries/forecasts";
import { indicatorResult } from "../core/queries/indicators";
import { sourceText } from "../core/queries/source";
import { StoreSnapshot } from "../core/runtime/store";
import { changeValue } from "../core/queries/change";
import { seriesTable } from "../core/queries/series";
import { shareValue } from "../core/queries/share";
import { topTable } from "../core/queries/top";
import { commodityCard } from "../core/queries/card";
import { invalid } from "../core/queries/query-error";
import { ENTITY_CARDS_UNSUPPORTED, entityCardSupport } from "../runtime/host";
import { productionResult, reservesResult } from "../core/queries/usgs";
import { excelCall, live, safely, toExcel } from "./live-cell";
import { store } from "../runtime/live-store";

/**
 * The formulas Excel registers (namespace MINERALS, from the manifest). JSDoc here is the only
 * metadata source: custom-functions-metadata-plugin generates functions.json from it. Each wrapper
 * streams a pure query over the live store, so a dataset refresh reaches every live cell (and only
 * the cells whose value changed). Each reads its call through `excelCall(arguments, …)`: Excel may
 * send more or fewer values than the parameters named here (a stale functions.json), so the named
 * parameters are the metadata and the call's `args` are what was actually sent.
 */

export { toExcel };

/**
 * China's (or reporter's) reported exports of a commodity to a partner in a period: quantity (default), value in USD, or unit value.
 * @customfunction EXPORT
 * @param commodity Commodity name, alias or customs code: "magnets", "rare earth magnets", "8505.11", "gallium".
 * @param partner Destination: ISO code, country name or "World" for the reporter's total ("US", "Japan", "World").
 * @param period Month, quarter, half or year: "2025-11", "Nov 2025", a date, 2025, "2025-Q2", "2025-H1", or "latest" (the last reported month).
 * @param [unit] Unit to convert quantities to: "t", "kg", "g", "lb". Default: the unit the source reported.
 * @param [reporter] Exporting country. Default: China ("CN").
 * @param [measure] "quantity" (default), "value" (USD) or "unit value" (value ÷ quantity, USD per unit).
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The reported figure; #N/A when nothing was reported, never a made-up zero.
 */
export function exportQuantity(
  commodity: string,
  partner: string,
  period: any,
  unit: string | undefined,
  reporter: string | undefined,
  measure: TradeMeasureChoice,
  invocation: CustomFunctions.StreamingInvocation<number>
): void {
  live(
    excelCall(arguments, { commodity, partner, period, unit, reporter, measure }, invocation),
    ({ data }, args) => exportValue(data, args)
  );
}

/**
 * The reporter's (default China's) reported imports of a commodity from a partner in a period: quantity (default), value in USD, or unit value.
 * @customfunction IMPORT
 * @param commodity Commodity name, alias or customs code: "magnets", "rare earth magnets", "8505.11", "gallium".
 * @param partner Origin: ISO code, country name or "World" for the reporter's total ("CN", "Japan", "World").
 * @param period Month, quarter, half or year: "2024-03", "Mar 2024", a date, 2024, "2024-Q1", "2024-H1".
 * @param [unit] Unit to convert quantities to: "t", "kg", "g", "lb". Default: the unit the source reported.
 * @param [reporter] Importing country ("JP"). Default: China ("CN").
 * @param [measure] "quantity" (default), "value" (USD) or "unit value" (value ÷ quantity, USD per unit).
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The reported figure; #N/A when nothing was reported (its message names a mirror figure the partner reported).
 */
export function importQuantity(
  commodity: string,
  partner: string,
  period: any,
  unit: string | undefined,
  reporter: string | undefined,
  measure: TradeMeasureChoice,
  invocation: CustomFunctions.StreamingInvocation<number>
): void {
  live(
    excelCall(arguments, { commodity, partner, period, unit, reporter, measure }, invocation),
    ({ data }, args) => exportValue(data, args, "import")
  );
}

/**
 * What a trade formula reads from a series.
 * @customenum {string}
 */
enum TradeMeasureChoice {
  /** The reported quantity, in its unit (the default). */
  quantity = "quantity",
  /** The reported trade value, in US dollars. */
  value = "value",
  /** Value ÷ quantity over the same reported figures, in USD per unit (computed). */
  unitValue = "unit value",
}

/**
 * Which trade flow a formula reads (re-exports and re-imports are never added into exports or imports).
 * @customenum {string}
 */
enum TradeFlowChoice {
  /** Exports (X). */
  Export = "export",
  /** Imports (M). */
  Import = "import",
  /** Re-exports (RX). */
  ReExport = "re-export",
  /** Re-imports (RM). */
  ReImport = "re-import",
}

/**
 * What SOURCE returns: a field of the citation.
 * @customenum {string}
 */
enum CitationFieldChoice {
  /** One line: publisher, title, publication date, origin (and qualifier). */
  citation = "citation",
  /** Who published the source. */
  publisher = "publisher",
  /** The source's title. */
  title = "title",
  /** Publication date (YYYY, YYYY-MM or YYYY-MM-DD). */
  date = "date",
  /** What the source itself cites (customs data, a data release, ...). */
  origin = "origin",
  /** The figure's own note. */
  note = "note",
  /** The source's web address, when known. */
  url = "url",
  /** What qualifies the number: approximate, estimated, a USGS code or bound, a total of months. */
  qualifier = "qualifier",
  /** The dataset's key for the source. */
  source_id = "source_id",
}

/**
 * What a figure formula returns: the value (default) or a field of its citation.
 * @customenum {string}
 */
enum FigureFieldChoice {
  /** The figure itself (default). */
  value = "value",
  /** One line: publisher, title, publication date, origin (and qualifier). */
  citation = "citation",
  /** Who published the source. */
  publisher = "publisher",
  /** The source's title. */
  title = "title",
  /** Publication date (YYYY, YYYY-MM or YYYY-MM-DD). */
  date = "date",
  /** What the source itself cites. */
  origin = "origin",
  /** The figure's own note (USGS notes for PRODUCTION and RESERVES). */
  note = "note",
  /** The source's web address, when known. */
  url = "url",
  /** What qualifies the number: approximate, estimated, rounded, a USGS code or bound, the forecaster. */
  qualifier = "qualifier",
  /** The dataset's key for the source. */
  source_id = "source_id",
}

/**
 * What LIST lists.
 * @customenum {string}
 */
enum ListWhat {
  /** Commodity ids (the default), one column. */
  commodities = "commodities",
  /** Trade partners: code and name under a header, World first. */
  partners = "partners",
  /** Reporters: code and name under a header. */
  reporters = "reporters",
  /** Trade flows with figures (export, import, re-export, re-import), one column. */
  flows = "flows",
  /** Periods with trade figures (YYYY-MM, or YYYY for annual figures), oldest first, one column. */
  periods = "periods",
  /** Published forecasts: commodity, variable, year, forecaster. */
  forecasts = "forecasts",
  /** Other reported figures: commodity, indicator, period. */
  indicators = "indicators",
  /** Sources: id, publisher, title, date. */
  sources = "sources",
  /** Export-control events: date, commodities, partner, action, until. */
  events = "events",
}

/**
 * Which fact about the dataset DATAVERSION returns.
 * @customenum {string}
 */
enum DatasetField {
  /** The dataset's version (the default). */
  version = "version",
  /** The date the data is as of. */
  asof = "asof",
  /** Where it came from: bundled, the feed URL, or "file: name". */
  origin = "origin",
  /** SHA-256 of the dataset. */
  hash = "hash",
  /** When it was loaded (ISO 8601, UTC). */
  loaded = "loaded",
  /** The dataset's name. */
  name = "name",
  /** The dataset format version. */
  format = "format",
}

/**
 * What CHANGE compares a period with.
 * @customenum {string}
 */
enum ChangeBasis {
  /** Month on month: the previous month (for a quarter, half or year: the previous one). */
  MonthOnMonth = "mom",
  /** Year on year: the same period a year earlier. */
  YearOnYear = "yoy",
}

/**
 * Which header rows SERIES spills above the data, as in STOCKHISTORY.
 * @customenum {number}
 */
enum SeriesHeaders {
  /** No headers: the data rows only. */
  None = 0,
  /** A header row: Period, Quantity (unit). */
  HeaderRow = 1,
  /** An identifier row (commodity: reporter → partner, unit) above the header row. */
  IdentifierAndHeaderRows = 2,
}

/**
 * A published forecast for a commodity and year: a number, or a word for qualitative outlooks; or its citation.
 * @customfunction FORECAST
 * @param commodity Commodity name or alias: "lithium", "copper", "nickel".
 * @param year Forecast year, such as 2026, or "latest" (the furthest year forecast).
 * @param [variable] What is forecast: "price" (default), "market balance", ... Default: the price, or the only variable.
 * @param [forecaster] Who published it ("Bernstein"). Default: the most recently published forecast.
 * @param [field] "value" (default) or a citation field: "citation", "qualifier" (forecaster and date), "note", ...
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The forecast value; its citation names the forecaster.
 */
export function forecast(
  commodity: string,
  year: any,
  variable: string | undefined,
  forecaster: string | undefined,
  field: FigureFieldChoice,
  invocation: CustomFunctions.StreamingInvocation<any>
): void {
  live(
    excelCall(arguments, { commodity, year, variable, forecaster, field }, invocation),
    ({ data }, args) => forecastResult(data, args)
  );
}

/**
 * The citation of the figure EXPORT (or, with flow "import", IMPORT) returns: publisher, title, publication date and origin in one line, or one field.
 * @customfunction SOURCE
 * @param commodity Commodity name, alias or customs code: "magnets", "rare earth magnets", "8505.11".
 * @param partner Partner: ISO code, country name or "World" ("US", "Japan", "World").
 * @param period Month, quarter, half or year: "2025-11", "Nov 2025", a date, 2025, "2025-Q2", or "latest".
 * @param [field] "publisher", "title", "date", "origin", "note", "url", "qualifier" or "source_id". Default: one line.
 * @param [reporter] Reporting country, as in EXPORT and IMPORT. Default: China ("CN").
 * @param [measure] "quantity" (default), "value" or "unit value", as in EXPORT and IMPORT.
 * @param [flow] "export" (default: what EXPORT returns), "import" (what IMPORT returns), "re-export" or "re-import".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The citation text; the same error as EXPORT when EXPORT has no figure.
 */
export function source(
  commodity: string,
  partner: string,
  period: any,
  field: CitationFieldChoice,
  reporter: string | undefined,
  measure: TradeMeasureChoice,
  flow: TradeFlowChoice,
  invocation: CustomFunctions.StreamingInvocation<string>
): void {
  live(
    excelCall(
      arguments,
      { commodity, partner, period, field, reporter, measure, flow },
      invocation
    ),
    ({ data }, args) => sourceText(data, args)
  );
}

/**
 * USGS production of a commodity in a country and year (Mineral Commodity Summaries), or its citation.
 * @customfunction PRODUCTION
 * @param commodity Commodity name or alias: "cobalt", "lithium", "rare earths", "gallium".
 * @param country USGS spelling, ISO code or name: "Congo (Kinshasa)", "DRC", "CN", "World total", "Other countries".
 * @param year Year, such as 2024, or a date (its year), or "latest" (the country's last reported year).
 * @param [statistic] "mine production", "primary production", "capacity", ... Default: the commodity's production.
 * @param [field] "value" (default) or a citation field: "citation", "note", "qualifier", "date", ...
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The figure as USGS printed it; #N/A for W (withheld) and NA; 0 for —.
 */
export function production(
  commodity: string,
  country: string,
  year: any,
  statistic: string | undefined,
  field: FigureFieldChoice,
  invocation: CustomFunctions.StreamingInvocation<any>
): void {
  live(
    excelCall(arguments, { commodity, country, year, statistic, field }, invocation),
    ({ data }, args) => productionResult(data, args)
  );
}

/**
 * USGS reserves of a commodity in a country (Mineral Commodity Summaries), or their citation.
 * @customfunction RESERVES
 * @param commodity Commodity name or alias: "cobalt", "lithium", "rare earths".
 * @param country USGS spelling, ISO code or name: "Congo (Kinshasa)", "Chile", "World".
 * @param [year] Year, such as 2025, or "latest". Default: the latest year with reserves for the commodity.
 * @param [field] "value" (default) or a citation field: "citation", "note", "qualifier", "date", ...
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The figure as USGS printed it; a bound (">85,000,000") gives its number, the qualifier says ">".
 */
export function reserves(
  commodity: string,
  country: string,
  year: any,
  field: FigureFieldChoice,
  invocation: CustomFunctions.StreamingInvocation<any>
): void {
  live(excelCall(arguments, { commodity, country, year, field }, invocation), ({ data }, args) =>
    reservesResult(data, args)
  );
}

/**
 * Another reported figure for a commodity: a quota, share, price or market size, in the unit reported.
 * @customfunction INDICATOR
 * @param commodity Commodity name or alias: "rare earths", "lithium", "antimony".
 * @param indicator Indicator name or a unique part of it: "mining quota", "China's share of refining capacity".
 * @param [period] Year, month or date: 2024, "2025-12", a date, or "latest". Default: the latest reported.
 * @param [field] "value" (default) or a citation field: "citation", "note", "qualifier" ("approximate"), ...
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The reported figure, unconverted; approximate figures say so in their qualifier.
 */
export function indicator(
  commodity: string,
  indicator: string,
  period: any,
  field: FigureFieldChoice,
  invocation: CustomFunctions.StreamingInvocation<any>
): void {
  live(
    excelCall(arguments, { commodity, indicator, period, field }, invocation),
    ({ data }, args) => indicatorResult(data, args)
  );
}

/**
 * China's export-control status for a commodity on a date, as one line: what applies, since when, until when.
 * @customfunction CONTROLS
 * @param commodity Commodity name or alias: "gallium", "germanium", "antimony", "rare earths".
 * @param [partner] Destination ("US", "Japan"). Default: every destination, with partner-specific measures named.
 * @param [date] Day of the status: "2024-12-10" or a date cell; a month ("2026-11") or year means its first day; "latest" means the dataset's as-of date. Default: today, kept current.
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The status, e.g. "Licence required since 2023-08-01; export ban to the United States in force since 2024-12-03."
 */
export function controls(
  commodity: string,
  partner: string | undefined,
  date: any,
  invocation: CustomFunctions.StreamingInvocation<string>
): void {
  const call = excelCall(arguments, { commodity, partner, date }, invocation);
  const compute = (snapshot: StoreSnapshot, today: Date) =>
    controlsText(snapshot.data, call.args, today);
  if (!isMissing(call.args.date)) {
    // A fixed date: the result changes only with the dataset.
    live(call, (snapshot) => compute(snapshot, new Date()));
    return;
  }
  // Today's status: also re-sent when the local date changes (the timer stops when Excel cancels the cell).
  bindDailyLiveCell(
    store,
    call.invocation,
    (snapshot, today) => safely((s) => compute(s, today))(snapshot),
    (result) => toExcel(result) as unknown as string
  );
}

/**
 * The export-control timeline of a commodity, oldest first: date, action, partner, until, source.
 * @customfunction EVENTS
 * @param commodity Commodity name or alias: "gallium", "antimony", "rare earths".
 * @param [partner] Destination ("US"): events for all destinations plus that partner's. Default: every event.
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns A spilled table under a header row; #N/A when no events are recorded.
 */
export function events(
  commodity: string,
  partner: string | undefined,
  invocation: CustomFunctions.StreamingInvocation<any[][]>
): void {
  live(excelCall(arguments, { commodity, partner }, invocation), ({ data }, args) =>
    eventsTable(data, args)
  );
}

/**
 * Lists what the dataset holds, to discover arguments: commodities, partners, reporters, flows, periods, forecasts, indicators, sources, events.
 * @customfunction LIST
 * @param [what] "commodities" (default), "partners", "reporters", "flows", "periods", "forecasts", "indicators", "sources" or "events".
 * @param [commodity] Only what exists for this commodity ("magnets", "gallium").
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns A spilled list (one column, no header) or table (with a header row).
 */
export function list(
  what: ListWhat,
  commodity: string | undefined,
  invocation: CustomFunctions.StreamingInvocation<any[][]>
): void {
  live(excelCall(arguments, { what, commodity }, invocation), ({ data }, args) =>
    listTable(data, args)
  );
}

/**
 * The version, as-of date, origin, hash or load time of the dataset in use; it changes the moment a new dataset is in use.
 * @customfunction DATAVERSION
 * @param [field] "version" (default), "asof", "origin", "hash", "loaded", "name" or "format".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Text (the format version is a number).
 */
export function dataVersionInfo(
  field: DatasetField,
  invocation: CustomFunctions.StreamingInvocation<any>
): void {
  live(excelCall(arguments, { field }, invocation), (snapshot, args) =>
    dataVersion(snapshot, args)
  );
}

/**
 * China's (or reporter's) reported monthly trade figures of a commodity with a partner, spilled oldest first like STOCKHISTORY; periods are text "YYYY-MM".
 * @customfunction SERIES
 * @param commodity Commodity name, alias or customs code: "magnets", "rare earth magnets", "8505.11", "gallium".
 * @param partner Destination: ISO code, country name or "World" for the reporter's total ("US", "Japan", "World").
 * @param [start] First month: "2025-06", "Jun 2025", a date, "latest"; a quarter, half or year means its first month. Default: the first reported month.
 * @param [end] Last month: "2025-11", a date, "latest"; a quarter, half or year means its last month. Default: the last reported month.
 * @param [headers] 0 = no headers, 1 = a header row (default), 2 = an identifier row above the header row.
 * @param [unit] Unit to convert quantities to: "t", "kg", "g", "lb". Default: the unit the source reported.
 * @param [reporter] Reporting country. Default: China ("CN").
 * @param [measure] "quantity" (default), "value" (USD) or "unit value".
 * @param [flow] "export" (default), "import", "re-export" or "re-import".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns A table of reported periods and figures; #N/A when no month in the range was reported.
 */
export function series(
  commodity: string,
  partner: string,
  start: any,
  end: any,
  headers: SeriesHeaders,
  unit: string | undefined,
  reporter: string | undefined,
  measure: TradeMeasureChoice,
  flow: TradeFlowChoice,
  invocation: CustomFunctions.StreamingInvocation<any[][]>
): void {
  live(
    excelCall(
      arguments,
      { commodity, partner, start, end, headers, unit, reporter, measure, flow },
      invocation
    ),
    ({ data }, args) => seriesTable(data, args)
  );
}

/**
 * Change in China's reported exports of a commodity to a partner, as a fraction: computed from the two reported levels, else the change the source reported.
 * @customfunction CHANGE
 * @param commodity Commodity name, alias or customs code: "magnets", "rare earth magnets", "8505.11", "gallium".
 * @param partner Destination: ISO code, country name or "World" for the reporter's total ("US", "Japan", "World").
 * @param period Month, quarter, half or year: "2025-11", "Nov 2025", a date, 2025, "2025-Q2", "2025-H1", or "latest".
 * @param [basis] "mom" month on month (default; for a quarter, half or year: on the previous one) or "yoy" year on year.
 * @param [field] "value" (default) for the change, or a citation field: "citation", "qualifier" (computed or reported), "note", ...
 * @param [reporter] Reporting country. Default: China ("CN").
 * @param [measure] "quantity" (default), "value" (USD) or "unit value".
 * @param [flow] "export" (default), "import", "re-export" or "re-import".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The change as a fraction (-0.11 = -11%); #N/A when a level and the reported change are missing, or the earlier level is a reported 0 (the message says which).
 */
export function change(
  commodity: string,
  partner: string,
  period: any,
  basis: ChangeBasis,
  field: FigureFieldChoice,
  reporter: string | undefined,
  measure: TradeMeasureChoice,
  flow: TradeFlowChoice,
  invocation: CustomFunctions.StreamingInvocation<any>
): void {
  live(
    excelCall(
      arguments,
      { commodity, partner, period, basis, field, reporter, measure, flow },
      invocation
    ),
    ({ data }, args) => changeValue(data, args)
  );
}

/**
 * A partner's share of China's reported total exports of a commodity in a period, as a fraction.
 * @customfunction SHARE
 * @param commodity Commodity name, alias or customs code: "magnets", "rare earth magnets", "8505.11", "gallium".
 * @param partner Destination: ISO code or country name ("US", "Japan", "Germany").
 * @param period Month, quarter, half or year: "2025-11", "Nov 2025", a date, 2025, "2025-Q2", "2025-H1", or "latest".
 * @param [reporter] Reporting country. Default: China ("CN").
 * @param [measure] "quantity" (default) or "value" (USD).
 * @param [flow] "export" (default), "import", "re-export" or "re-import".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns Partner figure / World total; #N/A when either is not reported or the World total is a reported 0 (the message says which).
 */
export function share(
  commodity: string,
  partner: string,
  period: any,
  reporter: string | undefined,
  measure: TradeMeasureChoice,
  flow: TradeFlowChoice,
  invocation: CustomFunctions.StreamingInvocation<number>
): void {
  live(
    excelCall(arguments, { commodity, partner, period, reporter, measure, flow }, invocation),
    ({ data }, args) => shareValue(data, args)
  );
}

/**
 * China's export destinations for a commodity ranked by reported quantity, spilled with each one's share of the total.
 * @customfunction TOP
 * @param commodity Commodity name, alias or customs code: "magnets", "rare earth magnets", "8505.11", "gallium".
 * @param period Month, quarter, half or year: "2025-06", "Jun 2025", a date, 2025, "2025-Q4", "latest"; a span ranks partners with every month reported.
 * @param [n] How many partners to list, such as 5. Default: all.
 * @param [reporter] Reporting country. Default: China ("CN").
 * @param [measure] "quantity" (default) or "value" (USD).
 * @param [flow] "export" (default), "import", "re-export" or "re-import".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns A header row, then partner, figure and share of the World total (#N/A in a share cell when the total is not reported).
 */
export function top(
  commodity: string,
  period: any,
  n: any,
  reporter: string | undefined,
  measure: TradeMeasureChoice,
  flow: TradeFlowChoice,
  invocation: CustomFunctions.StreamingInvocation<any[][]>
): void {
  live(
    excelCall(arguments, { commodity, period, n, reporter, measure, flow }, invocation),
    ({ data }, args) => topTable(data, args)
  );
}

/**
 * A card (Excel data type) for a commodity: its trade, USGS production and reserves, forecasts and export controls, each figure cited; read a field with =A1.Production.
 * @customfunction COMMODITY
 * @param name Commodity name, alias or customs code: "gallium", "rare earth magnets", "8505.11".
 * @param invocation Streaming invocation (supplied by Excel).
 * @returns The commodity as a data type; its fields update when the dataset is refreshed.
 */
export function commodity(
  name: string,
  invocation: CustomFunctions.StreamingInvocation<Excel.EntityCellValue>
): void {
  const call = excelCall(arguments, { name }, invocation);
  // CONTROLS on the card is today's status, so the card is also re-sent when the local date changes.
  bindDailyLiveCell(
    store,
    call.invocation,
    (snapshot, today) =>
      safely((s) =>
        entityCardSupport() !== "unsupported"
          ? commodityCard(s.data, call.args, today)
          : invalid(ENTITY_CARDS_UNSUPPORTED)
      )(snapshot),
    (result) => toExcel(result) as unknown as Excel.EntityCellValue
  );
}
