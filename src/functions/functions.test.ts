import { realDataset } from "../../test/support/real-dataset";
import { indexDataset } from "../core/dataset/indexed";
import { QueryError } from "../core/queries/query-error";
import * as functions from "./functions";
import { exportQuantity, forecast, toExcel } from "./functions";
import { store } from "../runtime/live-store";

type Value = number | string | CustomFunctions.Error;

/** A streaming invocation as Excel supplies it, recording what the function sends. */
function invocation() {
  const sent: Value[] = [];
  const inv = {
    address: "Sheet1!A1",
    setResult: (value: Value) => sent.push(value),
    onCanceled: undefined as undefined | (() => void),
  };
  return {
    inv: inv as unknown as CustomFunctions.StreamingInvocation<Value>,
    sent,
    cancel: () => inv.onCanceled?.(),
  };
}

function callExport(...args: unknown[]) {
  const cell = invocation();
  exportQuantity(
    args[0] as string,
    args[1] as string,
    args[2],
    args[3] as string | undefined,
    args[4] as string | undefined,
    args[5] as never,
    cell.inv as CustomFunctions.StreamingInvocation<number>
  );
  return cell;
}

function callForecast(...args: unknown[]) {
  const cell = invocation();
  forecast(
    args[0] as string,
    args[1],
    args[2] as string | undefined,
    args[3] as string | undefined,
    args[4] as never,
    cell.inv
  );
  return cell;
}

const bundled = store.current.data;
afterEach(() => store.replace(bundled, { kind: "bundled" }));

