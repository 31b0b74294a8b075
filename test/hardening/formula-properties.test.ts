/**
 * Hardening: fast-check properties over every registered formula, called through the real wrapper
 * functions of src/functions/functions.ts (the plugin table `FORMULAS`, itself checked against the
 * generated metadata) with a streaming invocation, as Excel calls them.
 *
 * Arguments are arbitrary: text (unicode, 100,000-character strings, names one slip away from real
 * ones such as "magnets", "US", "2025-11"), numbers (negative, huge, fractions, NaN, ±Infinity, -0,
 * Excel date serials), booleans, empty (null, undefined, ""), and 2-D arrays where a scalar is
 * expected; each parameter also draws from the values it is meant to take, so valid calls (values
 * and spilled tables) are exercised as much as the errors.
 *
 * Arguments also include the names every object has ("constructor", "__proto__", ... alone and as
 * "constructor 2025"), extreme numbers (±1e308, 5e-324), full-cell strings and Excel cell value
 * objects; live cells also go through a dataset at the extremes (1e308 figures, long notes).
 *
 * Property: the invocation receives exactly one result, synchronously, which is a finite number, a
 * string within Excel's 32,767-character cell limit, a boolean, a CustomFunctions.Error with a code
 * among #VALUE!, #N/A, #DIV/0! and a non-empty message that is not an exception's
 * ("Unexpected error" is a bug, not an answer), or a non-empty rectangular matrix of those; what the metadata declares holds
 * too (a spilling formula gives a matrix or an error, a scalar one never a matrix, a `number`
 * formula a number or an error, a `string` one text or an error). The call never throws. Each
 * invocation is canceled afterwards; the store's listener count and the pending timers (CONTROLS
 * without a date re-checks at midnight) return to where they were.
 */
import { readFileSync } from "fs";
import { join } from "path";
import fc from "fast-check";
import { Dataset } from "../../src/core/dataset/dataset";
import { indexDataset } from "../../src/core/dataset/indexed";
import { validateDataset } from "../../src/core/dataset/validate";
import { store } from "../../src/runtime/live-store";
import { callWrapper, FORMULAS, FormulaSpec } from "../support/minerals-plugin";
import { formulaResult, OBJECT_PROPERTY_NAMES } from "./helpers";

const RUNS_PER_FORMULA = 10_000;
const SEED = 20261122;
const ERROR_CODES = ["#VALUE!", "#N/A", "#DIV/0!"] as const;
/** Excel's cell text limit: a longer text must end with "… (n more characters)" within it. */
const CELL_TEXT_LIMIT = 32_767;

interface GoldenFunction {
  id: string;
  parameters: { name: string; optional?: boolean }[];
  result: { type?: string; dimensionality?: string };
}

const golden = JSON.parse(
  readFileSync(join(__dirname, "..", "golden", "functions.json"), "utf8")
) as { functions: GoldenFunction[] };

// ---------------------------------------------------------------------------------------------
// Arbitrary arguments

const COMMODITIES = [
  "magnets",
  "rare earth magnets",
  "8505.11",
  "gallium",
  "germanium",
  "antimony",
  "lithium",
  "rare earths",
  "heavy rare earths",
  "cobalt",
  "copper",
  "nickel",
  "dysprosium",
  "terbium",
  "tungsten",
];
const COUNTRIES = [
  "US",
  "USA",
  "United States",
  "Japan",
  "JP",
  "DE",
  "Germany",
  "KR",
  "World",
  "Total",
  "WORLD",
  "China",
  "CN",
  "Congo (Kinshasa)",
  "DRC",
  "Chile",
  "World total",
  "Other countries",
];
const PERIODS = [
  "2025-11",
  "Nov 2025",
  "2025-06",
  "2025-10",
  "2025-12",
  "2025-05",
  "2024-06",
  "2025-01",
  "2025",
  "2024",
  "2025-Q2",
  "2025-Q4",
  "2025-H1",
  "2025-11-15",
  "2024-12-10",
  "2026-11-22",
  "2026-11-28",
  "2026-11",
  // Near misses: impossible days, months, quarters and halves, edge years.
  "2025-02-29",
  "2024-02-29",
  "2025-11-31",
  "2025-13",
  "2025-00",
  "2025-Q5",
  "2025-H3",
  "Feb 2025",
  "0999-01",
  "9999-12-31",
];
const FIELDS = [
  "value",
  "citation",
  "publisher",
  "title",
  "date",
  "origin",
  "note",
  "url",
  "qualifier",
  "source_id",
  "published",
];
const REAL_TEXT = [
  ...COMMODITIES,
  ...COUNTRIES,
  ...PERIODS,
  ...FIELDS,
  "t",
  "kg",
  "g",
  "lb",
  "Mt",
  "mom",
  "yoy",
  "price",
  "market balance",
  "Bernstein",
  "Fitch Ratings",
  "mine production",
  "capacity",
  "mining quota",
  "China's share of refining capacity",
  "commodities",
  "partners",
  "periods",
  "forecasts",
  "indicators",
  "sources",
  "events",
  "version",
  "asof",
  "hash",
  "loaded",
  "name",
  "format",
  "All",
  // Names every object has: a lookup table that is an object literal "knows" them.
  ...OBJECT_PROPERTY_NAMES,
  ...OBJECT_PROPERTY_NAMES.map((name) => `${name} 2025`),
];

