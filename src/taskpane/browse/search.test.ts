import { Dataset } from "../../core/dataset/dataset";
import { indexDataset } from "../../core/dataset/indexed";
import { realDataset, realIndexed } from "../../../test/support/real-dataset";
import { comtradeDataFolder, compiledIndexed } from "../../../test/support/comtrade-data";
import { tradeSeries } from "../../core/queries/trade-catalog";
import {
  BrowseEntry,
  catalogueOf,
  commoditySummaries,
  latestFigure,
  readPhrase,
  search,
  SeriesEntry,
} from "./search";

const data = realIndexed();
const ids = (entries: readonly BrowseEntry[]) => entries.map((e) => e.id);
const series = (id: string) => catalogueOf(data).byId.get(id) as SeriesEntry;

const MAGNETS = [
  "export|magnets|CN|WORLD",
  "export|magnets|CN|DE",
  "export|magnets|CN|JP",
  "export|magnets|CN|US",
  "indicator|magnets|China's share of magnet manufacturing|WORLD",
  "indicator|magnets|India rare-earth permanent magnet manufacturing programme|IN",
  "indicator|magnets|Lynas-JS Link Malaysia magnet plant planned capacity|MY",
];

describe("search matches names the way the formulas read them", () => {
  test.each([
    "magnets",
    "Magnets",
    "rare earth magnets",
    "Rare-earth permanent magnets",
    "NdFeB magnets",
    "8505.11",
    "850511",
    "8505.11 ",
  ])("%p finds every magnets series, World first", (query) => {
    const found = search(data, query);
    expect(found.commodity).toBe("magnets");
    expect(ids(found.entries)).toEqual(MAGNETS);
  });

  test("every name, alias and customs code of every commodity resolves to what EXPORT resolves it to", () => {
    for (const commodity of data.dataset.commodities) {
      for (const name of [
        commodity.id,
        commodity.name,
        ...commodity.aliases,
        ...commodity.customs_codes,
      ]) {
        const expected = data.commodityNames.resolve(name);
        const found = search(data, name);
        expect([name, found.commodity]).toEqual([name, expected]);
        if (expected === undefined) continue;
        const own = catalogueOf(data).entries.filter((e) => e.commodity === expected);
        // The commodity's own series come first, all of them.
        expect(ids(found.entries.slice(0, own.length)).sort()).toEqual(ids(own).sort());
      }
    }
  });

  test.each(["US", "USA", "United States", "u.s."])(
    "%p finds the series about the United States",
    (query) => {
      const found = search(data, query);
      expect(found.country).toBe("US");
      expect(found.entries.length).toBeGreaterThan(2);
      for (const entry of found.entries) {
        expect(entry.kind === "controls" ? [] : entry.countries).toContain("US");
      }
      expect(ids(found.entries).slice(0, 2)).toEqual([
        "export|magnets|CN|US",
        "export|germanium|CN|US",
      ]);
    }
  );

  test("a commodity and a country together find the one series about both", () => {
    expect(ids(search(data, "magnets US").entries)).toEqual(["export|magnets|CN|US"]);
    expect(ids(search(data, "United States rare earth magnets").entries)).toEqual([
      "export|magnets|CN|US",
    ]);
    expect(ids(search(data, "gallium Japan").entries)).toEqual([
      "export|gallium|CN|JP",
      "production|gallium|primary production|JP",
      "production|gallium|production capacity|JP",
      // and the commodity's export controls after the series about both
      "controls|gallium",
    ]);
  });

  test("a commodity with export-control events lists its timeline", () => {
    const found = ids(search(data, "gallium").entries);
    expect(found).toContain("controls|gallium");
    // Exports first, then the timeline, then USGS figures.
    expect(found.indexOf("export|gallium|CN|JP")).toBeLessThan(found.indexOf("controls|gallium"));
    expect(found.indexOf("controls|gallium")).toBeLessThan(
      found.indexOf("production|gallium|primary production|CN")
    );
  });

  test("word beginnings find indicators, forecasts and partial names", () => {
    expect(ids(search(data, "quota").entries)).toEqual([
      "indicator|rare earths|mining quota|CN",
      "indicator|rare earths|smelting and separation quota|CN",
    ]);
    expect(ids(search(data, "magn").entries)).toEqual(MAGNETS);
    expect(ids(search(data, "8505").entries)).toEqual(MAGNETS);
    expect(ids(search(data, "lithium carbonate").entries)).toEqual([
      "indicator|lithium|lithium carbonate futures intraday high (Guangzhou Futures Exchange most-active)|CN",
      "forecast|lithium|price: lithium carbonate|WORLD|Bernstein|base",
    ]);
    expect(ids(search(data, "bernst").entries)).toEqual([
      "forecast|lithium|price: lithium carbonate|WORLD|Bernstein|base",
    ]);
  });

  test("one- and two-letter words match whole words only", () => {
    // "us" is not the beginning of "usgs": only the United States' series.
    const us = search(data, "us").entries;
    expect(us.every((e) => e.kind !== "controls" && e.countries.includes("US"))).toBe(true);
    expect(ids(search(data, "ma").entries)).toEqual([]);
  });

  test("nothing typed, or nothing known, finds nothing", () => {
    expect(search(data, "").entries).toEqual([]);
    expect(search(data, "   ").entries).toEqual([]);
    expect(search(data, "xyzzy").entries).toEqual([]);
    expect(search(data, "<img src=x onerror=alert(1)>").entries).toEqual([]);
  });
});

