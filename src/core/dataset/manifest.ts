import {
  Commodity,
  ControlEvent,
  Country,
  Dataset,
  Forecast,
  Indicator,
  MANIFEST_FORMAT_VERSION,
  ReportedChange,
  Source,
  TradeObservation,
  UsgsObservation,
  UsgsTableRow,
} from "./dataset";
import { schemaProblems } from "./json-validation";
import {
  checkFormat,
  crossRowProblems,
  DatasetError,
  MAX_PROBLEMS,
  refuseNonFinite,
} from "./validate";

/**
 * Format 2: a JSON manifest (the release, the reference tables, and the list of Arrow IPC files of
 * trade observations with the SHA-256 and byte length of each) plus those files. The manifest's
 * schema is schema.ts's manifestSchema; its tables follow the same rules as format 1's.
 */
export interface ManifestPart {
  /** Relative to the manifest's address (or its folder when imported). */
  path: string;
  /** SHA-256 of the file's bytes, lower-case hex, as `sha256sum` prints it. */
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: Dataset["format"];
  format_version: typeof MANIFEST_FORMAT_VERSION;
  name: string;
  version: string;
  as_of: string;
  sources: Source[];
  commodities: Commodity[];
  countries: Country[];
  reported_changes: ReportedChange[];
  forecasts: Forecast[];
  indicators: Indicator[];
  events: ControlEvent[];
  usgs: UsgsObservation[];
  usgs_tables: UsgsTableRow[];
  /** News trade figures an official figure with their key set aside; absent when none. */
  superseded_trade?: TradeObservation[];
  parts: ManifestPart[];
}

/** A part's bytes as received (kept as they arrived, for the stored copy). */
export interface PartBytes {
  path: string;
  bytes: ArrayBuffer;
}

/** A format 2 dataset as received: the manifest's bytes and its parts'. */
export interface ManifestBundle {
  manifest: ArrayBuffer;
  parts: PartBytes[];
}

/** The most the parts of one dataset may add up to (a 10M-observation dataset is about 270 MB). */
export const MAX_PARTS_BYTES = 512 * 1024 * 1024;

/** Whether a parsed JSON document says it is a format 2 manifest (then readManifest checks it). */
export function isManifest(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { format_version?: unknown }).format_version === MANIFEST_FORMAT_VERSION
  );
}

/**
 * Checks a parsed manifest: format, schema, the reference tables' cross-row rules, each part named
 * once, and the parts' total size. Throws DatasetError naming every problem found.
 */
export function readManifest(value: unknown): Manifest {
  checkFormat(value);
  refuseNonFinite(value);
  const problems = schemaProblems(value, "manifest", MAX_PROBLEMS);
  if (problems.length > 0) throw new DatasetError(problems);
  const manifest = value as Manifest;
  // The reference tables are a format 1 dataset's, without its observations.
  problems.push(...crossRowProblems({ ...manifest, hash: "", exports: [] } as unknown as Dataset));
  const seen = new Map<string, number>();
  manifest.parts.forEach((part, i) => {
    const earlier = seen.get(part.path);
    if (earlier !== undefined)
      problems.push(`/parts/${i}/path: names the part "${part.path}" again (as /parts/${earlier})`);
    seen.set(part.path, i);
  });
  const total = manifest.parts.reduce((sum, part) => sum + part.bytes, 0);
  if (total > MAX_PARTS_BYTES)
    problems.push(
      `/parts: the parts add up to ${total} bytes, above the ${MAX_PARTS_BYTES / 1024 / 1024} MB limit`
    );
  if (problems.length > 0) throw new DatasetError(problems.slice(0, MAX_PROBLEMS));
  return manifest;
}