describe("EXPORT and FORECAST as Excel calls them", () => {
  test("values arrive at once", () => {
    expect(callExport("magnets", "US", "2025-11", null, null).sent).toEqual([582]);
    expect(callExport("gallium", "Japan", "2025-06", "t", null).sent).toEqual([2.004]);
    expect(callExport("germanium", "US", "2025-06", undefined, undefined).sent).toEqual([0]);
    expect(callForecast("lithium", 2026, null, null).sent).toEqual([17000]);
    expect(callForecast("lithium", 2026, "market balance", null).sent).toEqual(["oversupplied"]);
  });

  test.each([
    [
      () => callExport("magnium", "US", "2025-11"),
      "#VALUE!",
      "Unknown commodity 'magnium'. Did you mean 'magnets'?",
    ],
    [
      () => callExport("magnets", "US", "2025-12"),
      "#N/A",
      /reported months: 2025-06, 2025-10, 2025-11/,
    ],
    [() => callExport("gallium", "US", "2025-11"), "#N/A", /nothing is reported for United States/],
    [() => callExport("magnets", "US", "2025-13"), "#VALUE!", /no month 13/],
    [() => callExport("magnets", "US", "2025-11", "furlong"), "#VALUE!", /Unknown unit 'furlong'/],
    [() => callForecast("lithium", 2031), "#N/A", /years with forecasts: 2026/],
    [() => callForecast("lithium", "soon"), "#VALUE!", /Cannot read 'soon' as a year/],
  ])("errors are CustomFunctions.Error with code and message (%#)", (call, code, message) => {
    const { sent } = call();
    expect(sent).toHaveLength(1);
    const error = sent[0] as CustomFunctions.Error;
    expect(error).toBeInstanceOf(CustomFunctions.Error);
    expect(error.code).toBe(code);
    if (typeof message === "string") expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  test("a replaced dataset reaches the cell; a cancelled cell is released", () => {
    const before = store.listenerCount;
    const cell = callExport("magnets", "US", "2025-11");
    const other = callExport("magnets", "World", "2025-11");
    expect(store.listenerCount).toBe(before + 2);

    const next = realDataset();
    next.exports.find((o) => o.partner === "US" && o.period === "2025-11")!.quantity = 600;
    store.replace(indexDataset(next), { kind: "file", name: "next.json" });
    expect(cell.sent).toEqual([582, 600]);
    expect(other.sent).toEqual([6150]);

    cell.cancel();
    other.cancel();
    expect(store.listenerCount).toBe(before);
  });
});

describe("toExcel", () => {
  test("passes values through and maps error codes", () => {
    expect(toExcel(5)).toBe(5);
    expect(toExcel("oversupplied")).toBe("oversupplied");
    expect(toExcel(false)).toBe(false);
    expect(toExcel([[1, "a"]])).toEqual([[1, "a"]]);
    expect(toExcel(new QueryError("invalidValue", "bad"))).toMatchObject({
      code: "#VALUE!",
      message: "bad",
    });
  });

  test("a ratio over a reported 0 is #N/A with its message (Excel drops #DIV/0!'s message)", () => {
    expect(toExcel(new QueryError("divisionByZero", "from a reported 0"))).toMatchObject({
      code: "#N/A",
      message: "from a reported 0",
    });
  });

  const circular: Record<string, unknown> = {};
  circular.self = circular;
  test.each([
    ["NaN", NaN, /\(NaN\)/],
    ["Infinity", Infinity, /\(Infinity\)/],
    ["-Infinity", -Infinity, /\(-Infinity\)/],
    ["a BigInt", BigInt(7), /\(a BigInt\)/],
    ["a circular object", circular, /\(an object\)/],
    ["undefined", undefined, /\(an empty value\)/],
    ["null", null, /\(an empty value\)/],
    ["an empty table", [], /\(an empty table\)/],
    ["a table with an empty row", [[]], /\(an empty table\)/],
    ["a ragged table", [[1, 2], [3]], /rows of different lengths/],
  ])("refuses %s with #VALUE! and a message", (_, value, message) => {
    const result = toExcel(value as never);
    expect(result).toBeInstanceOf(CustomFunctions.Error);
    expect(result).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(message) });
    expect(() => JSON.stringify(result)).not.toThrow();
  });

  test("refuses a card whose number Excel could not show", () => {
    const card = {
      kind: "card",
      commodity: "gallium",
      name: "Gallium",
      fields: new Map([
        ["Name", { kind: "text", value: "Gallium", sources: [], formula: null }],
        [
          "Production",
          { kind: "number", value: Infinity, sublabel: "2024 · kg", sources: [], formula: "" },
        ],
      ]),
      sections: [{ title: "Commodity", fields: ["Name", "Production"] }],
      dataset: "test 1",
      fingerprint: "x",
    };
    expect(toExcel(card as never)).toMatchObject({
      code: "#VALUE!",
      message: expect.stringMatching(/a card whose Production is Infinity/),
    });
    card.fields.set("Production", {
      kind: "number",
      value: 5,
      sublabel: "2024 · kg",
      sources: [],
      formula: "",
    });
    expect(toExcel(card as never)).toMatchObject({ type: "Entity", text: "Gallium" });
  });

  test("refuses a bad cell of a spill and keeps the others", () => {
    const [[a, b], [c, d]] = toExcel([
      [1, NaN],
      [undefined, "x"],
    ] as never) as unknown[][];
    expect([a, d]).toEqual([1, "x"]);
    for (const cell of [b, c])
      expect(cell).toMatchObject({
        code: "#VALUE!",
        message: expect.stringMatching(/cannot be shown/),
      });
  });
});

/** Every formula wrapper functions.ts exports (Excel calls them with the invocation last). */
const wrappers = Object.entries(functions).filter(
  (entry): entry is [string, (...args: unknown[]) => void] =>
    typeof entry[1] === "function" && entry[0] !== "toExcel"
);

/** Arguments for any wrapper: meaningful for most, and the same on both sides of each comparison. */
const SAMPLE = ["magnets", "US", "2025-11", "t", "CN", null, null, null, null];

function sent(wrapper: (...args: unknown[]) => void, args: unknown[]): unknown[] {
  const cell = invocation();
  wrapper(...args, cell.inv);
  cell.cancel();
  return cell.sent;
}

