import { realDataset } from "../../test/support/real-dataset";
import { indexDataset } from "../core/dataset/indexed";
import { QueryError } from "../core/queries/query-error";
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
    expect(toExcel([[1, "a"]])).toEqual([[1, "a"]]);
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
