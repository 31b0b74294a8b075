import { BuildError } from "./build-error";
import { ComtradeReader } from "./comtrade";
import { CsvRecord, CsvRecordReader, StreamingTextDecoder } from "./csv-stream";

/**
 * Reads a Comtrade+ bulk CSV from its bytes as they arrive (fed by a file stream in the build, by a
 * File's stream in the pane): ISO-8859-1 or UTF-8, CRLF or LF. Only the current chunk and the
 * record being read are held; each record goes to the reader at once.
 */
export class ComtradeCsvParser {
  private readonly decoder = new StreamingTextDecoder();
  private readonly records = new CsvRecordReader();
  private header = false;

  constructor(
    private readonly reader: ComtradeReader,
    private readonly file: string
  ) {}

  private readonly take = (record: CsvRecord): void => {
    if (this.header) this.reader.csvRecord(record.cells, record.row);
    else {
      this.reader.header(record.cells);
      this.header = true;
    }
  };

  push(bytes: Uint8Array): void {
    this.records.push(
      this.decode(() => this.decoder.push(bytes)),
      this.take
    );
  }

  /** After the last chunk. */
  end(): void {
    this.records.push(
      this.decode(() => this.decoder.end()),
      this.take
    );
    this.records.end(this.take);
    if (!this.header) throw new BuildError(this.file, null, null, "empty file (no header row)");
  }

  private decode(read: () => string): string {
    try {
      return read();
    } catch (error) {
      throw new BuildError(this.file, null, null, (error as Error).message);
    }
  }
}

/**
 * Reads a Comtrade API response, `{"data": [ … ]}` with the bulk file's field names. An API call
 * returns at most a bounded number of records (Comtrade caps each call), so the JSON is parsed
 * whole; files of any size come as bulk CSV. Rows are numbered by position in `data` (1 = first).
 */
export function readComtradeJson(text: string, reader: ComtradeReader, file: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new BuildError(file, null, null, `not valid JSON: ${(error as Error).message}`);
  }
  readComtradeResponse(parsed, reader, file);
}

/** readComtradeJson after the parse, for a caller that parsed the JSON already (the pane's import). */
export function readComtradeResponse(parsed: unknown, reader: ComtradeReader, file: string): void {
  if (!isComtradeResponse(parsed))
    throw new BuildError(file, null, "data", `not a Comtrade API response ({"data": [ … ]})`);
  parsed.data.forEach((record, i) => reader.jsonRecord(record, i + 1));
}

/**
 * Whether parsed JSON has the API response's shape: an object with a `data` array, and no `format`
 * (which names our own dataset formats).
 */
export function isComtradeResponse(value: unknown): value is { data: unknown[] } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as { data?: unknown }).data) &&
    !("format" in value)
  );
}
