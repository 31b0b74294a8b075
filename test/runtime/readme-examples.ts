import { readFileSync } from "fs";
import { join } from "path";
import { Argument, parseMineralsFormula } from "../support/evaluate-formula";
import { SentResult } from "./excel-host";

/**
 * The formula examples of README.md's reference tables (`| \`=MINERALS.…\` | result |`), with what
 * the README says each returns, read from the result column:
 * - `` `#N/A` `` (then any prose): an error value with that code;
 * - `` `582` `` / `` `0.0946…` ``: that number (`…`: the digits shown, then more);
 * - `` `text` ``: that text (`…` stands for text left out);
 * - `a card \`Name\``: an entity (Excel data type) showing that text;
 * - `spills …` or `prose: …` with rows split by ` / `: a spilled table, row by row, the words of each
 *   documented row appearing in order among the cells' words (`…` at the end: more rows follow);
 * - `a, b, c`: a one-column spill.
 * Anything else is prose the suite must state itself (`readable: false`).
 */
export type Expected =
  | { kind: "error"; code: string }
  | { kind: "number"; digits: string; truncated: boolean }
  | { kind: "text"; parts: string[] }
  | { kind: "card"; text: string }
  | { kind: "table"; rows: string[][]; more: boolean }
  | { kind: "prose"; text: string };

export interface ReadmeExample {
  formula: string;
  /** The function id and the typed arguments, or why the formula needs a workbook. */
  call: { id: string; args: Argument[] } | { needsWorkbook: string };
  expected: Expected;
  line: number;
}

export function readmeExamples(): ReadmeExample[] {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  const examples: ReadmeExample[] = [];
  readme.split("\n").forEach((text, i) => {
    const row = text.match(/^\| `(=MINERALS\.[^`]*)`[^|]*\| (.*) \|$/);
    if (!row) return;
    let call: ReadmeExample["call"];
    try {
      const parsed = parseMineralsFormula(row[1]);
      call = { id: parsed.name, args: parsed.args };
    } catch (error) {
      call = { needsWorkbook: (error as Error).message };
    }
    examples.push({ formula: row[1], call, expected: readExpected(row[2]), line: i + 1 });
  });
  return examples;
}

const NUMBER = /^-?\d+(\.\d+)?…?$/;

function readExpected(text: string): Expected {
  const error = text.match(/^`(#[A-Z0-9/]+[!?]?)`/);
  if (error) return { kind: "error", code: error[1] };
  const card = text.match(/^a card `([^`]*)`/);
  if (card) return { kind: "card", text: card[1] };
  if (/^`[^`]*`, `/.test(text) || /^spills /.test(text) || /^[^`]*: `.* \/ /.test(text)) {
    return table(text.replace(/^(spills|[^`]*:) /, ""));
  }
  const scalar = text.match(/^`([^`]*)`( \(|,|:| —|$)/);
  if (scalar) {
    const value = scalar[1];
    if (NUMBER.test(value))
      return { kind: "number", digits: value.replace("…", ""), truncated: value.endsWith("…") };
    return { kind: "text", parts: value.split("…") };
  }
  if (/^[\w.-]+(, [\w.-]+)*(, …)?$/.test(text)) {
    const items = text.split(", ");
    const more = items[items.length - 1] === "…";
    return { kind: "table", rows: items.filter((item) => item !== "…").map((w) => [w]), more };
  }
  return { kind: "prose", text };
}

function table(text: string): Expected {
  const rows = text.split(" / ").map(words);
  const last = rows[rows.length - 1];
  const more = last[last.length - 1] === "…";
  if (more) last.pop();
  return { kind: "table", rows, more };
}

function words(text: string): string[] {
  return text
    .replace(/`/g, "")
    .split(/[\s,]+/)
    .filter((w) => w !== "");
}

/** What an Excel cell shows as words: numbers in full, errors by code. */
function cellWords(value: unknown): string[] {
  if (value !== null && typeof value === "object")
    return [String((value as { code?: unknown }).code)];
  return words(String(value));
}

function wordMatches(documented: string, actual: string): boolean {
  if (NUMBER.test(documented) && documented.endsWith("…"))
    return actual.startsWith(documented.slice(0, -1));
  return documented === actual;
}

/** Why the result differs from what the README says, or undefined when it matches. */
export function mismatch(expected: Expected, sent: SentResult[]): string | undefined {
  if (sent.length !== 1) return `expected one result, the runtime sent ${sent.length}`;
  const result = sent[0];
  if (!result.ok)
    return `the runtime sent a failure (code ${result.errorCode}): ${String(result.message)}`;
  const value = result.value;
  const shown = JSON.stringify(value);
  switch (expected.kind) {
    case "error": {
      const code = (value as { code?: unknown } | null)?.code;
      return code === expected.code ? undefined : `expected ${expected.code}, got ${shown}`;
    }
    case "number":
      if (typeof value !== "number") return `expected a number, got ${shown}`;
      if (
        expected.truncated
          ? String(value).startsWith(expected.digits)
          : value === Number(expected.digits)
      )
        return undefined;
      return `expected ${expected.digits}${expected.truncated ? "…" : ""}, got ${value}`;
    case "text": {
      if (typeof value !== "string") return `expected text, got ${shown}`;
      const [first, ...rest] = expected.parts;
      if (!value.startsWith(first))
        return `expected text starting ${JSON.stringify(first)}, got ${shown}`;
      let from = first.length;
      for (const [i, part] of rest.entries()) {
        const at =
          i === rest.length - 1 && part !== ""
            ? value.length - part.length
            : value.indexOf(part, from);
        if (at < from || value.slice(at, at + part.length) !== part)
          return `expected ${JSON.stringify(part)} after position ${from}, got ${shown}`;
        from = at + part.length;
      }
      if (rest.length === 0 && value !== first)
        return `expected ${JSON.stringify(first)}, got ${shown}`;
      return undefined;
    }
    case "card": {
      const entity = value as { type?: unknown; text?: unknown } | null;
      return entity?.type === "Entity" && entity.text === expected.text
        ? undefined
        : `expected a card showing ${JSON.stringify(expected.text)}, got ${shown.slice(0, 200)}`;
    }
    case "table": {
      if (!Array.isArray(value)) return `expected a spilled table, got ${shown}`;
      const rows = value as unknown[][];
      if (expected.more ? rows.length < expected.rows.length : rows.length !== expected.rows.length)
        return `expected ${expected.rows.length}${expected.more ? " or more" : ""} rows, got ${shown}`;
      for (const [r, documented] of expected.rows.entries()) {
        const actual = rows[r].flatMap(cellWords);
        let at = 0;
        for (const word of documented) {
          while (at < actual.length && !wordMatches(word, actual[at])) at++;
          if (at === actual.length)
            return `row ${r + 1}: expected ${JSON.stringify(documented)}, got ${JSON.stringify(rows[r])}`;
          at++;
        }
      }
      return undefined;
    }
    case "prose":
      return `the README states this result in prose; the suite must state it: ${expected.text}`;
  }
}