describe("the catalogue's series", () => {
  test("magnets to the US: three reported months, oldest first, latest 582 t in 2025-11", () => {
    const us = series("export|magnets|CN|US");
    expect(us.title).toBe("Rare-earth permanent magnets → United States");
    expect(us.kindLabel).toBe("China's exports");
    expect(us.unit).toBe("t");
    expect(us.figures.map((f) => [f.period, f.value, f.plot, f.sourceId])).toEqual([
      ["2025-06", 353, 353, "weekly-2025-07-20"],
      ["2025-10", 656, 656, "ginlix-2025-12-20"],
      ["2025-11", 582, 582, "ts2-2025-12-20"],
    ]);
    expect(latestFigure(us)).toMatchObject({ period: "2025-11", value: 582, unit: "t" });
    expect(us.args).toEqual({
      kind: "trade",
      partner: "US",
      reporter: "CN",
      flow: "export",
      measure: "quantity",
    });
  });

  test("a reported 0 stays 0 (and is plotted), never missing", () => {
    const germanium = series("export|germanium|CN|US");
    expect(germanium.figures.map((f) => [f.period, f.value, f.plot])).toEqual([["2025-06", 0, 0]]);
    const gallium = series("export|gallium|CN|WORLD");
    expect(gallium.figures.map((f) => [f.period, f.value, f.plot])).toEqual([
      ["2024-06", 4184, 4184],
      ["2025-05", 0, 0],
      ["2025-06", 4260, 4260],
    ]);
  });

  test("a USGS figure without a number (W) is not a number and not plotted; its code is kept", () => {
    const lithium = series("production|lithium|mine production|US");
    expect(lithium.figures.map((f) => [f.period, f.value, f.plot, f.code])).toEqual([
      ["2024", null, null, "W"],
      ["2025", null, null, "W"],
    ]);
    // The qualifier is the formula's own wording (one rule, in the core).
    expect(lithium.figures[0].qualifier).toBe(
      "W (withheld to avoid disclosing company proprietary data)"
    );
    expect(lithium.figures[0].missing).toMatch(/withheld .*\(USGS code W\)/);
    const world = series("reserves|rare earths|reserves|WORLD");
    expect(world.figures.at(-1)).toMatchObject({ value: 85000000, code: ">", unit: "t" });
    expect(world.figures.at(-1)?.qualifier).toMatch(/> \(more than\); rounded/);
  });

  test("indicators, forecasts and USGS series carry what their formulas need", () => {
    expect(series("indicator|rare earths|mining quota|CN").args).toEqual({
      kind: "indicator",
      indicator: "mining quota",
      region: "CN",
    });
    const bernstein = series("forecast|lithium|price: lithium carbonate|WORLD|Bernstein|base");
    expect(bernstein.figures.map((f) => [f.period, f.value, f.unit])).toEqual([
      ["2026", 17000, "USD/t"],
    ]);
    const fitch = series("forecast|lithium|market balance|WORLD|Fitch Ratings|base");
    expect(fitch.figures.map((f) => [f.value, f.plot])).toEqual([["oversupplied", null]]);
    expect(series("production|cobalt|mine production|CD").args).toEqual({
      kind: "production",
      country: "CD",
      statistic: "Mine production",
    });
    expect(series("reserves|cobalt|reserves|CD").args).toEqual({
      kind: "reserves",
      country: "CD",
      statistic: "Reserves",
    });
  });

  test("figures in another unit are plotted in the series' first unit, as SERIES converts them", () => {
    const dataset: Dataset = realDataset();
    dataset.exports.push({
      ...dataset.exports.find((o) => o.commodity === "magnets" && o.partner === "US")!,
      period: "2025-12",
      quantity: 500000,
      unit: "kg",
    });
    const us = catalogueOf(indexDataset(dataset)).byId.get("export|magnets|CN|US") as SeriesEntry;
    expect(us.figures.at(-1)).toMatchObject({
      period: "2025-12",
      value: 500000,
      unit: "kg",
      plot: 500,
    });
  });

  test("a figure too large once converted is listed but not plotted (never Infinity)", () => {
    const dataset: Dataset = realDataset();
    const rows = dataset.exports.filter((o) => o.commodity === "magnets" && o.partner === "US");
    const first = rows.reduce((a, b) => (a.period < b.period ? a : b));
    first.quantity = 353_000_000;
    first.unit = "g";
    dataset.exports.push({ ...first, period: "2025-12", quantity: 1e308, unit: "t" });
    const us = catalogueOf(indexDataset(dataset)).byId.get("export|magnets|CN|US") as SeriesEntry;
    expect(us.figures.at(-1)).toMatchObject({ period: "2025-12", value: 1e308, plot: null });
    expect(us.figures[0]).toMatchObject({ value: 353_000_000, unit: "g", plot: 353_000_000 });
  });

  test("the catalogue is built once per dataset and again for a new one", () => {
    expect(catalogueOf(data)).toBe(catalogueOf(data));
    const other = indexDataset(realDataset());
    expect(catalogueOf(other)).not.toBe(catalogueOf(data));
  });
});

