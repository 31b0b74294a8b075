import { existsSync, readFileSync } from "fs";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { BuildError } from "./build-error";

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
    const value = (this.cells[field] ?? "").trim();
    return value === "" ? null : value;
  }

  /** A plain decimal number ("1.5", "-11", "0"); thousands separators and words are refused. */
  number(field: string): number {
    const text = this.text(field);
    if (!/^-?\d+(\.\d+)?$/.test(text)) this.fail(field, `'${text}' is not a number`);
    return Number(text);
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

/**
 * Decodes a CSV file: UTF-8 (with or without BOM); text that is not valid UTF-8 is read as
 * Windows-1252, the encoding of the full USGS release. (Node's own TextDecoder reads
 * "windows-1252" as Latin-1, which turns “ — ” into control characters; iconv-lite does not.)
 */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = iconv.decode(Buffer.from(bytes), "windows-1252");
  }
  return text.replace(/^\uFEFF/, "");
}

/** Parses CSV text with a header row, checking that the expected columns are present. */
export function parseCsv(file: string, text: string, requiredColumns: readonly string[]): CsvRow[] {
  // Blank lines are kept while parsing so that every record's index is its spreadsheet row - 2.
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: false });
  const columns = parsed.meta.fields ?? [];
  const absent = requiredColumns.filter((c) => !columns.includes(c));
  if (absent.length > 0)
    throw new BuildError(file, 1, absent[0], `missing column(s): ${absent.join(", ")}`);
  const fatal = parsed.errors.find((e) => e.type !== "FieldMismatch" || e.code === "TooManyFields");
  if (fatal) {
    throw new BuildError(file, fatal.row !== undefined ? fatal.row + 2 : null, null, fatal.message);
  }
  return parsed.data
    .map((cells, i) => new CsvRow(file, i + 2, cells))
    .filter((row) => row.columns().some((column) => row.optional(column) !== null));
}

export function readCsv(path: string, label: string, requiredColumns: readonly string[]): CsvRow[] {
  if (!existsSync(path)) throw new BuildError(label, null, null, "file not found");
  return parseCsv(label, decodeCsv(readFileSync(path)), requiredColumns);
}
