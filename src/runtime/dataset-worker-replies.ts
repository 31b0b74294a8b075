import { FeedError } from "../core/dataset/feed";
import { tradeBuffers } from "../core/dataset/prepared";
import { DatasetError, NewerFormatError } from "../core/dataset/validate";
import { SentError, WorkerReply } from "./dataset-worker-protocol";

/** The worker's side of the protocol (dataset-worker-protocol.ts): errors as data, buffers to hand over. */

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
