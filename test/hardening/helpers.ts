/**
 * Shared by the hardening suites: a small but complete base dataset, an in-memory DatasetStorage, a
 * recording live cell, JSON-path utilities for mutating datasets, and the check that a refusal's
 * message names its problem.
 */
import { Dataset } from "../../src/core/dataset/dataset";
import { exportValue } from "../../src/core/queries/exports";
import { datasetHash } from "../../src/core/dataset/hash";
import { IndexedDataset } from "../../src/core/dataset/indexed";
import { bindLiveCell, CellResult } from "../../src/core/runtime/live";
import { isQueryError } from "../../src/core/queries/query-error";
import { DatasetStorage } from "../../src/core/dataset/restore";
import { LiveStore } from "../../src/core/runtime/store";
import { StoredDataset } from "../../src/core/dataset/stored";
import { realDataset } from "../support/real-dataset";
import { callWrapper, FORMULAS } from "../support/minerals-plugin";
import { store as liveStore } from "../../src/runtime/live-store";

/** fast-check's seed for every hardening suite: the same cases on every run. */
export const SEED = 20251122;

/** The longest refusal message the pane should ever have to show. */
export const MAX_MESSAGE_LENGTH = 10_000;

/**
 * The real dataset cut down so that a load takes milliseconds: every section and every field kind
 * is still there (a few USGS rows and tables, the countries the rows refer to, all sources and
 * commodities), with its hash recomputed.
 */
export async function smallRealDataset(): Promise<Dataset> {
  const d = realDataset();
  d.usgs = d.usgs
    .filter((o) => o.country_code !== null)
    .slice(0, 6)
    .concat(d.usgs.filter((o) => o.country_code === null).slice(0, 2));
  d.usgs_tables = d.usgs_tables.slice(0, 3);
  const used = new Set(["CN", "US", "JP", "WORLD", "DE", "KR"]);
  for (const o of [...d.exports, ...d.reported_changes]) used.add(o.reporter).add(o.partner);
  for (const o of [...d.forecasts, ...d.indicators]) used.add(o.region);
  for (const o of d.events) used.add(o.partner).add(o.jurisdiction);
  for (const o of d.usgs) if (o.country_code) used.add(o.country_code);
  d.countries = d.countries.filter((c) => used.has(c.code));
  d.hash = await datasetHash(d);
  return d;
}

/** DatasetStorage in memory, as the refresh tests use. */
export class MemoryStorage implements DatasetStorage {
  saved: StoredDataset[] = [];
  cleared = 0;
  constructor(private readonly loader: () => Promise<unknown> = async () => undefined) {}
  load(): Promise<unknown> {
    return this.loader();
  }
  async save(record: StoredDataset): Promise<void> {
    this.saved.push(record);
  }
  async clear(): Promise<void> {
    this.cleared++;
  }
}

/** A live EXPORT cell bound to the store, recording every value it is sent. */
export function recordingCell(store: LiveStore): { sent: CellResult[] } {
  const sent: CellResult[] = [];
  bindLiveCell(
    store,
    { setResult: (v: CellResult) => sent.push(v) },
    ({ data }) => exportValue(data, { commodity: "magnets", partner: "US", period: "2025-11" }),
    (r) => r
  );
  return { sent };
}

/**
 * What a loaded dataset must do: answer EXPORT for its own figures and for a fixed set of queries,
 * each a finite number or a QueryError, never an exception. Returns what went wrong, or undefined.
 */
