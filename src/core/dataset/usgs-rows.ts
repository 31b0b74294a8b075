import { UsgsCell, UsgsObservation, UsgsTableRow } from "./dataset";
import { CsvRow, notFinite } from "./csv";

/**
 * Reads the USGS Mineral Commodity Summaries data release as published: numbers with thousands
 * separators ("4,780"), `W` (withheld), `NA` (not available), `—` (zero), bounds (">85,000,000"),
 * and other letter codes the release uses (`E` net exporter, `XX` not applicable), kept as qualifiers.
 */
export function parseUsgsCell(raw: string): UsgsCell | undefined {
  const text = raw.trim();
  if (text === "") return { raw: text, value: null, qualifier: null };
  if (/^(—|–|--|-)$/.test(text)) return { raw: text, value: 0, qualifier: "—" };
  if (/^[A-Z]{1,3}$/.test(text)) return { raw: text, value: null, qualifier: text };
  const m = text.match(/^([<>]=?)?\s*(-?\d{1,3}(?:,\d{3})+|-?\d+)(\.\d+)?$/);
  if (!m) return undefined;
  return {
    raw: text,
    value: Number(m[2].replace(/,/g, "") + (m[3] ?? "")),
    qualifier: m[1] ?? null,
  };
}

export const USGS_COMMODITY_COLUMNS = [
  "MCS chapter",
  "Section",
  "Commodity",
  "Country",
  "Statistics",
  "Statistics_detail",
  "Unit",
  "Year",
  "Value",
  "Notes",
  "Is critical mineral 2025",
  "Other notes",
] as const;

export interface UsgsResolvers {
  commodity(name: string): string;
  country(name: string): string | null;
}

export function readUsgsObservation(
  row: CsvRow,
  sourceId: string,
  resolve: UsgsResolvers
): UsgsObservation {
  const raw = row.optional("Value") ?? "";
  const cell = parseUsgsCell(raw);
  if (!cell)
    row.fail(
      "Value",
      `'${raw}' is not a USGS value (a number, W, NA, —, or a bound such as >85,000,000)`
    );
  if (cell.value !== null && !Number.isFinite(cell.value)) row.fail("Value", notFinite(raw));
  const country = row.text("Country");
  return {
    chapter: row.text("MCS chapter"),
    section: row.text("Section"),
    commodity: resolve.commodity(row.text("Commodity")),
    country,
    country_code: resolve.country(country),
    statistic: row.text("Statistics"),
    detail: row.optional("Statistics_detail") ?? "",
    unit: row.optional("Unit") ?? "",
    year: row.text("Year"),
    value: cell.value,
    qualifier: cell.qualifier,
    raw: cell.raw,
    notes: row.optional("Notes"),
    critical: row.optional("Is critical mineral 2025"),
    other_notes: row.optional("Other notes"),
    source_id: sourceId,
  };
}

/** A row of another release table (figures, salient statistics): every column kept as a cell. */
export function readUsgsTableRow(
  row: CsvRow,
  table: string,
  columns: readonly string[],
  commodityColumn: string,
  sourceId: string,
  resolve: UsgsResolvers
): UsgsTableRow {
  // Entries, not assignments: a column named "__proto__" must stay a column, not set a prototype.
  const fields: [string, UsgsCell][] = [];
  for (const column of columns) {
    if (column === commodityColumn) continue;
    const raw = row.optional(column) ?? "";
    // Free-text columns (names, notes) are kept as text; cells that state a number are parsed.
    const cell = parseUsgsCell(raw) ?? { raw, value: null, qualifier: null };
    if (cell.value !== null && !Number.isFinite(cell.value)) row.fail(column, notFinite(raw));
    fields.push([column, cell]);
  }
  // Footnote markers are appended to names in the release ("Rare earths (compounds and metals)9").
  const name = row.text(commodityColumn).replace(/(\D)\d+$/, "$1");
  return {
    table,
    commodity: resolve.commodity(name),
    fields: Object.fromEntries(fields),
    source_id: sourceId,
  };
}
