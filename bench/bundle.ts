/**
 * Bundle sizes of a production build: the functions code without the dataset it embeds, the
 * task-pane code, and the dataset published beside them. Used by `npm run bench` and by the
 * bundle-size budget test.
 *
 * The functions bundle embeds the compiled dataset as webpack emits a JSON module:
 * `JSON.parse('{"format":"minerals-for-excel/dataset",…}')`. "Functions code without the dataset" is
 * that bundle with exactly this string literal replaced by `'{}'`, measured raw and gzip; the literal
 * is decoded and checked to be the dataset (its format field and hash), so the subtraction cannot
 * silently remove something else. If webpack ever embeds it another way, measuring fails loudly.
 */
import { execFileSync } from "child_process";
import { existsSync, readdirSync, readFileSync } from "fs";
import { join } from "path";
import { gzipSync } from "zlib";
import { DATASET_FORMAT } from "../src/core/dataset/dataset";

export const ROOT = join(__dirname, "..");

export interface Size {
  raw: number;
  /** gzip at zlib's default level (6), as most web servers send it. */
  gzip: number;
}

export interface BundleSizes {
  dir: string;
  /** dist/functions.js as shipped (code + embedded dataset). */
  functions: Size;
  /** The functions bundle without the embedded dataset literal. */
  functionsCode: Size;
  /** The embedded dataset: raw = the literal's length; gzip = what it adds to the gzipped bundle. */
  embeddedDataset: Size & { hash: string };
  /** taskpane.js and any other script chunk (lazy chunks) beside functions.js. */
  taskpane: Size & { files: string[] };
  /** dist/data/minerals.json, the dataset published next to the add-in for refreshes. */
  dataset: Size;
}

export function sizeOf(content: string | Buffer): Size {
  const buffer = typeof content === "string" ? Buffer.from(content) : content;
  return { raw: buffer.length, gzip: gzipSync(buffer).length };
}

/** Runs the production webpack build into `outDir` (as `npm run build` does, minus build:data). */
export function buildProduction(outDir: string): void {
  execFileSync(
    process.execPath,
    [
      require.resolve("webpack-cli/bin/cli.js"),
      "--mode",
      "production",
      "--env",
      `outputPath=${outDir}`,
    ],
    { cwd: ROOT, stdio: "pipe" }
  );
}

/** Decodes the body of a JavaScript string literal (the escapes a minifier may write). */
export function decodeStringLiteral(body: string): string {
  return body.replace(
    /\\(u\{([0-9a-fA-F]+)\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|\r\n|[\s\S])/g,
    (_all, escape: string, codePoint?: string, unit?: string, byte?: string) => {
      if (codePoint) return String.fromCodePoint(parseInt(codePoint, 16));
      if (unit) return String.fromCharCode(parseInt(unit, 16));
      if (byte) return String.fromCharCode(parseInt(byte, 16));
      const simple: Record<string, string> = {
        n: "\n",
        r: "\r",
        t: "\t",
        b: "\b",
        f: "\f",
        v: "\v",
        "0": "\0",
      };
      if (
        escape === "\r\n" ||
        escape === "\n" ||
        escape === "\r" ||
        escape === "\u2028" ||
        escape === "\u2029"
      )
        return "";
      return simple[escape] ?? escape;
    }
  );
}

/**
 * Finds the embedded dataset (`JSON.parse('…')` whose text is the dataset) in the functions bundle and
 * returns the bundle without it. Throws when there is no such literal.
 */
export function withoutEmbeddedDataset(code: string): {
  code: string;
  literal: string;
  hash: string;
} {
  const marker = /JSON\.parse\((['"])\{\\?"format\\?":\\?"minerals-for-excel\/dataset/g;
  const match = marker.exec(code);
  if (!match) {
    throw new Error(
      `The embedded dataset was not found in functions.js (no JSON.parse('{"format":"${DATASET_FORMAT}"…')). ` +
        "Has webpack changed how it embeds JSON modules? Update bench/bundle.ts."
    );
  }
  const quote = match[1];
  const start = match.index + "JSON.parse(".length; // the opening quote
  let end = start + 1;
  while (end < code.length && code[end] !== quote) end += code[end] === "\\" ? 2 : 1;
  if (code[end] !== quote)
    throw new Error("The embedded dataset literal in functions.js is not terminated.");
  const literal = code.slice(start, end + 1);
  const dataset = JSON.parse(decodeStringLiteral(literal.slice(1, -1))) as {
    format?: unknown;
    hash?: unknown;
  };
  if (dataset.format !== DATASET_FORMAT || typeof dataset.hash !== "string") {
    throw new Error("The literal found in functions.js does not decode to a dataset.");
  }
  if (marker.exec(code)) throw new Error("functions.js embeds more than one dataset.");
  return { code: code.slice(0, start) + "'{}'" + code.slice(end + 1), literal, hash: dataset.hash };
}

export function measureBundle(dir: string): BundleSizes {
  const functionsText = readFileSync(join(dir, "functions.js"), "utf8");
  const functions = sizeOf(functionsText);
  const stripped = withoutEmbeddedDataset(functionsText);
  const functionsCode = sizeOf(stripped.code);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".js") && f !== "functions.js")
    .sort();
  const pane = Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
  const datasetFile = join(dir, "data", "minerals.json");
  return {
    dir,
    functions,
    functionsCode,
    embeddedDataset: {
      raw: stripped.literal.length,
      gzip: functions.gzip - functionsCode.gzip,
      hash: stripped.hash,
    },
    // Each file is sent on its own, so each is gzipped on its own.
    taskpane: {
      raw: pane.length,
      gzip: files.reduce((sum, f) => sum + sizeOf(readFileSync(join(dir, f))).gzip, 0),
      files,
    },
    dataset: existsSync(datasetFile) ? sizeOf(readFileSync(datasetFile)) : { raw: 0, gzip: 0 },
  };
}
