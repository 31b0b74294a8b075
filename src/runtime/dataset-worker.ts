import type { DatasetPayload } from "../core/dataset/payload";
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
  }
): Promise<WorkerReply> {
  const { signal, cancelled, onProgress, receive = receivedError } = options;
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
      if (data.kind === "progress") return onProgress?.(data);
      finish();
      if (data.kind === "failed") reject(receive(data.error));
      else resolve(data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      reject(new Error(`the dataset worker stopped (${event.message || "it could not start"})`));
    };
    worker.postMessage(job);
  });
}

/** Prepares a payload (an import, a saved copy) in the worker; `signal` ends it. */
export const prepareInWorker: PayloadPreparer<DatasetPayload> = async (payload, signal) => {
  const reply = await runInWorker(
    { kind: "payload", payload },
    { signal, cancelled: () => new Error("The load was cancelled.") }
  );
  if (reply.kind !== "prepared") throw new Error("the dataset worker answered another job");
  return reply.prepared;
};
