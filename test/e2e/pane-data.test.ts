import { readFileSync } from "fs";
import { join } from "path";
import { BrowserContext, Page } from "playwright-core";
import { Dataset } from "../../src/core/dataset/dataset";
import { datasetHash } from "../../src/core/dataset/hash";
import { closedPort, startFeedServer } from "../support/feed-server";
import {
  expectOne,
  field,
  isHidden,
  isVisible,
  PaneBrowser,
  SCREENSHOTS,
  startPaneBrowser,
  waitForRestored,
  waitForStatus,
} from "../support/pane-browser";

/**
 * The pane's data management in Chromium against the production build: status, refresh from a real
 * local HTTP feed (CORS, as a feed on another origin must answer), every feed fault, import by picker
 * and by drop, persistence across reloads in IndexedDB, a corrupted stored copy, and revert. The
 * MINERALS functions are called in the page through the mappings office.js recorded, as Excel would.
 */
const ROOT = join(__dirname, "..", "..");
const bundledText = readFileSync(join(ROOT, "build", "minerals.json"), "utf8");
const bundled = JSON.parse(bundledText) as Dataset;
const USGS_FILE = join(ROOT, "data", "usgs", "mcs2026_commodities_data_subset.csv");
const NEWER_VERSION = "2026.12.01";
const ETAG = '"v2"';

let pane: PaneBrowser;
let feed: Awaited<ReturnType<typeof startFeedServer>>;
let newerText: string;
let offlineUrl: string;
/** If-None-Match of each request to /newer.json, in order ("" when absent). */
const conditional: string[] = [];

/** The bundled dataset with one figure changed, one month added and one USGS value revised. */
async function newerDataset(): Promise<string> {
  const next = structuredClone(bundled);
  next.version = NEWER_VERSION;
  next.exports.find(
    (o) => o.commodity === "magnets" && o.partner === "US" && o.period === "2025-11"
  )!.quantity = 600;
  next.exports.push({
    ...next.exports[0],
    partner: "US",
    period: "2025-12",
    quantity: 700,
    note: null,
  });
  const cobalt = next.usgs.find(
    (o) => o.commodity === "cobalt" && o.country === "Australia" && o.statistic === "Production"
  )!;
  Object.assign(cobalt, { value: 4800, raw: "4,800" });
  next.hash = await datasetHash(next);
  return JSON.stringify(next);
}

beforeAll(async () => {
  newerText = await newerDataset();
  const json = { "content-type": "application/json" };
  feed = await startFeedServer(
    {
      "/newer.json": (req, res) => {
        const tag = req.headers["if-none-match"] ?? "";
        conditional.push(String(tag));
        if (tag === ETAG) return void res.writeHead(304, { etag: ETAG }).end();
        res.writeHead(200, { ...json, etag: ETAG }).end(newerText);
      },
      "/same.json": (_req, res) => res.writeHead(200, json).end(bundledText),
      "/404.json": (_req, res) =>
        res.writeHead(404, { "content-type": "text/plain" }).end("missing"),
      "/500.json": (_req, res) => res.writeHead(500, { "content-type": "text/plain" }).end("boom"),
      "/hang.json": () => undefined,
      "/slow.json": (_req, res) => {
        // About 20 KB at once, then 4 KB every 300 ms: slow enough to watch and cancel.
        res.writeHead(200, { ...json, "content-length": String(Buffer.byteLength(newerText)) });
        let sent = 20_000;
        res.write(newerText.slice(0, sent));
        const timer = setInterval(() => {
          res.write(newerText.slice(sent, sent + 4096));
          sent += 4096;
          if (sent >= newerText.length) {
            clearInterval(timer);
            res.end();
          }
        }, 300);
        res.on("close", () => clearInterval(timer));
      },
      "/truncated.json": (_req, res) => {
        res.writeHead(200, { ...json, "content-length": String(Buffer.byteLength(newerText)) });
        res.write(newerText.slice(0, 1000));
        setTimeout(() => res.destroy(), 50);
      },
      "/cut.json": (_req, res) => res.writeHead(200, json).end(newerText.slice(0, 1000)),
      "/invalid.json": (_req, res) => res.writeHead(200, json).end("{not json"),
      "/html.json": (_req, res) =>
        res.writeHead(200, { "content-type": "text/html" }).end("<html>login</html>"),
      "/v3.json": (_req, res) =>
        res.writeHead(200, json).end(JSON.stringify({ ...bundled, format_version: 3 })),
      "/schema.json": (_req, res) =>
        res
          .writeHead(200, json)
          .end(JSON.stringify({ ...bundled, exports: [{ commodity: "magnets" }] })),
    },
    { cors: true }
  );
  offlineUrl = `http://127.0.0.1:${await closedPort()}/minerals.json`;
  pane = await startPaneBrowser();
}, 180_000);

