import { ImportOutcome, ImportPhase, prepareImportFiles } from "../core/dataset/import";
import { indexPrepared, preparedOf } from "../core/dataset/prepared";
import { ImportJob, SentImportOutcome } from "./dataset-worker-protocol";

/**
 * A file import in the dataset worker: the file's kind, its parse (JSON, CSV, a Comtrade file), the
 * merge into the dataset in use, a format 2 part's writing, verification, decoding and validation,
 * all by the core's one import path (import.ts), here as in the pane's thread where no worker runs.
 */
export async function runImportJob(
  job: ImportJob,
  onPhase: (phase: ImportPhase) => void
): Promise<SentImportOutcome> {
  const data = indexPrepared(job.current);
  const files = job.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
  const context = { data, reference: job.reference, today: job.today };
  return sentImportOutcome(await prepareImportFiles(files, data.dataset, context, { onPhase }));
}

/** The outcome to send: a dataset to apply as its tables and columns (transferred, not copied). */
export function sentImportOutcome(outcome: ImportOutcome): SentImportOutcome {
  if (!outcome.ok) return outcome;
  const { data, ...rest } = outcome;
  return { ...rest, prepared: preparedOf(data) };
}
