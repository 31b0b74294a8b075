import { Dataset } from "../../core/dataset/dataset";
import { indexDataset } from "../../core/dataset/indexed";
import { isQueryError, QueryError } from "../../core/queries/query-error";
import { LiveStore } from "../../core/runtime/store";
import { realDataset, realIndexed } from "../../../test/support/real-dataset";
import { evaluateMinerals, parseMineralsFormula } from "../../../test/support/evaluate-formula";
import { HyperFormula } from "hyperformula";
import {
  EXCEL_MAX_FORMULA_LENGTH,
  EXCEL_MAX_TEXT_LITERAL,
  formulaLimitProblem,
  formulaLineParts,
  formulasFor,
  formulaText,
  periodArgument,
  quote,
} from "./formulas";
import { catalogueOf, SeriesEntry } from "./search";

const data = realIndexed();
const snapshot = new LiveStore(data).current;
const entry = (id: string) => catalogueOf(data).byId.get(id)!;

describe("formula text", () => {
  test("text is quoted the Excel way, numbers are bare, omitted arguments are empty or dropped", () => {
    expect(quote('say "hi"')).toBe('"say ""hi"""');
    expect(formulaText("EXPORT", ["magnets", "US", "2025-11"])).toBe(
      '=MINERALS.EXPORT("magnets","US","2025-11")'
    );
    expect(formulaText("FORECAST", ["lithium", 2026, undefined, undefined, "citation"])).toBe(
      '=MINERALS.FORECAST("lithium",2026,,,"citation")'
    );
    expect(formulaText("SERIES", ["magnets", "US", undefined, undefined])).toBe(
      '=MINERALS.SERIES("magnets","US")'
    );
    expect(formulaText("DATAVERSION", [])).toBe("=MINERALS.DATAVERSION()");
    expect(periodArgument("2024")).toBe(2024);
    expect(periodArgument("2025-11")).toBe("2025-11");
  });

  test("a formula breaks lines between its arguments only, never inside text", () => {
    expect(formulaLineParts('=MINERALS.EXPORT("magnets","US","2025-11")')).toEqual([
      "=MINERALS.EXPORT(",
      '"magnets",',
      '"US",',
      '"2025-11")',
    ]);
    expect(formulaLineParts('=MINERALS.FORECAST("lithium",2026,,,"citation")')).toEqual([
      "=MINERALS.FORECAST(",
      '"lithium",',
      "2026,",
      ",",
      ",",
      '"citation")',
    ]);
    const tricky = formulaText("INDICATOR", ['a,"(b)",c', "x"]);
    expect(formulaLineParts(tricky)).toEqual(["=MINERALS.INDICATOR(", '"a,""(b)"",c",', '"x")']);
    expect(formulaLineParts("=MINERALS.DATAVERSION()")).toEqual(["=MINERALS.DATAVERSION(", ")"]);
  });

  test("any dataset text makes a formula that reads back as that text", () => {
    for (const text of [
      '"><script>alert(1)</script>',
      "<img src=x onerror=alert(1)>",
      'a""b',
      ",)",
      "=1+1",
    ]) {
      const formula = formulaText("EXPORT", [text, "US", "2025-11"]);
      expect(parseMineralsFormula(formula)).toEqual({
        name: "EXPORT",
        args: [text, "US", "2025-11"],
      });
    }
  });
});

describe("issue 12, defect 11: inserted formulas stay within Excel's limits", () => {
  const texts = [
    "m".repeat(255),
    "m".repeat(256),
    `${'"'.repeat(130)}tail`,
    `${"x".repeat(254)}😀${"y".repeat(300)}`,
    "n".repeat(2000),
  ];

  test.each(texts.map((t) => [t.length, t] as const))(
    "a %d-character text is written as constants of at most 255 characters that read back as the text",
    (_length, text) => {
      const expression = quote(text);
      const literals = expression.match(/"(?:[^"]|"")*"/g) ?? [];
      expect(literals.join("&")).toBe(expression);
      for (const literal of literals) {
        expect(literal.length - 2).toBeLessThanOrEqual(EXCEL_MAX_TEXT_LITERAL);
      }
      // Excel's reading: each constant with `""` as one `"`, joined by `&`.
      expect(literals.map((l) => l.slice(1, -1).replace(/""/g, '"')).join("")).toBe(text);
      // A formula engine reads the joined constants as the text (HyperFormula cannot parse `""`).
      if (!text.includes('"')) {
        const hf = HyperFormula.buildFromArray([[`=${expression}`]], { licenseKey: "gpl-v3" });
        try {
          expect(hf.getCellValue({ sheet: 0, row: 0, col: 0 })).toBe(text);
        } finally {
          hf.destroy();
        }
      }
    }
  );

  test("a formula with a 2,000-character indicator name has no constant over 255 characters", () => {
    const formula = formulaText("INDICATOR", ["rare earths", "i".repeat(2000), 2024]);
    for (const literal of formula.match(/"(?:[^"]|"")*"/g) ?? []) {
      expect(literal.length - 2).toBeLessThanOrEqual(EXCEL_MAX_TEXT_LITERAL);
    }
    expect(formulaLimitProblem(formula)).toBeNull();
  });

  test("a formula longer than 8,192 characters is named as such", () => {
    const formula = formulaText("INDICATOR", ["rare earths", "i".repeat(EXCEL_MAX_FORMULA_LENGTH)]);
    expect(formulaLimitProblem(formula)).toBe(
      `the formula is ${formula.length.toLocaleString("en-US")} characters long, more than the 8,192 Excel allows`
    );
  });
});

