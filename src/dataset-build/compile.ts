import { createHash } from "crypto";
import { existsSync } from "fs";
import { join } from "path";
import countries from "i18n-iso-countries";
import {
  Commodity,
  Country,
  Dataset,
  DATASET_FORMAT,
  FORMAT_VERSION,
  UsgsTableRow,
} from "../core/dataset/dataset";
import { canonicalText } from "../core/dataset/hash";
import { TABLE_KEYS } from "../core/dataset/keys";
import { NameIndex, nameKey } from "../core/queries/names";
import { validateDataset } from "../core/dataset/validate";
import { BuildError } from "../core/dataset/build-error";
import { CsvRow, readCsv } from "./csv";
import * as news from "../core/dataset/news-rows";
import { readRelease } from "./release";
import {
  readUsgsObservation,
  readUsgsTableRow,
  USGS_COMMODITY_COLUMNS,
  UsgsResolvers,
} from "../core/dataset/usgs-rows";

/** The USGS tables read besides the commodities data file, and the column naming the commodity. */
const USGS_TABLES: { file: string; commodityColumn: string }[] = [
  { file: "mcs2026_fig3_major_import_sources_subset.csv", commodityColumn: "Commodity" },
  { file: "mcs2026_t7_critical_minerals_salient_subset.csv", commodityColumn: "Critical_mineral" },
];
const USGS_COMMODITIES_FILE = "mcs2026_commodities_data_subset.csv";

/**
 * Compiles the source CSVs under `dataDir` into one validated dataset with its hash. Any bad row
 * throws a BuildError naming file, row and field.
 */
export function compileDataset(dataDir: string): Dataset {
  const read = (relative: string, columns: readonly string[]) =>
    readCsv(join(dataDir, relative), `data/${relative}`, columns);
  const release = readRelease(join(dataDir, "release.json"), "data/release.json");

  const sourceRows = [
    ...read("news/sources.csv", news.NEWS_COLUMNS.sources),
    ...read("usgs/sources.csv", news.NEWS_COLUMNS.sources),
  ].map((row) => ({ row, value: news.readSource(row) }));
  uniqueRows(sourceRows, TABLE_KEYS.sources, "source_id");
  const sources = sourceRows.map((s) => s.value);
  const usgsSourceId = sources[sources.length - 1].source_id;

  const commodities = read("reference/commodities.csv", [
    "id",
    "name",
    "aliases",
    "customs_codes",
  ]).map((row): Commodity => ({
    id: row.text("id"),
    name: row.text("name"),
    aliases: row.list("aliases"),
    customs_codes: row.list("customs_codes"),
    unit: null,
  }));
  const countryList = readCountries(read("reference/countries.csv", ["code", "name", "aliases"]));

  const commodityNames = () =>
    new NameIndex(commodities.map((c) => ({ id: c.id, names: [[c.id, c.name], c.aliases] })));
  let commodityIndex = commodityNames();
  const countryIndex = new NameIndex(
    countryList.map((c) => ({
      id: c.code,
      names: [[c.code, ...(c.iso3 ? [c.iso3] : []), c.name], c.aliases],
    }))
  );
  const resolvers: UsgsResolvers = {
    // The full release names about 90 commodities; those the reference file lacks are added by name.
    commodity(name) {
      const known = commodityIndex.resolve(name);
      if (known !== undefined) return known;
      commodities.push({ id: nameKey(name), name, aliases: [], customs_codes: [], unit: null });
      commodityIndex = commodityNames();
      return nameKey(name);
    },
    country: (name) => countryIndex.resolve(name) ?? null,
  };

  const known: news.KnownIds = {
    sources: new Set(sources.map((s) => s.source_id)),
    commodities: new Set(commodities.map((c) => c.id)),
    countries: new Set(countryList.map((c) => c.code)),
  };
  const exports = read("news/exports.csv", news.NEWS_COLUMNS.exports).map((row) => ({
    row,
    value: news.readExport(row, known),
  }));
  uniqueRows(exports, TABLE_KEYS.exports);
  const forecasts = read("news/forecasts.csv", news.NEWS_COLUMNS.forecasts).map((row) => ({
    row,
    value: news.readForecast(row, known),
  }));
  uniqueRows(forecasts, TABLE_KEYS.forecasts);
  const reportedChanges = read("news/reported_changes.csv", news.NEWS_COLUMNS.reported_changes).map(
    (row) => ({ row, value: news.readReportedChange(row, known) })
  );
  uniqueRows(reportedChanges, TABLE_KEYS.reported_changes);
  const indicators = read("news/indicators.csv", news.NEWS_COLUMNS.indicators).map((row) => ({
    row,
    value: news.readIndicator(row, known),
  }));
  uniqueRows(indicators, TABLE_KEYS.indicators);
  const events = read("news/events.csv", news.NEWS_COLUMNS.events).map((row) => ({
    row,
    value: news.readEvent(row, known),
  }));
  uniqueRows(events, TABLE_KEYS.events);

  const usgs = read(`usgs/${USGS_COMMODITIES_FILE}`, USGS_COMMODITY_COLUMNS).map((row) => ({
    row,
    value: readUsgsObservation(row, usgsSourceId, resolvers),
  }));
  uniqueRows(usgs, TABLE_KEYS.usgs);
  const usgsTables: { row: CsvRow; value: UsgsTableRow }[] = [];
  for (const table of USGS_TABLES) {
    if (!existsSync(join(dataDir, "usgs", table.file))) continue;
    const rows = read(`usgs/${table.file}`, [table.commodityColumn]);
    const columns = rows.length > 0 ? rows[0].columns() : [];
    const name = table.file.replace(/\.csv$/, "");
    for (const row of rows)
      usgsTables.push({
        row,
        value: readUsgsTableRow(row, name, columns, table.commodityColumn, usgsSourceId, resolvers),
      });
  }
  uniqueRows(usgsTables, TABLE_KEYS.usgs_tables);

  for (const commodity of commodities)
    commodity.unit = reportedUnit(
      exports.map((e) => e.value),
      commodity.id
    );

  const dataset: Dataset = {
    format: DATASET_FORMAT,
    format_version: FORMAT_VERSION,
    name: release.name,
    version: release.version,
    as_of: release.as_of,
    hash: "",
    sources,
    commodities,
    countries: countryList,
    exports: exports.map((e) => e.value),
    reported_changes: reportedChanges.map((c) => c.value),
    forecasts: forecasts.map((f) => f.value),
    indicators: indicators.map((i) => i.value),
    events: events.map((e) => e.value),
    usgs: usgs.map((u) => u.value),
    usgs_tables: usgsTables.map((t) => t.value),
  };
  const latest = sources.reduce((max, s) => (s.published > max ? s.published : max), "");
  if (release.as_of < latest.slice(0, release.as_of.length)) {
    throw new BuildError(
      "data/release.json",
      null,
      "as_of",
      `${release.as_of} is earlier than the newest source (${latest})`
    );
  }
  dataset.hash = createHash("sha256").update(canonicalText(dataset)).digest("hex");
  return validateDataset(dataset);
}