/** Values each parameter is meant to take, by parameter name (and formula where names are shared). */
function poolFor(id: string, parameter: string): fc.Arbitrary<unknown> {
  // Every pool also offers the names every object has ("constructor", "__proto__", ...).
  const text = (...values: unknown[]) => fc.constantFrom(...values, ...OBJECT_PROPERTY_NAMES);
  switch (parameter) {
    case "commodity":
    case "name":
      // An HS code typed without quotes arrives as a number.
      return text(...COMMODITIES, 8505.11, 850511);
    case "partner":
    case "country":
    case "reporter":
      return text(...COUNTRIES);
    case "period":
    case "start":
    case "end":
    case "date":
      // Text periods, years and Excel date serials (45976 = 2025-11-15, 46348 = 2026-11-22).
      return fc.oneof(text(...PERIODS), text(2024, 2025, 2026, 45976, 45823, 46348, 45636.5));
    case "year":
      return text(2024, 2025, 2026, 2030, 2032, "2026", 46348);
    case "unit":
      return text("t", "kg", "g", "lb", "tonnes", "Mt");
    case "field":
      if (id === "DATAVERSION")
        return text("version", "asof", "origin", "hash", "loaded", "name", "format");
      return text(...FIELDS);
    case "basis":
      return text("mom", "yoy", "MoM", "year on year");
    case "headers":
      return text(0, 1, 2, 3, -1, 1.5);
    case "what":
      return text(
        "commodities",
        "partners",
        "periods",
        "forecasts",
        "indicators",
        "sources",
        "events"
      );
    case "n":
      return text(1, 2, 3, 5, 10, 0, -1, 2.5, 1e9);
    case "variable":
      return text("price", "market balance", "market size", "West's reliance on China");
    case "forecaster":
      return text("Bernstein", "Fitch Ratings", "Goldman Sachs", "Reuters estimate");
    case "statistic":
      return text("mine production", "primary production", "capacity", "refinery production");
    case "indicator":
      return text(
        "mining quota",
        "smelting and separation quota",
        "China's share of refining capacity",
        "market size",
        "quota"
      );
    default:
      throw new Error(`No value pool for ${id}(${parameter})`);
  }
}

/** A real name one slip away: case, spacing, a dropped or doubled letter, a stray character. */
const nearReal: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(...REAL_TEXT),
    fc.integer({ min: 0, max: 9 }),
    fc.integer({ min: 0, max: 40 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 2 })
  )
  .map(([name, how, at, extra]) => {
    const i = at % (name.length + 1);
    switch (how) {
      case 0:
        return name.toUpperCase();
      case 1:
        return `  ${name.replace(/ /g, "   ")}\t`;
      case 2:
        return name.slice(0, i) + name.slice(i + 1);
      case 3:
        return name.slice(0, i) + name[i] + name.slice(i);
      case 4:
        return name.slice(0, i) + extra + name.slice(i);
      case 5:
        return name.replace(/-/g, "/");
      case 6:
        return `the ${name}.`;
      case 7:
        return name.normalize("NFD").replace(/e/g, "é");
      case 8:
        return `${name}${name}`;
      default:
        return name.replace(/[aeiou]/, "");
    }
  });

