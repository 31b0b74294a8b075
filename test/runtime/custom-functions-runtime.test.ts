import { readFileSync } from "fs";
import { join } from "path";
import { testDist } from "../support/test-dist";
import {
  ExcelHost,
  FunctionsJson,
  HostCell,
  installedOfficeJsVersion,
  PINNED_OFFICE_JS_VERSION,
  SentResult,
} from "./excel-host";
import { mismatch, readmeExamples } from "./readme-examples";

/**
 * Every formula of the production build, driven through Microsoft's own custom-functions runtime
 * (the unmodified `custom-functions-runtime.js` of @microsoft/office-js) by a fake Excel host: what
 * this suite sees is what Excel's host would receive. The HyperFormula workbook tests keep formula-
 * engine behaviour (dependents, spills, error propagation); this suite keeps the runtime boundary.
 */
const out = testDist();
const functionsJs = readFileSync(join(out, "functions.js"), "utf8");
const functionsJson = JSON.parse(
  readFileSync(join(out, "functions.json"), "utf8")
) as FunctionsJson;
const publishedDataset = readFileSync(join(out, "data", "minerals.json"), "utf8");
const ids = functionsJson.functions.map((f) => f.id);
/** The host's today: the README's CONTROLS examples are written for the data's as-of date. */
const NOW = new Date("2026-11-22T12:00:00Z");

interface LiveStore {
  listenerCount: number;
  current: { data: unknown };
  replace(data: unknown, origin: unknown): void;
}

let host: ExcelHost;
let store: LiveStore;
/** Every cell entered in this file, to check what the runtime sent over the whole run. */
const everyCell: HostCell[] = [];
const cancelled = new Set<HostCell>();

async function enter(...calls: Parameters<ExcelHost["invokeAll"]>[0]): Promise<HostCell[]> {
  const cells = host.invokeAll(calls);
  everyCell.push(...cells);
  await host.settle();
  return cells;
}

function only(cell: HostCell): SentResult {
  expect(cell.results).toHaveLength(1);
  return cell.results[0];
}

/** The README's example arguments for each function (the first example), else none. */
function exampleArgs(id: string): unknown[] {
  for (const example of readmeExamples())
    if ("id" in example.call && example.call.id === id) return example.call.args;
  return [];
}

beforeAll(async () => {
  process.stderr.write(
    `\nCustom-functions runtime: @microsoft/office-js ${installedOfficeJsVersion()} (suite pinned to ${PINNED_OFFICE_JS_VERSION})\n`
  );
  host = await ExcelHost.start({ functionsJs, functionsJson, now: NOW });
  store = host.bundleExport<LiveStore>(
    "store",
    (s) => typeof s === "object" && s !== null && "listenerCount" in s
  );
});

afterEach(async () => {
  // Excel cancels every cell a test entered (the sheet is cleared), so tests stay independent.
  const open = everyCell.filter((cell) => !cancelled.has(cell));
  if (open.length > 0) {
    host.cancel(...open);
    open.forEach((cell) => cancelled.add(cell));
    await host.settle();
  }
});

test("the runtime under test is the pinned @microsoft/office-js release", () => {
  // A newer release may change what the host receives: re-check what this suite asserts about the runtime,
  // then move PINNED_OFFICE_JS_VERSION in test/runtime/excel-host.ts.
  expect(installedOfficeJsVersion()).toBe(PINNED_OFFICE_JS_VERSION);
});

test("every id in functions.json is associated: each answers a call with no arguments", async () => {
  expect(ids.length).toBeGreaterThan(0);
  const cells = await enter(...ids.map((id) => ({ id })));
  for (const [i, cell] of cells.entries()) {
    // A function the runtime cannot find fails with code 9 or 10; an answer (even #VALUE!) succeeds.
    expect({ id: ids[i], result: only(cell) }).toMatchObject({ id: ids[i], result: { ok: true } });
  }
});

