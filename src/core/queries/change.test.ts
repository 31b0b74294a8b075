import { realDataset } from "../../../test/support/real-dataset";
import {
  CHANGE,
  data,
  FIELDS,
  HINT,
  modified,
  period,
  row,
  TS2,
  TS2_ORIGIN,
  TS2_TITLE,
  WEEKLY_TITLE,
} from "../../../test/support/trade-formulas";
import { citationLine } from "./citation";
import { ReportedChange } from "../dataset/dataset";
import { QueryError } from "./query-error";
import { validateDataset } from "../dataset/validate";
import {
  changeCitation,
  ChangeFigure,
  citedChange,
  findChange,
  parseBasis,
  previousPeriod,
} from "./change";
import { expectError } from "../../../test/support/expect-error";

describe("CHANGE: computed from two reported levels", () => {
  test("the issue's example: 656 → 582", () => {
    expect(CHANGE("magnets", "US", "2025-11")).toBe(582 / 656 - 1);
    expect(CHANGE("magnets", "US", "2025-11") as number).toBeCloseTo(-0.1128, 4);
  });

  test("levels win over a reported change when both exist", () => {
    expect(CHANGE("magnets", "World", "2025-11")).toBe(0.12);
    const d = modified((ds) =>
      ds.exports.push(row({ partner: "WORLD", period: "2025-10", quantity: 5491 }))
    );
    expect(CHANGE("magnets", "World", "2025-11", undefined, undefined, d)).toBe(6150 / 5491 - 1);
    expect(CHANGE("magnets", "World", "2025-11", undefined, "qualifier", d)).toBe(
      "computed from reported levels: 5491 (2025-10) → 6150 (2025-11)"
    );
  });

  test("year on year", () => {
    expect(CHANGE("gallium", "World", "2025-06", "yoy")).toBe(4260 / 4184 - 1);
    expect(CHANGE("germanium", "World", "Jun 2025", "y/y")).toBe(96 / 1328 - 1);
    expect(CHANGE("antimony", "World", "2025-06", "yoy")).toBe(107 / 3199 - 1);
  });

  test("a fall to a reported 0 is -1", () => {
    const d = modified((ds) =>
      ds.exports.push(
        row({
          commodity: "dysprosium",
          partner: "WORLD",
          period: "2024-05",
          quantity: 9,
          unit: "kg",
        })
      )
    );
    expect(CHANGE("dysprosium", "World", "2025-05", "yoy", undefined, d)).toBe(-1);
  });

  test("a change from a reported 0 is #DIV/0!", () => {
    expectError(
      CHANGE("gallium", "World", "2025-06"),
      "divisionByZero",
      "The month-on-month change for gallium → World in 2025-06 is undefined: it went from a reported 0 kg in 2025-05 to 4260 kg in 2025-06."
    );
    expectError(
      CHANGE("terbium", "World", "2025-06"),
      "divisionByZero",
      "The month-on-month change for terbium → World in 2025-06 is undefined: it went from a reported 0 kg in 2025-05 to 1200 kg in 2025-06."
    );
  });

  test("the previous level is converted into the current level's unit", () => {
    const d = modified((ds) =>
      ds.exports.push(row({ period: "2025-09", quantity: 600000, unit: "kg" }))
    );
    expect(CHANGE("magnets", "US", "2025-10", undefined, undefined, d)).toBe(656 / 600 - 1);
    expect(CHANGE("magnets", "US", "2025-10", undefined, "qualifier", d)).toBe(
      "computed from reported levels: 600 (2025-09) → 656 (2025-10)"
    );
  });

  describe("spans: totals, only when every month is reported", () => {
    const d = modified((ds) =>
      ds.exports.push(
        row({ period: "2025-04", quantity: 47 }),
        row({ period: "2025-05", quantity: 100 }),
        row({ period: "2025-07", quantity: 100, source_id: "weekly-2025-07-20" }),
        row({ period: "2025-08", quantity: 200 }),
        row({ period: "2025-09", quantity: 300 }),
        row({ period: "2025-12", quantity: 362, source_id: "ginlix-2025-12-20", note: "December" })
      )
    );
    test("quarter on previous quarter", () => {
      expect(CHANGE("magnets", "US", "2025-Q4", undefined, undefined, d)).toBe(1600 / 600 - 1);
      expect(CHANGE("magnets", "US", "Q4 2025", "month on month", "qualifier", d)).toBe(
        "computed from reported levels: 600 (2025-Q3) → 1600 (2025-Q4)"
      );
    });
    test("the citation is the last month's source, with every month's note", () => {
      expect(CHANGE("magnets", "US", "2025-Q4", undefined, "source_id", d)).toBe(
        "ginlix-2025-12-20"
      );
      expect(CHANGE("magnets", "US", "2025-Q4", undefined, "note", d)).toBe(
        "2025-11: Down 11% from October; within the average range since July; 2025-12: December"
      );
      // No month of 2025-Q3 has a note.
      expect(CHANGE("magnets", "US", "2025-Q3", "mom", undefined, d)).toBe(600 / 500 - 1);
      expect(CHANGE("magnets", "US", "2025-Q3", "mom", "note", d)).toBe("");
      expect(CHANGE("magnets", "US", "2025-Q3", "mom", "source_id", d)).toBe(TS2);
    });
    test("a span whose months are not all reported is #N/A saying how many are", () => {
      expectError(
        CHANGE("magnets", "US", "2025-Q2", undefined, undefined, d),
        "notAvailable",
        "No quarter-on-quarter change for magnets → US in 2025-Q2: no total for magnets → US in 2025-Q1 (0 of 3 months reported), and no reported change; reported months: 2025-04, 2025-05, 2025-06, 2025-07, 2025-08, 2025-09, 2025-10, 2025-11, 2025-12."
      );
      expectError(
        CHANGE("magnets", "US", "2025-H2", undefined, undefined, d),
        "notAvailable",
        /^No half-on-half change for magnets → US in 2025-H2: no total for magnets → US in 2025-H1 \(3 of 6 months reported\), and no reported change/
      );
      expectError(
        CHANGE("magnets", "US", 2025, "yoy", undefined, d),
        "notAvailable",
        /^No year-on-year change for magnets → US in 2025: no total for magnets → US in 2025 \(9 of 12 months reported\) or in 2024 \(0 of 12 months reported\), and no reported change/
      );
    });
  });
});

