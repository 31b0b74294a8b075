/**
 * The fixed query mixes the lookups are timed with: the same proportions at every size, drawn with
 * the fixed seed from the dataset's own rows, so that a hit is a hit and a miss is a miss whatever
 * the size. Proportions are in EXPORT_MIX / SERIES_MIX.
 */
import { TradeObservation } from "../src/core/dataset/dataset";
import { ExportArguments } from "../src/core/queries/exports";
import { IndexedDataset } from "../src/core/dataset/indexed";
import { tradeRow } from "../src/core/dataset/trade-rows";
import { exportQuantities, findLevel, isLevel, reportedPeriods } from "../src/core/queries/levels";
import { parsePeriod, Period } from "../src/core/queries/period";
import { SeriesArguments } from "../src/core/queries/series";
import { SEED } from "./defaults";
import { ANCHOR_FROM, ANCHORS, mulberry32, REPORTER } from "./synthetic";

/** Share of each kind of EXPORT query in the mix (sums to 1). */
export const EXPORT_MIX = {
  /** Hit: commodity id, ISO code, "2025-11". */
  hitCodes: 0.25,
  /** Hit: "Rare earth magnets" / "United States" style names, "2025-11". */
  hitAliases: 0.1,
  /** Hit: "Nov 2025". */
  hitMonthName: 0.1,
  /** Hit: an Excel date serial (a date cell) in the month. */
  hitSerial: 0.1,
  /** Hit: "2025-Q2", a quarter total (every month reported). */
  hitQuarter: 0.1,
  /** Hit: converted to another unit ("kg" / "t"). */
  hitUnit: 0.05,
  /** #N/A: a reported series, a month it does not report (message lists the reported months). */
  missMonth: 0.15,
  /** #N/A: a partner with nothing reported for the commodity. */
  missPartner: 0.05,
  /** #VALUE!: a misspelt commodity ("did you mean" suggestion). */
  missCommodity: 0.05,
  /** #VALUE!: an unreadable period. */
  missPeriod: 0.05,
} as const;

export type ExportQueryKind = keyof typeof EXPORT_MIX;

export interface ExportQuery {
  kind: ExportQueryKind;
  args: ExportArguments;
}

const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];