afterAll(async () => {
  await pane?.close();
  await feed?.close();
}, 30_000);

jest.setTimeout(90_000);

// ---------------------------------------------------------------------------------------------
// Page helpers

async function openFresh(width = 320): Promise<{ context: BrowserContext; page: Page }> {
  const context = await pane.newContext();
  const page = await pane.openPane({ context, width, expectedFailures: [feed.url, offlineUrl] });
  await waitForStatus(page);
  await waitForRestored(page);
  return { context, page };
}

/** MINERALS.EXPORT("magnets", partner, period) called as Excel calls it: its first result. */
async function exportNow(page: Page, partner = "US", period = "2025-11"): Promise<unknown> {
  return page.evaluate(
    ([p, when]) => {
      const cf = (window as unknown as { CustomFunctions: any }).CustomFunctions;
      const results: unknown[] = [];
      cf._association.mappings.EXPORT("magnets", p, when, null, null, {
        setResult: (value: unknown) => results.push(value),
      });
      return results[0];
    },
    [partner, period]
  );
}

/** Any MINERALS function called as Excel calls it (arguments, then the invocation): its first result. */
async function call(page: Page, id: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([name, values]) => {
      const cf = (window as unknown as { CustomFunctions: any }).CustomFunctions;
      const results: unknown[] = [];
      cf._association.mappings[name as string](...(values as unknown[]), {
        setResult: (value: unknown) => results.push(value),
      });
      return results[0];
    },
    [id, args] as const
  );
}

/** Starts a live EXPORT cell in the page whose every result is kept in window.liveResults. */
async function startLiveCell(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { CustomFunctions: any; liveResults: unknown[] };
    w.liveResults = [];
    w.CustomFunctions._association.mappings.EXPORT("magnets", "US", "2025-11", null, null, {
      setResult: (value: unknown) => w.liveResults.push(value),
    });
  });
}
const liveResults = (page: Page) =>
  page.evaluate(() => (window as unknown as { liveResults: unknown[] }).liveResults);

async function status(page: Page): Promise<Record<string, string | null>> {
  const names = ["name", "version", "as_of", "origin", "figures", "sources"];
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await field(page, n)])));
}

const bundledStatus = {
  name: bundled.name,
  version: bundled.version,
  as_of: bundled.as_of,
  origin: "Bundled with the add-in",
  figures: (
    bundled.exports.length +
    bundled.forecasts.length +
    bundled.indicators.length +
    bundled.usgs.length
  ).toLocaleString("en-US"),
  sources: String(bundled.sources.length),
};

async function setFeed(page: Page, address: string): Promise<string> {
  await page.fill("#feed-url", address);
  await page.click("#save-feed");
  await page.waitForSelector("#feed-message:not([hidden])");
  return (await page.textContent("#feed-message")) ?? "";
}

/** Clicks Refresh and waits for the result. */
async function refresh(page: Page): Promise<string> {
  await page.click("#refresh");
  await page.waitForFunction(() => {
    const button = document.getElementById("refresh") as HTMLButtonElement;
    return !button.disabled && !document.getElementById("refresh-result")!.hidden;
  });
  return (await page.textContent("#refresh-result")) ?? "";
}

/** Waits for an import started by the picker or a drop to finish; returns its result and problems. */
async function importDone(page: Page): Promise<{ result: string; problems: string[] }> {
  await page.waitForFunction(() => {
    const input = document.getElementById("import-file") as HTMLInputElement;
    const text = document.getElementById("import-result")!.textContent ?? "";
    return !input.disabled && text !== "" && !text.startsWith("Reading ");
  });
  return {
    result: (await page.textContent("#import-result")) ?? "",
    problems: await expectOne(page, "#import-errors").then(() =>
      page.locator("#import-errors li").allTextContents()
    ),
  };
}

async function importFile(
  page: Page,
  name: string,
  content: string | Buffer,
  mimeType = "text/csv"
) {
  await page.setInputFiles("#import-file", { name, mimeType, buffer: Buffer.from(content) });
  return importDone(page);
}

