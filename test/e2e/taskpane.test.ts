import { execFileSync } from "child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve, sep } from "path";
import { Browser, BrowserContext, chromium, Page, Route } from "playwright-core";
import { contentType, StaticServer, startStaticServer } from "../support/static-server";

/**
 * The production build in headless Chromium: served over https from 127.0.0.1, with the CDN's office.js
 * replaced by the same file from @microsoft/office-js (the CDN is unreachable here) and every other
 * request off this machine blocked. Outside Office, office.js resolves Office.onReady with host null.
 */
const ROOT = join(__dirname, "..", "..");
const OFFICE_DIST = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const SCREENSHOTS = join(__dirname, "screenshots");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
/**
 * What office.js reads to decide it runs in Excel on Windows (Excel puts it in the pane's URL or window
 * name): it then loads excel-win32-16.01.js, the host script that carries the custom-functions runtime
 * (CustomFunctions.Error, ErrorCode). No host answers, so Office.onReady never resolves on this page.
 * office.js also keeps the value in sessionStorage, which is per tab: every test opens a new page.
 */
const AS_EXCEL_ON_WINDOWS = "?_host_Info=Excel$Win32$16.01$en-US$telemetry$$$0";

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
const TOLERATED_CONSOLE_ERRORS = [
  /^Framing 'https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\/' violates the following Content Security Policy directive/,
];

interface Dataset {
  name: string;
  version: string;
  as_of: string;
}
const dataset = JSON.parse(readFileSync(join(ROOT, "build", "minerals.json"), "utf8")) as Dataset;

const out = mkdtempSync(join(tmpdir(), "minerals-e2e-"));
const certs = mkdtempSync(join(tmpdir(), "minerals-e2e-certs-"));
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
/** Every page error and untolerated console error, on any page, as "<page>: <text>". */
const problems: string[] = [];
/** Requests the route refused (anything not on this machine, or not in the office.js package). */
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

