import { IndexedDataset } from "./indexed";
import { loadDatasetText } from "./load";
import { DatasetOrigin } from "../runtime/store";

/** What is kept between sessions: the dataset text as it was validated, and where it came from. */
export interface StoredDataset {
  kind: "minerals-for-excel/stored";
  version: 1;
  text: string;
  origin: DatasetOrigin;
  /** ISO 8601 time the dataset was applied. */
  savedAt: string;
  /** The feed's ETag, for a conditional request on the next refresh. */
  etag: string | null;
}

export type Restored =
  | { ok: true; data: IndexedDataset; origin: DatasetOrigin; savedAt: Date; etag: string | null }
  | { ok: false; notice: string };

export function storedRecord(
  text: string,
  origin: DatasetOrigin,
  savedAt: Date,
  etag: string | null = null
): StoredDataset {
  return {
    kind: "minerals-for-excel/stored",
    version: 1,
    text,
    origin,
    savedAt: savedAt.toISOString(),
    etag,
  };
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
  const record = value as Partial<StoredDataset>;
  if (
    typeof record !== "object" ||
    record.kind !== "minerals-for-excel/stored" ||
    typeof record.text !== "string" ||
    !isOrigin(record.origin) ||
    typeof record.savedAt !== "string" ||
    Number.isNaN(Date.parse(record.savedAt)) ||
    !(record.etag === undefined || record.etag === null || typeof record.etag === "string")
  ) {
    return { ok: false, notice: "The saved dataset could not be read; using the bundled dataset." };
  }
  if (record.version !== 1) {
    return {
      ok: false,
      notice: `The saved dataset uses ${typeof record.version === "number" ? `storage version ${record.version}` : "no storage version this add-in knows"}; using the bundled dataset.`,
    };
  }
  try {
    const data = await loadDatasetText(record.text);
    return {
      ok: true,
      data,
      origin: record.origin,
      savedAt: new Date(record.savedAt),
      etag: record.etag ?? null,
    };
  } catch (error) {
    return {
      ok: false,
      notice: `The saved dataset was rejected (${(error as Error).message}); using the bundled dataset.`,
    };
  }
}
