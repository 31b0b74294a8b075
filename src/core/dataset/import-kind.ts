import { MANIFEST_FORMAT_VERSION } from "./dataset";

/**
 * What a chosen file is, told from its first bytes, so that a large file is parsed once (where it is
 * loaded), not first whole to learn its kind. Our datasets and manifests start with their `format`
 * and `format_version` fields; a file whose first bytes do not settle the question is parsed as
 * before.
 */

/** How far into a file its leading fields are looked for. */
const HEAD_BYTES = 4096;

/** A leading top-level `"key": scalar` pair of a JSON object (no nested value is looked into). */
const LEADING_FIELD =
  /^\s*"((?:[^"\\]|\\.)*)"\s*:\s*("(?:[^"\\]|\\.)*"|-?\d[\d.eE+-]*|true|false|null)\s*,?/;

/**
 * The scalar fields a JSON object's text starts with, up to its first nested value or the end of
 * the head; null when the bytes do not start a JSON object.
 */
export function leadingJsonFields(bytes: Uint8Array): Map<string, unknown> | null {
  let text = new TextDecoder().decode(bytes.subarray(0, HEAD_BYTES)).replace(/^\uFEFF/, "");
  const open = /^\s*\{/.exec(text);
  if (open === null) return null;
  text = text.slice(open[0].length);
  const fields = new Map<string, unknown>();
  for (let m = LEADING_FIELD.exec(text); m !== null; m = LEADING_FIELD.exec(text)) {
    try {
      fields.set(JSON.parse(`"${m[1]}"`) as string, JSON.parse(m[2]));
    } catch {
      return fields; // a number cut off by the head's end: what came before still holds
    }
    text = text.slice(m[0].length);
  }
  return fields;
}

/**
 * Whether the file's first fields say it is a format 2 manifest (true) or another of our datasets
 * (false); undefined when they do not say (the file is then parsed to tell).
 */
export function manifestByHead(bytes: Uint8Array): boolean | undefined {
  const fields = leadingJsonFields(bytes);
  if (fields === null) return false;
  if (!fields.has("format_version")) return undefined;
  return fields.get("format_version") === MANIFEST_FORMAT_VERSION;
}

/**
 * Whether the file's first fields name a `format`: one of our datasets, never a UN Comtrade API
 * response (which has none; comtrade-file.ts isComtradeResponse), so its kind needs no parse.
 */
export function namesAFormat(bytes: Uint8Array): boolean {
  return leadingJsonFields(bytes)?.has("format") === true;
}
