/**
 * Defect 2 of issue 12: names that are properties of every object ("constructor", "__proto__",
 * "toString", ...) must not pass as units, month names, LIST kinds, DATAVERSION fields, CHANGE
 * bases or USGS codes: every lookup of user or dataset text is a Map or an own-property check, and
 * such text gets the ordinary #VALUE! message (or refusal, in a dataset or an import).
 */
import { prepareImport } from "../../src/core/dataset/import";
import { indexDataset } from "../../src/core/dataset/indexed";
import { loadDatasetText } from "../../src/core/dataset/load";
import { readUsgsTableRow } from "../../src/core/dataset/usgs-rows";
import { CsvRow } from "../../src/core/dataset/csv";
import { parsePeriod } from "../../src/core/queries/period";
import { parseUnit } from "../../src/core/queries/units";
import { DatasetError } from "../../src/core/dataset/validate";
import {
  expectExcelError,
  formulaResult,
  OBJECT_PROPERTY_NAMES,
  smallRealDataset,
} from "./helpers";

describe.each(OBJECT_PROPERTY_NAMES)("%s", (name) => {
  test("is no unit", () => {
    expect(parseUnit(name)).toBeUndefined();
    expectExcelError(
      formulaResult("EXPORT", ["magnets", "US", "2025-11", name]),
      "#VALUE!",
      /^Unknown unit/
    );
    expectExcelError(
      formulaResult("SERIES", ["magnets", "US", null, null, 1, name]),
      "#VALUE!",
      /^Unknown unit/
    );
  });

  test("is no month name", () => {
    for (const text of [`${name} 2025`, `2025 ${name}`, `${name}. 2025`]) {
      expect(parsePeriod(text)).toEqual({ error: expect.stringMatching(/^Cannot read/) });
      expectExcelError(formulaResult("EXPORT", ["magnets", "US", text]), "#VALUE!", /^Cannot read/);
    }
    expectExcelError(
      formulaResult("SERIES", ["magnets", "US", `${name} 2025`]),
      "#VALUE!",
      /^start: Cannot read/
    );
  });

  test("is no LIST kind, DATAVERSION field, CHANGE basis or citation field", () => {
    expectExcelError(formulaResult("LIST", [name]), "#VALUE!", /^Unknown list/);
    expectExcelError(formulaResult("DATAVERSION", [name]), "#VALUE!", /^Unknown field/);
    expectExcelError(
      formulaResult("CHANGE", ["magnets", "US", "2025-11", name]),
      "#VALUE!",
      /^Unknown basis/
    );
    expectExcelError(
      formulaResult("SOURCE", ["magnets", "US", "2025-11", name]),
      "#VALUE!",
      /^Unknown field/
    );
    expectExcelError(
      formulaResult("FORECAST", ["lithium", 2026, null, null, name]),
      "#VALUE!",
      /^Unknown field/
    );
  });

  test("is no commodity, country or headers", () => {
    expectExcelError(
      formulaResult("EXPORT", [name, "US", "2025-11"]),
      "#VALUE!",
      /^Unknown commodity/
    );
    expectExcelError(
      formulaResult("EXPORT", ["magnets", name, "2025-11"]),
      "#VALUE!",
      /^Unknown partner/
    );
    expectExcelError(
      formulaResult("SERIES", ["magnets", "US", null, null, name]),
      "#VALUE!",
      /^Cannot read/
    );
  });

  test("is refused as a unit in a dataset and in a CSV import", async () => {
    const dataset = await smallRealDataset();
    dataset.exports[0].unit = name;
    dataset.hash = "";
    await expect(loadDatasetText(JSON.stringify(dataset))).rejects.toThrow(DatasetError);
    await expect(loadDatasetText(JSON.stringify(dataset))).rejects.toThrow(
      /\/exports\/0\/unit: unknown unit/
    );

    const csv = `commodity,reporter,partner,period,quantity,unit,source_id,note\nmagnets,CN,US,2025-12,5,${name},ts2-2025-12-20,\n`;
    const outcome = await prepareImport(
      "exports.csv",
      new TextEncoder().encode(csv),
      await smallRealDataset()
    );
    expect(outcome).toMatchObject({
      ok: false,
      problems: [{ row: 2, field: "unit", message: expect.stringMatching(/unknown unit/) }],
    });
  });

  test("as a USGS code is shown as printed, not as a property of every object", async () => {
    const dataset = await smallRealDataset();
    const row = dataset.usgs.find((o) => o.country_code === "CN") ?? dataset.usgs[0];
    row.value = null;
    row.qualifier = name.slice(0, 20);
    row.notes = null;
    dataset.hash = "";
    const data = indexDataset(dataset);
    const args = [
      row.commodity,
      row.country,
      Number(row.year.slice(0, 4)),
      row.detail || row.statistic,
    ];
    const value = formulaResult("PRODUCTION", args, data);
    expect(value).toBeInstanceOf(CustomFunctions.Error);
    expect((value as CustomFunctions.Error).message).not.toMatch(/function|native code|\[object/);
    const qualifier = formulaResult("PRODUCTION", [...args, "qualifier"], data);
    expect(qualifier).toBe(name.slice(0, 20));
  });

  test("as a column of a USGS table is kept as the table's own column", () => {
    const row = new CsvRow("t.csv", 2, { Commodity: "Gallium", [name]: "12" });
    const read = readUsgsTableRow(row, "t", ["Commodity", name], "Commodity", "usgs", {
      commodity: () => "gallium",
      country: () => null,
    });
    expect(Object.getOwnPropertyNames(read.fields)).toEqual([name]);
    expect(Object.getPrototypeOf(read.fields)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(read.fields))).toEqual(
      JSON.parse(`{${JSON.stringify(name)}:{"raw":"12","value":12,"qualifier":null}}`)
    );
  });
});
