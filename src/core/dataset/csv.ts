import Papa from "papaparse";
import { BuildError } from "./build-error";
import { decodeWindows1252 } from "./windows-1252";

/**
 * CSV reading shared by the dataset build (Node) and the task pane's import (browser): no Node
 * modules here. The build's file access and its Windows-1252 decoder stay in src/dataset-build/csv.ts.
 */

/** One data row with its spreadsheet row number, read by column name. */
export class CsvRow {
  constructor(
    readonly file: string,
    readonly row: number,
    private readonly cells: Record<string, string>
  ) {}

  columns(): string[] {
    return Object.keys(this.cells);
  }

  fail(field: string | null, problem: string): never {
    throw new BuildError(this.file, this.row, field, problem);
  }

  /** The trimmed cell; empty is refused. */
  text(field: string): string {
    const value = this.optional(field);
    if (value === null) this.fail(field, "missing value");
    return value;
  }

  /** The trimmed cell, or null when empty. */
  optional(field: string): string | null {
    // An own property only: a header never names "constructor", but the object would still answer to it.
    const cell = Object.prototype.hasOwnProperty.call(this.cells, field) ? this.cells[field] : "";
    const value = (cell ?? "").trim();
    return value === "" ? null : value;
  }

  /** A plain decimal number ("1.5", "-11", "0"); thousands separators and words are refused. */
  number(field: string): number {
    const text = this.text(field);
    if (!/^-?\d+(\.\d+)?$/.test(text)) this.fail(field, `'${text}' is not a number`);
    const value = Number(text);
    if (!Number.isFinite(value)) this.fail(field, notFinite(text));
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.text(field);
    if (!(allowed as readonly string[]).includes(value))
      this.fail(field, `'${value}' is not one of ${allowed.join(", ")}`);
    return value as T;
  }

  list(field: string, separator = ";"): string[] {
    const value = this.optional(field);
    return value === null
      ? []
      : value
          .split(separator)
          .map((s) => s.trim())
          .filter((s) => s !== "");
  }
}

/** Why a number as written is refused: more than 308 digits overflow to Infinity. */
export function notFinite(text: string): string {
  const shown = text.length > 24 ? `${text.slice(0, 12)}…(${text.length} characters)` : text;
  return `'${shown}' is not a finite number (beyond ±1.8e308)`;
}

/**
 * Decodes CSV bytes: UTF-8 (with or without BOM); bytes that are not valid UTF-8 go to `legacy`,
 * by default the core's own Windows-1252 decoder (the same in browsers and Node, whose
 * TextDecoder reads "windows-1252" as Latin-1).
 */
export function decodeText(
  bytes: Uint8Array,
  legacy: (bytes: Uint8Array) => string = decodeWindows1252
): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = legacy(bytes);
  }
  return text.replace(/^\uFEFF/, "");
}

/** A CSV read without stopping at the first broken row: its columns, good rows and every row problem. */
export interface CsvTable {
  columns: string[];
  rows: CsvRow[];
  /** Rows the parser could not split into cells (too many fields, a quote left open), in row order. */
  problems: BuildError[];
}

/**
 * Parses CSV text with a header row. Every layout this add-in reads is comma-separated: the delimiter
 * is given, never guessed (a guess reads `gallium;germanium` as a semicolon-separated file). Blank
 * lines are kept while parsing so that every record's index is its spreadsheet row - 2; rows whose
 * cells are all empty are dropped afterwards. Missing trailing cells are read as empty. A column named
 * twice in the header is a problem (the parser would rename the second copy and it would be ignored).
 */
export function readCsvTable(file: string, text: string): CsvTable {
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: false,
    delimiter: ",",
  });
  const columns = parsed.meta.fields ?? [];
  const broken = new Map<number, BuildError>();
  const problems: BuildError[] = duplicatedColumns(file, columns, parsed.meta.renamedHeaders);
  for (const e of parsed.errors) {
    if (e.type === "FieldMismatch" && e.code !== "TooManyFields") continue;
    const problem = new BuildError(file, e.row !== undefined ? e.row + 2 : null, null, e.message);
    if (e.row === undefined) problems.push(problem);
    else if (!broken.has(e.row)) broken.set(e.row, problem);
  }
  problems.push(...[...broken.entries()].sort(([a], [b]) => a - b).map(([, p]) => p));
  const rows = parsed.data
    .map((cells, i) => (broken.has(i) ? null : new CsvRow(file, i + 2, cells)))
    .filter((row): row is CsvRow => row !== null)
    .filter((row) => row.columns().some((column) => row.optional(column) !== null));
  return { columns, rows, problems };
}

/** The header's repeated columns, each named with its positions (column 1 is the first). */
function duplicatedColumns(
  file: string,
  columns: string[],
  renamed: Record<string, string> | null | undefined
): BuildError[] {
  const repeated = new Set(Object.values(renamed ?? {}));
  return [...repeated].map((name) => {
    const positions = columns
      .map((column, i) => (column === name || renamed?.[column] === name ? i + 1 : 0))
      .filter((position) => position > 0);
    return new BuildError(
      file,
      1,
      name,
      `the header names column '${name}' more than once (columns ${positions.join(" and ")}); remove or rename the extra one`
    );
  });
}

/** Parses CSV text with a header row, checking that the expected columns are present; throws at the first problem. */
export function parseCsv(file: string, text: string, requiredColumns: readonly string[]): CsvRow[] {
  const table = readCsvTable(file, text);
  const absent = requiredColumns.filter((c) => !table.columns.includes(c));
  if (absent.length > 0)
    throw new BuildError(file, 1, absent[0], `missing column(s): ${absent.join(", ")}`);
  if (table.problems.length > 0) throw table.problems[0];
  return table.rows;
}
