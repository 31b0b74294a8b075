/*
 * Kept apart from schema.ts: the load paths need only this list, and the schema objects (built by
 * calls a bundler cannot prove pure) would otherwise ship in the functions bundle with it.
 */

/** The tables of a dataset, in their published order (a manifest has all but `exports`). */
export const TABLES = [
  "sources",
  "commodities",
  "countries",
  "exports",
  "reported_changes",
  "forecasts",
  "indicators",
  "events",
  "usgs",
  "usgs_tables",
] as const;
export type Table = (typeof TABLES)[number];
