import { datasetHash } from "../src/core/dataset/hash";
import { exportValue } from "../src/core/queries/exports";
import { FeedError, fetchFeed, parseFeedUrl } from "../src/core/dataset/feed";
import { indexDataset } from "../src/core/dataset/indexed";
import { refreshFromFeed, revertToBundled } from "../src/core/dataset/refresh";
import { DatasetStorage, restoreFromStorage } from "../src/core/dataset/restore";
import { LiveStore } from "../src/core/runtime/store";
import { StoredDataset } from "../src/core/dataset/stored";
import { closedPort, startFeedServer } from "./support/feed-server";
import { realDataset } from "./support/real-dataset";

/** Refresh against a real local HTTP feed: every fault leaves the dataset and formulas as they were. */

const bundled = realDataset();
let newer: string;
let newerEtag = '"v2"';

beforeAll(async () => {
  const next = realDataset();
  next.version = "2026.12.01";
  next.exports.find((o) => o.partner === "US" && o.period === "2025-11")!.quantity = 600;
  next.exports.push({ ...next.exports[0], partner: "US", period: "2025-12", quantity: 700 });
  next.hash = await datasetHash(next);
  newer = JSON.stringify(next);
});

class MemoryStorage implements DatasetStorage {
  saved: StoredDataset[] = [];
  cleared = 0;
  fail = false;
  async load() {
    return this.saved.at(-1);
  }
  async save(record: StoredDataset) {
    if (this.fail) throw new Error("QuotaExceededError");
    this.saved.push(record);
  }
  async clear() {
    this.cleared++;
  }
}

let server: Awaited<ReturnType<typeof startFeedServer>>;
const hits: Record<string, number> = {};

beforeAll(async () => {
  const count = (path: string) => (hits[path] = (hits[path] ?? 0) + 1);
  server = await startFeedServer({
    "/minerals.json": (req, res) => {
      count("/minerals.json");
      if (req.headers["if-none-match"] === newerEtag) return void res.writeHead(304).end();
      res.writeHead(200, { "content-type": "application/json", etag: newerEtag }).end(newer);
    },
    "/data/minerals.json": (_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(newer),
    "/same.json": (_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(bundled)),
    "/404.json": (_req, res) => res.writeHead(404, { "content-type": "text/plain" }).end("missing"),
    "/500.json": (_req, res) => res.writeHead(500, { "content-type": "text/plain" }).end("boom"),
    "/hang.json": () => undefined,
    "/drip.json": (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      const timer = setInterval(() => res.write(" "), 50);
      res.on("close", () => clearInterval(timer));
    },
    "/html.json": (_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>"),
    "/truncated.json": (_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": String(newer.length),
      });
      res.write(newer.slice(0, 1000));
      res.destroy();
    },
    "/cut.json": (_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(newer.slice(0, 1000)),
    "/invalid.json": (_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end("{not json"),
    "/schema.json": (_req, res) =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ ...bundled, exports: [{ commodity: "magnets" }] })),
    "/v3.json": (_req, res) =>
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ ...bundled, format_version: 3 })),
    "/redirect-ftp.json": (_req, res) =>
      res.writeHead(302, { location: "ftp://127.0.0.1/minerals.json" }).end(),
    "/big.json": (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(" ".repeat(200_000) + newer);
    },
  });
});

afterAll(() => server.close());

function freshStore() {
  return new LiveStore(indexDataset(realDataset()));
}

const usMagnets = (store: LiveStore) =>
  exportValue(store.current.data, { commodity: "magnets", partner: "US", period: "2025-11" });

