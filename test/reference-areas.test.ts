/**
 * The area codes the project wrote by hand, held against a maintained ISO 3166-1 registry
 * (i18n-iso-countries, the list the build's country table and M49 fallback come from), so that none
 * can drift: data/reference/comtrade_areas.csv, data/reference/countries.csv, and the reporter and
 * partner codes of the SYNTHETIC Comtrade fixtures.
 */
import { readFileSync } from "fs";
import { join } from "path";
import countries from "i18n-iso-countries";
import Papa from "papaparse";
import { comtradeAreas } from "../src/dataset-build/comtrade";
import { DATA_DIR } from "./support/real-dataset";

const FIXTURES = join(__dirname, "fixtures", "comtrade");
/** ISO 3166-1 numeric ("076") → alpha-2 ("BR"). */
const isoNumeric = countries.getNumericCodes();
const isAlpha2 = (code: string) => countries.isValid(code) && code.length === 2;
const numericOf = (alpha2: string) => countries.alpha2ToNumeric(alpha2);
const numeric = (code: string) => code.padStart(3, "0");

function csv(relative: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(join(DATA_DIR, relative), "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

const areaRows = csv("reference/comtrade_areas.csv");
const countryRows = areaRows.filter((r) => isAlpha2(r.code));
const regionRows = areaRows.filter((r) => !isAlpha2(r.code));

describe("data/reference/comtrade_areas.csv", () => {
  test("is what the build reads: every row, each Comtrade code once", () => {
    expect(comtradeAreas(DATA_DIR).map((a) => a.comtrade_code)).toEqual(
      areaRows.map((r) => r.comtrade_code)
    );
    expect(new Set(areaRows.map((r) => Number(r.comtrade_code))).size).toBe(areaRows.length);
    expect(countryRows.length).toBeGreaterThan(0);
    expect(regionRows.length).toBeGreaterThan(0);
  });

  test("no Comtrade code in it is the ISO numeric code of a country (it would hide that country)", () => {
    for (const row of areaRows) {
      const holder = isoNumeric[numeric(row.comtrade_code)];
      expect({ code: row.comtrade_code, iso: holder }).toEqual({
        code: row.comtrade_code,
        iso: undefined,
      });
    }
  });

  test("a country row's stated M49 code is the registry's numeric code of that country", () => {
    for (const row of countryRows) {
      const stated = /its M49 code is (\d{3})\b/.exec(row.source)?.[1];
      expect({ code: row.code, m49: stated }).toEqual({ code: row.code, m49: numericOf(row.code) });
      expect(countries.getName(row.code, "en")).toBeDefined();
    }
  });

  test("every other row is a region code no ISO registry holds, saying it is a Comtrade aggregate from Comtrade's reference list", () => {
    for (const row of regionRows) {
      expect(row.code).toMatch(/^[A-Z][A-Z0-9_]{2,15}$/);
      expect(countries.isValid(row.code)).toBe(false);
      expect(row.source).toMatch(/^UN Comtrade reference list of areas .*aggregate code/);
      expect(row.source).toContain("in no ISO 3166 or M49 list");
    }
  });
});

test("data/reference/countries.csv: every code is an ISO 3166-1 alpha-2 code or a documented region code", () => {
  const regions = ["WORLD", "WEST", "OTHER"];
  const rows = csv("reference/countries.csv");
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const ok = isAlpha2(row.code) || regions.includes(row.code);
    expect({ code: row.code, ok }).toEqual({ code: row.code, ok: true });
  }
});

describe("the SYNTHETIC Comtrade fixtures name areas as Comtrade does", () => {
  const comtradeCodes = new Map(areaRows.map((r) => [Number(r.comtrade_code), r.code]));
  /** Every (numeric, ISO-3) pair of reporter, partner and second partner in the fixtures. */
  const pairs: { file: string; code: string; iso: string }[] = [];
  const add = (file: string, record: Record<string, unknown>) => {
    for (const prefix of ["reporter", "partner", "partner2"])
      pairs.push({
        file,
        code: String(record[`${prefix}Code`] ?? ""),
        iso: String(record[`${prefix}ISO`] ?? ""),
      });
  };
  for (const file of [
    "synthetic-monthly-latin1.csv",
    "synthetic-annual-utf8.csv",
    "synthetic-conflict.csv",
  ]) {
    const bytes = readFileSync(join(FIXTURES, file));
    const text = file.includes("latin1") ? bytes.toString("latin1") : bytes.toString("utf8");
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    for (const row of rows.data) add(file, row);
  }
  const api = JSON.parse(readFileSync(join(FIXTURES, "synthetic-api.json"), "utf8")) as {
    data: Record<string, unknown>[];
  };
  for (const record of api.data) add("synthetic-api.json", record);

  test("each ISO-3 code is the registry's for its numeric code, or Comtrade's own code for it", () => {
    expect(pairs.length).toBeGreaterThan(20);
    for (const { file, code, iso } of pairs) {
      let expected: string;
      if (iso === "W00") expected = "0";
      else if (iso === "")
        expected = isoNumeric[numeric(code)] ? code : "(a code the registry holds)";
      else if (countries.isValid(iso)) {
        const alpha2 = countries.alpha3ToAlpha2(iso) as string;
        // Comtrade's own code for a country (842 USA) where it has one, else the ISO numeric code.
        const comtrade = [...comtradeCodes].find(([, c]) => c === alpha2)?.[0];
        expected = String(comtrade ?? Number(numericOf(alpha2)));
      } else expected = comtradeCodes.has(Number(code)) ? code : "(an aggregate the table names)";
      expect({ file, iso, code }).toEqual({ file, iso, code: expected });
    }
  });
});
