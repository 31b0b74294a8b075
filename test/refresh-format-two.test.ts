import * as arrowPart from "../src/core/dataset/arrow-part";
import { exportValue } from "../src/core/queries/exports";
import { FeedError } from "../src/core/dataset/feed";
import { indexDataset } from "../src/core/dataset/indexed";
import { refreshFromFeed } from "../src/core/dataset/refresh";
import { DatasetStorage, restoreFromStorage } from "../src/core/dataset/restore";
import { LiveStore } from "../src/core/runtime/store";
import { StoredBundle, StoredRecord } from "../src/core/dataset/stored";
import { formatTwoBundle, manifestOf } from "./support/format-two";
import { startFeedServer } from "./support/feed-server";
import { realDataset } from "./support/real-dataset";

/**
 * Refreshing from a format 2 feed on a real local HTTP server: the manifest's address, its part
 * fetched relative to it and verified, the bytes kept for the next session; every fault in a part
 * leaves the dataset in use, the formulas and storage as they were.
 */

const bundled = realDataset();
const next = realDataset();
next.version = "2026.12.01";
next.exports.find((o) => o.partner === "US" && o.period === "2025-11")!.quantity = 600;
const bundle = formatTwoBundle(next);
const [part] = manifestOf(bundle).parts;
const partBytes = Buffer.from(bundle.parts[0].bytes);
const damaged = Buffer.from(partBytes);
damaged[damaged.length >> 1] ^= 0xff;

class MemoryStorage implements DatasetStorage {
  saved: StoredRecord[] = [];
  async load() {
    return this.saved.at(-1);
  }
  async save(record: StoredRecord) {
    this.saved.push(record);
  }
  async clear() {}
}

let server: Awaited<ReturnType<typeof startFeedServer>>;
const arrow = { "content-type": "application/vnd.apache.arrow.file" };
const json = { "content-type": "application/json" };
const manifestRoute = (_req: unknown, res: import("http").ServerResponse) =>
  res.writeHead(200, json).end(Buffer.from(bundle.manifest));

