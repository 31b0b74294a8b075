import { join } from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { DATAVERSION_FIELDS, LIST_KINDS } from "../core/queries/catalog";
import { CITATION_FIELDS } from "../core/queries/citation";
import { FIGURE_FIELDS } from "../core/queries/source";
import { parseBasis } from "../core/queries/change";
import { seriesTable } from "../core/queries/series";
import { isQueryError } from "../core/queries/query-error";
import { realIndexed } from "../../test/support/real-dataset";

/**
 * The `@customenum` values in functions.ts are copies of core constants (JSDoc enums must be
 * literal): the metadata generated from the source, as the build generates it, offers exactly the
 * values the core reads.
 */
interface MetadataEnum {
  id: string;
  values: { stringValue?: string; numberValue?: number }[];
}

let enums: Map<string, (string | number | undefined)[]>;
beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata([join(__dirname, "functions.ts")], true);
  expect(result.errors).toEqual([]);
  const metadata = JSON.parse(result.metadataJson) as { enums?: MetadataEnum[] };
  enums = new Map(
    (metadata.enums ?? []).map((e) => [e.id, e.values.map((v) => v.stringValue ?? v.numberValue)])
  );
}, 60_000);

test.each([
  ["CitationFieldChoice", CITATION_FIELDS],
  ["FigureFieldChoice", FIGURE_FIELDS],
  ["ListWhat", LIST_KINDS],
  ["DatasetField", DATAVERSION_FIELDS],
] as const)("%s offers exactly the core's values, in order", (id, core) => {
  expect(enums.get(id)).toEqual([...core]);
});

test("ChangeBasis offers the bases CHANGE reads, each as the core spells it", () => {
  const values = enums.get("ChangeBasis") ?? [];
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) expect(parseBasis(value)).toBe(value);
  expect(new Set(values)).toEqual(new Set(["mom", "yoy"].map((v) => parseBasis(v))));
});

test("SeriesHeaders offers the header modes SERIES reads", () => {
  const data = realIndexed();
  const values = enums.get("SeriesHeaders") ?? [];
  expect(values).toEqual([0, 1, 2]);
  for (const headers of values) {
    const table = seriesTable(data, { commodity: "magnets", partner: "US", headers });
    expect(isQueryError(table as never)).toBe(false);
  }
});