describe("README examples answer exactly as documented", () => {
  const examples = readmeExamples();
  /** Results the README states in prose, stated here. */
  const PROSE: Record<string, (result: unknown) => void> = {
    '=MINERALS.TOP("magnets","2025-06",1)': (table) =>
      expect(table).toEqual([
        ["Partner", "Quantity (t)", "Share of total"],
        ["Germany", 764, expect.any(Number)],
      ]),
    '=MINERALS.TOP("magnets","2025-10")': (table) => {
      const rows = table as unknown[][];
      expect(rows[1].slice(0, 2)).toEqual(["United States", 656]);
      expect(rows[1][2]).toMatchObject({ code: "#N/A", message: expect.stringMatching(/World/) });
    },
  };

  test("the README has examples for every function, read by this suite", () => {
    const covered = new Set(examples.flatMap((e) => ("id" in e.call ? [e.call.id] : [])));
    expect(ids.filter((id) => !covered.has(id))).toEqual([]);
    const unread = examples.filter((e) => e.expected.kind === "prose" && "id" in e.call);
    expect(unread.map((e) => e.formula).filter((f) => !(f in PROSE))).toEqual([]);
  });

  test("each example through the runtime", async () => {
    const callable = examples.filter((e) => "id" in e.call);
    const cells = await enter(
      ...callable.map((e) => ({
        id: (e.call as { id: string }).id,
        args: (e.call as { args: unknown[] }).args,
      }))
    );
    const failures: string[] = [];
    callable.forEach((example, i) => {
      const sent = cells[i].results;
      if (example.formula in PROSE) {
        expect(sent).toHaveLength(1);
        expect(sent[0].ok).toBe(true);
        PROSE[example.formula]((sent[0] as { value: unknown }).value);
        return;
      }
      const why = mismatch(example.expected, sent);
      if (why) failures.push(`README.md:${example.line} ${example.formula}: ${why}`);
    });
    const workbookOnly = examples.filter((e) => !("id" in e.call)).map((e) => e.formula);
    process.stderr.write(
      `README examples through the runtime: ${callable.length - failures.length} of ${callable.length} as documented; ${workbookOnly.length} need a workbook (cell references or arithmetic: test/workbook.test.ts)\n`
    );
    expect(failures).toEqual([]);
  });
});

describe("errors reach the host as error values with their message", () => {
  test("CHANGE from a reported 0 says why (the issue's example)", async () => {
    const [cell] = await enter({ id: "CHANGE", args: ["gallium", "World", "2025-06"] });
    expect(only(cell)).toMatchObject({
      ok: true,
      value: {
        valueType: "CustomFunctionError",
        message: expect.stringMatching(/reported 0 kg in 2025-05/),
      },
    });
  });

  test("an unknown first argument of every function is an error value naming it", async () => {
    const cells = await enter(...ids.map((id) => ({ id, args: ["no such thing"] })));
    for (const [i, cell] of cells.entries()) {
      expect({ id: ids[i], result: only(cell) }).toMatchObject({
        id: ids[i],
        result: {
          ok: true,
          value: {
            valueType: "CustomFunctionError",
            message: expect.stringContaining("'no such thing'"),
          },
        },
      });
    }
  });

  test("a figure too large for its unit is an error value with a message, never a bare #NUM! or a failure", async () => {
    const dataset = JSON.parse(publishedDataset) as {
      exports: {
        quantity: number | null;
        unit: string;
        commodity: string;
        partner: string;
        period: string;
      }[];
    };
    const row = dataset.exports.find(
      (o) => o.commodity === "gallium" && o.partner === "JP" && o.period === "2025-06"
    );
    expect(row).toBeDefined();
    row!.quantity = 1e308;
    replaceDataset(dataset, "huge.json");
    const [cell] = await enter({ id: "EXPORT", args: ["gallium", "Japan", "2025-06", "g"] });
    expect(only(cell)).toMatchObject({
      ok: true,
      value: { valueType: "CustomFunctionError", message: expect.any(String) },
    });
    restoreBundled();
  });
});

describe("the boundary refuses what cannot be serialised", () => {
  test.each([
    ["a BigInt", "BigInt(5)"],
    ["a circular object", "(() => { const o = {}; o.self = o; return o; })()"],
    ["NaN", "NaN"],
    ["Infinity", "Infinity"],
    ["a matrix holding NaN, undefined and -Infinity", "[[1, NaN], [undefined, -Infinity]]"],
  ])("%s becomes #VALUE! with a message, and other cells are not held back", async (_, value) => {
    const toExcel = host.bundleExport<(result: unknown) => unknown>(
      "toExcel",
      (f) => typeof f === "function"
    );
    // A function built on the product's boundary, registered in the same runtime, returning the bad value.
    (host.run("CustomFunctions") as { associate(id: string, f: unknown): void }).associate(
      "TEST.BAD",
      (invocation: { setResult(v: unknown): void }) =>
        invocation.setResult(toExcel(host.run(value)))
    );
    host.metadata.set("TEST.BAD", {
      id: "TEST.BAD",
      name: "TEST.BAD",
      parameters: [],
      options: { stream: true },
    });
    const [bad, good] = await enter(
      { id: "TEST.BAD" },
      { id: "EXPORT", args: ["magnets", "US", "2025-11"] }
    );
    expect(only(good)).toEqual({ ok: true, value: 582 });
    const result = only(bad);
    expect(result.ok).toBe(true);
    const cells = Array.isArray((result as { value: unknown }).value)
      ? ((result as { value: unknown[][] }).value.flat() as unknown[]).filter(
          (v) => typeof v !== "number"
        )
      : [(result as { value: unknown }).value];
    for (const cellValue of cells)
      expect(cellValue).toMatchObject({
        code: "#VALUE!",
        message: expect.stringMatching(/cannot be shown/),
      });
  });
});

