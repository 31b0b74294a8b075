import { Validator } from "@cfworker/json-schema";
import { Dataset, DATASET_FORMAT, FORMAT_VERSION } from "./dataset";
import { findNonFinite, nonFiniteProblem } from "./finite";
import { duplicateRows } from "./keys";
import { datasetSchema } from "./schema";
import { isDateText } from "../queries/period";
import { parseUnit } from "../queries/units";

/** Why a dataset was refused: every problem found, each naming where it is. */
export class DatasetError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid dataset: ${problems[0]}`
        : `Invalid dataset (${problems.length} problems): ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? "; …" : ""}`
    );
    this.name = "DatasetError";
  }
}

/** A dataset in a format version above the one this build reads: written by a newer add-in or tool. */
export class NewerFormatError extends DatasetError {
  constructor(problem: string) {
    super([problem]);
    this.name = "NewerFormatError";
  }
}

const MAX_PROBLEMS = 50;

let schemaValidator: Validator | undefined;

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
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DatasetError(["the top level must be a JSON object"]);
  }
  const top = value as Record<string, unknown>;
  if (top.format !== DATASET_FORMAT) {
    throw new DatasetError([
      `"format" must be "${DATASET_FORMAT}" (found ${describeFound(top.format, "nothing")})`,
    ]);
  }
  if (top.format_version !== FORMAT_VERSION) {
    const problem = `unsupported format_version ${describeFound(top.format_version, "(missing)")}; this add-in reads version ${FORMAT_VERSION}`;
    throw typeof top.format_version === "number" && top.format_version > FORMAT_VERSION
      ? new NewerFormatError(problem)
      : new DatasetError([problem]);
  }
  // Before the schema: it would take Infinity for a number (JSON text `1e309` parses as one).
  const nonFinite = findNonFinite(value, MAX_PROBLEMS);
  if (nonFinite.length > 0) throw new DatasetError(nonFinite.map(nonFiniteProblem));
  schemaValidator ??= new Validator(
    datasetSchema as unknown as ConstructorParameters<typeof Validator>[0],
    "2020-12",
    false
  );
  const result = schemaValidator.validate(value);
  if (!result.valid) {
    // The validator reports each failure at every enclosing level; the deepest ones say what is wrong.
    // Every proper ancestor of a failing location, marked once: linear in the number of errors.
    const ancestors = new Set<string>();
    for (const e of result.errors) {
      let location = e.instanceLocation;
      for (let cut = location.lastIndexOf("/"); cut >= 0; cut = location.lastIndexOf("/")) {
        location = location.slice(0, cut);
        if (ancestors.has(location)) break;
        ancestors.add(location);
      }
    }
    const leaves = result.errors.filter((e) => !ancestors.has(e.instanceLocation));
    const problems = unique(
      leaves.map((e) => {
        const path = e.instanceLocation.replace(/^#/, "") || "/";
        // additionalProperties: false reports a property as failing the schema `false`.
        return `${path}: ${e.keyword === "false" ? "unexpected property" : e.error}`;
      })
    );
    throw new DatasetError(problems.slice(0, MAX_PROBLEMS));
  }
  const dataset = value as Dataset;
  const problems = crossRowProblems(dataset);
  if (problems.length > 0) throw new DatasetError(problems.slice(0, MAX_PROBLEMS));
  return dataset;
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

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

function crossRowProblems(dataset: Dataset): string[] {
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
  return problems;
}