/** The Excel (1900 date system) serial number of a day. */
export function excelSerial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** Kinds in order, each repeated by its share of `count`; then shuffled with the seed. */
function kinds<K extends string>(mix: Record<K, number>, count: number, rng: () => number): K[] {
  const list: K[] = [];
  for (const [kind, share] of Object.entries(mix) as [K, number][]) {
    for (let i = 0; i < Math.round(share * count); i++) list.push(kind);
  }
  while (list.length < count) list.push(list[list.length % Math.max(1, list.length)]);
  list.length = count;
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

function quarterOf(month: string): string {
  const [year, m] = month.split("-").map(Number);
  return `${year}-Q${Math.ceil(m / 3)}`;
}

/** Rows whose whole calendar quarter is reported (quarter totals that hit). */
function quarterRows(data: IndexedDataset): TradeObservation[] {
  const rows: TradeObservation[] = [];
  for (const [commodity, partner] of ANCHORS) {
    const ref = exportQuantities(commodity, partner, REPORTER);
    for (const m of reportedPeriods(data, ref))
      if (m >= ANCHOR_FROM && Number(m.slice(5)) % 3 === 0) {
        const level = findLevel(data, ref, parsePeriod(m) as Period);
        if (isLevel(level)) rows.push(level.rows[0]);
      }
  }
  return rows;
}

/** Every series of the dataset's export quantities, as commodity and partner. */
function allSeries(data: IndexedDataset): { commodity: string; partner: string }[] {
  const list: { commodity: string; partner: string }[] = [];
  for (let s = 0; s < data.series.size; s++) {
    const ids = data.series.ids(s);
    if (ids.reporter === REPORTER && ids.flow === "export") list.push(ids);
  }
  return list;
}

const monthsOf = (data: IndexedDataset, commodity: string, partner: string) =>
  reportedPeriods(data, exportQuantities(commodity, partner, REPORTER));

/** A random row of the dataset (its trade columns), as an observation. */
function rowPicker(data: IndexedDataset, rng: () => number): () => TradeObservation {
  return () => tradeRow(data.trade, Math.floor(rng() * data.trade.length));
}

/** A misspelling of a commodity name: one letter swapped for the next in the alphabet. */
function misspell(name: string, rng: () => number): string {
  const i = Math.floor(rng() * name.length);
  const c = name.charCodeAt(i);
  const swapped = c >= 97 && c < 122 ? String.fromCharCode(c + 1) : "x";
  return name.slice(0, i) + swapped + name.slice(i + 1);
}

/** `count` EXPORT queries over `data` in the EXPORT_MIX proportions, the same for the same data and seed. */
export function exportQueries(data: IndexedDataset, count: number, seed = SEED): ExportQuery[] {
  const rng = mulberry32(seed ^ 0xe4e4);
  const anyRow = rowPicker(data, rng);
  const quarters = quarterRows(data);
  const commodityName = (id: string) => {
    const c = data.commodities.get(id)!;
    return c.aliases.length > 0 && rng() < 0.5
      ? c.aliases[Math.floor(rng() * c.aliases.length)]
      : c.name;
  };
  const countryName = (code: string) => data.countries.get(code)?.name ?? code;
  const partnersWithout = (commodity: string) =>
    data.dataset.countries
      .map((c) => c.code)
      .filter((code) => monthsOf(data, commodity, code).length === 0);
  const series = allSeries(data);

  return kinds(EXPORT_MIX, count, rng).map((kind): ExportQuery => {
    const row = anyRow();
    const [year, month] = row.period.split("-").map(Number);
    switch (kind) {
      case "hitCodes":
        return {
          kind,
          args: { commodity: row.commodity, partner: row.partner, period: row.period },
        };
      case "hitAliases": {
        // Half the alias queries are the analyst's canonical example.
        if (rng() < 0.5) {
          const m = 1 + Math.floor(rng() * 12);
          return {
            kind,
            args: {
              commodity: "Rare earth magnets",
              partner: "United States",
              period: `2025-${String(m).padStart(2, "0")}`,
            },
          };
        }
        return {
          kind,
          args: {
            commodity: commodityName(row.commodity),
            partner: countryName(row.partner),
            period: row.period,
          },
        };
      }
      case "hitMonthName":
        return {
          kind,
          args: {
            commodity: row.commodity,
            partner: row.partner,
            period: `${MONTH_NAMES[month - 1]} ${year}`,
          },
        };
      case "hitSerial":
        return {
          kind,
          args: {
            commodity: row.commodity,
            partner: row.partner,
            period: excelSerial(year, month, 1 + Math.floor(rng() * 28)),
          },
        };
      case "hitQuarter": {
        const q = quarters[Math.floor(rng() * quarters.length)];
        return {
          kind,
          args: { commodity: q.commodity, partner: q.partner, period: quarterOf(q.period) },
        };
      }
      case "hitUnit":
        return {
          kind,
          args: {
            commodity: row.commodity,
            partner: row.partner,
            period: row.period,
            unit: row.unit === "t" ? "kg" : "t",
          },
        };
      case "missMonth": {
        const { commodity, partner } = series[Math.floor(rng() * series.length)];
        const months = monthsOf(data, commodity, partner);
        // The month before the first reported one is never reported.
        const [y, m] = months[0].split("-").map(Number);
        const before = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
        return { kind, args: { commodity, partner, period: before } };
      }
      case "missPartner": {
        const free = partnersWithout(row.commodity);
        const partner = free.length > 0 ? free[Math.floor(rng() * free.length)] : "AQ";
        return { kind, args: { commodity: row.commodity, partner, period: row.period } };
      }
      case "missCommodity":
        return {
          kind,
          args: {
            commodity: misspell(data.commodities.get(row.commodity)!.name.toLowerCase(), rng),
            partner: row.partner,
            period: row.period,
          },
        };
      case "missPeriod":
        return {
          kind,
          args: {
            commodity: row.commodity,
            partner: row.partner,
            period: rng() < 0.5 ? `${year}-13` : "soon",
          },
        };
    }
  });
}

/** Share of each kind of SERIES query. */
export const SERIES_MIX = {
  /** The whole reported series of a commodity and partner. */
  whole: 0.4,
  /** A 12-month window ("2024-01" … "2024-12"). */
  window: 0.3,
  /** Names and aliases, from a quarter to a year. */
  names: 0.2,
  /** #N/A: a partner with nothing reported. */
  miss: 0.1,
} as const;

export function seriesQueries(data: IndexedDataset, count: number, seed = SEED): SeriesArguments[] {
  const rng = mulberry32(seed ^ 0x5e5e);
  const series = allSeries(data);
  const pick = () => series[Math.floor(rng() * series.length)];
  const partnerWithout = (commodity: string) =>
    data.dataset.countries.find((c) => monthsOf(data, commodity, c.code).length === 0)?.code ??
    "AQ";
  return kinds(SERIES_MIX, count, rng).map((kind): SeriesArguments => {
    const { commodity, partner } = pick();
    const year = 2001 + Math.floor(rng() * 24);
    switch (kind) {
      case "whole":
        return { commodity, partner };
      case "window":
        return { commodity, partner, start: `${year}-01`, end: `${year}-12` };
      case "names":
        return {
          commodity: data.commodities.get(commodity)!.name,
          partner: data.countries.get(partner)?.name ?? partner,
          start: `${year}-Q2`,
          end: String(year + 1),
        };
      case "miss":
        return { commodity, partner: partnerWithout(commodity), start: `${year}-01` };
    }
  });
}

/** Queries with their expected kind of answer, for checking that a mix really hits and misses. */
export function isHitKind(kind: ExportQueryKind): boolean {
  return kind.startsWith("hit");
}

/**
 * The workbook comparison's queries: canonical commodity id, partner code and "YYYY-MM" (the forms a
 * SUMIFS over the sheet can match), 90% reported figures and 10% months a series does not report.
 */
export function workbookQueries(
  data: IndexedDataset,
  count: number,
  seed = SEED
): { commodity: string; partner: string; period: string; hit: boolean }[] {
  const rng = mulberry32(seed ^ 0x3b3b);
  const anyRow = rowPicker(data, rng);
  const series = allSeries(data);
  return Array.from({ length: count }, () => {
    if (rng() < 0.9) {
      const row = anyRow();
      return { commodity: row.commodity, partner: row.partner, period: row.period, hit: true };
    }
    const { commodity, partner } = series[Math.floor(rng() * series.length)];
    const [y, m] = monthsOf(data, commodity, partner)[0].split("-").map(Number);
    const period = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
    return { commodity, partner, period, hit: false };
  });
}
