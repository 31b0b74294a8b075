/**
 * Official trade data through the add-in's own functions in a HyperFormula workbook: the SYNTHETIC
 * Comtrade fixtures (test/fixtures/comtrade) compiled into a copy of data/ by the real build, loaded
 * into the live store, then read by EXPORT, IMPORT, SOURCE, SERIES, CHANGE, SHARE, TOP and LIST —
 * every mapping rule of the reader as a formula sees it.
 */
import { DetailedCellError, HyperFormula } from "hyperformula";
import { store } from "../src/runtime/live-store";
import { comtradeDataFolder, compiledIndexed, FIXTURE_RETRIEVALS } from "./support/comtrade-data";
import { cancelAllLiveCells, registerMineralsPlugin } from "./support/minerals-plugin";

type Cell = number | string | boolean | null | { error: string; message: string };

/** Evaluates formulas, one per row of column A (spills read whole), in a fresh workbook. */
function evaluate(formulas: string[]): Cell[][][] {
  const hf = HyperFormula.buildFromSheets(
    { Sheet: formulas.map((f) => [f]) },
    { licenseKey: "gpl-v3" }
  );
  try {
    const sheet = hf.getSheetId("Sheet") as number;
    const values = hf.getSheetValues(sheet);
    return formulas.map((f, row) => {
      // A spill fills the rows below it; read the formula's own rectangle only.
      const width = Math.max(1, ...values.slice(row).map((r) => r.length));
      const spill =
        hf.getCellFormula({ sheet, row, col: 0 })?.includes("SERIES") || /TOP|LIST/.test(f);
      const height = spill ? values.length - row : 1;
      return values
        .slice(row, row + height)
        .map((r) =>
          r
            .slice(0, width)
            .map((v) =>
              v instanceof DetailedCellError ? { error: v.type, message: v.message } : v
            )
        );
    });
  } finally {
    cancelAllLiveCells();
    hf.destroy();
  }
}

const one = (formula: string): Cell => evaluate([formula])[0][0][0];
const table = (formula: string): Cell[][] =>
  evaluate([formula])[0].filter((r) => r.some((c) => c !== null && c !== ""));

const original = store.current;
beforeAll(() => {
  registerMineralsPlugin();
  store.replace(compiledIndexed(comtradeDataFolder()), { kind: "file", name: "comtrade test" });
});
afterAll(() => store.replace(original.data, original.origin, original.loadedAt));

describe("reporters and partners", () => {
  test("ISO-3 codes read as the dataset's countries; W00 is World", () => {
    expect(one('=MINERALS.EXPORT("magnets","World","2024-03")')).toBe(5_000_000);
    expect(one('=MINERALS.EXPORT("magnets","Japan","2024-03")')).toBe(700_000);
  });

  test("a non-ASCII name from an ISO-8859-1 file: Côte d'Ivoire", () => {
    expect(one(`=MINERALS.EXPORT("magnets","Côte d'Ivoire","2024-03")`)).toBe(0);
    expect(one('=MINERALS.EXPORT("magnets","CI","2024-03")')).toBe(0);
  });

  test("an empty ISO cell read by its numeric code (276, Germany)", () => {
    expect(one('=MINERALS.EXPORT("magnets","Germany","2024-02")')).toBe(300_000);
  });

  test("a named aggregate is a partner of its own, never a country", () => {
    expect(one('=MINERALS.EXPORT("magnets","Other Asia, nes","2024-03")')).toBe(40_000);
  });

  test("LIST shows the reporters and flows", () => {
    const reporters = table('=MINERALS.LIST("reporters","magnets")');
    expect(reporters[0]).toEqual(["Code", "Name"]);
    expect(reporters.slice(1).map((r) => r[0])).toEqual(expect.arrayContaining(["CN", "JP", "KR"]));
    expect(table('=MINERALS.LIST("flows","magnets")').map((r) => r[0])).toEqual([
      "export",
      "import",
      "re-export",
      "re-import",
    ]);
  });
});