/** Opens the built pane in a new page; `expected` lists console errors this page is meant to cause. */
async function openPane(query = "", width = 320, expected: RegExp[] = []): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width, height: 640 });
  const label = `taskpane.html${query}`;
  page.on("pageerror", (error) => problems.push(`${label}: page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if (expected.some((pattern) => pattern.test(text))) return;
    if (TOLERATED_CONSOLE_ERRORS.some((pattern) => pattern.test(text))) return;
    problems.push(`${label}: console error: ${text}`);
  });
  await page.goto(`${server.url}taskpane.html${query}`);
  return page;
}

/** Waits until Office.onReady has run and the pane has filled in the dataset's version. */
async function waitForStatus(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const version = document.querySelector('[data-field="version"]')?.textContent ?? "";
    return version !== "" && version !== "…";
  });
}

const field = (page: Page, name: string) => page.locator(`dd[data-field="${name}"]`).textContent();

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [
      require.resolve("webpack-cli/bin/cli.js"),
      "--mode",
      "production",
      "--env",
      `outputPath=${out}`,
    ],
    { cwd: ROOT, stdio: "pipe" }
  );
  // A fresh certificate set of the dev kind, outside the served folder; the browser ignores trust.
  const quiet = jest.spyOn(console, "error").mockImplementation(() => undefined);
  const tls = httpsOptions(certs);
  quiet.mockRestore();
  server = await startStaticServer(out, tls);
  browser = await chromium.launch({
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
  context = await browser.newContext({ ignoreHTTPSErrors: true });
  await context.route("**/*", route);
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(out, { recursive: true, force: true });
  rmSync(certs, { recursive: true, force: true });
}, 30_000);

jest.setTimeout(60_000);

test("the pane loads without errors and shows the bundled dataset", async () => {
  const page = await openPane();
  await waitForStatus(page);

  expect(await field(page, "name")).toBe(dataset.name);
  expect(await field(page, "version")).toBe(dataset.version);
  expect(await field(page, "as_of")).toBe(dataset.as_of);
  expect(await field(page, "origin")).toBe("Bundled with the add-in");
  const figures = Number((await field(page, "figures"))?.replace(/,/g, ""));
  expect(figures).toBeGreaterThan(0);
  expect(Number(await field(page, "sources"))).toBeGreaterThan(0);
  expect(await page.locator("#host").textContent()).toBe(
    "Running outside Office: the dataset is readable here; formulas work inside Excel."
  );

  // office.js came through the route (so from the npm package), and the page's own files from the server.
  expect(await page.evaluate(() => [...document.scripts].map((s) => s.src))).toEqual([
    `${OFFICE_CDN}office.js`,
    `${OFFICE_CDN}o15apptofilemappingtable.js`, // office.js's own loader, outside Office
    `${server.url}functions.js`,
    `${server.url}taskpane.js`,
  ]);
  expect(server.requests).toEqual(
    expect.arrayContaining(["/taskpane.html", "/taskpane.css", "/functions.js", "/taskpane.js"])
  );
  expect(problems).toEqual([]);
  await page.close();
});

test("office.js records the bundle's CustomFunctions.associate calls, and EXPORT and FORECAST answer", async () => {
  const page = await openPane();
  await waitForStatus(page);
  // In a plain page office.js keeps the mappings in CustomFunctions._association (upper-cased ids): the
  // object Excel's runtime hands to its function proxy. window.CustomFunctionMappings stays empty, and
  // CustomFunctions.Error is not there (it comes with the Excel host script; see the next test).
  const found = await page.evaluate(() => {
    const cf = (window as unknown as { CustomFunctions: Record<string, any> }).CustomFunctions;
    const mappings = cf._association.mappings as Record<string, (...args: unknown[]) => void>;
    const results: unknown[] = [];
    const invocation = { setResult: (value: unknown) => results.push(value) };
    mappings.EXPORT("magnets", "US", "2025-11", null, null, invocation);
    mappings.FORECAST("lithium", 2026, null, null, invocation);
    return {
      ids: Object.keys(mappings).sort(),
      legacyMappings: Object.keys(
        (window as unknown as { CustomFunctionMappings: object }).CustomFunctionMappings
      ),
      errorClass: typeof cf.Error,
      results,
    };
  });
  expect(found).toEqual({
    ids: ["EXPORT", "FORECAST"],
    legacyMappings: [],
    errorClass: "undefined",
    results: [582, 17000],
  });
  expect(problems).toEqual([]);
  await page.close();
});

test("with Excel's host script loaded by office.js, an error is a real CustomFunctions.Error", async () => {
  const page = await openPane(AS_EXCEL_ON_WINDOWS);
  await page.waitForFunction(() => {
    const cf = (window as unknown as { CustomFunctions?: Record<string, any> }).CustomFunctions;
    return typeof cf?.Error === "function" && cf._association?.mappings?.EXPORT !== undefined;
  });
  const found = await page.evaluate(() => {
    const cf = (window as unknown as { CustomFunctions: Record<string, any> }).CustomFunctions;
    const mappings = cf._association.mappings as Record<string, (...args: unknown[]) => void>;
    const results: unknown[] = [];
    const invocation = { setResult: (value: unknown) => results.push(value) };
    mappings.EXPORT("magnets", "US", "2025-11", null, null, invocation);
    mappings.FORECAST("lithium", 2026, null, null, invocation);
    mappings.EXPORT("magnium", "US", "2025-11", null, null, invocation);
    const error = results[2] as { code: string; message: string; toJSON(): { valueType: string } };
    return {
      hostScript: [...document.scripts].some((s) => s.src.endsWith("/excel-win32-16.01.js")),
      values: results.slice(0, 2),
      isRuntimeError: error instanceof cf.Error,
      code: error.code,
      message: error.message,
      valueType: error.toJSON().valueType,
    };
  });
  expect(found).toEqual({
    hostScript: true,
    values: [582, 17000],
    isRuntimeError: true,
    code: "#VALUE!",
    message: "Unknown commodity 'magnium'. Did you mean 'magnets'?",
    valueType: "CustomFunctionError",
  });
  expect(problems).toEqual([]);
  await page.close();
});

test("the Content-Security-Policy meta is in force and the page has no inline script", async () => {
  const page = await openPane("", 320, [
    /^Executing inline script violates the following Content Security Policy directive/,
  ]);
  await waitForStatus(page);
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute("content");
  const directives = (csp ?? "").split(";").map((directive) => directive.trim());
  expect(directives).toContain("script-src 'self' https://appsforoffice.microsoft.com");
  expect(directives).toContain("object-src 'none'");
  expect(await page.locator("script:not([src])").count()).toBe(0);

  // The policy is enforced, not just present: an injected inline script is refused and never runs.
  const verdict = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violated: string }>((done) => {
        document.addEventListener("securitypolicyviolation", (event) =>
          done({ ran: "injected" in window, violated: event.violatedDirective })
        );
        const script = document.createElement("script");
        script.textContent = "window.injected = true;";
        document.body.appendChild(script);
      })
  );
  expect(verdict).toEqual({ ran: false, violated: "script-src-elem" });
  await page.close();
});

test.each([320, 800])("screenshot of the pane at %i px wide", async (width) => {
  const page = await openPane("", width);
  await waitForStatus(page);
  // No horizontal scrolling at either width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width
  );
  await page.screenshot({ path: join(SCREENSHOTS, `taskpane-${width}.png`), fullPage: true });
  await page.close();
});

test("no request left the machine, and no page logged an unexpected error", () => {
  expect(blocked).toEqual([]);
  expect(problems).toEqual([]);
});