/**
 * Official trade data: the SYNTHETIC Comtrade fixtures compiled into a copy of data/ by the real
 * build. Browse lists the core's trade series (any reporter, flow and measure), never reading the
 * dataset's `exports` rows (made only when asked for, at a cost, in large datasets).
 */
describe("trade series of any reporter, flow and measure", () => {
  const official = compiledIndexed(comtradeDataFolder());
  Object.defineProperty(official.dataset, "exports", {
    get() {
      throw new Error("Browse read dataset.exports");
    },
  });
  const entry = (id: string) => catalogueOf(official).byId.get(id) as SeriesEntry;
  const find = (text: string) => {
    const phrase = readPhrase(official, text);
    return ids(search(official, phrase.query, phrase).entries);
  };

  test("one entry per series of the core's index and measure it reports", () => {
    const trade = catalogueOf(official).entries.filter((e) => e.kind === "trade");
    const expected = tradeSeries(official).flatMap((s) =>
      s.measures.map((m) =>
        [
          `${s.flow}|${s.commodity}|${s.reporter}|${s.partner}`,
          ...(m === "quantity" ? [] : [m]),
        ].join("|")
      )
    );
    expect(ids(trade).sort()).toEqual(expected.sort());
    const summary = commoditySummaries(official).find((c) => c.commodity === "magnets")!;
    expect(summary.counts.trade).toBe(trade.filter((e) => e.commodity === "magnets").length);
  });

  test("an import series in US dollars: Japan's imports of magnets from China", () => {
    const value = entry("import|magnets|JP|CN|value");
    expect(value.title).toBe("Rare-earth permanent magnets ← China");
    expect(value.kindLabel).toBe("Japan's imports, value (USD)");
    expect(value.unit).toBe("USD");
    expect(value.figures.map((f) => f.period)).toEqual(["2024-03", "2024-04"]);
    expect(value.figures.every((f) => f.unit === "USD" && f.value === f.plot)).toBe(true);
    expect(value.figures[0].sourceId).toMatch(/comtrade/i);
    expect(value.args).toEqual({
      kind: "trade",
      partner: "CN",
      reporter: "JP",
      flow: "import",
      measure: "value",
    });
    const quantity = entry("import|magnets|JP|CN");
    expect(quantity.kindLabel).toBe("Japan's imports");
    expect(quantity.unit).toBe("kg");
  });

  test("phrases name the reporter's flow and the measure", () => {
    expect(find("Japan imports magnets")).toEqual([
      "import|magnets|JP|WORLD",
      "import|magnets|JP|WORLD|value",
      "import|magnets|JP|CN",
      "import|magnets|JP|CN|value",
    ]);
    expect(find("magnets to US")).toEqual([
      "export|magnets|CN|US",
      "export|magnets|CN|US|value",
      "re-export|magnets|CN|US",
      "re-export|magnets|CN|US|value",
    ]);
    expect(find("magnets US value")).toEqual([
      "export|magnets|CN|US|value",
      "re-export|magnets|CN|US|value",
    ]);
    expect(find("re-exports magnets")).toEqual([
      "re-export|magnets|CN|US",
      "re-export|magnets|CN|US|value",
    ]);
    expect(readPhrase(official, "gallium Japan 2025-06")).toEqual({
      query: "gallium Japan",
      period: "2025-06",
    });
    expect(find("gallium Japan 2025-06")[0]).toBe("export|gallium|CN|JP");
  });

  test('"export controls" still finds the controls', () => {
    expect(readPhrase(official, "gallium export controls")).toEqual({
      query: "gallium export controls",
      period: undefined,
    });
    expect(find("gallium export controls")).toEqual(["controls|gallium"]);
  });

  test("a flow or measure alone lists every trade series of it", () => {
    expect(readPhrase(official, "imports")).toEqual({ query: "", flow: "import" });
    const imports = find("imports");
    expect(imports).toEqual(
      ids(catalogueOf(official).entries).filter((id) => id.startsWith("import|"))
    );
    expect(imports.length).toBe(6);
    expect(find("value").every((id) => id.endsWith("|value"))).toBe(true);
  });
});
