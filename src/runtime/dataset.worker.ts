import { fetchFeed, FeedError } from "../core/dataset/feed";
import { preparePayload } from "../core/dataset/prepare-payload";
import { tradeBuffers } from "../core/dataset/prepared";
import { DatasetError, NewerFormatError } from "../core/dataset/validate";
import { SentError, WorkerJob, WorkerReply } from "./dataset-worker-protocol";

/**
 * The dataset worker: verifies, parses, decodes and validates a payload (an import, a saved copy),
 * or downloads a feed and does the same, off the thread the workbook's formulas and the pane run
 * on. One job per worker: Cancel and the timeout end the worker itself, whatever phase it is in.
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

async function run(job: WorkerJob): Promise<WorkerReply> {
  if (job.kind === "payload") {
    return { kind: "prepared", prepared: await preparePayload(job.payload) };
  }
  const result = await fetchFeed({
    ...job.options,
    onProgress: (phase, received, total) => reply({ kind: "progress", phase, received, total }),
  });
  return { kind: "feed", result };
}

export function sentError(error: unknown): SentError {
  if (error instanceof FeedError)
    return { name: "FeedError", failure: error.failure, message: error.message };
  if (error instanceof NewerFormatError)
    return { name: "NewerFormatError", problems: error.problems };
  if (error instanceof DatasetError) return { name: "DatasetError", problems: error.problems };
  return { name: "Error", message: error instanceof Error ? error.message : String(error) };
}

/** The buffers a reply hands over: the trade columns', and a feed's downloaded bytes. */
export function transfersOf(reply: WorkerReply): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const prepared =
    reply.kind === "prepared"
      ? reply.prepared
      : reply.kind === "feed" && reply.result.kind === "loaded"
        ? reply.result.prepared
        : undefined;
  if (prepared) for (const b of tradeBuffers(prepared.trade)) buffers.add(b);
  if (reply.kind === "feed" && reply.result.kind === "loaded") {
    const payload = reply.result.payload;
    if (typeof payload !== "string") {
      buffers.add(payload.manifest);
      for (const part of payload.parts) buffers.add(part.bytes);
    }
  }
  return [...buffers];
}
