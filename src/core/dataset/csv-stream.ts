/**
 * CSV read piece by piece, for files too large to hold as one string (a Comtrade bulk download can
 * be gigabytes): bytes go in as they arrive, records come out with their spreadsheet row number.
 * Browser-safe (no Node modules), so the build and the task pane read files the same way.
 */

/** One record: its cells in column order and its spreadsheet row (the header is row 1). */
export interface CsvRecord {
  cells: string[];
  row: number;
}

/**
 * Splits CSV text into records, fed in chunks of any size: a record (or a quoted cell holding line
 * breaks) may straddle chunks. CRLF and LF line ends; `""` inside quotes is a quote. Lines without
 * a quote take a fast path (a plain split), which is most lines of a trade file.
 */
export class CsvRecordReader {
  /** Text after the last complete record. */
  private pending = "";
  private rowNumber = 0;

  /** Hands each complete record in `text` (and what earlier chunks left pending) to `emit`, in order. */
  push(text: string, emit: (record: CsvRecord) => void): void {
    this.pending += text;
    this.drain(false, emit);
  }

  /** The last record, once the input has ended. */
  end(emit: (record: CsvRecord) => void): void {
    this.drain(true, emit);
  }

  // Records go out one at a time rather than as a list per chunk: a record is garbage as soon as it
  // is read, so a large file never promotes a chunk's worth of cells to the old generation.
  private drain(final: boolean, emit: (record: CsvRecord) => void): void {
    const text = this.pending;
    let start = 0;
    while (start < text.length) {
      const newline = text.indexOf("\n", start);
      if (newline === -1 && !final) break;
      const lineEnd = newline === -1 ? text.length : newline;
      const line = text.slice(start, lineEnd);
      if (line.indexOf('"') === -1) {
        this.rowNumber++;
        const cells = stripCr(line).split(",");
        if (!(cells.length === 1 && cells[0] === "")) emit({ cells, row: this.rowNumber });
        start = lineEnd + 1;
        continue;
      }
      const quoted = readQuotedRecord(text, start, final);
      if (quoted === null) break; // a quoted cell is still open: wait for more text
      this.rowNumber++;
      emit({ cells: quoted.cells, row: this.rowNumber });
      this.rowNumber += quoted.extraLines;
      start = quoted.next;
    }
    this.pending = start >= text.length ? "" : text.slice(start);
  }
}

function stripCr(line: string): string {
  return line.endsWith("\r") ? line.slice(0, -1) : line;
}

/**
 * Reads one record that holds quotes, from `start`; null when the text ends inside it and more may
 * come. `extraLines` counts line breaks inside quoted cells (the next record's row moves past them).
 */
function readQuotedRecord(
  text: string,
  start: number,
  final: boolean
): { cells: string[]; next: number; extraLines: number } | null {
  const cells: string[] = [];
  let cell = "";
  let inQuotes = false;
  let extraLines = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (i + 1 === text.length && !final) {
          return null; // the next chunk may start with the second quote of an escape
        } else inQuotes = false;
      } else {
        if (c === "\n") extraLines++;
        cell += c;
      }
    } else if (c === '"') inQuotes = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else if (c === "\n") {
      cells.push(stripCr(cell));
      return { cells, next: i + 1, extraLines };
    } else cell += c;
  }
  if (!final || inQuotes) {
    if (final) {
      cells.push(cell);
      return { cells, next: text.length, extraLines }; // an unclosed quote runs to the end
    }
    return null;
  }
  cells.push(stripCr(cell));
  return { cells, next: text.length, extraLines };
}

/**
 * Decodes bytes fed in chunks: UTF-8 (BOM dropped) or, when the bytes prove it is not UTF-8,
 * ISO-8859-1 — the two encodings Comtrade files come in. The decision is taken at the first
 * non-ASCII bytes (while everything is ASCII both readings agree) and then holds for the file.
 */
export class StreamingTextDecoder {
  private mode: "ascii" | "utf-8" | "latin-1" = "ascii";
  private readonly utf8 = new TextDecoder("utf-8", { fatal: true });
  /** Undecided bytes: non-ASCII bytes at the end of a chunk, which may be a split character. */
  private carry: Uint8Array = new Uint8Array(0);

  constructor(private readonly legacy: (bytes: Uint8Array) => string = latin1) {}

  /** The encoding decided so far ("ascii" while every byte seen is ASCII). */
  get encoding(): string {
    return this.mode;
  }

  push(bytes: Uint8Array): string {
    if (this.mode === "latin-1") return this.legacy(bytes);
    if (this.mode === "utf-8") return this.decodeUtf8(bytes, true);
    const all = this.carry.length === 0 ? bytes : concat(this.carry, bytes);
    this.carry = new Uint8Array(0);
    let lastAscii = all.length - 1;
    while (lastAscii >= 0 && all[lastAscii] >= 0x80) lastAscii--;
    const head = all.subarray(0, lastAscii + 1);
    if (!head.some((b) => b >= 0x80)) {
      this.carry = all.slice(lastAscii + 1);
      return this.utf8.decode(head, { stream: true });
    }
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(head);
      this.mode = "utf-8";
      return this.decodeUtf8(all, true);
    } catch {
      this.mode = "latin-1";
      return this.legacy(all);
    }
  }

  end(): string {
    if (this.mode === "latin-1") return "";
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    if (this.mode === "ascii" && rest.length > 0) {
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(rest);
      } catch {
        this.mode = "latin-1";
        return this.legacy(rest);
      }
    }
    return this.decodeUtf8(rest, false);
  }

  private decodeUtf8(bytes: Uint8Array, stream: boolean): string {
    try {
      return this.utf8.decode(bytes, { stream });
    } catch {
      throw new Error("bytes that are not UTF-8 after UTF-8 text (mixed encodings)");
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/** ISO-8859-1: each byte is the code point of the same number. */
function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return text;
}