const HUGE_LENGTH = 100_000;
/** 100,000-character strings (built once: generating them at random each run would dominate). */
const HUGE: string[] = [
  // A full cell (32,767 characters) and one more.
  "x".repeat(CELL_TEXT_LIMIT),
  `${"constructor ".repeat(CELL_TEXT_LIMIT / 12)}2025`,
  "x".repeat(HUGE_LENGTH),
  " ".repeat(HUGE_LENGTH),
  "9".repeat(HUGE_LENGTH),
  `magnets${" ".repeat(HUGE_LENGTH - 7)}`,
  `${" ".repeat(HUGE_LENGTH - 7)}2025-11`,
  "2025-11".repeat(HUGE_LENGTH / 7 + 1).slice(0, HUGE_LENGTH),
  "US ".repeat(HUGE_LENGTH / 3 + 1).slice(0, HUGE_LENGTH),
  "\u{1F48E}".repeat(HUGE_LENGTH / 2),
  "e\u0301".repeat(HUGE_LENGTH / 2),
  `2025-${"1".repeat(HUGE_LENGTH - 5)}`,
  "a-".repeat(HUGE_LENGTH / 2),
  "(".repeat(HUGE_LENGTH),
];

/**
 * Text. Huge strings are rare here (a call with one costs up to ~70 ms, mostly name normalisation);
 * the exhaustive test below passes each of them in every parameter of every formula.
 */
const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 12 }), weight: 300 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }), weight: 300 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 12 }), weight: 200 },
  { arbitrary: nearReal, weight: 600 },
  { arbitrary: fc.constantFrom(...HUGE), weight: 1 }
);

const number: fc.Arbitrary<number> = fc.oneof(
  fc.double(),
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.integer({ min: 1800, max: 2200 }),
  // Excel date serials, whole days and times of day, up to 9999-12-31.
  fc.integer({ min: 1, max: 2_958_465 }),
  fc.double({ min: 0, max: 2_958_466, noNaN: true }),
  fc.constantFrom(
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    1e21,
    1e308,
    -1e308,
    5e-324,
    0.1,
    2.5,
    -1,
    2958466,
    9999,
    10000
  )
);

const empty = fc.constantFrom(null, undefined, "");

/**
 * Excel data-type values: the metadata sets allowCustomDataForDataTypeAny, so an `any` parameter
 * receives a cell holding a formatted number or an entity as an object rather than a plain value.
 */
const dataTypeValue = fc.constantFrom(
  { type: "FormattedNumber", basicValue: 45976, numberFormat: "yyyy-mm-dd" },
  { type: "Double", basicValue: 2025 },
  { type: "String", basicValue: "magnets" },
  { type: "Boolean", basicValue: true },
  {
    type: "Entity",
    text: "United States",
    properties: { Code: { type: "String", basicValue: "US" } },
  },
  { type: "Error", errorType: "NotAvailable" },
  { type: "FormattedNumber", basicValue: 46348, numberFormat: "d mmm yyyy" },
  { type: "String", basicValue: "constructor" },
  { type: "Entity", text: "Japan", properties: {} },
  { type: "Double", basicValue: Infinity }
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: text, weight: 10 },
  { arbitrary: number, weight: 8 },
  { arbitrary: fc.boolean(), weight: 2 },
  { arbitrary: empty, weight: 4 },
  { arbitrary: dataTypeValue, weight: 1 }
);

/** A 2-D array (a range) where a scalar is expected; mostly rectangular, sometimes not, or empty. */
const matrix: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })).chain(([rows, cols]) =>
    fc.array(fc.array(scalar, { minLength: cols, maxLength: cols }), {
      minLength: rows,
      maxLength: rows,
    })
  ),
  fc.array(fc.array(scalar, { maxLength: 3 }), { maxLength: 3 })
);

function argumentFor(id: string, parameter: string): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: poolFor(id, parameter), weight: 6 },
    { arbitrary: scalar, weight: 4 },
    { arbitrary: matrix, weight: 1 }
  );
}

/**
 * Calls that work, from the catalogue (issue 3 and the README): most runs start from one and replace
 * some of its arguments, so the success paths (values, spilled tables, citations) are exercised as
 * much as the errors; the other runs draw every argument independently.
 */
