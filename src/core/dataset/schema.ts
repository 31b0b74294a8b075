import { DATASET_FORMAT, FLOWS, FORMAT_VERSION, MANIFEST_FORMAT_VERSION } from "./dataset";
import { MANIFEST_ONLY_TABLES, ROW_TABLES, Table, TABLES } from "./tables";

/**
 * The published JSON Schemas: the format 1 dataset (`data/minerals.schema.json`) and the format 2
 * manifest (`data/minerals.manifest.schema.json`), which share every table but the observations.
 * The build writes them out unchanged and compiles them into the validators every load path runs
 * (build/dataset-validators.js, by src/dataset-build/validators.ts). Cross-row rules a schema cannot
 * state (every `source_id` resolves, keys are unique) live in validate.ts. The manifest alone has
 * `superseded_trade` (optional): news trade figures set aside for an official figure with their key.
 */

const text = { type: "string", minLength: 1, maxLength: 2000 } as const;
const longText = { type: "string", maxLength: 20000 } as const;
const optionalText = { type: ["string", "null"], maxLength: 20000 } as const;
const code = { type: "string", pattern: "^[A-Z][A-Z0-9_]{1,15}$" } as const;
const id = { type: "string", minLength: 1, maxLength: 200 } as const;
const month = { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" } as const;
const date = {
  type: "string",
  pattern: "^\\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\\d|3[01]))?)?$",
} as const;
const finite = { type: "number" } as const;
const stringList = { type: "array", items: text, maxItems: 1000 } as const;

function record(properties: Record<string, unknown>) {
  return {
    type: "object",
    additionalProperties: false,
    required: Object.keys(properties),
    properties,
  } as const;
}

function list(item: unknown) {
  return { type: "array", items: item, maxItems: 5000000 } as const;
}

export { MANIFEST_ONLY_TABLES, ROW_TABLES, TABLES };
export type { Table };

/** The tables a format 1 dataset and a format 2 manifest both carry, in their published order. */
const referenceTables = {
  sources: list(
    record({
      source_id: id,
      publisher: text,
      title: text,
      published: date,
      origin: longText,
      url: { type: ["string", "null"], pattern: "^https?://", maxLength: 2000 },
    })
  ),
  commodities: list(
    record({
      id,
      name: text,
      aliases: stringList,
      customs_codes: stringList,
      unit: { type: ["string", "null"], maxLength: 200 },
    })
  ),
  countries: list(
    record({
      code,
      iso3: { type: ["string", "null"], pattern: "^[A-Z]{3}$" },
      name: text,
      aliases: stringList,
    })
  ),
  reported_changes: list(
    record({
      commodity: id,
      reporter: code,
      partner: code,
      period: { type: "string", pattern: "^\\d{4}(-(0[1-9]|1[0-2]|Q[1-4]|H[12]))?$" },
      basis: { enum: ["mom", "yoy"] },
      measure: text,
      percent: finite,
      approximate: { type: "boolean" },
      source_id: id,
      note: optionalText,
    })
  ),
  forecasts: list(
    record({
      commodity: id,
      variable: text,
      region: code,
      year: { type: "integer", minimum: 1900, maximum: 2200 },
      value: { type: ["number", "string"], minLength: 1, maxLength: 200 },
      unit: { type: ["string", "null"], maxLength: 200 },
      scenario: text,
      forecaster: text,
      published: date,
      source_id: id,
      note: optionalText,
    })
  ),
  indicators: list(
    record({
      commodity: id,
      indicator: text,
      region: code,
      period: date,
      value: finite,
      unit: text,
      approximate: { type: "boolean" },
      source_id: id,
      note: optionalText,
    })
  ),
  events: list(
    record({
      date,
      date_precision: { enum: ["day", "month"] },
      jurisdiction: code,
      commodities: { type: "array", items: id, minItems: 1, maxItems: 1000 },
      partner: code,
      action: text,
      until: { oneOf: [date, { type: "null" }] },
      source_id: id,
      note: optionalText,
    })
  ),
  usgs: list(
    record({
      chapter: text,
      section: text,
      commodity: text,
      country: text,
      country_code: { oneOf: [code, { type: "null" }] },
      statistic: text,
      detail: longText,
      unit: longText,
      year: text,
      value: { type: ["number", "null"] },
      qualifier: { type: ["string", "null"], maxLength: 20 },
      raw: { type: "string", maxLength: 200 },
      notes: optionalText,
      critical: optionalText,
      other_notes: optionalText,
      source_id: id,
    })
  ),
  usgs_tables: list(
    record({
      table: text,
      commodity: text,
      fields: {
        type: "object",
        maxProperties: 200,
        additionalProperties: record({
          raw: { type: "string", maxLength: 2000 },
          value: { type: ["number", "null"] },
          qualifier: { type: ["string", "null"], maxLength: 20 },
        }),
      },
      source_id: id,
    })
  ),
};

export const datasetSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://minerals-for-excel.invalid/schema/dataset-v1.json",
  title: "Minerals for Excel dataset",
  description:
    "A versioned, fully sourced critical-minerals dataset. Every observation carries a source_id.",
  ...record({
    format: { const: DATASET_FORMAT },
    format_version: { const: FORMAT_VERSION },
    name: text,
    version: { type: "string", pattern: "^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$" },
    as_of: date,
    hash: { type: "string", pattern: "^([0-9a-f]{64})?$" },
    sources: referenceTables.sources,
    commodities: referenceTables.commodities,
    countries: referenceTables.countries,
    exports: list(
      record({
        commodity: id,
        reporter: code,
        partner: code,
        period: month,
        quantity: { type: "number", minimum: 0 },
        unit: text,
        source_id: id,
        note: optionalText,
      })
    ),
    reported_changes: referenceTables.reported_changes,
    forecasts: referenceTables.forecasts,
    indicators: referenceTables.indicators,
    events: referenceTables.events,
    usgs: referenceTables.usgs,
    usgs_tables: referenceTables.usgs_tables,
  }),
} as const;

