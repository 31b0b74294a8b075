import { comtradeDataFolder, compiledIndexed } from "../../../test/support/comtrade-data";
import { realIndexed } from "../../../test/support/real-dataset";
import { tradeSeries } from "./trade-catalog";

describe("tradeSeries: every series a trade formula can answer from", () => {
  test("the bundled data: China's export series by commodity and partner", () => {
    const list = tradeSeries(realIndexed());
    expect(list.every((e) => e.reporter === "CN" && e.flow === "export")).toBe(true);
    expect(list.find((e) => e.commodity === "magnets" && e.partner === "US")).toEqual({
      commodity: "magnets",
      reporter: "CN",
      partner: "US",
      flow: "export",
      measures: ["quantity"],
      periods: ["2025-06", "2025-10", "2025-11"],
    });
  });

  test("official data: other reporters, imports, re-exports, values and annual periods", () => {
    const list = tradeSeries(compiledIndexed(comtradeDataFolder()));
    const find = (reporter: string, partner: string, flow: string) =>
      list.find(
        (e) =>
          e.commodity === "magnets" &&
          e.reporter === reporter &&
          e.partner === partner &&
          e.flow === flow
      );
    expect(find("JP", "CN", "import")).toMatchObject({
      measures: ["quantity", "value"],
      periods: ["2024-03", "2024-04"],
    });
    expect(find("KR", "CN", "import")).toMatchObject({ measures: ["value"] });
    expect(find("CN", "US", "re-export")).toMatchObject({ periods: ["2024-03"] });
    expect(find("CN", "WORLD", "export")?.periods).toEqual(
      expect.arrayContaining(["2023", "2024-03", "2025-11"])
    );
  });
});
