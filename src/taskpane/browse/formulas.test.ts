import { parseMineralsFormula } from "../../../test/support/evaluate-formula";
import { HyperFormula } from "hyperformula";
import {
  EXCEL_MAX_FORMULA_LENGTH,
  EXCEL_MAX_TEXT_LITERAL,
  formulaLimitProblem,
  formulaLineParts,
  formulaText,
  periodArgument,
  quote,
} from "./formulas";

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
