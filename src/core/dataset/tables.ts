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

/**
 * Tables only a format 2 manifest carries, each optional there (absent = no rows): the news trade
 * figures set aside for an official figure with the same key (format 1 keeps those in `exports`).
 */
export const MANIFEST_ONLY_TABLES = ["superseded_trade"] as const;

/** Every table whose rows the schema validates one at a time. */
export const ROW_TABLES = [...TABLES, ...MANIFEST_ONLY_TABLES] as const;