/** Drops a file on the drop zone the way a browser does: dragenter, dragover, drop with its DataTransfer. */
async function dropFile(page: Page, name: string, content: string, type: string) {
  const transfer = await page.evaluateHandle(
    ([fileName, text, mime]) => {
      const data = new DataTransfer();
      data.items.add(new File([text], fileName, { type: mime }));
      return data;
    },
    [name, content, type]
  );
  for (const event of ["dragenter", "dragover"]) {
    await page.dispatchEvent("#drop-zone", event, { dataTransfer: transfer });
  }
  expect(await page.getAttribute("#drop-zone", "class")).toContain("dragging");
  await page.dispatchEvent("#drop-zone", "drop", { dataTransfer: transfer });
  return importDone(page);
}

async function screenshot(page: Page, name: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 320;
  // Nothing may need horizontal scrolling at any width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width
  );
  await page.screenshot({
    path: join(SCREENSHOTS, `pane-data-${name}-${width}.png`),
    fullPage: true,
  });
}

// ---------------------------------------------------------------------------------------------

test("the pane loads without errors and shows the bundled dataset's status; the add-in's own feed is up to date", async () => {
  const { context, page } = await openFresh();
  expect(await status(page)).toEqual(bundledStatus);
  expect(await field(page, "refreshed")).toBe("Never");
  expect(await isHidden(page, "#notice")).toBe(true);
  expect(await isHidden(page, "#cancel-refresh")).toBe(true);
  expect(await isHidden(page, "#refresh-progress")).toBe(true);
  // The default feed is data/minerals.json next to the add-in, resolved against the page's address.
  expect(await page.inputValue("#feed-url")).toBe(`${pane.server.url}data/minerals.json`);
  await screenshot(page, "bundled");

  expect(await refresh(page)).toBe(`Already up to date (version ${bundled.version}).`);
  expect(await field(page, "refreshed")).toMatch(
    /^\d{4}-\d\d-\d\d \d\d:\d\d — Already up to date$/
  );
  expect(await status(page)).toEqual(bundledStatus);
  expect(pane.server.requests).toContain("/data/minerals.json");
  expect(pane.problems).toEqual([]);
  await context.close();
});

test("at 800 px the pane uses the width and nothing overflows", async () => {
  const { context, page } = await openFresh(800);
  await screenshot(page, "bundled");
  await context.close();
});

test("the feed address setting refuses other schemes and http off this machine, and keeps what it saved", async () => {
  const { context, page } = await openFresh();
  expect(await setFeed(page, "ftp://example.org/minerals.json")).toBe(
    "Not saved. Feeds must be https addresses, not ftp: ftp://example.org/minerals.json"
  );
  expect(await page.getAttribute("#feed-url", "aria-invalid")).toBe("true");
  await screenshot(page, "feed-refused");
  expect(await setFeed(page, "javascript:alert(1)")).toMatch(
    /^Not saved\. Feeds must be https addresses, not javascript/
  );
  expect(await setFeed(page, "http://example.org/minerals.json")).toBe(
    "Not saved. Feeds must use https (http is allowed only for localhost and 127.0.0.1): http://example.org/minerals.json"
  );
  expect(await page.evaluate(() => localStorage.getItem("minerals.feedUrl"))).toBeNull();

  expect(await setFeed(page, `${feed.url}/newer.json`)).toBe(`Saved: ${feed.url}/newer.json`);
  expect(await page.getAttribute("#feed-url", "aria-invalid")).toBeNull();
  await page.reload();
  await waitForStatus(page);
  expect(await page.inputValue("#feed-url")).toBe(`${feed.url}/newer.json`);
  // Refresh uses the address on screen: an unsaved edit is saved first, or refused and not fetched.
  await page.fill("#feed-url", "http://example.org/minerals.json");
  await page.click("#refresh");
  await page.waitForSelector("#feed-message:not([hidden])");
  expect(await page.textContent("#feed-message")).toMatch(/^Not saved\. Feeds must use https/);
  expect(await isHidden(page, "#refresh-result")).toBe(true);
  expect(await field(page, "refreshed")).toBe("Never");
  await page.fill("#feed-url", `${feed.url}/same.json`);
  expect(await refresh(page)).toBe(`Already up to date (version ${bundled.version}).`);
  expect(await page.evaluate(() => localStorage.getItem("minerals.feedUrl"))).toBe(
    `${feed.url}/same.json`
  );
  // An empty field goes back to the add-in's own feed.
  expect(await setFeed(page, "")).toBe("Saved: the add-in's own feed.");
  expect(await page.inputValue("#feed-url")).toBe(`${pane.server.url}data/minerals.json`);
  expect(await page.evaluate(() => localStorage.getItem("minerals.feedUrl"))).toBeNull();
  await context.close();
});

