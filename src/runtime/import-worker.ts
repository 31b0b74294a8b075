import type { ComtradeImportContext } from "../core/dataset/comtrade-import";
import {
  ImportFile,
  ImportOptions,
  ImportOutcome,
  prepareImportFiles,
} from "../core/dataset/import";
import { indexPrepared, preparedOf } from "../core/dataset/prepared";
import { ImportJob, SentImportOutcome } from "./dataset-worker-protocol";
import { runInWorker, WorkerStopped } from "./dataset-worker";

/**
 * A file import read in the dataset worker (import-job.ts): the pane's thread sends the files' bytes
 * and the dataset in use, and gets back a dataset to apply, or the file's problems exactly as the
 * core's import path states them. `signal` ends the worker in any phase.
 */
export async function prepareImportInWorker(
  files: readonly ImportFile[],
  context: ComtradeImportContext,
  options: ImportOptions & { onApply?(): void; reread?(): Promise<ImportFile[]> }
): Promise<ImportOutcome> {
  const { job, transfer } = importJobOf(files, context, options.reread === undefined);
  let reply;
  try {
    reply = await runInWorker(
      { kind: "import", job },
      {
        signal: options.signal,
        cancelled: () => new Error("The import was cancelled."),
        onProgress: (p) => {
          if (p.phase === "read" || p.phase === "validate") options.onPhase?.(p.phase);
        },
        transfer,
      }
    );
  } catch (error) {
    // A worker that cannot run is no reason to refuse the file: it is read in this thread.
    if (error instanceof WorkerStopped)
      return prepareImportHere(options.reread ? await options.reread() : files, context, options);
    throw error;
  }
  if (reply.kind !== "imported") throw new Error("the dataset worker answered another job");
  // The result's index, the diff and the swap are the apply: one step, as a refresh's.
  options.onApply?.();
  return receivedImportOutcome(reply.outcome);
}

/**
 * The job for the worker: each file's bytes, transferred (a copy when `keepBytes`: the caller cannot
 * read the file again should the worker not start), and the dataset in use as tables and columns
 * (copied: it stays in use).
 */
export function importJobOf(
  files: readonly ImportFile[],
  context: ComtradeImportContext,
  keepBytes: boolean
): { job: ImportJob; transfer: ArrayBuffer[] } {
  const whole = (bytes: Uint8Array) =>
    !keepBytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  const sent = files.map((f) => ({
    name: f.name,
    bytes: whole(f.bytes) ? (f.bytes.buffer as ArrayBuffer) : f.bytes.slice().buffer,
  }));
  const job: ImportJob = {
    files: sent,
    current: preparedOf(context.data),
    reference: context.reference,
    today: context.today,
  };
  return { job, transfer: sent.map((f) => f.bytes) };
}

/** The same import in this thread, where no worker runs (its loads yield between their phases). */
export function prepareImportHere(
  files: readonly ImportFile[],
  context: ComtradeImportContext,
  options: ImportOptions
): Promise<ImportOutcome> {
  return prepareImportFiles(files, context.data.dataset, context, options);
}

/** The outcome received, indexed on the thread that applies it (the small rest of the index). */
export function receivedImportOutcome(sent: SentImportOutcome): ImportOutcome {
  if (!sent.ok) return sent;
  const { prepared, ...rest } = sent;
  return { ...rest, data: indexPrepared(prepared) };
}
