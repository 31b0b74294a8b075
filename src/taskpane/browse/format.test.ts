import {
  figureText,
  figureValueText,
  formatNumber,
  missingRanges,
  periodFrequency,
  safeHttpUrl,
  withUnit,
} from "./format";
import { Figure } from "./search";

const figure = (value: Figure["value"], code: string | null = null, estimated = false): Figure => ({
  period: "2025",
  value,
  unit: "t",
  plot: typeof value === "number" ? value : null,
  qualifier: null,
  code,
  estimated,
  missing: null,
  sourceId: "s",
  note: null,
});

describe("figures as text", () => {
  test("a reported 0 is 0; a missing number is never 0", () => {
    expect(figureValueText(figure(0), "en-US")).toBe("0");
    expect(figureValueText(figure(0, "—"), "en-US")).toBe("0");
    expect(figureValueText(figure(null, "W"), "en-US")).toBe("withheld");
    expect(figureValueText(figure(null, "NA"), "en-US")).toBe("not available");
    expect(figureValueText(figure(null), "en-US")).toBe("not available");
    expect(figureValueText(figure("oversupplied"), "en-US")).toBe("oversupplied");
  });

  test("a unit only with a number; estimates marked", () => {
    expect(figureText(figure(270000, null, true), "en-US")).toBe("270,000 t (estimated)");
    expect(figureText(figure(null, "W"), "en-US")).toBe("withheld");
  });

  test("numbers in the reader's locale; bounds in words", () => {
    expect(figureValueText(figure(6150), "en-US")).toBe("6,150");
    expect(figureValueText(figure(2.004), "de-DE")).toBe("2,004");
    expect(figureValueText(figure(85000000, ">"), "en-US")).toBe("more than 85,000,000");
    expect(formatNumber(0.0946219, "en-US")).toBe("0.094622");
    expect(withUnit("582", "t")).toBe("582 t");
    expect(withUnit("oversupplied", "")).toBe("oversupplied");
  });
});

describe("missing periods", () => {
  test("months between reported ones, as ranges", () => {
    expect(missingRanges(["2025-06", "2025-10", "2025-11"])).toEqual(["2025-07 to 2025-09"]);
    expect(missingRanges(["2025-01", "2025-06", "2025-11"])).toEqual([
      "2025-02 to 2025-05",
      "2025-07 to 2025-10",
    ]);
    expect(missingRanges(["2024-12", "2025-02"])).toEqual(["2025-01"]);
    expect(missingRanges(["2024-06", "2025-05", "2025-06"])).toEqual(["2024-07 to 2025-04"]);
    expect(missingRanges(["2025-10", "2025-11"])).toEqual([]);
  });

  test("years, and nothing for mixed precision", () => {
    expect(missingRanges(["2020", "2024"])).toEqual(["2021 to 2023"]);
    expect(missingRanges(["2024", "2025-09"])).toEqual([]);
    expect(periodFrequency(["2024", "2025-09"])).toBe("irregular");
    expect(periodFrequency([])).toBe("irregular");
  });
});

describe("links", () => {
  test.each([
    [
      "https://www.sciencebase.gov/catalog/item/696a75d5d4be0228872d3bf8",
      "https://www.sciencebase.gov/catalog/item/696a75d5d4be0228872d3bf8",
    ],
    ["http://127.0.0.1:8080/x", "http://127.0.0.1:8080/x"],
    ["HTTPS://EXAMPLE.ORG/A", "https://example.org/A"],
    [
      'https://x.org/"><img src=x onerror=alert(1)>',
      "https://x.org/%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
    ],
  ])("%p is a link to %p", (text, href) => {
    expect(safeHttpUrl(text)).toBe(href);
  });

  test.each([
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "//evil.example/x",
    "/relative",
    "<img src=x onerror=alert(1)>",
    "",
    null,
    undefined,
  ])("%p is not a link", (text) => {
    expect(safeHttpUrl(text)).toBeUndefined();
  });
});
