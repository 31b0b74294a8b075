import { fetchFeed } from "../core/dataset/feed";
import { preparePayload } from "../core/dataset/prepare-payload";
import { WorkerJob, WorkerReply } from "./dataset-worker-protocol";
import { sentError, transfersOf } from "./dataset-worker-replies";
import { runImportJob } from "./import-job";
import { indexedDbStorage } from "./dataset-storage";

/**
 * The dataset worker: verifies, parses, decodes and validates a payload (a saved copy), downloads a
 * feed and does the same, or reads a file import (its kind, parse, merge; import-job.ts) and does
 * the same, off the thread the workbook's formulas and the pane run on; and saves the dataset in
 * use to IndexedDB (storing tens of megabytes copies them, which would hold that thread for longer
 * than a frame). One job per worker: Cancel and the timeout end the worker itself, whatever phase
 * it is in.
 */
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerJob>) => void) | null;
  postMessage(reply: WorkerReply, transfer?: Transferable[]): void;
};

const reply = (message: WorkerReply) => scope.postMessage(message, transfersOf(message));

scope.onmessage = (event) => {
  void run(event.data).then(reply, (error: unknown) =>
    reply({ kind: "failed", error: sentError(error) })
  );
};

reply({ kind: "ready" });

async function run(job: WorkerJob): Promise<WorkerReply> {
  if (job.kind === "save") {
    await indexedDbStorage().save(job.record);
    return { kind: "saved" };
  }
  if (job.kind === "payload") {
    return { kind: "prepared", prepared: await preparePayload(job.payload) };
  }
  if (job.kind === "import") {
    const outcome = await runImportJob(job.job, (phase) => reply({ kind: "progress", phase }));
    return { kind: "imported", outcome };
  }
  const result = await fetchFeed({
    ...job.options,
    onProgress: (phase, received, total) => reply({ kind: "progress", phase, received, total }),
  });
  return { kind: "feed", result };
}
