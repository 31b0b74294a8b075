import { Dataset, MANIFEST_FORMAT_VERSION } from "./dataset";
import { Manifest, ManifestPart } from "./manifest";

/** A dataset's tables without its observations: what a format 2 manifest carries besides its parts. */
export type ManifestTables = Omit<Dataset, "exports" | "hash" | "format_version">;

/**
 * The bytes of a format 2 manifest listing `parts` (written by the build, the publishing path and the
 * pane's import alike). Written once, final: the dataset's hash is the SHA-256 of exactly these bytes.
 */
export function manifestBytes(
  dataset: ManifestTables | Dataset,
  parts: ManifestPart[]
): Uint8Array {
  // Not `exports`: in the CommonJS the tests run, that name would hide the module's own exports.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { exports: rows, hash, format_version: version, ...tables } = dataset as Dataset;
  // Key order as in the schema: format, format_version, name, … then the tables, then parts.
  const { format, ...rest } = tables;
  const manifest: Manifest = { format, format_version: MANIFEST_FORMAT_VERSION, ...rest, parts };
  return new TextEncoder().encode(JSON.stringify(manifest));
}
