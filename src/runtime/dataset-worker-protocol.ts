import type { FeedFailure, FeedOptions, FeedPhase, FeedResult } from "../core/dataset/feed";
import { DatasetError, NewerFormatError } from "../core/dataset/dataset-error";
import type { DatasetPayload } from "../core/dataset/payload";
import type { PreparedDataset } from "../core/dataset/prepared";
import type { ComtradeReference } from "../core/dataset/comtrade-places";
import type { ImportOutcome, ImportPhase } from "../core/dataset/import";
import type { StoredRecord } from "../core/dataset/stored";

/**
 * The messages between the pane's thread and the dataset worker (dataset.worker.ts): one job per
 * worker. Results carry typed arrays whose buffers are transferred, not copied; errors cross as data
 * and become the same classes again, so callers cannot tell a worker from this thread.
 */

/** The feed options that can cross to a worker (the signal and the progress callback stay here). */
export type WorkerFeedOptions = Omit<FeedOptions, "signal" | "onProgress">;

/**
 * A file import: the files' bytes (transferred) and what reading them needs, the dataset in use as
 * its tables and trade columns (a copy: this thread keeps using it) among them.
 */
export interface ImportJob {
  files: { name: string; bytes: ArrayBuffer }[];
  current: PreparedDataset;
  reference: ComtradeReference;
  today: string;
}

/** An import's outcome as it crosses: a dataset to apply comes prepared and is indexed here. */
export type SentImportOutcome =
  | Extract<ImportOutcome, { ok: false }>
  | (Omit<Extract<ImportOutcome, { ok: true }>, "data"> & { prepared: PreparedDataset });

export type WorkerJob =
  | { kind: "payload"; payload: DatasetPayload }
  | { kind: "feed"; options: WorkerFeedOptions }
  | { kind: "import"; job: ImportJob }
  | { kind: "save"; record: StoredRecord };

export type WorkerReply =
  /** Sent once the worker's script runs: a job whose buffers are handed over waits for it. */
  | { kind: "ready" }
  | { kind: "saved" }
  | { kind: "progress"; phase: FeedPhase | ImportPhase; received?: number; total?: number }
  | { kind: "prepared"; prepared: PreparedDataset }
  | { kind: "feed"; result: FeedResult }
  | { kind: "imported"; outcome: SentImportOutcome }
  | { kind: "failed"; error: SentError };

export type SentError =
  | { name: "FeedError"; failure: FeedFailure; message: string }
  | { name: "DatasetError" | "NewerFormatError"; problems: string[] }
  | { name: "Error"; message: string };

/** The error a worker sent, as its class again (a FeedError is made by the feed's client). */
export function receivedError(sent: SentError): Error {
  switch (sent.name) {
    case "NewerFormatError":
      return new NewerFormatError(sent.problems[0]);
    case "DatasetError":
      return new DatasetError(sent.problems);
    default:
      return new Error(sent.message);
  }
}