describe("a refresh that succeeds", () => {
  test("applies the new dataset, reports what changed, persists it; the next refresh is up to date", async () => {
    const store = freshStore();
    const storage = new MemoryStorage();
    const phases: string[] = [];
    const outcome = await refreshFromFeed(store, storage, {
      url: `${server.url}/minerals.json`,
      onProgress: (phase) => phases.push(phase),
    });
    expect(outcome).toMatchObject({ kind: "updated", version: "2026.12.01", saveError: null });
    if (outcome.kind === "updated")
      expect(outcome.diff).toMatchObject({
        added: 1,
        changed: 1,
        removed: 0,
        newPeriods: ["2025-12"],
      });
    expect(usMagnets(store)).toBe(600);
    expect(store.current.origin).toEqual({ kind: "feed", url: `${server.url}/minerals.json` });
    expect([...new Set(phases)]).toEqual(["download", "validate", "apply"]);
    expect(storage.saved).toHaveLength(1);
    expect(storage.saved[0]).toMatchObject({ etag: newerEtag, origin: { kind: "feed" } });

    // The conditional request: the feed answers 304.
    const before = hits["/minerals.json"];
    const again = await refreshFromFeed(store, storage, {
      url: `${server.url}/minerals.json`,
      etag: storage.saved[0].etag,
    });
    expect(again).toEqual({ kind: "up-to-date", version: "2026.12.01" });
    expect(hits["/minerals.json"]).toBe(before + 1);
    expect(storage.saved).toHaveLength(1);
  });

  test("the same version and hash is up to date even without an ETag", async () => {
    const store = freshStore();
    const storage = new MemoryStorage();
    expect(await refreshFromFeed(store, storage, { url: `${server.url}/same.json` })).toEqual({
      kind: "up-to-date",
      version: bundled.version,
    });
    expect(storage.saved).toHaveLength(0);
  });

  test("the default feed address resolves against the add-in's address", async () => {
    const store = freshStore();
    const outcome = await refreshFromFeed(store, new MemoryStorage(), {
      url: "data/minerals.json",
      base: `${server.url}/taskpane.html`,
    });
    expect(outcome.kind).toBe("updated");
  });

  test("a storage failure keeps the refresh and says it was not saved", async () => {
    const store = freshStore();
    const storage = new MemoryStorage();
    storage.fail = true;
    const outcome = await refreshFromFeed(store, storage, { url: `${server.url}/minerals.json` });
    expect(outcome).toMatchObject({ kind: "updated" });
    if (outcome.kind === "updated")
      expect(outcome.saveError).toMatch(/could not be saved for next time \(QuotaExceededError\)/);
    expect(usMagnets(store)).toBe(600);
  });

  test("revert goes back to the bundled dataset and forgets the stored copy", async () => {
    const store = freshStore();
    const storage = new MemoryStorage();
    await refreshFromFeed(store, storage, { url: `${server.url}/minerals.json` });
    const diff = await revertToBundled(store, storage, indexDataset(realDataset()));
    expect(diff).toMatchObject({ added: 0, changed: 1, removed: 1 });
    expect(usMagnets(store)).toBe(582);
    expect(store.current.origin).toEqual({ kind: "bundled" });
    expect(storage.cleared).toBe(1);
  });
});