describe("measures", () => {
  test("net weight is the quantity in kg, converted on request", () => {
    expect(one('=MINERALS.EXPORT("magnets","World","2024-03","t")')).toBe(5000);
  });

  test("value is primaryValue in USD", () => {
    expect(one('=MINERALS.EXPORT("magnets","World","2024-03",,,"value")')).toBe(250_000_000);
  });

  test("unit value is value ÷ quantity of the same rows, in USD per the quantity's unit, and says it is computed", () => {
    expect(one('=MINERALS.EXPORT("magnets","World","2024-03",,,"unit value")')).toBe(50);
    expect(one('=MINERALS.EXPORT("magnets","World","2024-03","t",,"unit value")')).toBe(50_000);
    expect(one('=MINERALS.SOURCE("magnets","World","2024-03","qualifier",,"unit value")')).toBe(
      "unit value computed from reported figures: 250000000 USD ÷ 5000000 kg"
    );
  });

  test("an empty quantity is #N/A, never 0; the value of the same row is there; unit value needs both", () => {
    const quantity = one('=MINERALS.EXPORT("magnets","US","2024-03")') as { error: string };
    expect(quantity.error).toBe("NA");
    expect(one('=MINERALS.EXPORT("magnets","US","2024-03",,,"value")')).toBe(1_000_000);
    expect(
      (one('=MINERALS.EXPORT("magnets","US","2024-03",,,"unit value")') as { error: string }).error
    ).toBe("NA");
  });

  test("a reported 0 is 0 (quantity and value); its unit value is #N/A saying the quantity is 0", () => {
    expect(one('=MINERALS.EXPORT("magnets","CI","2024-03",,,"value")')).toBe(0);
    expect(one('=MINERALS.EXPORT("magnets","CI","2024-03")')).toBe(0);
    expect(one('=MINERALS.EXPORT("magnets","CI","2024-03",,,"unit value")')).toEqual({
      error: "NA",
      message:
        "No unit value for magnets → CI (unit value) in 2024-03: the reported quantity is 0 kg.",
    });
  });

  test("qty with its unit where net weight is empty, estimated in the qualifier", () => {
    expect(one('=MINERALS.EXPORT("magnets","US","2024-02")')).toBe(1200);
    expect(one('=MINERALS.SOURCE("magnets","US","2024-02","qualifier")')).toBe("estimated");
    expect(one('=MINERALS.SOURCE("magnets","Japan","2024-03","qualifier")')).toBe("estimated");
    expect(one('=MINERALS.SOURCE("magnets","World","2024-03","qualifier")')).toBe("");
  });

  test("a measure that is not one is #VALUE! naming the choices", () => {
    expect(one('=MINERALS.EXPORT("magnets","World","2024-03",,,"price per kg")')).toEqual({
      error: "VALUE",
      message: `Unknown measure 'price per kg'; use "quantity", "value" (USD) or "unit value".`,
    });
  });
});

describe("flows", () => {
  test("IMPORT is the reporter's imports from the partner; customs code with or without the dot", () => {
    expect(one('=MINERALS.IMPORT("8505.11","CN","2024-03",,"JP")')).toBe(650_000);
    expect(one('=MINERALS.IMPORT("850511","CN","2024-04",,"JP")')).toBe(680_000);
    expect(one('=MINERALS.IMPORT("magnets","World","2024-04",,"JP")')).toBe(900_000);
    expect(one('=MINERALS.IMPORT("magnets","CN","2024-04",,"KR","value")')).toBe(2_000_000);
  });

  test("re-exports and re-imports are reachable by flow and never added into exports", () => {
    expect((one('=MINERALS.EXPORT("magnets","US","2024-03")') as { error: string }).error).toBe(
      "NA"
    );
    expect(table('=MINERALS.SERIES("magnets","US",,,0,,,,"re-export")')).toEqual([
      ["2024-03", 1000],
    ]);
    expect(
      one('=MINERALS.SOURCE("magnets","World","2024-03","source_id",,"value","re-import")')
    ).toBe("comtrade-synthetic-monthly-latin1");
  });

  test("a mirror figure is never substituted: #N/A naming the partner's report and its formula", () => {
    const cell = one('=MINERALS.EXPORT("magnets","JP","2024-04")') as {
      error: string;
      message: string;
    };
    expect(cell.error).toBe("NA");
    expect(cell.message).toContain(
      `Japan reported the mirror flow (its imports from CN): =MINERALS.IMPORT("magnets","CN","2024-04",,"JP").`
    );
  });

  test("an unknown flow is #VALUE!", () => {
    expect(
      (one('=MINERALS.SERIES("magnets","US",,,0,,,,"transit")') as { error: string }).error
    ).toBe("VALUE");
  });
});

