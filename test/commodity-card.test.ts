/**
 * MINERALS.COMMODITY: the card (Excel entity) of a commodity. Every field is checked against the
 * formula it names, evaluated through the real custom functions in a HyperFormula workbook, for every
 * commodity of the bundled dataset; the entity's JSON shape has a golden copy; a refresh reaches an
 * open card; an Excel without entity support gets a message instead.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { DetailedCellError, HyperFormula } from "hyperformula";
import { Dataset } from "../src/core/dataset/dataset";
import { loadDataset } from "../src/core/dataset/load";
import { commodityCard, CommodityCard } from "../src/core/queries/card";
import { isQueryError } from "../src/core/queries/query-error";
import { toEntity } from "../src/functions/entity";
import { commodity } from "../src/functions/functions";
import { ENTITY_CARDS_UNSUPPORTED } from "../src/runtime/host";
import { store } from "../src/runtime/live-store";
import { comtradeDataFolder, compiledIndexed } from "./support/comtrade-data";
import { cancelAllLiveCells, registerMineralsPlugin } from "./support/minerals-plugin";
import { tradeSeries } from "../src/core/queries/trade-catalog";

const ROOT = join(__dirname, "..");
const GOLDEN = join(ROOT, "test", "golden", "commodity-gallium.json");
const original = store.current;

function cardOf(name: string, today: Date | string = new Date()): CommodityCard {
  const card = commodityCard(store.current.data, { name }, today);
  if (isQueryError(card)) throw new Error(`No card for ${name}: ${card.message}`);
  return card;
}

/** Calls the COMMODITY wrapper as Excel does and returns what it streams. */
function openCard(name: unknown) {
  const results: unknown[] = [];
  const invocation = {
    setResult: (value: unknown) => results.push(value),
  } as CustomFunctions.StreamingInvocation<Excel.EntityCellValue>;
  commodity(name as string, invocation);
  return { results, cancel: () => invocation.onCanceled?.() };
}

afterEach(() => {
  store.replace(original.data, original.origin, original.loadedAt);
});

/** Evaluates every field's formula through the real functions in HyperFormula; each must equal the field. */
function expectFieldsMatchFormulas(id: string): CommodityCard {
  const card = cardOf(id);
  const entity = toEntity(card);
  const withFormula = [...card.fields].filter(([, field]) => field.formula !== null);
  const hf = HyperFormula.buildFromArray(
    withFormula.map(([, field]) => [field.formula as string]),
    { licenseKey: "gpl-v3", smartRounding: false }
  );
  try {
    withFormula.forEach(([name, field], row) => {
      const value = hf.getCellValue({ sheet: 0, row, col: 0 });
      if (value instanceof DetailedCellError)
        throw new Error(`${name}: ${field.formula} gives ${value.value} ${value.message}`);
      if (typeof value === "number")
        expect([name, value]).toEqual([name, expect.closeTo(field.value as number, 12)]);
      else expect([name, value]).toEqual([name, field.value]);
      const property = entity.properties?.[name] as { basicValue: unknown };
      expect([name, property.basicValue]).toEqual([name, field.value]);
    });
  } finally {
    cancelAllLiveCells();
    hf.destroy();
  }
  expect(card.fields.get("Name")?.value).toBe(store.current.data.commodities.get(id)?.name);
  return card;
}

describe("every field equals what the formula for the same figure returns", () => {
  registerMineralsPlugin();
  afterAll(() => cancelAllLiveCells());
  const ids = original.data.dataset.commodities.map((c) => c.id);
  test.each(ids)("%s", (id) => {
    expectFieldsMatchFormulas(id);
  });
});

describe("with official trade statistics (SYNTHETIC Comtrade fixtures): every reporter, flow and measure", () => {
  const official = compiledIndexed(comtradeDataFolder());
  registerMineralsPlugin();
  beforeEach(() => store.replace(official, { kind: "file", name: "comtrade test" }));
  afterAll(() => cancelAllLiveCells());

  test.each(official.dataset.commodities.map((c) => c.id))("%s", (id) => {
    expectFieldsMatchFormulas(id);
  });

  test("the card carries the latest World total of each reporter, flow and measure", () => {
    const fields = [...cardOf("magnets").fields.keys()];
    for (const series of tradeSeries(official)) {
      if (series.commodity !== "magnets" || series.partner !== "WORLD") continue;
      for (const measure of series.measures) {
        const flow = {
          export: "Exports",
          import: "Imports",
          "re-export": "ReExports",
          "re-import": "ReImports",
        }[series.flow];
        expect(fields).toContain(
          `${flow}${measure === "value" ? "Value" : "Quantity"}${series.reporter}`
        );
      }
    }
    expect(fields.filter((f) => /^(Imports|ReExports)/.test(f)).length).toBeGreaterThan(0);
    expect(fields.filter((f) => /^ExportsValue/.test(f)).length).toBeGreaterThan(0);
  });
});