/** The one unit a commodity's export figures are reported in, or null (none, or several). */
function reportedUnit(
  exports: { commodity: string; unit: string }[],
  commodity: string
): string | null {
  const units = new Set(exports.filter((e) => e.commodity === commodity).map((e) => e.unit));
  return units.size === 1 ? [...units][0] : null;
}

function readCountries(rows: CsvRow[]): Country[] {
  const overrides = new Map(rows.map((row) => [row.text("code"), row]));
  const list: Country[] = [];
  for (const [code, names] of Object.entries(countries.getNames("en", { select: "all" }))) {
    const override = overrides.get(code);
    overrides.delete(code);
    list.push({
      code,
      iso3: countries.alpha2ToAlpha3(code) ?? null,
      name: override?.text("name") ?? names[0],
      aliases: [...new Set([...names, ...(override?.list("aliases") ?? [])])],
    });
  }
  // Rows that are not ISO 3166-1 codes are regions (WORLD, WEST, OTHER).
  for (const [code, row] of overrides) {
    if (!/^[A-Z][A-Z0-9_]{1,15}$/.test(code))
      row.fail("code", `'${code}' is not an upper-case code`);
    list.push({ code, iso3: null, name: row.text("name"), aliases: row.list("aliases") });
  }
  return list.sort((a, b) => a.code.localeCompare(b.code));
}

/** Refuses a second row with its table's key, naming the earlier row (and the field when the key is one). */
function uniqueRows<T>(
  rows: { row: CsvRow; value: T }[],
  { key, what }: { key: (value: T) => string; what: (value: T) => string },
  field: string | null = null
): void {
  const first = new Map<string, CsvRow>();
  for (const { row, value } of rows) {
    const k = key(value);
    const earlier = first.get(k);
    if (earlier !== undefined) {
      const where =
        earlier.file === row.file ? `row ${earlier.row}` : `${earlier.file}, row ${earlier.row}`;
      row.fail(field, `duplicate: ${where} already gives ${what(value)}`);
    }
    first.set(k, row);
  }
}
