import { Dataset, DATASET_FORMAT, FORMAT_VERSION, MANIFEST_FORMAT_VERSION } from "./dataset";
import { findNonFinite, nonFiniteProblem } from "./finite";
import { schemaProblems } from "./json-validation";
import { duplicateRows } from "./keys";
import { isDateText } from "../queries/period";
import { parseUnit } from "../queries/units";

// The error classes live apart so that start-up's code can tell them without the validators.
export { DatasetError, NewerFormatError } from "./dataset-error";
import { DatasetError, NewerFormatError } from "./dataset-error";

export const MAX_PROBLEMS = 50;

/** Parses dataset text; a syntax error becomes a DatasetError naming the position. */
export function parseDatasetText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DatasetError([`not valid JSON (${(error as Error).message})`]);
  }
}

/**
 * Checks a parsed value against the published schema and the cross-row rules, and returns it typed.
 * Throws DatasetError listing the problems. The format version is checked first so that a newer
 * dataset gets one clear message rather than a page of schema errors.
 */
export function validateDataset(value: unknown): Dataset {
  const version = checkFormat(value);
  if (version !== FORMAT_VERSION) {
    throw new DatasetError([
      `unsupported format_version 2 in a single JSON document: a format 2 manifest is read together with its Arrow parts (refresh from the manifest's address, or import it with its parts)`,
    ]);
  }
  refuseNonFinite(value);
  const problems = schemaProblems(value, "dataset", MAX_PROBLEMS);
  if (problems.length > 0) throw new DatasetError(problems);
  const dataset = value as Dataset;
  const crossRow = crossRowProblems(dataset);
  if (crossRow.length > 0) throw new DatasetError(crossRow.slice(0, MAX_PROBLEMS));
  return dataset;
}

/**
 * The format version of a parsed document (1: one JSON dataset, 2: a manifest with Arrow parts), or
 * a DatasetError with one clear message when it is not a dataset of a version this add-in reads.
 */
export function checkFormat(
  value: unknown
): typeof FORMAT_VERSION | typeof MANIFEST_FORMAT_VERSION {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DatasetError(["the top level must be a JSON object"]);
  }
  const top = value as Record<string, unknown>;
  if (top.format !== DATASET_FORMAT) {
    throw new DatasetError([
      `"format" must be "${DATASET_FORMAT}" (found ${describeFound(top.format, "nothing")})`,
    ]);
  }
  if (top.format_version !== FORMAT_VERSION && top.format_version !== MANIFEST_FORMAT_VERSION) {
    const problem = `unsupported format_version ${describeFound(top.format_version, "(missing)")}; this add-in reads versions ${FORMAT_VERSION} and ${MANIFEST_FORMAT_VERSION}`;
    // A higher version than any this build reads was written by a newer add-in or tool.
    throw typeof top.format_version === "number" &&
      top.format_version > Math.max(FORMAT_VERSION, MANIFEST_FORMAT_VERSION)
      ? new NewerFormatError(problem)
      : new DatasetError([problem]);
  }
  return top.format_version;
}

/** Before the schema: it would take Infinity for a number (JSON text `1e309` parses as one). */
export function refuseNonFinite(value: unknown): void {
  const nonFinite = findNonFinite(value, MAX_PROBLEMS);
  if (nonFinite.length > 0) throw new DatasetError(nonFinite.map(nonFiniteProblem));
}

/** A found value for a message: short, and never a serialisation of an arbitrary (deep) structure. */
function describeFound(value: unknown, missing: string): string {
  if (value === undefined) return missing;
  if (typeof value === "string")
    return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null)
    return String(value);
  return Array.isArray(value) ? "an array" : "an object";
}