describe("stale metadata: values one and two fewer, or one more, than declared", () => {
  test.each(ids)(
    "%s answers as if the missing values were omitted and the extra one absent",
    async (id) => {
      const declared = host.metadata.get(id)!.parameters.length;
      const args = exampleArgs(id);
      const counts = [declared - 2, declared - 1, declared + 1].filter((n) => n >= 0);
      const cells = await enter(
        { id, args },
        ...counts.map((n) => ({ id, args: args.slice(0, n), valueCount: n })),
        ...counts.map((n) => ({ id, args: args.slice(0, n) }))
      );
      const [normal, ...rest] = cells;
      const stale = rest.slice(0, counts.length);
      const omitted = rest.slice(counts.length);
      counts.forEach((n, i) => {
        const expected = n > declared ? only(normal) : only(omitted[i]);
        expect({ values: n, result: only(stale[i]) }).toEqual({ values: n, result: expected });
      });
    }
  );
});

describe("data-type arguments (cell value objects) mean the value they stand for", () => {
  const entity = (text: string) => ({
    type: "Entity",
    text,
    properties: { Name: { type: "String", basicValue: text } },
  });
  test.each([
    [
      "a date cell (FormattedNumber)",
      "EXPORT",
      ["magnets", "US", { type: "FormattedNumber", basicValue: 45962, numberFormat: "yyyy-mm-dd" }],
      ["magnets", "US", 45962],
    ],
    ["a Double", "FORECAST", ["lithium", { type: "Double", basicValue: 2026 }], ["lithium", 2026]],
    [
      "a String",
      "EXPORT",
      ["gallium", "Japan", "2025-06", { type: "String", basicValue: "t" }],
      ["gallium", "Japan", "2025-06", "t"],
    ],
    [
      "a Boolean",
      "EXPORT",
      ["gallium", "Japan", "2025-06", { type: "Boolean", basicValue: true }],
      ["gallium", "Japan", "2025-06", true],
    ],
    [
      "a Geography entity",
      "CONTROLS",
      ["gallium", entity("United States"), "2024-12-10"],
      ["gallium", "United States", "2024-12-10"],
    ],
    [
      "a linked entity as the reporter",
      "EXPORT",
      [
        "magnets",
        "US",
        "2025-11",
        null,
        { type: "LinkedEntity", text: "China", id: { entityId: "x" } },
      ],
      ["magnets", "US", "2025-11", null, "CN"],
    ],
  ])("%s", async (_, id, objectArgs, plainArgs) => {
    const [withObject, plain] = await enter({ id, args: objectArgs }, { id, args: plainArgs });
    expect(only(withObject)).toEqual(only(plain));
    expect(only(plain).ok).toBe(true);
  });
});