test("every number carries its source and a sublabel; no field is empty", () => {
  expect.hasAssertions();
  for (const { id } of original.data.dataset.commodities) {
    const entity = toEntity(cardOf(id));
    for (const [name, property] of Object.entries(entity.properties ?? {})) {
      const field = property as Excel.CellValueAndPropertyMetadata & {
        type: string;
        basicValue: unknown;
      };
      expect(/^[A-Za-z][A-Za-z0-9]*$/.test(name)).toBe(true);
      if (field.type === "Double") {
        expect(Number.isFinite(field.basicValue)).toBe(true);
        expect(field.propertyMetadata?.attribution?.length).toBeGreaterThan(0);
        for (const attribution of field.propertyMetadata?.attribution ?? [])
          expect(attribution.sourceText).toBeTruthy();
        expect(field.propertyMetadata?.sublabel).toBeTruthy();
      } else {
        expect(field.type).toBe("String");
        expect(field.basicValue).not.toBe("");
      }
    }
    // The card's sections name only fields the card has.
    const sections = (entity.layouts?.card as Excel.EntityCardLayout).sections ?? [];
    for (const section of sections)
      for (const property of section.properties) expect(entity.properties).toHaveProperty(property);
  }
});

test("the gallium card's JSON shape (golden; accept a change with UPDATE_GOLDEN=1)", () => {
  const entity: Excel.EntityCellValue = toEntity(cardOf("gallium", "2026-11-22"));
  const text = `${JSON.stringify(entity, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, text);
  expect(text).toBe(readFileSync(GOLDEN, "utf8"));
});

test("a field the dataset does not report is left out, never filled", () => {
  // Lithium's USGS table withholds one country (W): no top producer is named from the others.
  const lithium = cardOf("lithium");
  expect(lithium.fields.has("Production")).toBe(true);
  expect(lithium.fields.has("TopProducer")).toBe(false);
  // Copper has no trade or USGS figures in the dataset: no trade or production fields at all.
  const copper = cardOf("copper");
  expect(
    [...copper.fields.keys()].filter((k) =>
      /^(LatestExports|TopPartner|Production|TopProducer|Reserves)/.test(k)
    )
  ).toEqual([]);
});

test("names, aliases and customs codes find the card, with the formulas' did-you-mean", () => {
  expect(cardOf("rare earth magnets").commodity).toBe("magnets");
  expect(cardOf("8505.11").commodity).toBe("magnets");
  const wrong = commodityCard(original.data, { name: "galium" }, "2026-11-22");
  expect(isQueryError(wrong) && wrong.message).toMatch(/gallium/);
  const { results, cancel } = openCard("galium");
  cancel();
  expect(results[0]).toBeInstanceOf(CustomFunctions.Error);
  expect((results[0] as CustomFunctions.Error).code).toBe("#VALUE!");
});

test("an open card streams the new figures after a refresh, and stops when cancelled", () => {
  const { results, cancel } = openCard("gallium");
  const before = results[0] as Excel.EntityCellValue;
  const dataset = JSON.parse(JSON.stringify(original.data.dataset)) as Dataset;
  const row = dataset.exports.find(
    (e) => e.commodity === "gallium" && e.partner === "WORLD" && e.period === "2025-06"
  );
  if (!row) throw new Error("fixture: gallium World 2025-06");
  row.quantity += 1;
  store.replace(loadDataset(dataset), { kind: "file", name: "test" });
  expect(results).toHaveLength(2);
  const after = results[1] as Excel.EntityCellValue;
  const latest = (e: Excel.EntityCellValue) =>
    (e.properties?.LatestExports as Excel.DoubleCellValue).basicValue;
  expect(latest(after)).toBe(latest(before) + 1);
  cancel();
  store.replace(original.data, original.origin);
  expect(results).toHaveLength(2);
});

test("an Excel without CustomFunctionsRuntime 1.4 gets a message, not a broken cell", () => {
  const officeGlobal = globalThis as { Office?: unknown };
  const saved = officeGlobal.Office;
  officeGlobal.Office = {
    context: {
      requirements: { isSetSupported: (name: string) => name !== "CustomFunctionsRuntime" },
    },
  };
  try {
    const { results, cancel } = openCard("gallium");
    cancel();
    const error = results[0] as CustomFunctions.Error;
    expect(error).toBeInstanceOf(CustomFunctions.Error);
    expect(error.message).toBe(ENTITY_CARDS_UNSUPPORTED);
  } finally {
    officeGlobal.Office = saved;
  }
});