const EXAMPLES: Record<string, unknown[][]> = {
  EXPORT: [
    ["magnets", "US", "2025-11"],
    ["gallium", "Japan", "2025-06", "t"],
    ["germanium", "US", "2025-06"],
    ["magnets", "World", 45976],
    ["antimony", "World", "2025-06", "kg", "CN"],
  ],
  FORECAST: [
    ["lithium", 2026],
    ["lithium", 2026, "market balance"],
    ["copper", 2026, null, "Goldman Sachs"],
    ["lithium", 2026, null, null, "citation"],
  ],
  SOURCE: [
    ["magnets", "US", "2025-11"],
    ["gallium", "Japan", "2025-06", "publisher"],
    ["magnets", "World", "2025-11", "url"],
  ],
  PRODUCTION: [
    ["rare earths", "China", 2024],
    ["cobalt", "Congo (Kinshasa)", 2024, null, "qualifier"],
    ["lithium", "Chile", 2024],
  ],
  RESERVES: [
    ["cobalt", "Congo (Kinshasa)"],
    ["lithium", "Chile", null, "citation"],
  ],
  INDICATOR: [
    ["rare earths", "mining quota", 2024],
    ["antimony", "China's share of refining capacity"],
    ["rare earths", "mining quota", null, "note"],
  ],
  CONTROLS: [
    ["gallium", "US"],
    ["gallium", "US", "2024-12-10"],
    ["antimony"],
    ["rare earths", null, "2026-11-22"],
    ["magnets"],
  ],
  EVENTS: [["gallium"], ["gallium", "US"], ["rare earths"]],
  LIST: [[], ["partners", "magnets"], ["sources"], ["events", "gallium"]],
  DATAVERSION: [[], ["asof"], ["loaded"]],
  SERIES: [
    ["magnets", "US"],
    ["magnets", "World", "2025-01", "2025-11", 2, "kg"],
    ["gallium", "World"],
  ],
  CHANGE: [
    ["magnets", "US", "2025-11"],
    ["magnets", "JP", "2025-11"],
    ["magnets", "World", "2025-H1", "yoy"],
    ["magnets", "US", "2025-11", "mom", "citation"],
    ["gallium", "World", "2025-06"],
  ],
  SHARE: [
    ["magnets", "US", "2025-11"],
    ["gallium", "Japan", "2025-06"],
    ["germanium", "US", "2025-06"],
  ],
  TOP: [
    ["magnets", "2025-06"],
    ["magnets", "2025-11", 2],
    ["gallium", "2025-06", 1],
  ],
  COMMODITY: [["gallium"], ["rare earth magnets"], ["8505.11"], ["lithium"]],
};

const KEEP = Symbol("keep");

function argumentsFor(fn: GoldenFunction): fc.Arbitrary<unknown[]> {
  const each = fn.parameters.map((p) => argumentFor(fn.id, p.name));
  const fromExample = fc
    .tuple(
      fc.constantFrom(...EXAMPLES[fn.id]),
      fc.tuple(
        ...each.map((arbitrary) =>
          fc.oneof({ arbitrary: fc.constant(KEEP), weight: 3 }, { arbitrary, weight: 1 })
        )
      )
    )
    .map(([example, replaced]) =>
      replaced.map((value, i) => (value === KEEP ? example[i] : value))
    );
  return fc.oneof(
    { arbitrary: fromExample, weight: 3 },
    { arbitrary: fc.tuple(...each), weight: 2 }
  );
}

// ---------------------------------------------------------------------------------------------
// The property

interface Tally {
  runs: number;
  values: number;
  matrices: number;
  errors: Record<(typeof ERROR_CODES)[number], number>;
}

const tallies = new Map<string, Tally>();
const failures: string[] = [];

function tallyOf(id: string): Tally {
  let tally = tallies.get(id);
  if (!tally) {
    tally = {
      runs: 0,
      values: 0,
      matrices: 0,
      errors: { "#VALUE!": 0, "#N/A": 0, "#DIV/0!": 0 },
    };
    tallies.set(id, tally);
  }
  return tally;
}

/** Why a cell value is not one Excel can show, or null when it is. */
function cellProblem(value: unknown): string | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : `the number ${value}`;
  if (typeof value === "boolean") return null;
  if (value instanceof CustomFunctions.Error) {
    if (!(ERROR_CODES as readonly string[]).includes(value.code))
      return `an error with code ${value.code}`;
    if (typeof value.message !== "string" || value.message.trim() === "")
      return `a ${value.code} without a message`;
    // An exception turned into #VALUE! is a bug, not an answer.
    if (value.message.startsWith("Unexpected error"))
      return `an exception shown as ${value.code}: ${value.message.slice(0, 300)}`;
    return null;
  }
  if (typeof value === "string")
    return value.length > CELL_TEXT_LIMIT
      ? `text of ${value.length} characters (a cell holds ${CELL_TEXT_LIMIT})`
      : null;
  return `${Array.isArray(value) ? "a nested array" : typeof value} ${safeJson(value)}`;
}