describe("CHANGE: otherwise the change the source reported", () => {
  test("the issue's examples", () => {
    expect(CHANGE("magnets", "JP", "2025-11")).toBe(0.35);
    expect(CHANGE("magnets", "World", "2025-H1", "yoy")).toBe(-0.19);
  });

  test("only changes in quantity count (not in value)", () => {
    expect(CHANGE("magnets", "World", "2025-H1", "yoy")).not.toBe(-0.3);
  });

  test("a reported change of the other basis is not used", () => {
    expectError(
      CHANGE("magnets", "JP", "2025-11", "yoy"),
      "notAvailable",
      "No year-on-year change for magnets → JP in 2025-11: no figure for magnets → JP in 2024-11, and no reported change; reported months: 2025-11."
    );
  });

  test("approximate reported changes", () => {
    expect(CHANGE("antimony", "World", "2025-H1", "yoy")).toBe(-0.74);
  });

  test("two reported changes for the same figure never load: no formula has to pick one", () => {
    const dataset = realDataset();
    const copy: ReportedChange = { ...dataset.reported_changes[2], percent: 99 };
    dataset.reported_changes.push(copy);
    expect(() => validateDataset(dataset)).toThrow(
      new RegExp(
        `/reported_changes/${dataset.reported_changes.length - 1}: duplicate of /reported_changes/2`
      )
    );
  });
});

describe("CHANGE: basis", () => {
  test.each([
    [undefined],
    [null],
    [""],
    ["mom"],
    ["MoM"],
    [" MOM "],
    ["month on month"],
    ["Month-on-month"],
    ["month_on_month"],
    ["m/m"],
    ["M/M"],
  ])("%p is month on month", (basis) => {
    expect(CHANGE("magnets", "US", "2025-11", basis)).toBe(582 / 656 - 1);
  });

  test.each([["yoy"], ["YoY"], ["year on year"], ["Year-on-Year"], ["y/y"], [" Y/Y "]])(
    "%p is year on year",
    (basis) => {
      expect(CHANGE("magnets", "World", "2025-H1", basis)).toBe(-0.19);
    }
  );

  test.each([
    ["qoq", "Unknown basis 'qoq'; use mom (month on month) or yoy (year on year)."],
    [1, "Cannot read 1 as a basis; use mom (month on month) or yoy (year on year)."],
    [true, "Cannot read TRUE as a basis; use mom (month on month) or yoy (year on year)."],
  ])("%p is #VALUE!", (basis, message) => {
    expect(parseBasis(basis)).toBeInstanceOf(QueryError);
    expectError(CHANGE("magnets", "US", "2025-11", basis), "invalidValue", message);
  });
});

