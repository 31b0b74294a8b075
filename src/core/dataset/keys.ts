import {
  Commodity,
  ControlEvent,
  Country,
  Dataset,
  ExportObservation,
  Forecast,
  Indicator,
  ReportedChange,
  Source,
  UsgsObservation,
  UsgsTableRow,
} from "./dataset";
import { nameKey } from "../queries/names";

/**
 * What identifies a row of each table: one key function per table, used by every reader of it. The
 * build, every load path (validate.ts) and the CSV import refuse two rows with the same key; the
 * formulas index rows by it; the diff compares rows under it; an imported row replaces the row with
 * its key. So a refresh cannot say "No figures changed" while a formula reads another copy.
 */

/** `commodity|reporter|partner|YYYY-MM`: an export figure, as EXPORT and SERIES look it up. */
export function exportKey(
  commodity: string,
  reporter: string,
  partner: string,
  month: string
): string {
  return `${commodity}|${reporter}|${partner}|${month}`;
}

/** A reported change, as CHANGE looks it up (CHANGE reads measure "quantity"). */
export function reportedChangeKey(
  commodity: string,
  reporter: string,
  partner: string,
  period: string,
  basis: string,
  measure: string
): string {
  return `${commodity}|${reporter}|${partner}|${period}|${basis}|${measure}`;
}

/** An event's action as the control timeline compares them: case and spacing do not matter. */
export function actionKey(action: string): string {
  return action.trim().toLowerCase().replace(/\s+/g, " ");
}

/** A USGS statistic as PRODUCTION and RESERVES name it: "Mine production: rounded" is "Mine production". */
export function usgsStatisticLabel(text: string): string {
  return text.replace(/:\s*rounded\s*$/i, "").trim();
}

export function usgsStatisticKey(text: string): string {
  return nameKey(usgsStatisticLabel(text));
}

/** The four-digit year a USGS Year cell states ("2025", "2025_estimated"), or undefined. */
export function usgsYear(row: UsgsObservation): number | undefined {
  const m = row.year.match(/^\s*(\d{4})/);
  return m ? Number(m[1]) : undefined;
}

/** How PRODUCTION and RESERVES find a country's row: its code, or USGS's spelling when it has none. */
export function usgsCountryKey(code: string | null, spelling: string): string {
  return code ? `code:${code}` : `name:${spelling.trim().toLowerCase()}`;
}

/**
 * A USGS row as PRODUCTION and RESERVES read it: commodity, statistic (its detail, or the statistic
 * when there is none, without ": rounded"), country and year.
 */
export function usgsKey(row: UsgsObservation): string {
  const statistic = usgsStatisticKey(row.detail || row.statistic);
  const year = usgsYear(row) ?? row.year;
  return `${row.commodity}|${statistic}|${usgsCountryKey(row.country_code, row.country)}|${year}`;
}

/** Every table of a dataset with its key and how a message names what two rows both give. */
interface TableKey<T> {
  key(row: T): string;
  /** "a figure for magnets CN → US in 2025-11". */
  what(row: T): string;
}

function table<T>(key: (row: T) => string, what: (row: T) => string): TableKey<T> {
  return { key, what };
}

export const TABLE_KEYS = {
  sources: table<Source>(
    (s) => s.source_id,
    (s) => `source_id '${s.source_id}'`
  ),
  commodities: table<Commodity>(
    (c) => c.id,
    (c) => `commodity id '${c.id}'`
  ),
  countries: table<Country>(
    (c) => c.code,
    (c) => `country code '${c.code}'`
  ),
  exports: table<ExportObservation>(
    (o) => exportKey(o.commodity, o.reporter, o.partner, o.period),
    (o) => `a figure for ${o.commodity} ${o.reporter} → ${o.partner} in ${o.period}`
  ),
  reported_changes: table<ReportedChange>(
    (o) => reportedChangeKey(o.commodity, o.reporter, o.partner, o.period, o.basis, o.measure),
    (o) =>
      `a ${o.basis} change in ${o.measure} for ${o.commodity} ${o.reporter} → ${o.partner} in ${o.period}`
  ),
  forecasts: table<Forecast>(
    (o) =>
      `${o.commodity}|${o.variable}|${o.region}|${o.year}|${o.forecaster}|${o.scenario}|${o.published}`,
    (o) =>
      `a forecast of ${o.commodity} ${o.variable} (${o.region}, ${o.scenario}) for ${o.year} by ${o.forecaster}, published ${o.published}`
  ),
  indicators: table<Indicator>(
    (o) => `${o.commodity}|${o.indicator}|${o.region}|${o.period}`,
    (o) => `${o.commodity} '${o.indicator}' for ${o.region} in ${o.period}`
  ),
  events: table<ControlEvent>(
    (o) =>
      `${o.date}|${o.jurisdiction}|${[...o.commodities].sort().join(";")}|${o.partner}|${actionKey(o.action)}`,
    (o) =>
      `the event '${o.action}' of ${o.date} (${o.jurisdiction}, ${o.commodities.join(";")}, partner ${o.partner})`
  ),
  usgs: table<UsgsObservation>(usgsKey, (o) => {
    const statistic = usgsStatisticLabel(o.detail || o.statistic);
    return `USGS ${o.commodity} '${statistic}' for ${o.country} in ${o.year}`;
  }),
  // No formula reads these rows one by one: a row is the same row when every cell is the same.
  usgs_tables: table<UsgsTableRow>(
    (o) => JSON.stringify([o.table, o.commodity, Object.entries(o.fields).sort(byName)]),
    (o) => `the same ${o.table} row for ${o.commodity}`
  ),
} as const;

export type TableName = keyof typeof TABLE_KEYS;

export const TABLE_NAMES = Object.keys(TABLE_KEYS) as TableName[];

/** A second row with the key of an earlier one: where both are (indices) and what they both give. */
export interface Duplicate {
  table: TableName;
  first: number;
  second: number;
  what: string;
}

/** Every row whose key an earlier row of its table already has (up to `limit`). */
export function duplicateRows(dataset: Dataset, limit = Infinity): Duplicate[] {
  const found: Duplicate[] = [];
  for (const name of TABLE_NAMES) {
    const { key, what } = TABLE_KEYS[name] as TableKey<unknown>;
    const first = new Map<string, number>();
    (dataset[name] as unknown[]).forEach((row, i) => {
      if (found.length >= limit) return;
      const k = key(row);
      const earlier = first.get(k);
      if (earlier === undefined) first.set(k, i);
      else found.push({ table: name, first: earlier, second: i, what: what(row) });
    });
  }
  return found;
}

function byName([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