function safeJson(value: unknown): string {
  try {
    return String(JSON.stringify(value)).slice(0, 200);
  } catch {
    return String(value);
  }
}

/** Why an entity (COMMODITY's card) is not one Excel can show with every figure cited, or null. */
function entityProblem(entity: Excel.EntityCellValue): string | null {
  if (typeof entity.text !== "string" || entity.text === "") return "an entity without text";
  for (const [name, property] of Object.entries(entity.properties ?? {})) {
    const field = property as (Excel.DoubleCellValue | Excel.StringCellValue) &
      Excel.CellValueAndPropertyMetadata;
    if (field.type === "Double") {
      if (!Number.isFinite(field.basicValue))
        return `an entity field ${name} = ${field.basicValue}`;
      if (!field.propertyMetadata?.attribution?.length)
        return `an entity number ${name} without attribution`;
    } else if (field.type !== "String" || typeof field.basicValue !== "string") {
      return `an entity field ${name} of type ${safeJson(field)}`;
    }
  }
  return null;
}

/** Why a result breaks the property, or null; counts it in the tally. */
function resultProblem(fn: GoldenFunction, result: unknown, tally: Tally): string | null {
  const spills = fn.result.dimensionality === "matrix";
  const entity = result as Excel.EntityCellValue | null;
  if (typeof entity === "object" && entity !== null && entity.type === "Entity") {
    if (fn.id !== "COMMODITY") return `an entity from ${fn.id}`;
    const problem = entityProblem(entity);
    if (problem) return problem;
    tally.values++;
    return null;
  }
  if (Array.isArray(result)) {
    if (!spills) return "a matrix from a formula that does not spill";
    const width = Array.isArray(result[0]) ? result[0].length : 0;
    if (result.length === 0 || width === 0) return "an empty matrix";
    for (const row of result) {
      if (!Array.isArray(row) || row.length !== width) return "a matrix that is not rectangular";
      for (const cell of row) {
        const problem = cellProblem(cell);
        if (problem) return `a matrix cell that is ${problem}`;
      }
    }
    tally.matrices++;
    return null;
  }
  const problem = cellProblem(result);
  if (problem) return `a result that is ${problem}`;
  if (result instanceof CustomFunctions.Error) {
    tally.errors[result.code as (typeof ERROR_CODES)[number]]++;
    return null;
  }
  if (spills) return `a scalar ${safeJson(result)} from a spilling formula`;
  if (fn.result.type === "number" && typeof result !== "number")
    return `${safeJson(result)} from a formula declared to return a number`;
  if (fn.result.type === "string" && typeof result !== "string")
    return `${safeJson(result)} from a formula declared to return text`;
  tally.values++;
  return null;
}

/** Calls the wrapper once as Excel does, cancels the invocation, and says what went wrong (or null). */
function check(spec: FormulaSpec, fn: GoldenFunction, args: unknown[]): string | null {
  const tally = tallyOf(spec.id);
  tally.runs++;
  const listeners = store.listenerCount;
  const timers = jest.getTimerCount();
  const results: unknown[] = [];
  const invocation: CustomFunctions.StreamingInvocation<unknown> = {
    functionName: spec.id,
    setResult: (value) => {
      results.push(value);
    },
  };
  let problem: string | null = null;
  try {
    callWrapper(spec, args, invocation);
  } catch (error) {
    problem = `threw ${(error as Error)?.stack ?? String(error)}`;
  }
  const synchronous = results.length;
  try {
    invocation.onCanceled?.();
  } catch (error) {
    problem ??= `cancel threw ${String(error)}`;
  }
  if (!problem && synchronous !== 1) problem = `${synchronous} results set synchronously, not 1`;
  if (!problem) problem = resultProblem(fn, results[0], tally);
  if (!problem && typeof invocation.onCanceled !== "function")
    problem = "no onCanceled: the invocation cannot be let go";
  if (!problem && store.listenerCount !== listeners)
    problem = `listeners ${listeners} → ${store.listenerCount} after cancel`;
  if (!problem && jest.getTimerCount() !== timers)
    problem = `timers ${timers} → ${jest.getTimerCount()} after cancel`;
  return problem;
}

