/**
 * The dataset format: the one JSON shape the build emits, the functions embed, refresh feeds serve
 * and third parties publish. Field names follow the CSV columns the data team edits (snake_case),
 * so a figure reads the same in its CSV row and in the JSON.
 */

export const DATASET_FORMAT = "minerals-for-excel/dataset";
export const FORMAT_VERSION = 1;
/** Format 2: a JSON manifest (the reference tables) and Apache Arrow IPC files of trade observations. */
export const MANIFEST_FORMAT_VERSION = 2;

export interface Source {
  source_id: string;
  publisher: string;
  title: string;
  /** Publication date as precise as known: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
  published: string;
  origin: string;
  url: string | null;
}

export interface Commodity {
  id: string;
  name: string;
  aliases: string[];
  customs_codes: string[];
  /** The unit its export figures are reported in; null when it has none or they differ. */
  unit: string | null;
}

/** A country or a region code (`WORLD`, `WEST`, `OTHER`); `iso3` is null for regions. */
export interface Country {
  code: string;
  iso3: string | null;
  name: string;
  aliases: string[];
}

export interface ExportObservation {
  commodity: string;
  reporter: string;
  partner: string;
  /** `YYYY-MM` */
  period: string;
  quantity: number;
  unit: string;
  source_id: string;
  note: string | null;
}

export interface ReportedChange {
  commodity: string;
  reporter: string;
  partner: string;
  /** `YYYY-MM`, `YYYY-Qn`, `YYYY-Hn` or `YYYY` */
  period: string;
  basis: "mom" | "yoy";
  measure: string;
  percent: number;
  approximate: boolean;
  source_id: string;
  note: string | null;
}

export interface Forecast {
  commodity: string;
  variable: string;
  region: string;
  year: number;
  /** A number, or a word for qualitative outlooks ("oversupplied"). */
  value: number | string;
  unit: string | null;
  scenario: string;
  forecaster: string;
  published: string;
  source_id: string;
  note: string | null;
}

export interface Indicator {
  commodity: string;
  indicator: string;
  region: string;
  period: string;
  value: number;
  unit: string;
  approximate: boolean;
  source_id: string;
  note: string | null;
}

export interface ControlEvent {
  date: string;
  date_precision: "day" | "month";
  jurisdiction: string;
  commodities: string[];
  /** `ALL` or a country code. */
  partner: string;
  action: string;
  until: string | null;
  source_id: string;
  note: string | null;
}

/**
 * One row of the USGS Mineral Commodity Summaries data release. `value` is null when USGS gives no
 * number (`W` withheld, `NA` not available); `qualifier` keeps what the release said beside or
 * instead of the number (`W`, `NA`, `—` for zero, `>` / `<` for bounds), and `raw` the cell as printed.
 */
export interface UsgsObservation {
  chapter: string;
  section: string;
  commodity: string;
  /** The country as USGS spells it ("Congo (Kinshasa)", "World total"). */
  country: string;
  /** The resolved country code, or null when the spelling matches no known country. */
  country_code: string | null;
  statistic: string;
  detail: string;
  unit: string;
  year: string;
  value: number | null;
  qualifier: string | null;
  raw: string;
  notes: string | null;
  critical: string | null;
  other_notes: string | null;
  source_id: string;
}

/** The trade flows official statistics report (UN Comtrade flow codes X, M, RX, RM). */
export type Flow = "export" | "import" | "re-export" | "re-import";
export const FLOWS: readonly Flow[] = ["export", "import", "re-export", "re-import"];

/**
 * One reported trade figure, the observation model of format version 2 (and of the in-memory
 * dataset for every format): a v1 `exports` row is flow "export" with value null and estimated
 * false. A null measure is "not reported"; a 0 is a reported zero. Keyed by commodity, reporter,
 * partner, flow and period; which measure a formula reads is its own argument.
 */
export interface TradeObservation {
  commodity: string;
  reporter: string;
  partner: string;
  flow: Flow;
  /** `YYYY-MM` for monthly reports, `YYYY` for annual ones. */
  period: string;
  /** Quantity in `unit`; null when not reported. */
  quantity: number | null;
  /** The quantity's unit; null only when quantity is null. */
  unit: string | null;
  /** Trade value in US dollars; null when not reported. */
  value: number | null;
  /** The publisher marks the quantity as estimated. */
  estimated: boolean;
  source_id: string;
  note: string | null;
}

/** A cell of a USGS table kept as printed, with the number it states when it states one. */
export interface UsgsCell {
  raw: string;
  value: number | null;
  qualifier: string | null;
}

/** A row of a USGS table other than the commodities data file, each column kept as a cell. */
export interface UsgsTableRow {
  table: string;
  commodity: string;
  fields: Record<string, UsgsCell>;
  source_id: string;
}

export interface Dataset {
  format: typeof DATASET_FORMAT;
  format_version: number;
  name: string;
  version: string;
  as_of: string;
  /** SHA-256 (hex) of the dataset's canonical JSON with this field set to "". */
  hash: string;
  sources: Source[];
  commodities: Commodity[];
  countries: Country[];
  exports: ExportObservation[];
  reported_changes: ReportedChange[];
  forecasts: Forecast[];
  indicators: Indicator[];
  events: ControlEvent[];
  usgs: UsgsObservation[];
  usgs_tables: UsgsTableRow[];
  /**
   * Format 2 only: news trade figures set aside for an official figure with the same key, kept with
   * their sources (formulas read the official one). Absent: none. Format 1 keeps them in `exports`.
   */
  superseded_trade?: TradeObservation[];
}

/** Region codes used beside ISO 3166-1 alpha-2 country codes. */
export const WORLD = "WORLD";
