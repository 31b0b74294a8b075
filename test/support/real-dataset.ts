import { readFileSync } from "fs";
import { join } from "path";
import Papa from "papaparse";
import { Dataset } from "../../src/core/dataset/dataset";
import { IndexedDataset, indexDataset } from "../../src/core/dataset/indexed";
import { compileDataset } from "../../src/dataset-build/compile";

export const DATA_DIR = join(__dirname, "..", "..", "data");

let compiled: Dataset | undefined;

/** The real dataset, compiled from data/ by the same code the build runs. */
export function realDataset(): Dataset {
  compiled ??= compileDataset(DATA_DIR);
  return structuredClone(compiled);
}

export function realIndexed(): IndexedDataset {
  return indexDataset(realDataset());
}

/** A source CSV read independently of the product's reader, for checking that figures come through. */
export function csvRows(relative: string): Record<string, string>[] {
  return Papa.parse<Record<string, string>>(readFileSync(join(DATA_DIR, relative), "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data;
}