describe("every feed fault leaves the dataset and formulas exactly as they were", () => {
  const faults: [
    string,
    () => string,
    Partial<{ timeoutMs: number; maxBytes: number }>,
    FeedError["failure"],
    RegExp,
  ][] = [
    [
      "connection refused",
      () => `http://127.0.0.1:${refusedPort}/minerals.json`,
      {},
      "offline",
      /Cannot reach the feed \(.*(refused|ECONNREFUSED)/i,
    ],
    [
      "no answer (timeout)",
      () => `${server.url}/hang.json`,
      { timeoutMs: 300 },
      "timeout",
      /did not answer within 0\.3 s/,
    ],
    [
      "a slow drip past the timeout",
      () => `${server.url}/drip.json`,
      { timeoutMs: 400 },
      "timeout",
      /did not answer within/,
    ],
    ["404", () => `${server.url}/404.json`, {}, "http", /answered HTTP 404 Not Found/],
    ["500", () => `${server.url}/500.json`, {}, "http", /answered HTTP 500 Internal Server Error/],
    [
      "a redirect to another scheme",
      () => `${server.url}/redirect-ftp.json`,
      {},
      "offline",
      /Cannot reach the feed \(.*scheme/i,
    ],
    [
      "the wrong content type",
      () => `${server.url}/html.json`,
      {},
      "content-type",
      /sent text\/html, not a JSON dataset/,
    ],
    [
      "a truncated body (connection dropped)",
      () => `${server.url}/truncated.json`,
      {},
      "offline",
      // Node's fetch may fail before or after the headers arrive; both are reported, never applied.
      /broke off after \d+ bytes|Cannot reach the feed/,
    ],
    [
      "a truncated body (cleanly ended)",
      () => `${server.url}/cut.json`,
      {},
      "invalid",
      /not valid JSON/,
    ],
    [
      "a body over the size limit",
      () => `${server.url}/big.json`,
      { maxBytes: 100_000 },
      "oversize",
      /larger than the 97.7 KB limit/,
    ],
    ["invalid JSON", () => `${server.url}/invalid.json`, {}, "invalid", /not valid JSON/],
    ["a schema violation", () => `${server.url}/schema.json`, {}, "invalid", /\/exports\/0/],
    [
      "a newer format version",
      () => `${server.url}/v3.json`,
      {},
      "invalid",
      /unsupported format_version 3; this add-in reads versions 1 and 2/,
    ],
    [
      "a non-https address",
      () => "http://example.org/minerals.json",
      {},
      "address",
      /must use https/,
    ],
    [
      "a file: address",
      () => "file:///etc/passwd",
      {},
      "address",
      /must be https addresses, not file/,
    ],
  ];
  let refusedPort = 0;
  beforeAll(async () => {
    refusedPort = await closedPort();
  });

  const tally = { tried: 0, rejected: 0, accepted: 0, failures: 0 };
  afterAll(() => {
    process.stdout.write(
      `feed faults: ${tally.tried} tried, ${tally.rejected} rejected, ${tally.accepted} accepted, ${tally.failures} failures\n`
    );
  });

  test.each(faults)("%s", async (_name, url, limits, failure, message) => {
    tally.tried++;
    tally.failures++; // taken back below once every expectation holds
    const store = freshStore();
    const before = store.current;
    const storage = new MemoryStorage();
    let caught: unknown;
    try {
      await refreshFromFeed(store, storage, { url: url(), ...limits });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FeedError);
    expect((caught as FeedError).failure).toBe(failure);
    expect((caught as FeedError).message).toMatch(message);
    expect(store.current).toBe(before);
    expect(usMagnets(store)).toBe(582);
    expect(storage.saved).toHaveLength(0);
    tally.failures--;
    if (caught instanceof FeedError) tally.rejected++;
    else tally.accepted++;
  });

  test("cancelling a download", async () => {
    const store = freshStore();
    const before = store.current;
    const controller = new AbortController();
    const pending = refreshFromFeed(store, new MemoryStorage(), {
      url: `${server.url}/hang.json`,
      signal: controller.signal,
      onProgress: (phase) => phase === "download" && controller.abort(),
    });
    await expect(pending).rejects.toMatchObject({
      failure: "cancelled",
      message: "Refresh cancelled.",
    });
    expect(store.current).toBe(before);
  });
});

describe("feed addresses", () => {
  test.each([
    ["https://data.example.org/minerals.json", "https://data.example.org/minerals.json"],
    ["http://localhost:8080/m.json", "http://localhost:8080/m.json"],
    ["http://127.0.0.1/m.json", "http://127.0.0.1/m.json"],
  ])("%s is accepted", (address, href) => {
    expect((parseFeedUrl(address) as URL).href).toBe(href);
  });
  test.each([
    ["http://data.example.org/m.json"],
    // The pane's CSP cannot allow an IPv6 literal (test/hardening/feed-edges.test.ts).
    ["http://[::1]:3000/m.json"],
    ["javascript:alert(1)"],
    ["ftp://x/m.json"],
    ["not a url"],
  ])("%s is refused", (address) => {
    expect(parseFeedUrl(address)).toBeInstanceOf(FeedError);
  });
  const BASE = "https://addins.example.org/minerals/taskpane.html";
  test.each([["not a url"], ["example.com/x"], ["/data/minerals.json"], ["//example.com/x.json"]])(
    "%s is not resolved against the add-in's own address: refused as not a full address",
    (address) => {
      const refused = parseFeedUrl(address, BASE);
      expect(refused).toBeInstanceOf(FeedError);
      expect((refused as FeedError).message).toBe(
        `'${address}' is not a full web address: type it with https://, such as https://example.org/minerals.json.`
      );
    }
  );
  test("the default feed is the one relative address, next to the add-in", () => {
    expect((parseFeedUrl("data/minerals.json", BASE) as URL).href).toBe(
      "https://addins.example.org/minerals/data/minerals.json"
    );
  });
  test("fetchFeed refuses before any request", async () => {
    await expect(fetchFeed({ url: "data:application/json,{}" })).rejects.toMatchObject({
      failure: "address",
    });
  });
});

describe("the next session", () => {
  test("restores the refreshed dataset from storage", async () => {
    const storage = new MemoryStorage();
    await refreshFromFeed(freshStore(), storage, { url: `${server.url}/minerals.json` });
    const nextSession = freshStore();
    const outcome = await restoreFromStorage(nextSession, storage);
    expect(outcome).toMatchObject({ kind: "restored", version: "2026.12.01", etag: newerEtag });
    expect(usMagnets(nextSession)).toBe(600);
    expect(nextSession.current.origin).toEqual({
      kind: "feed",
      url: `${server.url}/minerals.json`,
    });
  });

  test("a corrupted stored copy falls back to the bundled dataset with a notice, and is removed", async () => {
    const storage = new MemoryStorage();
    await refreshFromFeed(freshStore(), storage, { url: `${server.url}/minerals.json` });
    storage.saved[0].text = storage.saved[0].text.slice(0, 500);
    const nextSession = freshStore();
    const outcome = await restoreFromStorage(nextSession, storage);
    expect(outcome).toMatchObject({ kind: "fallback" });
    if (outcome.kind === "fallback")
      expect(outcome.notice).toMatch(
        /saved dataset was rejected .*not valid JSON.*using the bundled dataset/
      );
    expect(usMagnets(nextSession)).toBe(582);
    expect(nextSession.current.origin).toEqual({ kind: "bundled" });
    expect(storage.cleared).toBe(1);
  });

  test("after an add-in update, a bundled dataset newer than the saved copy wins", async () => {
    const storage = new MemoryStorage();
    await refreshFromFeed(freshStore(), storage, { url: `${server.url}/minerals.json` });
    const updated = realDataset();
    updated.as_of = "2027-01-15";
    const nextSession = new LiveStore(indexDataset(updated));
    const outcome = await restoreFromStorage(nextSession, storage);
    expect(outcome).toEqual({
      kind: "fallback",
      notice:
        "The add-in's bundled dataset (as of 2027-01-15) is newer than the saved one (as of 2026-11-22); using the bundled dataset.",
    });
    expect(nextSession.current.data.dataset.as_of).toBe("2027-01-15");
    expect(storage.cleared).toBe(1);
  });

  test("storage that cannot be read falls back with a notice", async () => {
    const storage = new MemoryStorage();
    storage.load = async () => {
      throw new Error("IndexedDB unavailable");
    };
    expect(await restoreFromStorage(freshStore(), storage)).toEqual({
      kind: "fallback",
      notice: "Saved data could not be read (IndexedDB unavailable); using the bundled dataset.",
    });
  });

  test("nothing stored: the bundled dataset stays", async () => {
    const store = freshStore();
    expect(await restoreFromStorage(store, new MemoryStorage())).toEqual({ kind: "none" });
    expect(store.current.origin).toEqual({ kind: "bundled" });
  });
});
