import {
  DEFAULT_TIMEOUT_MS,
  FeedError,
  FeedFetcher,
  feedTimeoutError,
  fetchFeed,
  parseFeedUrl,
} from "../core/dataset/feed";
import { receivedError, WorkerReply } from "./dataset-worker-protocol";
import { runInWorker, WorkerStopped } from "./dataset-worker";

/**
 * A refresh's download, verification, decoding and validation in the dataset worker. The worker
 * keeps its own timeout for the download; this thread's timer also ends it if verification or
 * validation (a long JSON parse) outlasts the timeout, and Cancel ends it in any phase.
 */
export const fetchFeedInWorker: FeedFetcher = async (options) => {
  const url = parseFeedUrl(options.url, options.base);
  if (url instanceof FeedError) throw url;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const stop = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop.abort();
  }, timeoutMs);
  const onCancel = () => stop.abort();
  options.signal?.addEventListener("abort", onCancel);
  if (options.signal?.aborted) stop.abort();
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { signal, onProgress, ...plain } = options;
  let reply: WorkerReply;
  try {
    reply = await runInWorker(
      { kind: "feed", options: plain },
      {
        signal: stop.signal,
        cancelled: () =>
          timedOut
            ? feedTimeoutError(url, timeoutMs)
            : new FeedError("cancelled", "Refresh cancelled."),
        onProgress: (p) => p.phase !== "read" && onProgress?.(p.phase, p.received, p.total),
        receive: (sent) =>
          sent.name === "FeedError"
            ? new FeedError(sent.failure, sent.message)
            : receivedError(sent),
      }
    );
  } catch (error) {
    // A worker that cannot run is no reason to fail the refresh: it is done in this thread.
    if (error instanceof WorkerStopped) return fetchFeed(options);
    throw error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCancel);
  }
  if (reply.kind !== "feed") throw new Error("the dataset worker answered another job");
  return reply.result;
};
