import { FLOWS } from "./dataset";
import { DictionaryColumn, TradeColumns } from "./trade-columns";
import { parseUnit } from "../queries/units";

/**
 * The rules trade observations follow beyond their Arrow types, checked over whole columns: each
 * distinct dictionary value once (every source_id, commodity and country resolves, flows and units
 * are known, periods are `YYYY-MM` or `YYYY`), then the rows (a quantity has its unit, a row reports
 * a quantity or a value, one row per commodity, reporter, partner, flow and period). Each problem
 * names where it is through `where` (the part and its row).
 */
export interface TradeReferences {
  sources: ReadonlySet<string>;
  commodities: ReadonlySet<string>;
  countries: ReadonlySet<string>;
}

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2]))?$/;
const FLOW_SET: ReadonlySet<string> = new Set(FLOWS);
const MAX_PROBLEMS = 50;

export function tradeProblems(
  columns: TradeColumns,
  refs: TradeReferences,
  where: (row: number) => string
): string[] {
  const problems: string[] = [];
  const report = (row: number, column: string, what: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(`${where(row)}, column ${column}: ${what}`);
  };
  const entries: [string, DictionaryColumn, (value: string) => string | undefined][] = [
    [
      "commodity",
      columns.commodity,
      (v) => (refs.commodities.has(v) ? undefined : `unknown commodity "${v}"`),
    ],
    [
      "reporter",
      columns.reporter,
      (v) => (refs.countries.has(v) ? undefined : `unknown country code "${v}"`),
    ],
    [
      "partner",
      columns.partner,
      (v) => (refs.countries.has(v) ? undefined : `unknown country code "${v}"`),
    ],
    [
      "flow",
      columns.flow,
      (v) => (FLOW_SET.has(v) ? undefined : `unknown flow "${v}" (${FLOWS.join(", ")})`),
    ],
    [
      "period",
      columns.period,
      (v) => (PERIOD.test(v) ? undefined : `'${v}' is not a period (YYYY-MM or YYYY)`),
    ],
    ["unit", columns.unit, (v) => (parseUnit(v) ? undefined : `unknown unit "${v}"`)],
    [
      "source_id",
      columns.source_id,
      (v) => (refs.sources.has(v) ? undefined : `unknown source_id "${v}"`),
    ],
  ];
  for (const [name, column, check] of entries) {
    const why = column.dictionary.map(check);
    if (why.every((w) => w === undefined)) continue;
    // Only values some row uses are problems; each is reported at the first row using it.
    const reported = new Set<number>();
    const { indices } = column;
    for (let i = 0; i < columns.length; i++) {
      const k = indices[i];
      if (k >= 0 && why[k] !== undefined && !reported.has(k)) {
        reported.add(k);
        report(i, name, why[k] as string);
      }
    }
  }
  const { quantity, value, unit } = columns;
  for (let i = 0; i < columns.length && problems.length < MAX_PROBLEMS; i++) {
    const hasQuantity = !Number.isNaN(quantity[i]);
    if (hasQuantity && unit.indices[i] < 0) report(i, "unit", "a quantity needs its unit");
    if (!hasQuantity && Number.isNaN(value[i]))
      report(i, "quantity", "the row reports neither a quantity nor a value");
  }
  const duplicate = firstDuplicateKey(columns);
  if (duplicate) {
    const [earlier, row] = duplicate;
    report(
      row,
      "period",
      `a second figure for the key of ${where(earlier)} (commodity, reporter, partner, flow, period)`
    );
  }
  return problems;
}

/**
 * The first pair of rows with the same key, or undefined. Keys are numbers built from dictionary
 * indices; data sorted by key (as a publisher should write it) is checked in one pass, other data
 * is sorted first.
 */
function firstDuplicateKey(c: TradeColumns): [number, number] | undefined {
  const dims = [c.commodity, c.reporter, c.partner, c.flow, c.period];
  const sizes = dims.map((d) => Math.max(1, d.dictionary.length));
  if (sizes.reduce((a, b) => a * b, 1) > Number.MAX_SAFE_INTEGER) return firstDuplicateByText(c);
  const keyOf = (i: number) => {
    let key = 0;
    for (let d = 0; d < dims.length; d++) key = key * sizes[d] + dims[d].indices[i];
    return key;
  };
  let sorted = true;
  let previous = -1;
  for (let i = 0; i < c.length; i++) {
    const key = keyOf(i);
    if (key === previous) return [i - 1, i];
    if (key < previous) {
      sorted = false;
      break;
    }
    previous = key;
  }
  if (sorted) return undefined;
  const keys = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) keys[i] = keyOf(i);
  keys.sort();
  let duplicate = -1;
  for (let j = 1; j < keys.length && duplicate < 0; j++)
    if (keys[j] === keys[j - 1]) duplicate = keys[j];
  if (duplicate < 0) return undefined;
  let earlier = -1;
  for (let i = 0; i < c.length; i++) {
    if (keyOf(i) !== duplicate) continue;
    if (earlier >= 0) return [earlier, i];
    earlier = i;
  }
  return undefined;
}

/** For dictionaries too large to combine into one number: text keys. */
function firstDuplicateByText(c: TradeColumns): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (let i = 0; i < c.length; i++) {
    const key = `${c.commodity.indices[i]}|${c.reporter.indices[i]}|${c.partner.indices[i]}|${c.flow.indices[i]}|${c.period.indices[i]}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return [earlier, i];
    seen.set(key, i);
  }
  return undefined;
}
