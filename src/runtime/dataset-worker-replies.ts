import { FeedError } from "../core/dataset/feed";
import type { DatasetPayload } from "../core/dataset/payload";
import { PreparedDataset, tradeBuffers } from "../core/dataset/prepared";
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

/** The buffers a reply hands over: the trade columns', and a format 2 payload's bytes. */
export function transfersOf(reply: WorkerReply): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  let prepared: PreparedDataset | undefined;
  let payload: DatasetPayload | undefined;
  if (reply.kind === "prepared") prepared = reply.prepared;
  else if (reply.kind === "feed" && reply.result.kind === "loaded")
    ({ prepared, payload } = reply.result);
  else if (reply.kind === "imported" && reply.outcome.ok) ({ prepared, payload } = reply.outcome);
  if (prepared) for (const b of tradeBuffers(prepared.trade)) buffers.add(b);
  if (payload !== undefined && typeof payload !== "string") {
    buffers.add(payload.manifest);
    for (const part of payload.parts) buffers.add(part.bytes);
  }
  return [...buffers];
}
