import { excelSerialToDate, parsePeriod, Period } from "./period";

function label(input: unknown): string {
  const result = parsePeriod(input);
  return "error" in result ? `error: ${result.error}` : `${result.kind} ${result.label}`;
}

describe("parsePeriod", () => {
  test.each([
    ["2025-11", "month 2025-11"],
    ["2025-1", "month 2025-01"],
    ["2025/11", "month 2025-11"],
    ["2025.11", "month 2025-11"],
    ["2025M11", "month 2025-11"],
    ["11/2025", "month 2025-11"],
    ["Nov 2025", "month 2025-11"],
    ["nov 2025", "month 2025-11"],
    ["Nov. 2025", "month 2025-11"],
    ["Nov-2025", "month 2025-11"],
    ["November 2025", "month 2025-11"],
    ["NOVEMBER, 2025", "month 2025-11"],
    ["Sept 2025", "month 2025-09"],
    ["2025 Nov", "month 2025-11"],
    ["2025-11-20", "month 2025-11"],
    ["2025-11-20T10:30:00Z", "month 2025-11"],
    ["  2025-11  ", "month 2025-11"],
    ["2025", "year 2025"],
    ["2025-Q2", "quarter 2025-Q2"],
    ["2025Q4", "quarter 2025-Q4"],
    ["Q2 2025", "quarter 2025-Q2"],
    ["q1-2025", "quarter 2025-Q1"],
    ["2025-H1", "half 2025-H1"],
    ["H2 2025", "half 2025-H2"],
    [2025, "year 2025"],
  ])("%p → %s", (input, expected) => {
    expect(label(input)).toBe(expected);
  });

  test.each([
    // Excel serials as a date cell sends them (1900 date system).
    [45976, "month 2025-11"], // 2025-11-15
    [45962, "month 2025-11"], // 2025-11-01
    [45961, "month 2025-10"], // 2025-10-31
    [45976.75, "month 2025-11"], // a date-time
    [45658, "month 2025-01"], // 2025-01-01
  ])("Excel serial %p → %s", (serial, expected) => {
    expect(label(serial)).toBe(expected);
  });

  test("serials map to the dates Excel shows", () => {
    expect(excelSerialToDate(1)).toEqual([1900, 1, 1]);
    expect(excelSerialToDate(59)).toEqual([1900, 2, 28]);
    expect(excelSerialToDate(61)).toEqual([1900, 3, 1]);
    expect(excelSerialToDate(45976)).toEqual([2025, 11, 15]);
    expect(excelSerialToDate(2958465)).toEqual([9999, 12, 31]);
  });

  test("a span lists every month it covers", () => {
    expect((parsePeriod("2025-Q2") as Period).months).toEqual(["2025-04", "2025-05", "2025-06"]);
    expect((parsePeriod("2025-H2") as Period).months).toEqual([
      "2025-07",
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
    ]);
    expect((parsePeriod(2025) as Period).months).toHaveLength(12);
  });

  test.each([
    ["2025-13", /no month 13/],
    ["2025-00", /no month 0/],
    ["2025-02-30", /not a calendar date/],
    ["2025-H3", /no half 3/],
    ["2025-Q5", /Cannot read '2025-Q5'/],
    ["Novembre 2025", /Cannot read 'Novembre 2025'/],
    ["yesterday", /Cannot read 'yesterday' as a period/],
    ["", /A period is required/],
    ["   ", /A period is required/],
    ["1066", /outside 1900–2200/],
    [-5, /Cannot read the number -5/],
    [1.5, /Cannot read the number 1.5/],
    [99999999, /Cannot read the number 99999999/],
    [NaN, /Cannot read NaN/],
    [Infinity, /Cannot read Infinity/],
    [true, /Cannot read TRUE as a period/],
    [[["2025-11"]], /Cannot read a range as a period/],
    [null, /A period is required/],
    [undefined, /A period is required/],
  ])("%p is refused with a message", (input, message) => {
    const result = parsePeriod(input);
    expect("error" in result && result.error).toMatch(message);
  });
});