export function answersLookups(data: IndexedDataset): string | undefined {
  const queries: Record<string, unknown>[] = [
    { commodity: "magnets", partner: "US", period: "2025-11" },
    { commodity: "Rare earth magnets", partner: "United States", period: "Nov 2025" },
    { commodity: "magnets", partner: "World", period: "2025-Q2" },
    { commodity: "gallium", partner: "JP", period: 45823 },
    { commodity: "magnium", partner: "US", period: "2025-11" },
    { commodity: "magnets", partner: "US", period: "2025-11", unit: "kg" },
    ...data.dataset.exports.slice(0, 5).map((o) => ({
      commodity: o.commodity,
      partner: o.partner,
      period: o.period,
      reporter: o.reporter,
    })),
  ];
  for (const q of queries) {
    try {
      const value = exportValue(data, q as never);
      if (!isQueryError(value) && !Number.isFinite(value))
        return `EXPORT(${JSON.stringify(q)}) gave ${value}`;
    } catch (error) {
      return `EXPORT(${JSON.stringify(q)}) threw ${(error as Error).stack ?? String(error)}`;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// JSON paths

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = (string | number)[];

export interface JsonNode {
  path: Path;
  value: Json;
}

/** Every node below the root, depth first. */
export function jsonNodes(value: Json, path: Path = [], out: JsonNode[] = []): JsonNode[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push({ path: [...path, i], value: item });
      jsonNodes(item, [...path, i], out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      out.push({ path: [...path, key], value: item });
      jsonNodes(item, [...path, key], out);
    }
  }
  return out;
}

/** A JSON pointer (RFC 6901), as the validator's problem messages write paths. */
export function pointer(path: Path): string {
  return path.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("") || "/";
}

export function parentOf(
  root: Json,
  path: Path
): { parent: Json[] | Record<string, Json>; key: string | number } {
  let node = root as Json;
  for (const segment of path.slice(0, -1)) node = (node as Record<string, Json>)[segment as string];
  return { parent: node as Json[] | Record<string, Json>, key: path[path.length - 1] };
}

export function setAt(root: Json, path: Path, value: Json): void {
  const { parent, key } = parentOf(root, path);
  (parent as Record<string, Json>)[key as string] = value;
}

export function deleteAt(root: Json, path: Path): void {
  const { parent, key } = parentOf(root, path);
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete parent[key as string];
}

export function jsonType(value: unknown): string {
  return value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
}

/** A placeholder put in the tree and replaced in the text, for values JSON.stringify cannot write. */
export const PLACEHOLDER = "\u0000mutation\u0000";
export const PLACEHOLDER_TEXT = JSON.stringify(PLACEHOLDER);

// ---------------------------------------------------------------------------------------------
// Problem messages

/** The shapes a problem may take: each says where (a JSON pointer) or what (JSON, format, hash, size). */
export const PROBLEM_SHAPE =
  /^(#?\/[^:]*: |not valid JSON \(|"format" must be |unsupported format_version |hash: the content does not match|the top level must be|the dataset is larger than)/;

/** The path a problem names, when it names one ("/exports/3/quantity: …" → "/exports/3/quantity"). */
export function problemPath(problem: string): string | undefined {
  const m = /^#?(\/[^:]*): /.exec(problem);
  return m ? m[1] : undefined;
}

/** Whether two JSON pointers are the same node or one contains the other. */
export function related(a: string, b: string): boolean {
  if (a === "/" || b === "/") return false;
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

// ---------------------------------------------------------------------------------------------
// Formulas as Excel calls them

/** Names every object has (Object.prototype's properties): lookups of text must not find them. */
export const OBJECT_PROPERTY_NAMES = [
  "constructor",
  "__proto__",
  "toString",
  "valueOf",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "__defineGetter__",
] as const;

/**
 * The first result MINERALS.<id>(...args) sets, called through the real wrapper with the live store
 * holding `data` (the bundled dataset when omitted); the invocation is canceled afterwards.
 */
export function formulaResult(id: string, args: unknown[], data?: IndexedDataset): unknown {
  const spec = FORMULAS.find((f) => f.id === id);
  if (!spec) throw new Error(`no formula ${id}`);
  const original = liveStore.current;
  if (data) liveStore.replace(data, { kind: "file", name: "hardening" });
  const results: unknown[] = [];
  const invocation: CustomFunctions.StreamingInvocation<unknown> = {
    functionName: id,
    setResult: (value) => {
      results.push(value);
    },
  };
  try {
    callWrapper(spec, args, invocation);
  } finally {
    invocation.onCanceled?.();
    if (data) liveStore.replace(original.data, original.origin, original.loadedAt);
  }
  return results[0];
}

/** Asserts an Excel error value: its code and message. */
export function expectExcelError(result: unknown, code: string, message: RegExp): void {
  expect(result).toBeInstanceOf(CustomFunctions.Error);
  const error = result as CustomFunctions.Error;
  expect({ code: error.code, message: error.message }).toEqual({
    code,
    message: expect.stringMatching(message),
  });
}

/** The error codes a formula may show; anything else (or an exception's message) is a bug. */
export const EXCEL_ERROR_CODES = ["#VALUE!", "#N/A", "#DIV/0!"];

/**
 * Why a result Excel was sent is not one it can show, or undefined: a non-finite number, text over
 * the 32,767-character cell limit, an error without a message or carrying an exception ("Unexpected
 * error" is a bug, not an answer), a ragged or empty matrix.
 */
export function excelProblem(result: unknown): string | undefined {
  if (Array.isArray(result)) {
    const width = Array.isArray(result[0]) ? result[0].length : 0;
    if (width === 0) return "an empty matrix";
    for (const row of result) {
      if (!Array.isArray(row) || row.length !== width) return "a ragged matrix";
      for (const cell of row) {
        const problem = Array.isArray(cell) ? "a nested array" : excelProblem(cell);
        if (problem) return `a cell that is ${problem}`;
      }
    }
    return undefined;
  }
  if (typeof result === "number")
    return Number.isFinite(result) ? undefined : `the number ${result}`;
  if (typeof result === "string")
    return result.length > 32_767 ? `text of ${result.length} characters` : undefined;
  if (typeof result === "boolean") return undefined;
  if (isEntity(result)) {
    // COMMODITY's card: every property a value Excel can show.
    for (const [name, property] of Object.entries(result.properties ?? {})) {
      const value = (property as { basicValue?: unknown }).basicValue;
      const problem = value === undefined ? undefined : excelProblem(value);
      if (problem) return `a card whose ${name} is ${problem}`;
    }
    return undefined;
  }
  if (result instanceof CustomFunctions.Error) {
    if (!EXCEL_ERROR_CODES.includes(result.code)) return `an error ${result.code}`;
    if (!result.message) return `${result.code} without a message`;
    if (result.message.startsWith("Unexpected error")) return `${result.code}: ${result.message}`;
    return undefined;
  }
  return `the value ${String(result)}`;
}

function isEntity(value: unknown): value is { type: "Entity"; properties?: object } {
  return (
    typeof value === "object" && value !== null && (value as { type?: unknown }).type === "Entity"
  );
}

/** A result as comparable text: numbers exactly, errors by code and message, matrices cell by cell. */
export function resultText(result: unknown): string {
  return JSON.stringify(result, (_, value: unknown) => {
    if (typeof value === "number") return Object.is(value, -0) ? "-0" : `${value}`;
    if (value instanceof CustomFunctions.Error) return `${value.code} ${value.message ?? ""}`;
    return value;
  });
}