describe("CHANGE: the period measured from", () => {
  test.each([
    ["2025-11", "mom", "2025-10"],
    ["2025-01", "mom", "2024-12"],
    ["2025-Q3", "mom", "2025-Q2"],
    ["2025-Q1", "mom", "2024-Q4"],
    ["2025-H2", "mom", "2025-H1"],
    ["2025-H1", "mom", "2024-H2"],
    ["2025", "mom", "2024"],
    ["2025-11", "yoy", "2024-11"],
    ["2025-Q1", "yoy", "2024-Q1"],
    ["2025-H1", "yoy", "2024-H1"],
    ["2025", "yoy", "2024"],
  ] as const)("%s %s → %s", (p, basis, expected) => {
    const previous = previousPeriod(period(p), basis);
    expect(previous?.label).toBe(expected);
    expect(previous?.kind).toBe(period(p).kind);
  });

  test("nothing comes before the first year a period can have", () => {
    expect(previousPeriod(period("1900-01"), "mom")).toBeUndefined();
    expect(previousPeriod(period("1900"), "yoy")).toBeUndefined();
    expectError(
      CHANGE("magnets", "US", "1900-01"),
      "notAvailable",
      "No month-on-month change for magnets → US in 1900-01: no figure for magnets → US in 1900-01, no period before 1900-01, and no reported change; reported months: 2025-06, 2025-10, 2025-11."
    );
    const d = modified((ds) => ds.exports.push(row({ period: "1900-01", quantity: 5 })));
    expectError(
      CHANGE("magnets", "US", "1900-01", "yoy", undefined, d),
      "notAvailable",
      "No year-on-year change for magnets → US in 1900-01: no period before 1900-01, and no reported change; reported months: 1900-01, 2025-06, 2025-10, 2025-11."
    );
  });
});

describe("CHANGE: #N/A says which figure is missing", () => {
  const months = "reported months: 2025-06, 2025-10, 2025-11.";
  test("the previous level", () => {
    expectError(
      CHANGE("magnets", "US", "2025-10"),
      "notAvailable",
      `No month-on-month change for magnets → US in 2025-10: no figure for magnets → US in 2025-09, and no reported change; ${months}`
    );
  });

  test("the current level", () => {
    expectError(
      CHANGE("magnets", "US", "2025-12"),
      "notAvailable",
      `No month-on-month change for magnets → US in 2025-12: no figure for magnets → US in 2025-12, and no reported change; ${months}`
    );
  });

  test("both", () => {
    expectError(
      CHANGE("magnets", "US", "2026-01"),
      "notAvailable",
      `No month-on-month change for magnets → US in 2026-01: no figure for magnets → US in 2026-01 or in 2025-12, and no reported change; ${months}`
    );
  });

  test("World figures are named as such", () => {
    expectError(
      CHANGE("magnets", "World", "2025-06"),
      "notAvailable",
      "No month-on-month change for magnets → World in 2025-06: no World figure for magnets in 2025-05, and no reported change; reported months: 2025-01, 2025-06, 2025-11."
    );
    expectError(
      CHANGE("magnets", "World", "2025-H1", "mom"),
      "notAvailable",
      "No half-on-half change for magnets → World in 2025-H1: no World total for magnets in 2025-H1 (2 of 6 months reported) or in 2024-H2 (0 of 6 months reported), and no reported change; reported months: 2025-01, 2025-06, 2025-11."
    );
  });

  test("spans say how many months are reported", () => {
    expectError(
      CHANGE("magnets", "US", "2025-Q4"),
      "notAvailable",
      `No quarter-on-quarter change for magnets → US in 2025-Q4: no total for magnets → US in 2025-Q4 (2 of 3 months reported) or in 2025-Q3 (0 of 3 months reported), and no reported change; ${months}`
    );
  });

  test("a partner with nothing reported, a commodity with no export figures", () => {
    expectError(
      CHANGE("magnets", "France", "2025-11"),
      "notAvailable",
      "No month-on-month change for magnets → FR in 2025-11: no figure for magnets → FR in 2025-11 or in 2025-10, and no reported change; nothing is reported for magnets → FR; partners with figures: DE, JP, US, World."
    );
    expectError(
      CHANGE("copper", "US", "2025-11"),
      "notAvailable",
      "No month-on-month change for copper → US in 2025-11: no figure for copper → US in 2025-11 or in 2025-10, and no reported change; no export figures for copper from CN in this dataset."
    );
  });
});

