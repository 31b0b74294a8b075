/**
 * SYNTHETIC feeds for the browser figures and tests: a format 2 feed (manifest + one Arrow part) of
 * `observations` generated export figures, and a format 1 JSON feed, written into a temporary folder
 * (never into the repository or the build). Dated after the bundled dataset, so that a saved copy
 * of them is restored at start-up rather than giving way to a newer bundled dataset.
 */
import { mkdtempSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { formatTwoFiles } from "../src/dataset-build/manifest-writer";
import { generateColumns, readReference, syntheticDataset } from "./synthetic";

export const SYNTHETIC_FEED_AS_OF = "2099-01-01";

export interface SyntheticFeed {
  dir: string;
  /** File names in `dir`: the manifest (or the JSON dataset) first. */
  files: string[];
  version: string;
}

/** Writes a format 2 feed of `observations` figures; returns its folder and files. */
export function writeFormatTwoFeed(observations: number): SyntheticFeed {
  const { dataset, trade } = generateColumns(observations, readReference());
  const version = `2099.01.01-synthetic.${observations}`;
  const files = formatTwoFiles({ ...dataset, version, as_of: SYNTHETIC_FEED_AS_OF }, trade);
  const dir = mkdtempSync(join(tmpdir(), "minerals-synthetic-v2-"));
  const manifestName = "minerals.manifest.json";
  writeFileSync(join(dir, manifestName), files.manifest.bytes);
  for (const part of files.parts) writeFileSync(join(dir, part.path), part.bytes);
  return { dir, files: [manifestName, ...files.parts.map((p) => p.path)], version };
}

/** Writes a format 1 JSON feed of `observations` figures (about 146 bytes each), hash included. */
export async function writeFormatOneFeed(observations: number): Promise<SyntheticFeed> {
  const dataset = await syntheticDataset(observations, readReference());
  const dir = mkdtempSync(join(tmpdir(), "minerals-synthetic-v1-"));
  writeFileSync(join(dir, "minerals.json"), JSON.stringify(dataset));
  return { dir, files: ["minerals.json"], version: dataset.version };
}