describe("stale metadata: each wrapper finds the invocation by its shape", () => {
  test("there are wrappers to check", () => expect(wrappers.length).toBeGreaterThanOrEqual(14));

  test.each(wrappers)(
    "%s with the invocation one and two places early, and one late",
    (_, wrapper) => {
      const declared = wrapper.length - 1;
      const values = SAMPLE.slice(0, declared);
      const normal = sent(wrapper, values);
      expect(normal).toHaveLength(1);
      for (const early of [1, 2].filter((k) => k <= declared)) {
        const given = values.slice(0, declared - early);
        const omitted = [...given, ...Array(early).fill(null)];
        expect({ early, sent: sent(wrapper, given) }).toEqual({
          early,
          sent: sent(wrapper, omitted),
        });
      }
      expect(sent(wrapper, [...values, "an extra value"])).toEqual(normal);
    }
  );

  test("EXPORT with its unit sent but the reporter's place missing still converts", () => {
    const cell = invocation();
    (exportQuantity as unknown as (...args: unknown[]) => void)(
      "gallium",
      "Japan",
      "2025-06",
      "t",
      cell.inv
    );
    expect(cell.sent).toEqual([2.004]);
    cell.cancel();
  });
});

describe("data-type arguments are read as the value they stand for", () => {
  test.each([
    [
      "a date cell (FormattedNumber)",
      { type: "FormattedNumber", basicValue: 45962, numberFormat: "yyyy-mm-dd" },
      "2025-11",
    ],
    ["a Double", { type: "Double", basicValue: 2025.11 }, 2025.11],
    ["a String", { type: "String", basicValue: "Nov 2025" }, "Nov 2025"],
    ["a Boolean", { type: "Boolean", basicValue: true }, true],
  ])("%s as EXPORT's period", (_, object, plain) => {
    expect(callExport("magnets", "US", object).sent).toEqual(
      callExport("magnets", "US", plain).sent
    );
  });

  test("a date cell as a FormattedNumber gives that month's figure", () => {
    const date = { type: "FormattedNumber", basicValue: 45962, numberFormat: "m/d/yyyy" };
    expect(callExport("magnets", "US", date).sent).toEqual([582]);
  });

  test("an entity (a Geography) means its text", () => {
    const japan = { type: "Entity", text: "Japan", properties: {} };
    const china = { type: "LinkedEntity", text: "China", id: { entityId: "x" } };
    expect(
      callExport("gallium", "Japan", "2025-06", { type: "String", basicValue: "t" }, china).sent
    ).toEqual([2.004]);
    const cell = invocation();
    functions.controls("gallium", japan as never, "2024-12-10", cell.inv as never);
    const plain = invocation();
    functions.controls("gallium", "Japan", "2024-12-10", plain.inv as never);
    expect(cell.sent).toEqual(plain.sent);
    expect(typeof cell.sent[0]).toBe("string");
    cell.cancel();
    plain.cancel();
  });

  test("an empty cell value is an omitted argument", () => {
    const empty = { type: "Empty", basicValue: "" };
    expect(callExport("gallium", "Japan", "2025-06", empty).sent).toEqual([2004]);
  });

  test("an object that is no cell value is refused with the usual message", () => {
    const [error] = callExport("magnets", "US", { type: "WebImage", address: "https://x" }).sent;
    expect(error).toMatchObject({ code: "#VALUE!", message: expect.stringMatching(/Cannot read/) });
  });
});

test("toExcel turns error cells inside a spilled table into CustomFunctions.Error", () => {
  const [[value, error]] = toExcel([
    [5, new QueryError("notAvailable", "no total")],
  ]) as unknown[][];
  expect(value).toBe(5);
  expect(error).toBeInstanceOf(CustomFunctions.Error);
  expect(error).toMatchObject({ code: "#N/A", message: "no total" });
});
