import { MAX_DATASET_BYTES, prepareDatasetValue } from "./load";
import { isManifest, ManifestBundle, PartBytes, readManifest } from "./manifest";
import { prepareManifestBundle } from "./manifest-load";
import { DatasetPayload } from "./payload";
import { LoadPhase, PreparedDataset } from "./prepared";
import { DatasetError, parseDatasetText } from "./validate";

/** Why a refresh failed, in a form the pane can show as it is. */
export type FeedFailure =
  | "address"
  | "offline"
  | "cors"
  | "timeout"
  | "cancelled"
  | "http"
  | "content-type"
  | "oversize"
  | "invalid";

export class FeedError extends Error {
  constructor(
    readonly failure: FeedFailure,
    message: string
  ) {
    super(message);
    this.name = "FeedError";
  }
}

export type FeedPhase = "download" | LoadPhase | "apply";

export interface FeedOptions {
  url: string;
  /** Resolves a relative feed address (the default `data/minerals.json` sits next to the add-in). */
  base?: string;
  /** The ETag of the dataset in use, for a conditional request. */
  etag?: string | null;
  timeoutMs?: number;
  maxBytes?: number;
  signal?: AbortSignal;
  onProgress?: (phase: FeedPhase, received?: number, total?: number) => void;
}

export type FeedResult =
  | { kind: "not-modified" }
  | { kind: "loaded"; payload: DatasetPayload; prepared: PreparedDataset; etag: string | null };

export const DEFAULT_FEED_URL = "data/minerals.json";
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The hosts a feed may use plain http on: this computer. The task pane's CSP allows exactly these
 * (`connect-src … http://localhost:* http://127.0.0.1:*`; CSP has no syntax for an IPv6 literal such
 * as `[::1]`, so that address is refused here rather than failing every refresh in the pane).
 */
export const HTTP_FEED_HOSTS: readonly string[] = ["localhost", "127.0.0.1"];

/** A scheme at the start ("https://"): what makes an address absolute rather than a path. */
const ABSOLUTE = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The feed address as a URL: an absolute https address, or http for this computer only. The one
 * relative address is the default feed (`data/minerals.json`, resolved against `base`, the add-in's
 * own page): anything else typed without a scheme ("example.com/x", "not a url") is refused rather
 * than read as a path on the add-in's own server.
 */
export function parseFeedUrl(address: string, base?: string): URL | FeedError {
  const text = address.trim();
  if (text !== DEFAULT_FEED_URL && !ABSOLUTE.test(text)) {
    return new FeedError(
      "address",
      `'${shorten(text)}' is not a full web address: type it with https://, such as https://example.org/minerals.json.`
    );
  }
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return new FeedError("address", `'${shorten(text)}' is not a web address.`);
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && HTTP_FEED_HOSTS.includes(url.hostname)) return url;
  if (url.protocol === "http:") {
    return new FeedError(
      "address",
      `Feeds must use https (http is allowed only for ${HTTP_FEED_HOSTS.join(" and ")}): ${url.href}`
    );
  }
  return new FeedError(
    "address",
    `Feeds must be https addresses, not ${url.protocol.replace(":", "")}: ${address}`
  );
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** What a feed on another origin must send for the pane to read it (named in the CORS message). */
export const CORS_HEADERS =
  "Access-Control-Allow-Origin (the add-in's origin or *), Access-Control-Allow-Headers: If-None-Match, and Access-Control-Expose-Headers: ETag";

/**
 * A fetch that failed without a response is either a network failure or a CORS refusal; browsers
 * report both as "Failed to fetch". An opaque (no-cors) request that gets an answer tells them
 * apart: the server is there, it only does not allow this page to read it.
 */
async function answersWithoutCors(href: string, signal: AbortSignal): Promise<boolean> {
  try {
    const probe = await fetch(href, { mode: "no-cors", signal, cache: "no-store" });
    return probe.type === "opaque";
  } catch {
    return false;
  }
}

/** What downloads and verifies a feed: fetchFeed in this thread, or the dataset worker running it. */
export type FeedFetcher = (options: FeedOptions) => Promise<FeedResult>;