const sha256 = { type: "string", pattern: "^[0-9a-f]{64}$" } as const;

/** A trade observation (dataset.ts's TradeObservation) as a JSON row. */
const tradeObservation = record({
  commodity: id,
  reporter: code,
  partner: code,
  flow: { enum: FLOWS },
  period: { type: "string", pattern: "^\\d{4}(-(0[1-9]|1[0-2]))?$" },
  quantity: { type: ["number", "null"] },
  unit: { type: ["string", "null"], minLength: 1, maxLength: 2000 },
  value: { type: ["number", "null"] },
  estimated: { type: "boolean" },
  source_id: id,
  note: optionalText,
});

const manifestRecord = record({
  format: { const: DATASET_FORMAT },
  format_version: { const: MANIFEST_FORMAT_VERSION },
  name: text,
  version: datasetSchema.properties.version,
  as_of: date,
  ...referenceTables,
  superseded_trade: list(tradeObservation),
  parts: {
    type: "array",
    minItems: 1,
    maxItems: 1000,
    items: record({
      path: {
        type: "string",
        pattern: "^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_][A-Za-z0-9._-]{0,127}){0,7}$",
      },
      sha256,
      bytes: { type: "integer", minimum: 8, maximum: 9007199254740991 },
    }),
  },
});

/**
 * The format 2 manifest: the release, the reference tables and the Arrow IPC files holding the trade
 * observations, each with its byte length and SHA-256. It has no hash field: a dataset's hash is the
 * SHA-256 of the manifest's bytes (see manifest.ts).
 */
export const manifestSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://minerals-for-excel.invalid/schema/dataset-v2-manifest.json",
  title: "Minerals for Excel dataset manifest (format 2)",
  description:
    "A versioned, fully sourced critical-minerals dataset: reference tables, and trade observations in Apache Arrow IPC files.",
  ...manifestRecord,
  // The manifest-only tables are optional.
  required: manifestRecord.required.filter(
    (key) => !(MANIFEST_ONLY_TABLES as readonly string[]).includes(key)
  ),
} as const;