/** Arguments as fast-check prints them: huge strings abbreviated. */
function describeArgs(args: unknown[]): string {
  return args
    .map((a) =>
      typeof a === "string" && a.length > 60
        ? `<${a.length} chars: ${JSON.stringify(a.slice(0, 20))}…>`
        : typeof a === "number" && !Number.isFinite(a)
          ? String(a)
          : Object.is(a, -0)
            ? "-0"
            : safeJson(a)
    )
    .join(", ");
}

// ---------------------------------------------------------------------------------------------

const startListeners = store.listenerCount;

beforeAll(() => {
  // Fake timers so CONTROLS' midnight re-check can be counted (and must be cleared on cancel).
  jest.useFakeTimers({ doNotFake: ["Date", "performance", "nextTick", "queueMicrotask"] });
});

afterAll(() => {
  jest.useRealTimers();
  const total = [...tallies.values()];
  const sum = (f: (t: Tally) => number) => total.reduce((n, t) => n + f(t), 0);
  const errors = sum((t) => ERROR_CODES.reduce((n, code) => n + t.errors[code], 0));
  process.stdout.write(
    `formula properties: ${sum((t) => t.runs)} runs over ${tallies.size} formulas, ` +
      `${sum((t) => t.values)} values, ${sum((t) => t.matrices)} matrices, ${errors} errors ` +
      `(#VALUE! ${sum((t) => t.errors["#VALUE!"])}, #N/A ${sum((t) => t.errors["#N/A"])}, ` +
      `#DIV/0! ${sum((t) => t.errors["#DIV/0!"])}), ${failures.length} failures\n`
  );
});

test("the properties cover every registered formula", () => {
  expect(FORMULAS.map((f) => f.id).sort()).toEqual(golden.functions.map((f) => f.id).sort());
  expect(FORMULAS).toHaveLength(15);
});

describe.each(FORMULAS.map((spec, i) => [spec.id, spec, i] as const))(
  "MINERALS.%s with arbitrary arguments",
  (id, spec, index) => {
    const fn = golden.functions.find((f) => f.id === id) as GoldenFunction;

    test(`always one synchronous value, matrix or error with a message; never a throw, NaN or Infinity (${RUNS_PER_FORMULA} runs)`, () => {
      const args = argumentsFor(fn);
      try {
        fc.assert(
          fc.property(args, (values) => {
            const problem = check(spec, fn, values);
            if (problem) throw new Error(`MINERALS.${id}(${describeArgs(values)}): ${problem}`);
          }),
          { seed: SEED + index, numRuns: RUNS_PER_FORMULA, endOnFailure: false }
        );
      } catch (error) {
        failures.push(id);
        throw error;
      }
      const tally = tallyOf(id);
      // The generator reaches the success paths as well as the errors.
      expect(tally.values + tally.matrices).toBeGreaterThan(RUNS_PER_FORMULA / 20);
      expect(tally.errors["#VALUE!"]).toBeGreaterThan(RUNS_PER_FORMULA / 20);
      expect(store.listenerCount).toBe(startListeners);
    });

    test("every very long string (a full cell, 100,000 characters) in every parameter of a working call", () => {
      const problems: string[] = [];
      for (const example of EXAMPLES[id].slice(0, 1)) {
        for (let position = 0; position < spec.args; position++) {
          for (const huge of HUGE) {
            const args = Array.from({ length: spec.args }, (_, i) =>
              i === position ? huge : example[i]
            );
            const problem = check(spec, fn, args);
            if (problem) problems.push(`MINERALS.${id}(${describeArgs(args)}): ${problem}`);
          }
        }
      }
      if (problems.length > 0) failures.push(`${id} (huge strings)`);
      expect(problems).toEqual([]);
    });
  }
);

// ---------------------------------------------------------------------------------------------

/**
 * A refreshed dataset that moves figures under the live cells: a month removed, a total set to 0
 * (shares and changes divide by it), a month added, a source renamed, gallium's events dropped.
 */
