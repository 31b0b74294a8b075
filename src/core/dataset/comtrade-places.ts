import { Country, WORLD } from "./dataset";

/** Comtrade's code for the world total (partner 0). */
const COMTRADE_WORLD_ISO = "W00";

/**
 * A Comtrade area code the project reads as a country or a named region
 * (`data/reference/comtrade_areas.csv`): aggregates such as "Other Asia, nes", and the few
 * countries whose Comtrade numeric code differs from their M49 code.
 */
export interface ComtradeArea {
  /** Comtrade's numeric reporter/partner code. */
  comtrade_code: string;
  /** Our country or region code. */
  code: string;
  name: string;
}

/**
 * Reads Comtrade's reporter and partner columns as the dataset's country codes: ISO-3 through the
 * country list, `W00` as WORLD, areas listed in the reference table, and where the ISO cell is empty
 * the numeric M49 code. Anything else is unknown (the reader refuses it): an aggregate is never
 * read as a country by guesswork.
 */
export class ComtradePlaces {
  private readonly byIso3 = new Map<string, string>();
  private readonly byArea = new Map<string, string>();
  private readonly byM49 = new Map<string, string>();

  constructor(
    countries: readonly Country[],
    areas: readonly ComtradeArea[],
    /** ISO 3166-1 numeric (M49) code → our country code. */
    m49: ReadonlyMap<string, string>
  ) {
    for (const c of countries) if (c.iso3) this.byIso3.set(c.iso3.toUpperCase(), c.code);
    for (const a of areas) this.byArea.set(numericKey(a.comtrade_code), a.code);
    for (const [numeric, code] of m49) this.byM49.set(numericKey(numeric), code);
  }

  /** Our code for a reporter or partner, or a sentence saying why it cannot be read. */
  resolve(iso: string, numeric: string, name: string): { code: string } | { problem: string } {
    const iso3 = iso.trim().toUpperCase();
    if (iso3 === COMTRADE_WORLD_ISO) return { code: WORLD };
    const country = this.byIso3.get(iso3);
    if (country !== undefined) return { code: country };
    const area = this.byArea.get(numericKey(numeric));
    if (area !== undefined) return { code: area };
    if (iso3 === "") {
      const m49 = this.byM49.get(numericKey(numeric));
      if (m49 !== undefined) return { code: m49 };
    }
    const what = [iso3 && `'${iso3}'`, numeric.trim() && `code ${numeric.trim()}`, name.trim()]
      .filter((s) => s)
      .join(", ");
    return {
      problem: `unknown area (${what}): not an ISO 3166 country; an aggregate is read only when data/reference/comtrade_areas.csv names it`,
    };
  }
}

/** Numeric codes compare without leading zeros ("076" and "76" are Brazil). */
function numericKey(code: string): string {
  const trimmed = code.trim();
  return /^\d+$/.test(trimmed) ? String(Number(trimmed)) : trimmed;
}

/**
 * The named regions (from the areas table) that the observations use and the country list lacks:
 * added to the dataset's countries so that every code an observation names resolves.
 */
export function regionsUsed(
  areas: readonly ComtradeArea[],
  used: ReadonlySet<string>,
  countries: readonly Country[]
): Country[] {
  const known = new Set(countries.map((c) => c.code));
  const regions = new Map<string, Country>();
  for (const a of areas)
    if (used.has(a.code) && !known.has(a.code) && !regions.has(a.code))
      regions.set(a.code, { code: a.code, iso3: null, name: a.name, aliases: [] });
  return [...regions.values()];
}

/**
 * The reference tables Comtrade areas are read with, besides the dataset's countries: the areas table
 * (`data/reference/comtrade_areas.csv`) and ISO 3166-1 numeric → alpha-2. The build reads them from
 * the data folder and the ISO list; it writes them as `build/comtrade-reference.json` for the pane.
 */
export interface ComtradeReference {
  areas: ComtradeArea[];
  /** ISO 3166-1 numeric code ("076") → alpha-2 ("BR"). */
  m49: Record<string, string>;
}

/** The places reader of a dataset's countries and the reference tables. */
export function comtradePlaces(
  countries: readonly Country[],
  reference: ComtradeReference
): ComtradePlaces {
  return new ComtradePlaces(countries, reference.areas, new Map(Object.entries(reference.m49)));
}