describe("periods and commodities", () => {
  test("an annual file answers the year, and only year periods", () => {
    expect(one('=MINERALS.EXPORT("magnets","World",2023)')).toBe(58_000_000);
    expect(one('=MINERALS.EXPORT("magnets","CI","2023",,,"value")')).toBe(600_000);
    expect((one('=MINERALS.EXPORT("magnets","World","2023-06")') as { error: string }).error).toBe(
      "NA"
    );
  });

  test("a code no commodity holds is its own commodity, found as 8112.92 and 811292", () => {
    expect(one('=MINERALS.EXPORT("8112.92","DE","2024-03")')).toBe(2004);
    expect(one('=MINERALS.EXPORT("811292","Germany","2024-03",,,"value")')).toBe(700_000);
    expect(table('=MINERALS.LIST("commodities")').map((r) => r[0])).toContain("8112.92");
  });

  test("every figure cites the file's source row: United Nations Comtrade, dated by retrieval", () => {
    expect(one('=MINERALS.SOURCE("magnets","World","2024-03","publisher")')).toBe(
      "United Nations Comtrade"
    );
    expect(one('=MINERALS.SOURCE("magnets","World",2023,"date")')).toBe(
      FIXTURE_RETRIEVALS["synthetic-annual-utf8.csv"]
    );
    expect(one('=MINERALS.SOURCE("magnets","CN","2024-04","title","JP",,"import")')).toBe(
      "UN Comtrade: Japan, Rep. of Korea; imports; HS 850511; 2024-04"
    );
  });
});

describe("comparisons by reporter, measure and flow", () => {
  test("SERIES of values, with its heading", () => {
    expect(table('=MINERALS.SERIES("magnets","US",,"2024-12",1,,,"value")')).toEqual([
      ["Period", "Value (USD)"],
      ["2024-02", 60_000],
      ["2024-03", 1_000_000],
    ]);
  });

  test("SHARE and TOP of values", () => {
    expect(one('=MINERALS.SHARE("magnets","JP","2024-03",,"value")')).toBeCloseTo(0.14, 12);
    expect(table('=MINERALS.TOP("magnets","2024-03",2,,"value")')).toEqual([
      ["Partner", "Value (USD)", "Share of total"],
      ["Japan", 35_000_000, 0.14],
      ["United States", 1_000_000, 0.004],
    ]);
  });

  test("SHARE of another reporter's imports", () => {
    expect(one('=MINERALS.SHARE("magnets","CN","2024-04","JP",,"import")')).toBeCloseTo(
      680 / 900,
      9
    );
  });

  test("CHANGE of the value: the reported -0.30, qualified as reported and approximate", () => {
    expect(one('=MINERALS.CHANGE("magnets","World","2025-H1","yoy",,,"value")')).toBe(-0.3);
    const qualifier = one(
      '=MINERALS.CHANGE("magnets","World","2025-H1","yoy","qualifier",,"value")'
    ) as string;
    expect(qualifier).toContain("reported change");
    expect(qualifier).toContain("approximate");
    // The quantity change is another reported figure.
    expect(one('=MINERALS.CHANGE("magnets","World","2025-H1","yoy")')).toBe(-0.19);
  });

  test("the news figures keep their meaning beside the official ones", () => {
    expect(one('=MINERALS.EXPORT("magnets","US","2025-11")')).toBe(582);
  });
});

describe("an official figure and a news figure with the same key", () => {
  beforeAll(() => {
    const dir = comtradeDataFolder({
      ...FIXTURE_RETRIEVALS,
      "synthetic-conflict.csv": "2026-11-20",
    });
    store.replace(compiledIndexed(dir), { kind: "file", name: "comtrade conflict test" });
  });

  test("EXPORT returns the official figure and SOURCE cites it", () => {
    expect(one('=MINERALS.EXPORT("magnets","US","2025-11")')).toBe(590_000);
    expect(one('=MINERALS.EXPORT("magnets","US","2025-11","t")')).toBe(590);
    expect(one('=MINERALS.SOURCE("magnets","US","2025-11","publisher")')).toBe(
      "United Nations Comtrade"
    );
  });
});