function refreshedDataset(): Dataset {
  const dataset = structuredClone(store.current.data.dataset) as Dataset;
  const magnets = (partner: string, period: string) =>
    dataset.exports.findIndex(
      (o) => o.commodity === "magnets" && o.partner === partner && o.period === period
    );
  const usNov = dataset.exports[magnets("US", "2025-11")];
  dataset.exports.splice(magnets("US", "2025-11"), 1);
  dataset.exports[magnets("WORLD", "2025-11")].quantity = 0;
  dataset.exports.push({ ...usNov, period: "2025-12", quantity: 700 });
  dataset.sources[0] = { ...dataset.sources[0], publisher: "Renamed publisher" };
  dataset.events = dataset.events.filter((e) => !e.commodities.includes("gallium"));
  dataset.version = `${dataset.version}-refreshed`;
  dataset.hash = "";
  return dataset;
}

/**
 * A dataset at the extremes a valid dataset may hold: every magnets figure 1e308 t (totals, shares
 * and conversions overflow) with a 20,000-character note, and the largest forecast and indicator.
 */
function extremeDataset(): Dataset {
  const dataset = structuredClone(store.current.data.dataset) as Dataset;
  for (const o of dataset.exports) {
    if (o.commodity !== "magnets") continue;
    o.quantity = 1e308;
    o.note = `${o.period} `.padEnd(20_000, "n");
  }
  for (const f of dataset.forecasts) if (typeof f.value === "number") f.value = -1.7e308;
  for (const i of dataset.indicators) i.value = 1.7e308;
  for (const c of dataset.reported_changes) c.percent = -1.7e308;
  dataset.version = `${dataset.version}-extreme`;
  dataset.hash = "";
  return dataset;
}

/** A tally for results checked outside the per-formula counts. */
const scratch: Tally = {
  runs: 0,
  values: 0,
  matrices: 0,
  errors: { "#VALUE!": 0, "#N/A": 0, "#DIV/0!": 0 },
};

test("live cells keep the property through dataset replacements, and let go when canceled", () => {
  const original = store.current;
  const refreshed = indexDataset(refreshedDataset());
  const extreme = indexDataset(validateDataset(extremeDataset()));
  const call = fc
    .integer({ min: 0, max: FORMULAS.length - 1 })
    .chain((i) =>
      argumentsFor(golden.functions.find((f) => f.id === FORMULAS[i].id) as GoldenFunction).map(
        (args) => [i, args] as const
      )
    );
  let streamed = 0;
  try {
    fc.assert(
      fc.property(fc.array(call, { minLength: 50, maxLength: 50 }), (calls) => {
        const listeners = store.listenerCount;
        const timers = jest.getTimerCount();
        const cells = calls.map(([i, args]) => {
          const results: unknown[] = [];
          const invocation: CustomFunctions.StreamingInvocation<unknown> = {
            functionName: FORMULAS[i].id,
            setResult: (value) => {
              results.push(value);
            },
          };
          callWrapper(FORMULAS[i], args, invocation);
          return { i, args, results, invocation };
        });
        try {
          for (const data of [refreshed, extreme, original.data]) {
            const before = cells.map((c) => c.results.length);
            store.replace(data, { kind: "file", name: "properties" });
            cells.forEach((cell, n) => {
              const fn = golden.functions.find((f) => f.id === FORMULAS[cell.i].id);
              const sent = cell.results.length - before[n];
              const where = `MINERALS.${FORMULAS[cell.i].id}(${describeArgs(cell.args)})`;
              if (sent > 1) throw new Error(`${where}: ${sent} results for one replacement`);
              if (sent === 1) {
                streamed++;
                const problem = resultProblem(fn as GoldenFunction, cell.results.at(-1), scratch);
                if (problem) throw new Error(`${where} after a refresh: ${problem}`);
              }
            });
          }
        } finally {
          store.replace(original.data, original.origin, original.loadedAt);
          for (const cell of cells) cell.invocation.onCanceled?.();
        }
        if (store.listenerCount !== listeners || jest.getTimerCount() !== timers)
          throw new Error("a canceled live cell kept a listener or a timer");
      }),
      { seed: SEED, numRuns: 40 }
    );
  } catch (error) {
    failures.push("refresh");
    throw error;
  }
  // Replacements changed some cells (only those: unchanged results are not re-sent).
  expect(streamed).toBeGreaterThan(100);
  // The extreme dataset's conversions overflow into an error saying so, never into Infinity.
  expect(formulaResult("EXPORT", ["magnets", "US", "2025-11", "g"], extreme)).toEqual(
    expect.objectContaining({ code: "#VALUE!", message: expect.stringMatching(/too large/) })
  );
  expect(store.listenerCount).toBe(startListeners);
});