test("a refresh to a newer dataset shows progress, applies it, shows the diff, and every formula gets the new figures; the next refresh is up to date", async () => {
  const { context, page } = await openFresh();
  await startLiveCell(page);
  expect(await liveResults(page)).toEqual([582]);

  // Progress, watched on a slow feed, and cancelled: nothing changes.
  await setFeed(page, `${feed.url}/slow.json`);
  await page.click("#refresh");
  await page.waitForFunction(() =>
    /^Downloading… \d+ KB of \d+ KB$/.test(
      document.querySelector("#refresh-progress .progress-text")?.textContent ?? ""
    )
  );
  expect(await isVisible(page, "#cancel-refresh")).toBe(true);
  expect(await page.isDisabled("#refresh")).toBe(true);
  expect(await page.isDisabled("#revert")).toBe(true);
  expect(await page.getAttribute("#refresh-progress progress", "max")).toBe(
    String(Buffer.byteLength(newerText))
  );
  await screenshot(page, "refresh-progress");
  await page.click("#cancel-refresh");
  await page.waitForSelector("#refresh-result:not([hidden])");
  expect(await page.textContent("#refresh-result")).toBe("Refresh cancelled.");
  expect(await isHidden(page, "#refresh-progress")).toBe(true);
  expect(await status(page)).toEqual(bundledStatus);
  expect(await liveResults(page)).toEqual([582]);

  await setFeed(page, `${feed.url}/newer.json`);
  const requestsBefore = conditional.length;
  expect(await refresh(page)).toBe(
    `Updated to ${NEWER_VERSION}. 1 figure added, 2 changed, 0 removed; new periods: 2025-12.`
  );
  expect(await page.getAttribute("#refresh-result", "data-tone")).toBe("success");
  expect(await status(page)).toEqual({
    ...bundledStatus,
    version: NEWER_VERSION,
    origin: `Feed: ${feed.url}/newer.json`,
    figures: (Number(bundledStatus.figures.replace(/,/g, "")) + 1).toLocaleString("en-US"),
  });
  expect(await field(page, "refreshed")).toMatch(/ — Updated to 2026\.12\.01$/);
  // The live cell got its new value, and new calls answer from the new dataset.
  expect(await liveResults(page)).toEqual([582, 600]);
  expect(await exportNow(page)).toBe(600);
  expect(await exportNow(page, "US", "2025-12")).toBe(700);
  expect(await call(page, "DATAVERSION", null)).toBe(NEWER_VERSION);
  expect(await call(page, "DATAVERSION", "origin")).toBe(`${feed.url}/newer.json`);
  expect(await call(page, "PRODUCTION", "cobalt", "Australia", 2024, null, null)).toBe(4800);
  await screenshot(page, "refresh-updated");

  // Again: a conditional request with the ETag kept from the refresh; the feed answers 304.
  expect(await refresh(page)).toBe(`Already up to date (version ${NEWER_VERSION}).`);
  expect(conditional.slice(requestsBefore)).toEqual(["", ETAG]);
  expect(await liveResults(page)).toEqual([582, 600]);
  expect(pane.problems).toEqual([]);
  await context.close();
});

