import { IndexedDataset } from "./indexed";
import { ManifestBundle } from "./manifest";
import { DatasetPayload, loadPayload } from "./payload";
import { DatasetOrigin } from "../runtime/store";
import { NewerFormatError } from "./dataset-error";

/** The storage record version this build writes and reads; a higher one was written by a newer add-in. */
export const STORAGE_VERSION = 1;

/** What is kept between sessions: the dataset text as it was validated, and where it came from. */
export interface StoredDataset extends StoredCommon {
  text: string;
}

/**
 * A format 2 dataset kept between sessions: the manifest's and the parts' bytes as they arrived
 * (IndexedDB stores ArrayBuffers as they are), verified by their hashes again on restore.
 */
export interface StoredBundle extends StoredCommon {
  bundle: ManifestBundle;
}

export type StoredRecord = StoredDataset | StoredBundle;

interface StoredCommon {
  kind: "minerals-for-excel/stored";
  version: typeof STORAGE_VERSION;
  origin: DatasetOrigin;
  /** ISO 8601 time the dataset was applied. */
  savedAt: string;
  /** The feed's ETag, for a conditional request on the next refresh. */
  etag: string | null;
}

export type Restored =
  | { ok: true; data: IndexedDataset; origin: DatasetOrigin; savedAt: Date; etag: string | null }
  /** `keep`: the copy is good for a newer add-in (it wrote it); it must not be removed. */
  | { ok: false; notice: string; keep: boolean };

export function storedRecord<P extends DatasetPayload>(
  payload: P,
  origin: DatasetOrigin,
  savedAt: Date,
  etag: string | null = null
): P extends string ? StoredDataset : StoredBundle {
  const common: StoredCommon = {
    kind: "minerals-for-excel/stored",
    version: STORAGE_VERSION,
    origin,
    savedAt: savedAt.toISOString(),
    etag,
  };
  const record: StoredRecord =
    typeof payload === "string"
      ? { ...common, text: payload }
      : { ...common, bundle: payload as ManifestBundle };
  return record as P extends string ? StoredDataset : StoredBundle;
}

/** Whether storage returned a format 2 bundle's shape: the manifest's bytes and each part's. */
function isBundle(value: unknown): value is ManifestBundle {
  const bundle = value as Partial<ManifestBundle> | null;
  return (
    typeof bundle === "object" &&
    bundle !== null &&
    bundle.manifest instanceof ArrayBuffer &&
    Array.isArray(bundle.parts) &&
    bundle.parts.every(
      (p: unknown) =>
        typeof p === "object" &&
        p !== null &&
        typeof (p as { path?: unknown }).path === "string" &&
        (p as { bytes?: unknown }).bytes instanceof ArrayBuffer
    )
  );
}

function isOrigin(value: unknown): value is DatasetOrigin {
  const origin = value as { kind?: unknown; url?: unknown; name?: unknown } | null;
  if (typeof origin !== "object" || origin === null) return false;
  return (
    (origin.kind === "feed" && typeof origin.url === "string") ||
    (origin.kind === "file" && typeof origin.name === "string") ||
    origin.kind === "bundled"
  );
}

/**
 * Reads what storage returned. Anything that is not a stored dataset we can fully verify (garbage,
 * a truncated or altered text, a hash mismatch, an unknown format version) gives a notice and the
 * caller keeps the bundled dataset; nothing stored is ever half-used.
 */
export async function restoreStored(value: unknown): Promise<Restored | undefined> {
  if (value === undefined || value === null) return undefined;
  const record = value as Partial<StoredDataset & StoredBundle>;
  // A newer add-in's record is kept whatever its shape: this build cannot judge it.
  const version: unknown = typeof record === "object" ? record.version : undefined;
  if (
    record.kind === "minerals-for-excel/stored" &&
    typeof version === "number" &&
    Number.isInteger(version) &&
    version > STORAGE_VERSION
  ) {
    return { ok: false, notice: savedByNewer(`storage version ${version}`), keep: true };
  }
  if (
    typeof record !== "object" ||
    record.kind !== "minerals-for-excel/stored" ||
    !(typeof record.text === "string" || isBundle(record.bundle)) ||
    !isOrigin(record.origin) ||
    typeof record.savedAt !== "string" ||
    Number.isNaN(Date.parse(record.savedAt)) ||
    !(record.etag === undefined || record.etag === null || typeof record.etag === "string")
  ) {
    return {
      ok: false,
      notice: "The saved dataset could not be read; using the bundled dataset.",
      keep: false,
    };
  }
  if (version !== STORAGE_VERSION) {
    return {
      ok: false,
      notice: `The saved dataset uses ${typeof version === "number" ? `storage version ${version}` : "no storage version this add-in knows"}; using the bundled dataset.`,
      keep: false,
    };
  }
  try {
    const data = await loadPayload(
      typeof record.text === "string" ? record.text : (record.bundle as ManifestBundle)
    );
    return {
      ok: true,
      data,
      origin: record.origin,
      savedAt: new Date(record.savedAt),
      etag: record.etag ?? null,
    };
  } catch (error) {
    if (error instanceof NewerFormatError) {
      return { ok: false, notice: savedByNewer(error.problems[0]), keep: true };
    }
    return {
      ok: false,
      notice: `The saved dataset was rejected (${(error as Error).message}); using the bundled dataset.`,
      keep: false,
    };
  }
}

function savedByNewer(what: string): string {
  return `The saved dataset was saved by a newer version of the add-in (${what}); using the bundled dataset. The saved copy is kept: update the add-in to use it.`;
}
