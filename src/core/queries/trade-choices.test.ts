import { comtradeDataFolder, compiledIndexed } from "../../../test/support/comtrade-data";
import { realIndexed } from "../../../test/support/real-dataset";
import { tradeSeries } from "./trade-catalog";
import { tradeChoices } from "./trade-choices";

describe("tradeChoices: the reporters, flows and measures a commodity's trade formulas can ask for", () => {
  test("the bundled data: China's export quantities only", () => {
    expect(tradeChoices(realIndexed(), "magnets", "CN", "export")).toEqual({
      reporters: ["CN"],
      flows: ["export"],
      measures: ["quantity"],
    });
  });

  test("official data: every reporter, its flows, and the measures of its flow", () => {
    const data = compiledIndexed(comtradeDataFolder());
    const cn = tradeChoices(data, "magnets", "CN", "export");
    expect(cn.reporters[0]).toBe("CN");
    expect(cn.reporters).toEqual(expect.arrayContaining(["JP", "KR"]));
    expect(cn.flows).toEqual(["export", "import", "re-export", "re-import"]);
    expect(cn.measures).toEqual(["quantity", "value", "unit value"]);
    // Korea reports values only: no quantity, so no unit value either; Japan imports only.
    expect(tradeChoices(data, "magnets", "KR", "import").measures).toEqual(["value"]);
    expect(tradeChoices(data, "magnets", "JP", "import").flows).toEqual(["import"]);
    // Each choice is what tradeSeries holds for the commodity.
    for (const reporter of cn.reporters) {
      for (const flow of tradeChoices(data, "magnets", reporter, "export").flows) {
        expect(
          tradeSeries(data).some(
            (s) => s.commodity === "magnets" && s.reporter === reporter && s.flow === flow
          )
        ).toBe(true);
      }
    }
  });

  test("a commodity or reporter without trade figures has no choices", () => {
    expect(tradeChoices(realIndexed(), "lithium", "CN", "export")).toEqual({
      reporters: [],
      flows: [],
      measures: [],
    });
    expect(tradeChoices(realIndexed(), "magnets", "JP", "export")).toEqual({
      reporters: ["CN"],
      flows: [],
      measures: [],
    });
  });
});