describe("every feed fault leaves the status and the formulas as they were, and says what happened", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await openFresh());
    await startLiveCell(page);
  });
  afterAll(() => context.close());

  const limits = { timeoutMs: "minerals.feedTimeoutMs", maxBytes: "minerals.feedMaxBytes" };
  interface Fault {
    path: string;
    message: RegExp;
    /** What the status keeps as the last refresh's result. */
    summary: string;
    /** Hidden settings for this fault (a short timeout, a small size limit). */
    settings?: Record<string, string>;
  }
  const refused = /^The feed's dataset was refused\. Invalid dataset/;
  test.each<[string, Fault]>([
    [
      "HTTP 404",
      {
        path: "/404.json",
        message: /^The feed answered HTTP 404 Not Found: http:\/\/127\.0\.0\.1:\d+\/404\.json$/,
        summary: "Failed: HTTP 404",
      },
    ],
    [
      "HTTP 500",
      {
        path: "/500.json",
        message: /^The feed answered HTTP 500 Internal Server Error: /,
        summary: "Failed: HTTP 500",
      },
    ],
    [
      "offline",
      {
        path: "offline",
        message:
          /^Cannot reach the feed \(Failed to fetch\): http:\/\/127\.0\.0\.1:\d+\/minerals\.json$/,
        summary: "Failed: network error",
      },
    ],
    [
      "a timeout",
      {
        path: "/hang.json",
        message: /^The feed did not answer within 1\.0 s: /,
        summary: "Failed: timed out",
        settings: { [limits.timeoutMs]: "1000" },
      },
    ],
    [
      "a body cut off mid-download",
      {
        path: "/truncated.json",
        message: /^The download broke off after \d+ bytes/,
        summary: "Failed: network error",
      },
    ],
    [
      "truncated JSON",
      { path: "/cut.json", message: /not valid JSON/, summary: "Failed: dataset refused" },
    ],
    [
      "invalid JSON",
      { path: "/invalid.json", message: /not valid JSON/, summary: "Failed: dataset refused" },
    ],
    [
      "a login page",
      {
        path: "/html.json",
        message: /^The feed sent text\/html, not a JSON dataset: /,
        summary: "Failed: not a JSON dataset",
      },
    ],
    [
      "a newer format version",
      {
        path: "/v3.json",
        message: /: unsupported format_version 3; this add-in reads versions 1 and 2$/,
        summary: "Failed: dataset refused",
      },
    ],
    [
      "a schema violation",
      {
        path: "/schema.json",
        // The row's first problem (each row is checked to its first problem).
        message:
          /^The feed's dataset was refused\. Invalid dataset: \/exports\/0: missing required property "reporter"$/,
        summary: "Failed: dataset refused",
      },
    ],
    [
      "oversize",
      {
        path: "/newer.json",
        message: /^The feed's dataset is larger than the .* limit\.$/,
        summary: "Failed: too large",
        settings: { [limits.maxBytes]: "4096" },
      },
    ],
  ])("%s", async (label, fault) => {
    const settings = fault.settings ?? {};
    await page.evaluate((values) => {
      for (const [key, value] of Object.entries(values)) localStorage.setItem(key, value);
    }, settings);
    await setFeed(page, fault.path === "offline" ? offlineUrl : `${feed.url}${fault.path}`);
    const text = await refresh(page);
    await page.evaluate(
      (keys) => keys.forEach((key) => localStorage.removeItem(key)),
      Object.keys(settings)
    );

    expect(text).toMatch(fault.message);
    if (fault.message.source.includes("not valid JSON") || label.includes("format")) {
      expect(text).toMatch(refused);
    }
    expect(await page.getAttribute("#refresh-result", "data-tone")).toBe("error");
    expect(await field(page, "refreshed")).toMatch(new RegExp(` — ${fault.summary}$`));
    expect(await status(page)).toEqual(bundledStatus);
    expect(await liveResults(page)).toEqual([582]);
    expect(await exportNow(page)).toBe(582);
    expect(await isHidden(page, "#refresh-progress")).toBe(true);
    expect(await page.isEnabled("#refresh")).toBe(true);
    if (label === "HTTP 404") await screenshot(page, "refresh-failed");
  });
});