/**
 * Downloads, size-checks and validates a dataset from a feed, up to its index (PreparedDataset): a format 1 JSON dataset, or a format 2
 * manifest, whose parts are then downloaded from addresses relative to it (after any redirect) and
 * verified. Applies nothing: the caller swaps the result into the store. Every failure is a
 * FeedError with a message for the analyst.
 */
export async function fetchFeed(options: FeedOptions): Promise<FeedResult> {
  const url = parseFeedUrl(options.url, options.base);
  if (url instanceof FeedError) throw url;
  const maxBytes = options.maxBytes ?? MAX_DATASET_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCancel = () => controller.abort();
  options.signal?.addEventListener("abort", onCancel);
  if (options.signal?.aborted) controller.abort();

  const aborted = () =>
    timedOut ? feedTimeoutError(url, timeoutMs) : new FeedError("cancelled", "Refresh cancelled.");

  try {
    options.onProgress?.("download", 0);
    let response: Response;
    try {
      response = await fetch(url.href, {
        signal: controller.signal,
        headers: options.etag ? { "If-None-Match": options.etag } : {},
        cache: "no-cache",
        redirect: "follow",
      });
    } catch (error) {
      if (controller.signal.aborted) throw aborted();
      // Node puts the reason (refused, bad redirect scheme) in `cause`; browsers say only "Failed to fetch".
      const cause = (error as { cause?: Error }).cause;
      const reason = cause?.message || (error as Error).message;
      if (await answersWithoutCors(url.href, controller.signal)) {
        throw new FeedError(
          "cors",
          `The feed answered, but its server does not let the add-in read it (CORS): ${url.href}. The feed must send ${CORS_HEADERS}.`
        );
      }
      if (controller.signal.aborted) throw aborted();
      throw new FeedError("offline", `Cannot reach the feed (${reason}): ${url.href}`);
    }
    // A redirect may only lead to an address we would accept in the first place.
    const finalUrl = parseFeedUrl(response.url || url.href);
    if (finalUrl instanceof FeedError)
      throw new FeedError(
        "address",
        `The feed redirected to a refused address. ${finalUrl.message}`
      );
    // "Not modified" means something only as the answer to the ETag we sent.
    if (response.status === 304 && options.etag) return { kind: "not-modified" };
    if (response.status === 304) {
      throw new FeedError(
        "http",
        `The feed answered HTTP 304 Not Modified to a request that named no version (no ETag was sent), so it sent no dataset: ${url.href}`
      );
    }
    if (!response.ok) {
      throw new FeedError(
        "http",
        `The feed answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}: ${url.href}`
      );
    }
    const type = (response.headers.get("content-type") ?? "").toLowerCase();
    if (type !== "" && !/json|text\/plain|octet-stream/.test(type)) {
      throw new FeedError(
        "content-type",
        `The feed sent ${type.split(";")[0]}, not a JSON dataset: ${url.href}`
      );
    }
    const declared = Number(response.headers.get("content-length") ?? NaN);
    if (Number.isFinite(declared) && declared > maxBytes) throw oversize(maxBytes);
    const bytes = await readBody(
      response,
      maxBytes,
      (received) =>
        options.onProgress?.(
          "download",
          received,
          Number.isFinite(declared) ? declared : undefined
        ),
      controller.signal,
      aborted
    );
    const etag = response.headers.get("etag");
    const text = new TextDecoder("utf-8").decode(bytes);
    let value: unknown;
    try {
      value = parseDatasetText(text);
    } catch (error) {
      throw refused(error);
    }
    if (!isManifest(value)) {
      options.onProgress?.("validate");
      try {
        const prepared = await prepareDatasetValue(value, controller.signal);
        return { kind: "loaded", payload: text, prepared, etag };
      } catch (error) {
        if (controller.signal.aborted) throw aborted();
        throw refused(error);
      }
    }
    let manifest: ReturnType<typeof readManifest>;
    try {
      manifest = readManifest(value);
    } catch (error) {
      throw refused(error);
    }
    const base = response.url || url.href;
    const total = bytes.byteLength + manifest.parts.reduce((n, p) => n + p.bytes, 0);
    let before = bytes.byteLength;
    const parts: PartBytes[] = [];
    for (const part of manifest.parts) {
      const partUrl = new URL(part.path, base);
      const partBytes = await downloadPart(partUrl, part.bytes, controller.signal, aborted, (n) =>
        options.onProgress?.("download", before + n, total)
      );
      before += partBytes.byteLength;
      parts.push({ path: part.path, bytes: partBytes.buffer });
    }
    const bundle: ManifestBundle = { manifest: bytes.buffer, parts };
    try {
      const prepared = await prepareManifestBundle(bundle, controller.signal, (phase) =>
        options.onProgress?.(phase)
      );
      return { kind: "loaded", payload: bundle, prepared, etag };
    } catch (error) {
      if (controller.signal.aborted) throw aborted();
      throw refused(error);
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCancel);
  }
}

