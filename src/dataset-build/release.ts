import { readFileSync } from "fs";
import { BuildError } from "../core/dataset/build-error";

/** `data/release.json`: the name, version and as-of date the data team gives a dataset release. */
export interface Release {
  name: string;
  version: string;
  as_of: string;
}

export function readRelease(path: string, label: string): Release {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new BuildError(label, null, null, (error as Error).message);
  }
  const release = value as Partial<Record<keyof Release, unknown>>;
  for (const field of ["name", "version", "as_of"] as const) {
    if (typeof release[field] !== "string" || release[field] === "") {
      throw new BuildError(label, null, field, "missing or not text");
    }
  }
  return release as Release;
}
