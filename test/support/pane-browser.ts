import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve, sep } from "path";
import { Browser, BrowserContext, chromium, Page, Route } from "playwright-core";
import { contentType, StaticServer, startStaticServer } from "./static-server";
import { ROOT, testDist } from "./test-dist";

/**
 * The production build in headless Chromium, shared by the browser tests: served over https from
 * 127.0.0.1, with the CDN's office.js replaced by the same file from @microsoft/office-js (the CDN is
 * unreachable here) and every other request off this machine blocked. Outside Office, office.js
 * resolves Office.onReady with host null.
 */
const OFFICE_DIST = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
export const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
export const SCREENSHOTS = join(ROOT, "test", "e2e", "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

const { httpsOptions } = require("../../scripts/dev-certs") as {
  httpsOptions(dir?: string): { key: Buffer; cert: Buffer; ca: Buffer };
};

/**
 * Console errors office.js itself causes outside Office, tolerated by their text:
 * - Outside an Office host office.js falls back to its O15 loader, whose ULS logger frames
 *   https://telemetryservice.firstpartyapps.oaspapps.com/ three seconds after load; the pane's CSP
 *   (frame-src https://*.office.com https://*.microsoft.com) refuses it. Harmless; it does not happen
 *   inside Office, where the host script replaces that logger.
 */
export const TOLERATED_CONSOLE_ERRORS = [
  /^Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/' violates the following Content Security Policy directive/,
];

export interface OpenOptions {
  /** Appended to taskpane.html (e.g. "?_host_Info=..."). */
  query?: string;
  width?: number;
  height?: number;
  /** Console errors this page is meant to cause. */
  expected?: RegExp[];
  /**
   * Addresses (prefixes) whose failures this page is meant to cause, such as a faulty feed: Chromium
   * logs "Failed to load resource" for each, located at the address.
   */
  expectedFailures?: string[];
  /** The browser context to open it in (each has its own IndexedDB and localStorage); default: the shared one. */
  context?: BrowserContext;
}

export interface PaneBrowser {
  server: StaticServer;
  browser: Browser;
  /** A context shared by tests that need nothing of their own. */
  context: BrowserContext;
  /** Every page error and untolerated console error, on any page, as "<page>: <text>". */
  problems: string[];
  /** Requests the route refused (anything not on this machine, or not in the office.js package). */
  blocked: string[];
  /** A fresh context with the same routing: its own storage, for tests of persistence. */
  newContext(): Promise<BrowserContext>;
  /** Opens the built pane in a new page, recording its errors. */
  openPane(options?: OpenOptions): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the https server for the shared build, Chromium, and a routed context. */
export async function startPaneBrowser(): Promise<PaneBrowser> {
  const dist = testDist();
  const certs = mkdtempSync(join(tmpdir(), "minerals-e2e-certs-"));
  const problems: string[] = [];
  const blocked: string[] = [];

  /** Serves the CDN's office.js files from the npm package, and refuses everything else off this machine. */
  async function route(r: Route): Promise<void> {
    const url = new URL(r.request().url());
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return r.continue();
    if (url.href.startsWith(OFFICE_CDN)) {
      const file = resolve(
        OFFICE_DIST,
        decodeURIComponent(url.pathname.slice(new URL(OFFICE_CDN).pathname.length))
      );
      if (file.startsWith(OFFICE_DIST + sep) && existsSync(file)) {
        return r.fulfill({ status: 200, contentType: contentType(file), body: readFileSync(file) });
      }
    }
    blocked.push(url.href);
    return r.abort("blockedbyclient");
  }

  // A fresh certificate set of the dev kind, outside the served folder; the browser ignores trust.
  const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const tls = httpsOptions(certs);
  quiet.mockRestore();
  const server = await startStaticServer(dist, tls);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const newContext = async () => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    await context.route("**/*", route);
    return context;
  };
  const context = await newContext();
  mkdirSync(SCREENSHOTS, { recursive: true });

  const openPane = async (options: OpenOptions = {}): Promise<Page> => {
    const { query = "", width = 320, height = 640, expected = [], expectedFailures = [] } = options;
    const page = await (options.context ?? context).newPage();
    await page.setViewportSize({ width, height });
    const label = `taskpane.html${query}`;
    page.on("pageerror", (error) => problems.push(`${label}: page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      if (expected.some((pattern) => pattern.test(text))) return;
      const at = message.location().url;
      if (
        text.startsWith("Failed to load resource") &&
        expectedFailures.some((u) => at.startsWith(u))
      )
        return;
      if (TOLERATED_CONSOLE_ERRORS.some((pattern) => pattern.test(text))) return;
      problems.push(`${label}: console error: ${text}`);
    });
    await page.goto(`${server.url}taskpane.html${query}`);
    return page;
  };

  return {
    server,
    browser,
    context,
    problems,
    blocked,
    newContext,
    openPane,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(certs, { recursive: true, force: true });
    },
  };
}

/** Waits until the pane has filled in the dataset's version. */
export async function waitForStatus(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const version = document.querySelector('[data-field="version"]')?.textContent ?? "";
    return version !== "" && version !== "…";
  });
}

/** Waits until last session's dataset is settled (restored, or fallen back with a notice). */
export async function waitForRestored(page: Page): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.restored === "true");
}

/** The text of a status field (name, version, as_of, origin, figures, sources, refreshed). */
export const field = (page: Page, name: string) =>
  page.locator(`dd[data-field="${name}"]`).textContent();

/**
 * Whether an element the pane always has is hidden, or visible. Playwright's own isHidden is true
 * for a missing element: these fail instead, so a removed element cannot pass for a hidden one.
 */
export async function isHidden(page: Page, selector: string): Promise<boolean> {
  await expectOne(page, selector);
  return page.isHidden(selector);
}

export async function isVisible(page: Page, selector: string): Promise<boolean> {
  await expectOne(page, selector);
  return page.isVisible(selector);
}

/** Fails unless exactly one element matches: checks of a list or a state start from its element. */
export async function expectOne(page: Page, selector: string): Promise<void> {
  const count = await page.locator(selector).count();
  if (count !== 1) throw new Error(`${selector}: ${count} elements in the pane, expected 1`);
}