describe("import", () => {
  test("a valid JSON dataset dropped on the pane is applied, with the diff; formulas follow", async () => {
    const { context, page } = await openFresh();
    await startLiveCell(page);
    const next = structuredClone(bundled);
    next.version = "2027.01.01";
    next.exports.find(
      (o) => o.partner === "US" && o.period === "2025-11" && o.commodity === "magnets"
    )!.quantity = 650;
    next.hash = "";
    const { result, problems } = await dropFile(
      page,
      "minerals-2027.json",
      JSON.stringify(next),
      "application/json"
    );
    expect(result).toBe(
      `Imported minerals-2027.json: dataset 2027.01.01 (as of ${bundled.as_of}). Now using version 2027.01.01. 0 figures added, 1 changed, 0 removed.`
    );
    expect(problems).toEqual([]);
    expect(await page.getAttribute("#drop-zone", "class")).not.toContain("dragging");
    expect(await status(page)).toMatchObject({
      version: "2027.01.01",
      origin: "File: minerals-2027.json",
    });
    expect(await liveResults(page)).toEqual([582, 650]);
    // Kept for the next session.
    await page.reload();
    await waitForRestored(page);
    expect(await status(page)).toMatchObject({
      version: "2027.01.01",
      origin: "File: minerals-2027.json",
    });
    expect(await exportNow(page)).toBe(650);
    expect(pane.problems).toEqual([]);
    await context.close();
  });

  test("an invalid CSV lists every failing row with its number, and nothing is applied", async () => {
    const { context, page } = await openFresh();
    await startLiveCell(page);
    const csv = [
      "commodity,reporter,partner,period,quantity,unit,source_id,note",
      "magnets,CN,US,2025-11,600,t,ts2-2025-12-20,fine on its own",
      "magnets,CN,US,2025-12,58x,t,ts2-2025-12-20,",
      "magnets,CN,US,2026-01,10,t,no-such-source,",
      "magnium,CN,US,2026-02,10,t,ts2-2025-12-20,",
      "magnets,CN,US,2026-13,10,t,ts2-2025-12-20,",
    ].join("\r\n");
    const { result, problems } = await importFile(page, "exports.csv", csv);
    expect(result).toBe("exports.csv: 4 problems in 4 rows; nothing was imported.");
    expect(problems).toEqual([
      "Row 3, quantity: '58x' is not a number",
      "Row 4, source_id: unknown source_id 'no-such-source' (not in sources.csv)",
      "Row 5, commodity: unknown commodity 'magnium' (not in reference/commodities.csv)",
      "Row 6, period: '2026-13' is not a month (YYYY-MM)",
    ]);
    expect(await page.getAttribute("#import-result", "data-tone")).toBe("error");
    expect(await status(page)).toEqual(bundledStatus);
    expect(await liveResults(page)).toEqual([582]);
    await screenshot(page, "import-errors");

    // The same file, corrected, is applied as a whole.
    const fixed =
      csv.split("\r\n").slice(0, 2).join("\r\n") +
      "\r\nmagnets,CN,US,2025-12,700,t,ts2-2025-12-20,\r\n";
    const applied = await importFile(page, "exports.csv", fixed);
    expect(applied.result).toBe(
      `Imported exports.csv: exports.csv layout, 1 row added, 1 replaced. Now using version ${bundled.version}+local. 1 figure added, 1 changed, 0 removed; new periods: 2025-12.`
    );
    expect(applied.problems).toEqual([]);
    expect(await isHidden(page, "#import-errors")).toBe(true);
    expect(await status(page)).toMatchObject({
      version: `${bundled.version}+local`,
      origin: "File: exports.csv",
    });
    expect(await liveResults(page)).toEqual([582, 600]);
    expect(pane.problems).toEqual([]);
    await context.close();
  });

  test("the USGS subset file: nothing to change on the bundled data; after a refresh it puts the release's values back", async () => {
    const { context, page } = await openFresh();
    const usgs = readFileSync(USGS_FILE);
    const name = "mcs2026_commodities_data_subset.csv";
    const same = await importFile(page, name, usgs);
    expect(same.result).toBe(
      `${name}: USGS data release, 152 rows for cobalt, gallium, lithium, rare earths, antimony. Nothing to change: the dataset in use already has this data.`
    );
    expect(await status(page)).toEqual(bundledStatus);
    expect(await call(page, "PRODUCTION", "cobalt", "Australia", 2024, null, null)).toBe(4780);

    await setFeed(page, `${feed.url}/newer.json`);
    await refresh(page);
    expect(await call(page, "PRODUCTION", "cobalt", "Australia", 2024, null, null)).toBe(4800);
    const applied = await importFile(page, name, usgs);
    expect(applied.result).toBe(
      `Imported ${name}: USGS data release, 152 rows for cobalt, gallium, lithium, rare earths, antimony. Now using version ${NEWER_VERSION}+local. 0 figures added, 1 changed, 0 removed.`
    );
    expect(await status(page)).toMatchObject({
      version: `${NEWER_VERSION}+local`,
      origin: `File: ${name}`,
    });
    // USGS figures are the release's again; the export figures of the refresh are still there.
    expect(await call(page, "PRODUCTION", "cobalt", "Australia", 2024, null, null)).toBe(4780);
    expect(await call(page, "DATAVERSION", null)).toBe(`${NEWER_VERSION}+local`);
    expect(await call(page, "DATAVERSION", "origin")).toBe(`file: ${name}`);
    expect(await exportNow(page)).toBe(600);
    await screenshot(page, "import-usgs");
    expect(pane.problems).toEqual([]);
    await context.close();
  });

  test("a dataset whose text fields are script payloads is shown as text and runs nothing", async () => {
    const { context, page } = await openFresh();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const payload = `<img src=x onerror="window.pwned=1;alert(1)"><script>window.pwned=2</script>`;
    const next = structuredClone(bundled);
    next.version = "2027.02.01";
    next.name = payload;
    next.sources = next.sources.map((s) => ({ ...s, title: payload, publisher: payload }));
    next.hash = "";
    const fileName = `<svg onload="window.pwned=3">.json`;
    const { result } = await importFile(page, fileName, JSON.stringify(next), "application/json");
    expect(result).toContain(`Imported ${fileName}: dataset 2027.02.01`);
    expect(await field(page, "name")).toBe(payload);
    expect(await field(page, "origin")).toBe(`File: ${fileName}`);
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => ({
        pwned: (window as unknown as { pwned?: number }).pwned ?? null,
        images: document.querySelectorAll("img").length,
        svgs: document.querySelectorAll("main svg[onload]").length,
        inlineScripts: document.querySelectorAll("script:not([src])").length,
      }))
    ).toEqual({ pwned: null, images: 0, svgs: 0, inlineScripts: 0 });
    expect(dialogs).toEqual([]);
    expect(pane.problems).toEqual([]);
    await context.close();
  });
});