describe("streaming through the runtime", () => {
  test("a refresh reaches every open cell, cancelled cells stop receiving, no listener is left", async () => {
    const listenersBefore = store.listenerCount;
    const timersBefore = host.clock.pendingTimers;
    const [kept, series, version, controls, dropped] = await enter(
      { id: "EXPORT", args: ["magnets", "US", "2025-11"] },
      { id: "SERIES", args: ["magnets", "US"] },
      { id: "DATAVERSION" },
      { id: "CONTROLS", args: ["gallium", "US"] },
      { id: "EXPORT", args: ["magnets", "US", "2025-11"] }
    );
    expect(store.listenerCount).toBe(listenersBefore + 5);
    host.cancel(dropped);
    cancelled.add(dropped);
    await host.settle();
    expect(store.listenerCount).toBe(listenersBefore + 4);

    const dataset = JSON.parse(publishedDataset) as {
      version: string;
      exports: { quantity: number | null; partner: string; period: string; commodity: string }[];
    };
    dataset.exports.find(
      (o) => o.commodity === "magnets" && o.partner === "US" && o.period === "2025-11"
    )!.quantity = 600;
    const publishedVersion = dataset.version;
    dataset.version = "2099.1.1";
    replaceDataset(dataset, "next.json");
    await host.settle();

    expect(kept.results.map((r) => (r as { value: unknown }).value)).toEqual([582, 600]);
    expect((series.last as { value: unknown[][] }).value[3]).toEqual(["2025-11", 600]);
    expect(series.results).toHaveLength(2);
    expect(version.results.map((r) => (r as { value: unknown }).value)).toEqual([
      publishedVersion,
      "2099.1.1",
    ]);
    expect(controls.results).toHaveLength(1); // its text did not change
    expect(dropped.results).toHaveLength(1);

    host.cancel(kept, series, version, controls);
    [kept, series, version, controls].forEach((c) => cancelled.add(c));
    await host.settle();
    expect(store.listenerCount).toBe(listenersBefore);
    expect(host.clock.pendingTimers).toBe(timersBefore);
    restoreBundled();
    await host.settle();
    expect(kept.results).toHaveLength(2);
  });

  test("several cells in one message are answered in one request", async () => {
    const before = host.requests.length;
    const cells = await enter(
      { id: "EXPORT", args: ["magnets", "US", "2025-11"] },
      { id: "EXPORT", args: ["magnets", "World", "2025-11"] },
      { id: "FORECAST", args: ["lithium", 2026] }
    );
    expect(cells.map((c) => only(c))).toEqual([
      { ok: true, value: 582 },
      { ok: true, value: 6150 },
      { ok: true, value: 17000 },
    ]);
    expect(host.requests.slice(before).map((r) => r.results.length)).toEqual([3]);
  });

  test("a host that answers 500 once gets the same results again", async () => {
    host.answerNextResultsWith(500);
    const before = host.requests.length;
    const [cell] = await enter({ id: "EXPORT", args: ["magnets", "US", "2025-11"] });
    const requests = host.requests.slice(before);
    expect(requests.map((r) => r.status)).toEqual([500, 200]);
    expect(requests[1].results).toEqual(requests[0].results);
    expect(only(cell)).toEqual({ ok: true, value: 582 });
  });
});

describe("over every result the runtime sent in this suite", () => {
  test("no failure, no error without a message, no null in a spill, no non-finite number", () => {
    const problems: string[] = [];
    const check = (cell: HostCell, value: unknown, where: string): void => {
      if (value === null || value === undefined)
        problems.push(`${cell.functionId} ${where}: ${value}`);
      else if (typeof value === "number" && !Number.isFinite(value))
        problems.push(`${cell.functionId} ${where}: ${value}`);
      else if ((value as { type?: unknown }).type === "Entity") {
        // A data type: every property Excel reads must be a value it can show.
        const properties = (value as { properties?: Record<string, { basicValue?: unknown }> })
          .properties;
        for (const [name, property] of Object.entries(properties ?? {}))
          check(cell, property.basicValue, `${where}.${name}`);
      } else if (typeof value === "object" && !Array.isArray(value)) {
        const error = value as { valueType?: unknown; message?: unknown };
        if (error.valueType !== "CustomFunctionError")
          problems.push(`${cell.functionId} ${where}: unexpected ${JSON.stringify(value)}`);
        else if (typeof error.message !== "string" || error.message === "")
          problems.push(
            `${cell.functionId} ${where}: error ${JSON.stringify(value)} without a message`
          );
      }
    };
    for (const cell of everyCell) {
      for (const result of cell.results) {
        if (!result.ok) {
          problems.push(
            `${cell.functionId}: failure code ${result.errorCode} ${JSON.stringify(result.message)}`
          );
          continue;
        }
        if (Array.isArray(result.value))
          (result.value as unknown[][]).forEach((row, r) =>
            row.forEach((v, c) => check(cell, v, `[${r}][${c}]`))
          );
        else check(cell, result.value, "value");
      }
    }
    expect(host.strayResults).toEqual([]);
    expect(problems).toEqual([]);
  });
});

function replaceDataset(dataset: unknown, name: string): void {
  const indexDataset = host.bundleExport<(d: unknown) => unknown>(
    "indexDataset",
    (f) => typeof f === "function"
  );
  // Through the page's own realm, as the pane's import does: JSON parsed there, then indexed.
  const parsed = host.run(`JSON.parse(${JSON.stringify(JSON.stringify(dataset))})`);
  store.replace(indexDataset(parsed), { kind: "file", name });
}

/** Back to the bundled dataset, as the pane's revert does. */
function restoreBundled(): void {
  const bundledData = host.bundleExport<unknown>("bundledData", (d) => typeof d === "object");
  store.replace(bundledData, { kind: "bundled" });
}