/** What a refresh that outlasted its timeout says, whichever phase it was in. */
export function feedTimeoutError(url: URL, timeoutMs: number): FeedError {
  return new FeedError(
    "timeout",
    `The feed did not answer within ${formatSeconds(timeoutMs)}: ${url.href}`
  );
}

function oversize(maxBytes: number): FeedError {
  return new FeedError(
    "oversize",
    `The feed's dataset is larger than the ${formatBytes(maxBytes)} limit.`
  );
}

function refused(error: unknown): unknown {
  return error instanceof DatasetError
    ? new FeedError("invalid", `The feed's dataset was refused. ${error.message}`)
    : error;
}

/**
 * Downloads one part of a format 2 feed: an http error, another content type or more bytes than the
 * manifest states stop it; its hash is checked by the load.
 */
async function downloadPart(
  url: URL,
  expected: number,
  signal: AbortSignal,
  aborted: () => FeedError,
  onBytes: (received: number) => void
): Promise<Uint8Array<ArrayBuffer>> {
  let response: Response;
  try {
    response = await fetch(url.href, { signal, cache: "no-cache", redirect: "follow" });
  } catch (error) {
    if (signal.aborted) throw aborted();
    const cause = (error as { cause?: Error }).cause;
    throw new FeedError(
      "offline",
      `Cannot reach the feed's part (${cause?.message || (error as Error).message}): ${url.href}`
    );
  }
  const finalUrl = parseFeedUrl(response.url || url.href);
  if (finalUrl instanceof FeedError)
    throw new FeedError(
      "address",
      `The feed's part redirected to a refused address. ${finalUrl.message}`
    );
  if (!response.ok) {
    throw new FeedError(
      "http",
      `The feed's part answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}: ${url.href}`
    );
  }
  const type = (response.headers.get("content-type") ?? "").toLowerCase();
  if (type !== "" && !/arrow|octet-stream|binary/.test(type)) {
    throw new FeedError(
      "content-type",
      `The feed's part sent ${type.split(";")[0]}, not an Arrow file: ${url.href}`
    );
  }
  const tooLong = () =>
    new FeedError(
      "invalid",
      `The feed's dataset was refused. Invalid dataset: part ${url.pathname.split("/").pop()}: longer than the ${expected} bytes the manifest says`
    );
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > expected) throw tooLong();
  try {
    return await readBody(response, expected, onBytes, signal, aborted);
  } catch (error) {
    if (error instanceof FeedError && error.failure === "oversize") throw tooLong();
    throw error;
  }
}

/** Reads the body's bytes, counting them as they arrive so an oversize body is cut off early. */
async function readBody(
  response: Response,
  maxBytes: number,
  onBytes: (received: number) => void,
  signal: AbortSignal,
  aborted: () => FeedError
): Promise<Uint8Array<ArrayBuffer>> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  // A read pending when Cancel or the timeout aborts may never settle (seen with Node's fetch once
  // the last chunk is in): cancelling the reader ends it.
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener("abort", stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw aborted();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel();
        throw oversize(maxBytes);
      }
      chunks.push(value);
      onBytes(received);
    }
  } catch (error) {
    if (error instanceof FeedError) throw error;
    if (signal.aborted || (error as Error).name === "AbortError") throw aborted();
    throw new FeedError(
      "offline",
      `The download broke off after ${received} bytes (${(error as Error).message}).`
    );
  } finally {
    signal.removeEventListener("abort", stop);
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** "0.3 s", "9.5 s", "30 s": one decimal below 10 s, so a short timeout never reads "0 s". */
export function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}

/** 64 MB, 100 KB, 900 bytes: a limit as a person reads it. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Number((bytes / 1024).toFixed(1))} KB`;
  return `${bytes} bytes`;
}
