import { isMissing, parseYearOrLatest, resolveCommodity } from "./arguments";
import { Forecast } from "../dataset/dataset";
import { IndexedDataset } from "../dataset/indexed";
import { nameKey } from "./names";
import { describe, isLatest, quoted } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";
import { citationOf, CitedFigure, figureResult, withLatestNote } from "./source";

export interface ForecastArguments {
  commodity: unknown;
  year: unknown;
  variable?: unknown;
  forecaster?: unknown;
}

/** Whether a variable argument names a forecast variable: whole name, or the part before ":" ("price"). */
function variableMatches(variable: string, wanted: string): boolean {
  const key = nameKey(variable);
  return key === wanted || nameKey(variable.split(":")[0]) === wanted;
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

/**
 * FORECAST(commodity, year, [variable], [forecaster]) with the forecast row it comes from.
 * Default variable: the price, or the only variable forecast for that commodity and year. Several
 * forecasters: the most recently published (ties keep dataset order), visible in the citation.
 */
export function findForecast(data: IndexedDataset, args: ForecastArguments): Forecast | QueryError {
  const commodity = resolveCommodity(data, args.commodity);
  if (isQueryError(commodity)) return commodity;
  const asked = parseYearOrLatest(args.year);
  if (isQueryError(asked)) return asked;
  const all = data.forecasts.get(commodity);
  if (!all) {
    const withForecasts = [...data.forecasts.keys()].join(", ");
    return notAvailable(`No forecasts for ${commodity}; forecasts exist for: ${withForecasts}.`);
  }
  // "latest": the furthest year forecast for the commodity.
  const year = asked === "latest" ? Math.max(...all.map((f) => f.year)) : asked;
  let candidates = all.filter((f) => f.year === year);
  if (candidates.length === 0) {
    const years = distinct(all.map((f) => String(f.year))).sort();
    return notAvailable(
      `No forecast for ${commodity} in ${year}; years with forecasts: ${years.join(", ")}.`
    );
  }
  if (!isMissing(args.forecaster)) {
    if (typeof args.forecaster !== "string")
      return invalid(`Cannot read ${describe(args.forecaster)} as a forecaster.`);
    const wanted = nameKey(args.forecaster);
    const byForecaster = candidates.filter((f) => nameKey(f.forecaster) === wanted);
    if (byForecaster.length === 0) {
      const forecasters = distinct(candidates.map((f) => f.forecaster));
      return notAvailable(
        `No forecast by ${quoted(args.forecaster)} for ${commodity} in ${year}; forecasters: ${forecasters.join(", ")}.`
      );
    }
    candidates = byForecaster;
  }

  const variables = distinct(candidates.map((f) => f.variable));

  if (!isMissing(args.variable)) {
    if (typeof args.variable !== "string")
      return invalid(`Cannot read ${describe(args.variable)} as a forecast variable.`);
    const wanted = nameKey(args.variable);
    candidates = candidates.filter((f) => variableMatches(f.variable, wanted));
    if (candidates.length === 0) {
      return notAvailable(
        `No ${quoted(args.variable)} forecast for ${commodity} in ${year}; variables: ${variables.join("; ")}.`
      );
    }
  } else if (variables.length > 1) {
    const prices = candidates.filter((f) => variableMatches(f.variable, "price"));
    candidates = prices;
    if (prices.length === 0) {
      return invalid(
        `Several forecasts for ${commodity} in ${year}; give a variable: ${variables.join("; ")}.`
      );
    }
  }

  const chosenVariables = distinct(candidates.map((f) => f.variable));
  if (chosenVariables.length > 1) {
    return invalid(
      `Several forecasts for ${commodity} in ${year} match; give a variable: ${chosenVariables.join("; ")}.`
    );
  }
  return candidates.reduce((latest, f) => (f.published > latest.published ? f : latest));
}

/** FORECAST's cell value: a number, or a word for qualitative outlooks. */
export function forecastValue(
  data: IndexedDataset,
  args: ForecastArguments
): number | string | QueryError {
  const forecast = findForecast(data, args);
  return isQueryError(forecast) ? forecast : forecast.value;
}

export interface ForecastResultArguments extends ForecastArguments {
  field?: unknown;
}

/** Who made a forecast and when: the qualifier of its citation. */
function forecastQualifier(forecast: Forecast): string {
  const scenario =
    forecast.scenario && nameKey(forecast.scenario) !== "base"
      ? `, ${forecast.scenario} scenario`
      : "";
  return `forecast by ${forecast.forecaster}, published ${forecast.published}${scenario}`;
}

/** FORECAST's figure and citation (note: the forecast's note; qualifier: forecaster and publication). */
export function findCitedForecast(
  data: IndexedDataset,
  args: ForecastArguments
): CitedFigure<number | string> | QueryError {
  const forecast = findForecast(data, args);
  if (isQueryError(forecast)) return forecast;
  const citation = citationOf(data, forecast.source_id, forecast.note, forecastQualifier(forecast));
  const latest = isLatest(args.year) ? String(forecast.year) : undefined;
  return { value: forecast.value, citation: withLatestNote(citation, latest) };
}

/** FORECAST(commodity, year, [variable], [forecaster], [field]): the value, or a citation field. */
export function forecastResult(
  data: IndexedDataset,
  args: ForecastResultArguments
): number | string | QueryError {
  return figureResult(findCitedForecast(data, args), args.field);
}
