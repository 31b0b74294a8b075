import { existsSync, readFileSync } from "fs";
import iconv from "iconv-lite";
import { CsvRow, decodeText, parseCsv } from "../core/dataset/csv";
import { BuildError } from "../core/dataset/build-error";

// The parser and row reader are browser-safe and live in core (the task pane's import uses them too).
export { CsvRow, parseCsv } from "../core/dataset/csv";

/**
 * Decodes a CSV file: UTF-8 (with or without BOM); text that is not valid UTF-8 is read as
 * Windows-1252, the encoding of the full USGS release. (Node's own TextDecoder reads
 * "windows-1252" as Latin-1, which turns “ — ” into control characters; iconv-lite does not.)
 */
export function decodeCsv(bytes: Uint8Array): string {
  return decodeText(bytes, (b) => iconv.decode(Buffer.from(b), "windows-1252"));
}

export function readCsv(path: string, label: string, requiredColumns: readonly string[]): CsvRow[] {
  if (!existsSync(path)) throw new BuildError(label, null, null, "file not found");
  return parseCsv(label, decodeCsv(readFileSync(path)), requiredColumns);
}