beforeAll(async () => {
  server = await startFeedServer({
    "/v2/minerals.manifest.json": manifestRoute,
    [`/v2/${part.path}`]: (_req, res) => res.writeHead(200, arrow).end(partBytes),
    "/missing/minerals.manifest.json": manifestRoute,
    "/damaged/minerals.manifest.json": manifestRoute,
    [`/damaged/${part.path}`]: (_req, res) => res.writeHead(200, arrow).end(damaged),
    "/cut/minerals.manifest.json": manifestRoute,
    [`/cut/${part.path}`]: (_req, res) => {
      res.writeHead(200, { ...arrow, "content-length": String(partBytes.length) });
      res.flushHeaders();
      res.write(partBytes.subarray(0, 100), () => res.destroy());
    },
    "/longer/minerals.manifest.json": manifestRoute,
    [`/longer/${part.path}`]: (_req, res) =>
      res.writeHead(200, arrow).end(Buffer.concat([partBytes, Buffer.from("x")])),
    "/html/minerals.manifest.json": manifestRoute,
    [`/html/${part.path}`]: (_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>"),
    "/hang/minerals.manifest.json": manifestRoute,
    [`/hang/${part.path}`]: () => undefined,
  });
});

afterAll(() => server.close());

const query = (store: LiveStore) =>
  exportValue(store.current.data, { commodity: "magnets", partner: "US", period: "2025-11" });

test("a format 2 feed loads its part from beside the manifest, verified, and is kept as the bytes received", async () => {
  const store = new LiveStore(indexDataset(structuredClone(bundled)), { kind: "bundled" });
  const storage = new MemoryStorage();
  const phases: string[] = [];
  const outcome = await refreshFromFeed(store, storage, {
    url: `${server.url}/v2/minerals.manifest.json`,
    onProgress: (phase) => phases.push(phase),
  });
  expect(outcome).toMatchObject({ kind: "updated", version: "2026.12.01", saveError: null });
  expect(query(store)).toBe(600);
  expect(store.current.data.dataset.format_version).toBe(2);
  expect(phases.filter((p, i) => p !== phases[i - 1])).toEqual([
    "download",
    "verify",
    "decode",
    "validate",
    "index",
    "apply",
  ]);
  const saved = storage.saved[0] as StoredBundle;
  expect(Buffer.from(saved.bundle.parts[0].bytes)).toEqual(partBytes);
  expect(Buffer.from(saved.bundle.manifest)).toEqual(Buffer.from(bundle.manifest));

  // Next session: the saved bytes are verified again and answer before any refresh.
  const later = new LiveStore(indexDataset(structuredClone(bundled)), { kind: "bundled" });
  expect(await restoreFromStorage(later, storage)).toMatchObject({ kind: "restored" });
  expect(query(later)).toBe(600);
  expect(later.current.data.dataset.hash).toBe(store.current.data.dataset.hash);
}, 30_000);

// Every row has all five arguments: jest reads a test function with more parameters than its row
// as one that takes a done callback.
test.each<[string, string, FeedError["failure"], RegExp, number | undefined]>([
  [
    "a part the server does not have",
    "missing",
    "http",
    /^The feed's part answered HTTP 404/,
    undefined,
  ],
  [
    "a part whose bytes do not match its hash",
    "damaged",
    "invalid",
    /its SHA-256 does not match/,
    undefined,
  ],
  ["a part cut off mid-download", "cut", "offline", /The download broke off after/, undefined],
  [
    "a part longer than the manifest says",
    "longer",
    "invalid",
    /longer than the \d+ bytes the manifest says/,
    undefined,
  ],
  [
    "a part that is a login page",
    "html",
    "content-type",
    /sent text\/html, not an Arrow file/,
    undefined,
  ],
  ["a part that never arrives", "hang", "timeout", /did not answer within/, 500],
])("%s is refused and nothing changes", async (_what, folder, failure, message, timeoutMs) => {
  const store = new LiveStore(indexDataset(structuredClone(bundled)), { kind: "bundled" });
  const before = store.current;
  const storage = new MemoryStorage();
  const caught = await refreshFromFeed(store, storage, {
    url: `${server.url}/${folder}/minerals.manifest.json`,
    timeoutMs,
  }).catch((error: unknown) => error);
  expect(caught).toBeInstanceOf(FeedError);
  expect(caught).toMatchObject({ failure, message: expect.stringMatching(message) });
  expect(store.current).toBe(before);
  expect(query(store)).toBe(582);
  expect(storage.saved).toEqual([]);
});

test("Cancel stops a part's download", async () => {
  const store = new LiveStore(indexDataset(structuredClone(bundled)), { kind: "bundled" });
  const before = store.current;
  const controller = new AbortController();
  const caught = await refreshFromFeed(store, new MemoryStorage(), {
    url: `${server.url}/hang/minerals.manifest.json`,
    signal: controller.signal,
    onProgress: (phase, received) => {
      // The manifest is in: Cancel before its part arrives.
      if (phase === "download" && received && received >= bundle.manifest.byteLength)
        controller.abort();
    },
  }).catch((error: unknown) => error);
  expect(caught).toMatchObject({ failure: "cancelled" });
  expect(store.current).toBe(before);
});

test("Cancel during verification stops the load at its next phase: nothing is decoded, checked or applied", async () => {
  const store = new LiveStore(indexDataset(structuredClone(bundled)), { kind: "bundled" });
  const before = store.current;
  const controller = new AbortController();
  const decode = jest.spyOn(arrowPart, "decodeTradePart");
  const caught = await refreshFromFeed(store, new MemoryStorage(), {
    url: `${server.url}/v2/minerals.manifest.json`,
    signal: controller.signal,
    onProgress: (phase) => {
      if (phase === "verify") controller.abort();
    },
  }).catch((error: unknown) => error);
  expect(caught).toMatchObject({ failure: "cancelled" });
  expect(decode).not.toHaveBeenCalled();
  expect(store.current).toBe(before);
  decode.mockRestore();
});