describe("CHANGE: field gives the citation of the figure", () => {
  test.each([[undefined], [null], [""], ["value"], [" Value "]])("%p is the number", (field) => {
    expect(CHANGE("magnets", "US", "2025-11", undefined, field)).toBe(582 / 656 - 1);
    expect(CHANGE("magnets", "JP", "2025-11", undefined, field)).toBe(0.35);
  });

  test("a computed change cites the current level and names both levels", () => {
    const field = (f: string) => CHANGE("magnets", "US", "2025-11", "mom", f);
    const qualifier = "computed from reported levels: 656 (2025-10) → 582 (2025-11)";
    expect(field("qualifier")).toBe(qualifier);
    expect(field("publisher")).toBe("ts2.tech");
    expect(field("title")).toBe(TS2_TITLE);
    expect(field("date")).toBe("2025-12-20");
    expect(field("published")).toBe("2025-12-20");
    expect(field("origin")).toBe(TS2_ORIGIN);
    expect(field("note")).toBe("Down 11% from October; within the average range since July");
    expect(field("url")).toBe("");
    expect(field("source_id")).toBe(TS2);
    expect(field("citation")).toBe(
      `ts2.tech, "${TS2_TITLE}", 2025-12-20, ${TS2_ORIGIN}, ${qualifier}`
    );
    expect(field("Source")).toBe(field("citation"));
  });

  test("a month without a note has an empty note", () => {
    expect(CHANGE("gallium", "World", "2025-06", "yoy", "note")).toBe(
      "Exports resumed in June 2025"
    );
    expect(CHANGE("germanium", "World", "2025-06", "yoy", "note")).toBe("");
  });

  test("a reported change says it was reported, not computed", () => {
    expect(CHANGE("magnets", "JP", "2025-11", undefined, "qualifier")).toBe(
      "reported change, not computed"
    );
    expect(CHANGE("magnets", "JP", "2025-11", undefined, "note")).toBe("");
    expect(CHANGE("magnets", "JP", "2025-11", undefined, "source_id")).toBe(TS2);
    expect(CHANGE("magnets", "World", "2025-H1", "yoy", "note")).toBe(
      "First half of 2025 against first half of 2024"
    );
    expect(CHANGE("magnets", "World", "2025-H1", "yoy", "title")).toBe(WEEKLY_TITLE);
  });

  test("an approximate reported change says so", () => {
    expect(CHANGE("antimony", "World", "2025-H1", "yoy", "qualifier")).toBe(
      "reported change, not computed; approximate"
    );
    expect(CHANGE("antimony", "World", "2025-H1", "yoy", "note")).toBe("Reported as roughly 74%");
    expect(CHANGE("antimony", "World", "2025-H1", "yoy", "citation")).toBe(
      `Weekly News Review (critical raw materials newsletter), "${WEEKLY_TITLE}", 2025-07-20, China customs data for June 2025, and industry and government reports, reported change, not computed; approximate`
    );
  });

  test("an unreadable field is #VALUE!, before any #N/A", () => {
    expectError(
      CHANGE("magnets", "US", "2025-11", undefined, "colour"),
      "invalidValue",
      `Unknown field 'colour'; use one of ${FIELDS}.`
    );
    expectError(
      CHANGE("magnets", "US", "2025-12", undefined, 5),
      "invalidValue",
      `Cannot read 5 as a field; use one of ${FIELDS}.`
    );
  });

  test("an argument before field that cannot be read comes first", () => {
    expectError(
      CHANGE("magnets", "US", "2025-11", "qoq", "colour"),
      "invalidValue",
      /^Unknown basis 'qoq'/
    );
  });

  test("no figure, no citation: the #N/A or #DIV/0! stands", () => {
    expectError(CHANGE("magnets", "US", "2025-12", undefined, "note"), "notAvailable", /^No month/);
    expectError(CHANGE("gallium", "World", "2025-06", "mom", "note"), "divisionByZero", /0 kg/);
  });

  test("a source missing from the dataset: the value stands, the citation is #N/A", () => {
    const d = modified((ds) => {
      ds.exports.find((o) => o.partner === "US" && o.period === "2025-11")!.source_id = "gone";
      ds.reported_changes.find((o) => o.partner === "JP")!.source_id = "gone";
    });
    const message = "The source 'gone' of this figure is not in the dataset's sources.";
    expect(CHANGE("magnets", "US", "2025-11", undefined, undefined, d)).toBe(582 / 656 - 1);
    expectError(CHANGE("magnets", "US", "2025-11", undefined, "note", d), "notAvailable", message);
    expect(CHANGE("magnets", "JP", "2025-11", undefined, "value", d)).toBe(0.35);
    expectError(CHANGE("magnets", "JP", "2025-11", undefined, "url", d), "notAvailable", message);
  });

  test("findChange passes on argument errors", () => {
    expectError(
      findChange(data, { commodity: "magnets", partner: "US", period: "2025-11", basis: "qoq" }),
      "invalidValue",
      /^Unknown basis 'qoq'/
    );
  });

  test("findChange, changeCitation and citedChange give the rows behind the figure", () => {
    const computed = findChange(data, { commodity: "magnets", partner: "US", period: "2025-11" });
    expect(computed).toMatchObject({ kind: "computed", basis: "mom", value: 582 / 656 - 1 });
    const c = computed as Extract<ChangeFigure, { kind: "computed" }>;
    expect(c.current.rows.map((r) => r.quantity)).toEqual([582]);
    expect(c.previous.rows.map((r) => [r.period, r.source_id])).toEqual([
      ["2025-10", "ginlix-2025-12-20"],
    ]);
    const reported = findChange(data, { commodity: "magnets", partner: "JP", period: "2025-11" });
    expect(reported).toMatchObject({ kind: "reported", value: 0.35, basis: "mom" });
    expect((reported as Extract<ChangeFigure, { kind: "reported" }>).row).toEqual(
      data.dataset.reported_changes[2]
    );
    const citation = changeCitation(data, reported as ChangeFigure);
    expect(citation).toEqual({
      source: data.sources.get(TS2),
      note: null,
      qualifier: "reported change, not computed",
    });
    const cited = citedChange(data, { commodity: "magnets", partner: "US", period: "2025-11" });
    expect(cited).toMatchObject({ value: 582 / 656 - 1, figure: computed });
    if (cited instanceof QueryError || cited.citation instanceof QueryError) return;
    expect(citationLine(cited.citation)).toBe(CHANGE("magnets", "US", "2025-11", "", "citation"));
    expectError(
      citedChange(data, { commodity: "magnets", partner: "US", period: "2025-12" }),
      "notAvailable",
      /^No month-on-month change/
    );
  });
});

describe("CHANGE: arguments", () => {
  test.each([
    [["magnium", "US", "2025-11"], "Unknown commodity 'magnium'. Did you mean 'magnets'?"],
    [["magnets", "Atlantis", "2025-11"], /^Unknown partner 'Atlantis'/],
    [["magnets", "US", "soon"], `Cannot read 'soon' as a period; ${HINT}.`],
    [["magnets", "US", null], `A period is required; ${HINT}.`],
    [["magnets", "US", "2025-13"], "'2025-13' has no month 13; months run 1–12."],
  ])("CHANGE%j is #VALUE!", (args, message) => {
    expectError(CHANGE(...(args as [unknown, unknown, unknown])), "invalidValue", message);
  });

  test("periods as analysts type them", () => {
    for (const p of ["Nov 2025", "November 2025", "2025-11-20", 45976, "2025/11"])
      expect(CHANGE("magnets", "US", p)).toBe(582 / 656 - 1);
  });
});

// ---------------------------------------------------------------------------------------------------