test("the refreshed dataset survives a reload; the next refresh asks the feed with the kept ETag", async () => {
  const { context, page } = await openFresh();
  await setFeed(page, `${feed.url}/newer.json`);
  await refresh(page);
  const refreshed = await field(page, "refreshed");

  await page.reload();
  await waitForRestored(page);
  expect(await status(page)).toMatchObject({
    version: NEWER_VERSION,
    origin: `Feed: ${feed.url}/newer.json`,
  });
  expect(await field(page, "refreshed")).toBe(refreshed);
  expect(await isHidden(page, "#notice")).toBe(true);
  expect(await exportNow(page)).toBe(600);

  const before = conditional.length;
  expect(await refresh(page)).toBe(`Already up to date (version ${NEWER_VERSION}).`);
  expect(conditional.slice(before)).toEqual([ETAG]);
  expect(pane.problems).toEqual([]);
  await context.close();
});

test("a corrupted stored copy falls back to the bundled dataset with a visible notice, once", async () => {
  const { context, page } = await openFresh();
  await setFeed(page, `${feed.url}/newer.json`);
  await refresh(page);
  // Alter one figure in the stored text: it no longer matches its hash.
  await page.evaluate(
    () =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open("minerals-for-excel");
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("datasets", "readwrite");
          const store = tx.objectStore("datasets");
          const read = store.get("dataset-in-use");
          read.onsuccess = () => {
            const record = read.result as { text: string };
            record.text = record.text.replace('"quantity":600', '"quantity":601');
            store.put(record, "dataset-in-use");
          };
          tx.oncomplete = () => {
            db.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      })
  );
  await page.reload();
  await waitForRestored(page);
  expect(await isVisible(page, "#notice")).toBe(true);
  expect(await page.textContent("#notice")).toMatch(
    /^The saved dataset was rejected \(Invalid dataset: hash: the content does not match its hash .*\); using the bundled dataset\.$/
  );
  expect(await page.getAttribute("#notice", "role")).toBe("status");
  expect(await status(page)).toEqual(bundledStatus);
  expect(await exportNow(page)).toBe(582);
  await screenshot(page, "corrupted-notice");

  // Garbage of another kind entirely.
  await page.evaluate(
    () =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open("minerals-for-excel");
        open.onsuccess = () => {
          const tx = open.result.transaction("datasets", "readwrite");
          tx.objectStore("datasets").put("garbage \u0000\uffff", "dataset-in-use");
          tx.oncomplete = () => {
            open.result.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      })
  );
  await page.reload();
  await waitForRestored(page);
  expect(await page.textContent("#notice")).toBe(
    "The saved dataset could not be read; using the bundled dataset."
  );

  // The bad copy was removed: the next load is quiet.
  await page.reload();
  await waitForRestored(page);
  expect(await isHidden(page, "#notice")).toBe(true);
  expect(await status(page)).toEqual(bundledStatus);
  expect(pane.problems).toEqual([]);
  await context.close();
});

