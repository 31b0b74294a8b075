import { comtradeDataFolder, compiledIndexed } from "../../../test/support/comtrade-data";
import { realIndexed } from "../../../test/support/real-dataset";
import { build, BuildChoices, buildOptions, defaultChoices, fitChoices } from "./builder";
import { catalogueOf, latestFigure, SeriesEntry } from "./search";

/**
 * The builder's model: which formula the choices make, and which choices a series offers. That each
 * formula returns its preview in a workbook is test/builder-workbook.test.ts's.
 */
const bundled = realIndexed();
const official = compiledIndexed(comtradeDataFolder());
// The builder reads the core's series index, never the dataset's `exports` rows (made only when
// asked for, at a cost, in large datasets).
Object.defineProperty(official.dataset, "exports", {
  get() {
    throw new Error("the builder read dataset.exports");
  },
});

function formula(data: typeof bundled, id: string, patch: Partial<BuildChoices> = {}): string {
  const entry = catalogueOf(data).byId.get(id)!;
  return build(data, entry, fitChoices(data, entry, { ...defaultChoices(entry), ...patch }))
    .formula;
}

describe("the bundled data: China's export quantities", () => {
  test("magnets to the US: EXPORT at latest, and the other formulas without trade arguments", () => {
    const id = "export|magnets|CN|US";
    expect(formula(bundled, id)).toBe('=MINERALS.EXPORT("magnets","US","latest")');
    expect(formula(bundled, id, { kind: "series", period: "" })).toBe(
      '=MINERALS.SERIES("magnets","US")'
    );
    expect(formula(bundled, id, { kind: "citation", period: "2025-11" })).toBe(
      '=MINERALS.SOURCE("magnets","US","2025-11")'
    );
    expect(formula(bundled, id, { kind: "top" })).toBe('=MINERALS.TOP("magnets","latest")');
    expect(formula(bundled, "export|magnets|CN|WORLD", { unit: "kg" })).toBe(
      '=MINERALS.EXPORT("magnets","World","latest","kg")'
    );
  });

  test("one reporter, flow and measure: nothing to choose", () => {
    const entry = catalogueOf(bundled).byId.get("export|magnets|CN|US")!;
    expect(buildOptions(bundled, entry)).toMatchObject({
      reporters: ["CN"],
      flows: ["export"],
      measures: ["quantity"],
      periods: ["2025-11", "2025-10", "2025-06"],
    });
  });

  test("indicators, forecasts, USGS figures and export controls", () => {
    expect(formula(bundled, "indicator|rare earths|mining quota|CN", { period: "2024" })).toBe(
      '=MINERALS.INDICATOR("rare earths","mining quota",2024)'
    );
    expect(
      formula(bundled, "forecast|lithium|price: lithium carbonate|WORLD|Bernstein|base", {
        kind: "citation",
      })
    ).toBe(
      '=MINERALS.FORECAST("lithium","latest","price: lithium carbonate","Bernstein","citation")'
    );
    expect(formula(bundled, "production|cobalt|mine production|CD", { period: "2025" })).toBe(
      '=MINERALS.PRODUCTION("cobalt","CD",2025,"Mine production")'
    );
    expect(formula(bundled, "controls|gallium")).toBe('=MINERALS.CONTROLS("gallium")');
    expect(formula(bundled, "controls|gallium", { kind: "events" })).toBe(
      '=MINERALS.EVENTS("gallium")'
    );
  });
});

describe("official data (SYNTHETIC Comtrade): reporter, flow and measure", () => {
  const entry = (id: string) => catalogueOf(official).byId.get(id) as SeriesEntry;

  test("an import value series: IMPORT with its reporter and measure, its preview the latest figure", () => {
    const japan = entry("import|magnets|JP|CN|value");
    const built = build(official, japan, defaultChoices(japan));
    expect(built.formula).toBe('=MINERALS.IMPORT("magnets","CN","latest",,"JP","value")');
    expect(built.preview).toBe(latestFigure(japan)!.value);
    expect(formula(official, "import|magnets|JP|CN|value", { kind: "citation" })).toBe(
      '=MINERALS.SOURCE("magnets","CN","latest",,"JP","value","import")'
    );
    expect(formula(official, "import|magnets|JP|CN|value", { kind: "change", basis: "yoy" })).toBe(
      '=MINERALS.CHANGE("magnets","CN","latest","yoy",,"JP","value","import")'
    );
  });

  test("choices come from what the commodity has; a value has no unit, a quantity in kg has", () => {
    const japan = entry("import|magnets|JP|CN|value");
    const options = buildOptions(official, japan, defaultChoices(japan));
    expect(options.reporters[0]).toBe("CN");
    expect(options.reporters).toEqual(expect.arrayContaining(["JP", "KR"]));
    expect(options.flows).toEqual(["import"]);
    expect(options.measures).toEqual(["quantity", "value", "unit value"]);
    expect(options.units).toEqual([]);
    expect(options.periods).toEqual(["2024-04", "2024-03"]);
    const quantity = buildOptions(official, japan, {
      ...defaultChoices(japan),
      measure: "quantity",
    });
    expect(quantity.units).toContain("t");
    expect(formula(official, "import|magnets|JP|CN", { unit: "t" })).toBe(
      '=MINERALS.IMPORT("magnets","CN","latest","t","JP")'
    );
  });

  test("a new reporter keeps the flow and measure it has, and takes its first otherwise", () => {
    const japan = entry("import|magnets|JP|CN|value");
    const base = defaultChoices(japan);
    expect(fitChoices(official, japan, { ...base, reporter: "KR" })).toMatchObject({
      reporter: "KR",
      flow: "import",
      measure: "value",
    });
    const korea = fitChoices(official, japan, { ...base, reporter: "KR", measure: "quantity" });
    expect(korea.measure).toBe("value");
    const china = fitChoices(official, japan, { ...base, reporter: "CN" });
    expect(china).toMatchObject({ reporter: "CN", flow: "import", measure: "value" });
    expect(build(official, japan, china).formula).toBe(
      '=MINERALS.IMPORT("magnets","CN","latest",,,"value")'
    );
  });

  test("re-exports: no figure formula; SERIES and the others name the flow", () => {
    const reexport = entry("re-export|magnets|CN|US");
    expect(buildOptions(official, reexport).kinds).toEqual([
      "series",
      "change",
      "share",
      "top",
      "citation",
    ]);
    expect(formula(official, "re-export|magnets|CN|US")).toBe(
      '=MINERALS.SERIES("magnets","US",,,,,,,"re-export")'
    );
    expect(formula(official, "re-export|magnets|CN|US|value", { kind: "share" })).toBe(
      '=MINERALS.SHARE("magnets","US","latest",,"value","re-export")'
    );
    // Back to exports: the figure formula is offered again.
    expect(
      buildOptions(official, reexport, { ...defaultChoices(reexport), flow: "export" }).kinds
    ).toContain("figure");
  });

  test("a unit value has no share or ranking: a chosen one becomes the first formula offered", () => {
    const us = entry("export|magnets|CN|US");
    const choices = fitChoices(official, us, {
      ...defaultChoices(us),
      kind: "share",
      measure: "unit value",
    });
    expect(choices.kind).toBe("figure");
    expect(build(official, us, choices).formula).toBe(
      '=MINERALS.EXPORT("magnets","US","latest",,,"unit value")'
    );
  });
});
