import type { ErrorObject, ValidateFunction } from "ajv";
import * as generated from "../../../build/validators";
import { ROW_TABLES } from "./tables";

/**
 * Schema checks of JSON documents (a format 1 dataset, a format 2 manifest) with the validators
 * generated from schema.ts at build time (src/dataset-build/validators.ts): plain code, no schema
 * interpretation and no eval at run time. The envelope first, then every row of every table with
 * its table's validator: a valid document is one pass; a refusal lists the problems of the failing
 * rows (up to `limit`), each naming its place as a JSON pointer.
 */

export type DocumentKind = "dataset" | "manifest";

/** The problems the schema finds in a parsed document; empty when it is valid. */
export function schemaProblems(value: unknown, kind: DocumentKind, limit: number): string[] {
  const problems: string[] = [];
  const envelope = generated[kind] as ValidateFunction;
  if (!envelope(value)) problems.push(...describeAll(envelope.errors, value, ""));
  if (typeof value !== "object" || value === null || Array.isArray(value)) return problems;
  const top = value as Record<string, unknown>;
  for (const table of ROW_TABLES) {
    const rows = top[table];
    if (!Array.isArray(rows)) continue;
    const validateRow = generated[table] as ValidateFunction;
    for (let i = 0; i < rows.length && problems.length < limit; i++) {
      if (!validateRow(rows[i]))
        problems.push(...describeAll(validateRow.errors, rows[i], `/${table}/${i}`));
    }
  }
  return problems.slice(0, limit);
}

function describeAll(
  errors: ErrorObject[] | null | undefined,
  root: unknown,
  base: string
): string[] {
  const lines = (errors ?? [undefined]).map((e) => describe(e, root, base));
  return [...new Set(lines)];
}

/** A generated validator's error as "<JSON pointer>: what is wrong". */
function describe(error: ErrorObject | undefined, root: unknown, base: string): string {
  if (error === undefined) return `${base || "/"}: does not match the schema`;
  const path = base + error.instancePath;
  const params = error.params as Record<string, unknown>;
  const at = (p: string) => p || "/";
  switch (error.keyword) {
    case "required":
      return `${at(path)}: missing required property "${String(params.missingProperty)}"`;
    case "additionalProperties":
      return `${path}/${String(params.additionalProperty)}: unexpected property`;
    case "type":
      return `${at(path)}: must be ${String(params.type).replace(",", " or ")}, not ${typeOf(valueAt(root, error.instancePath))}`;
    case "const":
      return `${at(path)}: must be ${JSON.stringify(params.allowedValue)}`;
    case "enum":
      return `${at(path)}: must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "pattern":
      return `${at(path)}: is not in the expected form (${String(params.pattern)})`;
    case "minLength":
    case "maxLength":
      return `${at(path)}: must have ${error.keyword === "minLength" ? "at least" : "at most"} ${String(params.limit)} characters`;
    case "minItems":
    case "maxItems":
    case "maxProperties":
      return `${at(path)}: must have ${error.keyword.startsWith("min") ? "at least" : "at most"} ${String(params.limit)} ${error.keyword === "maxProperties" ? "properties" : "items"}`;
    case "minimum":
    case "maximum":
      return `${at(path)}: must be ${String(params.comparison)} ${String(params.limit)}`;
    default:
      return `${at(path)}: does not match the schema (${error.keyword})`;
  }
}

/** The value a JSON pointer (as Ajv writes it) leads to in `root`. */
function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const token of pointer.split("/").slice(1)) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[token.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return node;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