test("revert goes back to the bundled dataset, shows the diff, and stays reverted after a reload", async () => {
  const { context, page } = await openFresh();
  expect(
    await (async () => {
      await page.click("#revert");
      await page.waitForSelector("#revert-result:not([hidden])");
      return page.textContent("#revert-result");
    })()
  ).toBe(`Already using the bundled dataset (version ${bundled.version}).`);

  await startLiveCell(page);
  await setFeed(page, `${feed.url}/newer.json`);
  await refresh(page);
  expect(await liveResults(page)).toEqual([582, 600]);

  await page.click("#revert");
  await page.waitForFunction(() =>
    (document.getElementById("revert-result")?.textContent ?? "").startsWith("Reverted")
  );
  expect(await page.textContent("#revert-result")).toBe(
    `Reverted to the bundled dataset (version ${bundled.version}). 0 figures added, 2 changed, 1 removed.`
  );
  expect(await status(page)).toEqual(bundledStatus);
  expect(await liveResults(page)).toEqual([582, 600, 582]);
  await screenshot(page, "reverted");

  await page.reload();
  await waitForRestored(page);
  expect(await status(page)).toEqual(bundledStatus);
  expect(await isHidden(page, "#notice")).toBe(true);
  expect(pane.problems).toEqual([]);
  await context.close();
});

test("two workbooks share the add-in's saved copy: the other open pane says when it changes (issue 12, defect 10)", async () => {
  // Two panes of the add-in in one browser profile, as two workbooks open in one Excel.
  const { context, page: first } = await openFresh();
  const second = await pane.openPane({ context, width: 320, expectedFailures: [feed.url] });
  await waitForStatus(second);
  await waitForRestored(second);
  expect(await isHidden(second, "#notice")).toBe(true);

  await setFeed(first, `${feed.url}/newer.json`);
  expect(await refresh(first)).toMatch(/^Updated to /);
  await second.waitForSelector("#notice:not([hidden])");
  expect(await second.textContent("#notice")).toMatch(
    new RegExp(
      `^Another workbook saved a dataset \\(Feed: ${feed.url.replace(/[.]/g, "\\.")}/newer\\.json, at .+\\) as the add-in's saved copy, replacing the one saved before\\. This workbook keeps using version ${bundled.version.replace(/[.]/g, "\\.")} until the add-in starts again, which will then use that dataset\\.$`
    )
  );
  // The second workbook's data is its own until it starts again.
  expect(await status(second)).toEqual(bundledStatus);
  // The pane that saved is not told about its own change.
  expect(await isHidden(first, "#notice")).toBe(true);

  await first.click("#revert");
  await second.waitForFunction(() =>
    (document.getElementById("notice")?.textContent ?? "").startsWith("Another workbook reverted")
  );
  expect(await second.textContent("#notice")).toBe(
    `Another workbook reverted to the bundled dataset and removed the add-in's saved copy. This workbook keeps using version ${bundled.version} until the add-in starts again, which will then use the bundled dataset.`
  );
  expect(pane.problems).toEqual([]);
  await context.close();
});

test("keyboard: every control is reached with Tab, in order, and shows a focus ring", async () => {
  const { context, page } = await openFresh();
  const order: string[] = [];
  // Browse comes first: after the two jump links, Tab reaches the search box.
  for (let i = 0; i < 3; i++) await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("browse-search");
  // The data controls, in order, from the Data section's first one.
  await page.focus("#refresh");
  for (let i = 0; i < 5; i++) {
    if (i > 0) await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const ring = getComputedStyle(
        el.classList.contains("visually-hidden") ? (el.nextElementSibling as HTMLElement) : el
      );
      return { id: el.id, ring: ring.outlineStyle !== "none" || ring.borderBottomWidth === "2px" };
    });
    order.push(focused.id);
    expect(focused.ring).toBe(true);
  }
  expect(order).toEqual(["refresh", "feed-url", "save-feed", "import-file", "revert"]);
  await context.close();
});

test("no request left the machine, and no page logged an unexpected error", () => {
  expect(pane.blocked).toEqual([]);
  expect(pane.problems).toEqual([]);
});
