import { DatasetPayload, prepareHere } from "../core/dataset/payload";
import type { DatasetStorage } from "../core/dataset/restore";
import type { PayloadPreparer } from "../core/dataset/prepared";
import { receivedError, SentError, WorkerJob, WorkerReply } from "./dataset-worker-protocol";

/**
 * Runs dataset jobs in the dataset worker (dataset.worker.ts, built as dataset-worker.js beside the
 * pane). Excel's runtimes all have dedicated workers (WebView2 on Windows, WKWebView on Mac, the
 * browser for Excel on the web); Node and jest do not, and there the load runs in this thread.
 */
export const workersAvailable = typeof Worker !== "undefined";

/** Relative to the page: the shared runtime's page and the worker's script sit in one folder. */
export const DATASET_WORKER_URL = "dataset-worker.js";

export type WorkerProgress = Extract<WorkerReply, { kind: "progress" }>;

/**
 * The worker could not run the job: its script did not load (a host or policy refused it) or it
 * stopped without an answer. The caller does the job in this thread instead: a worker failing is
 * never a reason to refuse a dataset (and remove a saved copy).
 */
export class WorkerStopped extends Error {
  constructor(reason: string) {
    super(`the dataset worker stopped (${reason})`);
    this.name = "WorkerStopped";
  }
}

/**
 * Runs one job in a new worker and ends the worker when the job ends. When `signal` fires the worker
 * is terminated at once, in whatever phase it is (a JSON parse included), and the job rejects with
 * `cancelled()`; nothing it made reaches this thread.
 */
export function runInWorker(
  job: WorkerJob,
  options: {
    signal?: AbortSignal;
    cancelled: () => Error;
    onProgress?: (progress: WorkerProgress) => void;
    /** Turns an error the worker sent into its class (default: the dataset errors). */
    receive?: (sent: SentError) => Error;
    /**
     * Buffers of the job to hand over, not copy (a file's bytes, a copy to save): the job is sent
     * once the worker says it runs, so that a worker that cannot start leaves them usable here.
     */
    transfer?: ArrayBuffer[];
  }
): Promise<WorkerReply> {
  const { signal, cancelled, onProgress, receive = receivedError, transfer = [] } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const worker = new Worker(DATASET_WORKER_URL);
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener("abort", abort);
    };
    const abort = () => {
      finish();
      reject(cancelled());
    };
    signal?.addEventListener("abort", abort);
    worker.onmessage = ({ data }: MessageEvent<WorkerReply>) => {
      if (data.kind === "ready") return transfer.length > 0 && worker.postMessage(job, transfer);
      if (data.kind === "progress") return onProgress?.(data);
      finish();
      if (data.kind === "failed") reject(receive(data.error));
      else resolve(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(new WorkerStopped(event.message || "it could not start"));
    };
    if (transfer.length === 0) worker.postMessage(job);
  });
}

/** Prepares a payload (an import, a saved copy) in the worker; `signal` ends it. */
export const prepareInWorker: PayloadPreparer<DatasetPayload> = async (payload, signal) => {
  let reply: WorkerReply;
  try {
    reply = await runInWorker(
      { kind: "payload", payload },
      { signal, cancelled: () => new Error("The load was cancelled.") }
    );
  } catch (error) {
    if (error instanceof WorkerStopped) return prepareHere(payload, signal);
    throw error;
  }
  if (reply.kind !== "prepared") throw new Error("the dataset worker answered another job");
  return reply.prepared;
};

/**
 * Storage whose saves run in the dataset worker: IndexedDB's copy of tens of megabytes would hold
 * this thread for longer than a frame. The worker gets its own copy of each buffer, made here one
 * at a time (a copy, not the buffer: the dataset in use reads its columns from the downloaded
 * bytes), and handed over. Where the worker cannot start, `storage` saves here. Loads and removals
 * stay with `storage`.
 */
export function savingInWorker(storage: DatasetStorage): DatasetStorage {
  return {
    load: () => storage.load(),
    clear: () => storage.clear(),
    save: async (record) => {
      let copy = record;
      if ("bundle" in record) {
        const parts = [];
        for (const part of record.bundle.parts)
          parts.push({ ...part, bytes: await copyInSlices(part.bytes) });
        copy = { ...record, bundle: { manifest: record.bundle.manifest.slice(0), parts } };
      }
      const transfer =
        "bundle" in copy ? [copy.bundle.manifest, ...copy.bundle.parts.map((p) => p.bytes)] : [];
      try {
        await runInWorker(
          { kind: "save", record: copy },
          { cancelled: () => new Error("the save was cancelled"), transfer }
        );
      } catch (error) {
        if (error instanceof WorkerStopped) return storage.save(record);
        throw error;
      }
    },
  };
}

/** Bytes copied per task by copyInSlices: a few milliseconds. */
const COPY_SLICE_BYTES = 4 * 1024 * 1024;

/** A copy of `bytes`, made a slice per task (after the caller's). */
async function copyInSlices(bytes: ArrayBuffer): Promise<ArrayBuffer> {
  const from = new Uint8Array(bytes);
  const to = new Uint8Array(bytes.byteLength);
  for (let at = 0; at < from.length; at += COPY_SLICE_BYTES) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    to.set(from.subarray(at, at + COPY_SLICE_BYTES), at);
  }
  return to.buffer;
}
