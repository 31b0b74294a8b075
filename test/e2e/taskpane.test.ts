import { readFileSync } from "fs";
import { join } from "path";
import {
  field,
  OFFICE_CDN,
  PaneBrowser,
  SCREENSHOTS,
  startPaneBrowser,
  waitForStatus,
} from "../support/pane-browser";

/**
 * The production build in headless Chromium (test/support/pane-browser.ts): served over https from
 * 127.0.0.1, office.js routed from @microsoft/office-js, every other request off this machine blocked.
 * Outside Office, office.js resolves Office.onReady with host null.
 */
const ROOT = join(__dirname, "..", "..");
/**
 * What office.js reads to decide it runs in Excel on Windows (Excel puts it in the pane's URL or window
 * name): it then loads excel-win32-16.01.js, the host script that carries the custom-functions runtime
 * (CustomFunctions.Error, ErrorCode). No host answers, so Office.onReady never resolves on this page.
 * office.js also keeps the value in sessionStorage, which is per tab: every test opens a new page.
 */
const AS_EXCEL_ON_WINDOWS = "?_host_Info=Excel$Win32$16.01$en-US$telemetry$$$0";

interface Dataset {
  name: string;
  version: string;
  as_of: string;
}
const dataset = JSON.parse(readFileSync(join(ROOT, "build", "minerals.json"), "utf8")) as Dataset;

let pane: PaneBrowser;
const openPane = (query = "", width = 320, expected: RegExp[] = []) =>
  pane.openPane({ query, width, expected });

beforeAll(async () => {
  pane = await startPaneBrowser();
}, 180_000);

afterAll(async () => {
  await pane?.close();
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
    `${pane.server.url}functions.js`,
    `${pane.server.url}taskpane.js`,
  ]);
  expect(pane.server.requests).toEqual(
    expect.arrayContaining(["/taskpane.html", "/taskpane.css", "/functions.js", "/taskpane.js"])
  );
  expect(pane.problems).toEqual([]);
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
    mappings.FORECAST("lithium", 2026, null, null, null, invocation);
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
    ids: [
      "CHANGE",
      "COMMODITY",
      "CONTROLS",
      "DATAVERSION",
      "EVENTS",
      "EXPORT",
      "FORECAST",
      "INDICATOR",
      "LIST",
      "PRODUCTION",
      "RESERVES",
      "SERIES",
      "SHARE",
      "SOURCE",
      "TOP",
    ],
    legacyMappings: [],
    errorClass: "undefined",
    results: [582, 17000],
  });
  expect(pane.problems).toEqual([]);
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
    mappings.FORECAST("lithium", 2026, null, null, null, invocation);
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
  expect(pane.problems).toEqual([]);
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
  expect(pane.blocked).toEqual([]);
  expect(pane.problems).toEqual([]);
});