/** The rules across rows and tables a schema cannot state (references resolve, keys are unique). */
export function crossRowProblems(dataset: Dataset): string[] {
  const problems: string[] = [];
  // Two rows with one key: the formulas would read one and the diff compare the other.
  for (const d of duplicateRows(dataset, MAX_PROBLEMS))
    problems.push(
      `/${d.table}/${d.second}: duplicate of /${d.table}/${d.first}: both give ${d.what}`
    );
  const sources = new Set(dataset.sources.map((s) => s.source_id));
  const commodities = new Set(dataset.commodities.map((c) => c.id));
  const countries = new Set(dataset.countries.map((c) => c.code));

  const checkSource = (path: string, sourceId: string) => {
    if (!sources.has(sourceId)) problems.push(`${path}/source_id: unknown source_id "${sourceId}"`);
  };
  const checkCommodity = (path: string, commodity: string) => {
    if (!commodities.has(commodity))
      problems.push(`${path}/commodity: unknown commodity "${commodity}"`);
  };
  const checkCountry = (path: string, field: string, country: string) => {
    if (!countries.has(country))
      problems.push(`${path}/${field}: unknown country code "${country}"`);
  };

  const checkDate = (path: string, field: string, value: string | null) => {
    if (value !== null && !isDateText(value))
      problems.push(`${path}/${field}: '${value}' is not a calendar date`);
  };
  checkDate("", "as_of", dataset.as_of);
  dataset.sources.forEach((s, i) => checkDate(`/sources/${i}`, "published", s.published));

  dataset.exports.forEach((o, i) => {
    const path = `/exports/${i}`;
    checkSource(path, o.source_id);
    checkCommodity(path, o.commodity);
    checkCountry(path, "reporter", o.reporter);
    checkCountry(path, "partner", o.partner);
    if (!parseUnit(o.unit)) problems.push(`${path}/unit: unknown unit "${o.unit}"`);
  });
  dataset.reported_changes.forEach((o, i) => {
    checkSource(`/reported_changes/${i}`, o.source_id);
    checkCommodity(`/reported_changes/${i}`, o.commodity);
    checkCountry(`/reported_changes/${i}`, "reporter", o.reporter);
    checkCountry(`/reported_changes/${i}`, "partner", o.partner);
  });
  dataset.forecasts.forEach((o, i) => {
    const path = `/forecasts/${i}`;
    checkSource(path, o.source_id);
    checkCommodity(path, o.commodity);
    checkCountry(path, "region", o.region);
    checkDate(path, "published", o.published);
  });
  dataset.indicators.forEach((o, i) => {
    checkSource(`/indicators/${i}`, o.source_id);
    checkCommodity(`/indicators/${i}`, o.commodity);
    checkCountry(`/indicators/${i}`, "region", o.region);
    checkDate(`/indicators/${i}`, "period", o.period);
  });
  dataset.events.forEach((o, i) => {
    checkSource(`/events/${i}`, o.source_id);
    o.commodities.forEach((c) => checkCommodity(`/events/${i}`, c));
    // Only an event may apply to every destination at once.
    if (o.partner !== "ALL") checkCountry(`/events/${i}`, "partner", o.partner);
    checkCountry(`/events/${i}`, "jurisdiction", o.jurisdiction);
    checkDate(`/events/${i}`, "date", o.date);
    checkDate(`/events/${i}`, "until", o.until);
  });
  dataset.usgs.forEach((o, i) => {
    checkSource(`/usgs/${i}`, o.source_id);
    checkCommodity(`/usgs/${i}`, o.commodity);
    if (o.country_code !== null) checkCountry(`/usgs/${i}`, "country_code", o.country_code);
  });
  dataset.usgs_tables.forEach((o, i) => {
    checkSource(`/usgs_tables/${i}`, o.source_id);
    checkCommodity(`/usgs_tables/${i}`, o.commodity);
  });
  dataset.superseded_trade?.forEach((o, i) => {
    const path = `/superseded_trade/${i}`;
    checkSource(path, o.source_id);
    checkCommodity(path, o.commodity);
    checkCountry(path, "reporter", o.reporter);
    checkCountry(path, "partner", o.partner);
    if (o.unit !== null && !parseUnit(o.unit))
      problems.push(`${path}/unit: unknown unit "${o.unit}"`);
  });
  return problems;
}