describe("the formulas for the series on screen", () => {
  test("magnets to the US: EXPORT of the latest month, SERIES, SOURCE", () => {
    expect(formulasFor(entry("export|magnets|CN|US"))).toEqual([
      {
        role: "figure",
        label: "Latest figure (2025-11)",
        formula: '=MINERALS.EXPORT("magnets","US","2025-11")',
        spills: false,
      },
      {
        role: "series",
        label: "Every reported month (spills)",
        formula: '=MINERALS.SERIES("magnets","US")',
        spills: true,
      },
      {
        role: "source",
        label: "Source of the 2025-11 figure",
        formula: '=MINERALS.SOURCE("magnets","US","2025-11")',
        spills: false,
      },
    ]);
    expect(formulasFor(entry("export|magnets|CN|WORLD"))[0].formula).toBe(
      '=MINERALS.EXPORT("magnets","World","2025-11")'
    );
  });

  test("indicators, forecasts, USGS figures and export controls", () => {
    const texts = (id: string) => formulasFor(entry(id)).map((f) => f.formula);
    expect(texts("indicator|rare earths|mining quota|CN")).toEqual([
      '=MINERALS.INDICATOR("rare earths","mining quota",2024)',
      '=MINERALS.INDICATOR("rare earths","mining quota",2024,"citation")',
    ]);
    expect(texts("forecast|lithium|price: lithium carbonate|WORLD|Bernstein|base")).toEqual([
      '=MINERALS.FORECAST("lithium",2026,"price: lithium carbonate","Bernstein")',
      '=MINERALS.FORECAST("lithium",2026,"price: lithium carbonate","Bernstein","citation")',
    ]);
    expect(texts("production|cobalt|mine production|CD")).toEqual([
      '=MINERALS.PRODUCTION("cobalt","CD",2025,"Mine production")',
      '=MINERALS.PRODUCTION("cobalt","CD",2025,"Mine production","citation")',
    ]);
    expect(texts("reserves|lithium|reserves|WORLD")).toEqual([
      '=MINERALS.RESERVES("lithium","World",2025)',
      '=MINERALS.RESERVES("lithium","World",2025,"citation")',
    ]);
    expect(texts("controls|gallium")).toEqual([
      '=MINERALS.CONTROLS("gallium")',
      '=MINERALS.EVENTS("gallium")',
    ]);
  });

  test("exports from another reporter: EXPORT with its reporter argument only", () => {
    const dataset: Dataset = realDataset();
    dataset.exports.push({ ...dataset.exports[0], reporter: "US", partner: "JP" });
    const other = catalogueOf(indexDataset(dataset)).byId.get("export|magnets|US|JP")!;
    expect(formulasFor(other).map((f) => f.formula)).toEqual([
      '=MINERALS.EXPORT("magnets","JP","2025-01",,"US")',
    ]);
  });
});

/**
 * Every formula the pane offers, for every series of the real dataset, evaluated by the queries the
 * functions run: the figure formula returns the latest figure shown beside it (or #N/A where USGS
 * printed no number), the series formula spills every figure, the source formula names the source.
 */
describe("every offered formula is one the functions accept, and returns what the pane shows", () => {
  const series = catalogueOf(data).entries.filter((e): e is SeriesEntry => e.kind !== "controls");

  test.each(series.map((s) => [s.id, s] as const))("%s", (_id, s) => {
    const latest = s.figures[s.figures.length - 1];
    const source = data.sources.get(latest.sourceId)!;
    for (const choice of formulasFor(s)) {
      const result = evaluateMinerals(snapshot, choice.formula);
      if (choice.role === "figure") {
        if (latest.value === null) {
          expect(result).toBeInstanceOf(QueryError);
          expect((result as QueryError).code).toBe("notAvailable");
        } else {
          expect([choice.formula, result]).toEqual([choice.formula, latest.value]);
        }
      } else if (choice.role === "series") {
        expect(Array.isArray(result)).toBe(true);
        const rows = (result as unknown[][]).slice(1);
        expect(rows).toEqual(s.figures.map((f) => [f.period, f.plot]));
      } else {
        expect(isQueryError(result as never)).toBe(false);
        expect(String(result)).toContain(source.publisher);
      }
    }
  });

  test("export controls: CONTROLS says what applies, EVENTS spills every event", () => {
    const [status, events] = formulasFor(entry("controls|gallium"));
    expect(evaluateMinerals(snapshot, status.formula, "2026-11-22")).toMatch(
      /^Licence required since 2023-08-01/
    );
    const table = evaluateMinerals(snapshot, events.formula) as unknown[][];
    expect(table.slice(1).map((row) => row[0])).toEqual(["2023-08-01", "2024-12-03", "2025-11-09"]);
  });
});
