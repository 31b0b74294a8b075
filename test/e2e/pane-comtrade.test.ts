import { readFileSync } from "fs";
import { join } from "path";
import { BrowserContext, Page } from "playwright-core";
import {
  expectOne,
  PaneBrowser,
  SCREENSHOTS,
  startPaneBrowser,
  waitForRestored,
  waitForStatus,
} from "../support/pane-browser";

/**
 * The pane's Import of UN Comtrade files in Chromium against the production build: the project's
 * SYNTHETIC fixtures (test/fixtures/comtrade, never bundled: a Comtrade+ bulk CSV in ISO-8859-1 with
 * "Côte d'Ivoire" and CRLF line ends, and an API response's JSON) chosen in the file picker, then
 * the MINERALS functions called in the page through the mappings office.js recorded, as Excel calls
 * them, answering from the imported figures — and again after the pane is reloaded.
 */
const FIXTURES = join(__dirname, "..", "fixtures", "comtrade");
const LATIN1_CSV = readFileSync(join(FIXTURES, "synthetic-monthly-latin1.csv"));
const API_JSON = readFileSync(join(FIXTURES, "synthetic-api.json"));

let pane: PaneBrowser;

beforeAll(async () => {
  pane = await startPaneBrowser();
}, 180_000);

afterAll(async () => {
  await pane?.close();
}, 30_000);

jest.setTimeout(90_000);

async function openFresh(context: BrowserContext): Promise<Page> {
  const page = await pane.openPane({ context, width: 320, height: 900 });
  await waitForStatus(page);
  await waitForRestored(page);
  return page;
}

/** Chooses a file in the picker and waits for the import's result and listed lines. */
async function importFile(
  page: Page,
  name: string,
  buffer: Buffer,
  mimeType: string
): Promise<{ result: string; lines: string[]; tone: string | null }> {
  await page.setInputFiles("#import-file", { name, mimeType, buffer });
  await page.waitForFunction(() => {
    const input = document.getElementById("import-file") as HTMLInputElement;
    const text = document.getElementById("import-result")!.textContent ?? "";
    return !input.disabled && text !== "" && !text.startsWith("Reading ");
  });
  await expectOne(page, "#import-errors");
  return {
    result: (await page.textContent("#import-result")) ?? "",
    lines: await page.locator("#import-errors li").allTextContents(),
    tone: await page.getAttribute("#import-result", "data-tone"),
  };
}

/** Any MINERALS function called as Excel calls it (arguments, then the invocation): its first result, then the cell is cancelled. */
async function call(page: Page, id: string, ...args: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([name, values]) => {
      const cf = (window as unknown as { CustomFunctions: any }).CustomFunctions;
      const results: unknown[] = [];
      const invocation: { setResult(value: unknown): void; onCanceled?: () => void } = {
        setResult: (value: unknown) => results.push(value),
      };
      cf._association.mappings[name as string](...(values as unknown[]), invocation);
      // One answer is all this asks for: the cell goes away, as when Excel deletes it.
      invocation.onCanceled?.();
      return results[0];
    },
    [id, args] as const
  );
}

async function screenshot(page: Page, name: string, from: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 320;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width
  );
  await page.evaluate((selector) => document.querySelector(selector)?.scrollIntoView(), from);
  await page.screenshot({ path: join(SCREENSHOTS, `pane-comtrade-${name}-${width}.png`) });
}

test("a Comtrade+ bulk CSV (ISO-8859-1, CRLF) and an API JSON import; IMPORT, EXPORT and SOURCE answer from them, also after a reload", async () => {
  const context = await pane.newContext();
  const page = await openFresh(context);
  const bundledVersion = (await page.textContent('[data-field="version"]')) ?? "";

  const csv = await importFile(page, "cn-magnets-2024.csv", LATIN1_CSV, "text/csv");
  expect(csv.tone).toBe("success");
  expect(csv.result).toBe(
    `Imported cn-magnets-2024.csv: UN Comtrade, 12 figures (8 exports, 1 re-export, 1 re-import, 2 imports). 1 new commodity named by their customs code. Now using version ${bundledVersion}+local.`
  );
  expect(csv.lines).toEqual([]);
  expect(await page.textContent("#status-attention")).toBe(" · ⚠ 12 imported rows");
  await screenshot(page, "csv-imported", "#import-heading");

  const json = await importFile(page, "jp-imports.json", API_JSON, "application/json");
  expect(json.tone).toBe("success");
  expect(json.result).toMatch(/^Imported jp-imports\.json: UN Comtrade, 3 figures \(/);
  expect(await page.textContent("#status-attention")).toBe(" · ⚠ 15 imported rows");

  const answers = async () => ({
    // =MINERALS.IMPORT("8505.11","CN","2024-03",,"JP"): Japan's imports from China (the CSV).
    japanMarch: await call(page, "IMPORT", "8505.11", "CN", "2024-03", null, "JP", null),
    // The API JSON's month.
    japanApril: await call(page, "IMPORT", "8505.11", "CN", "2024-04", null, "JP", null),
    aprilValue: await call(page, "IMPORT", "magnets", "China", "2024-04", null, "Japan", "value"),
    // A non-ASCII name read from ISO-8859-1 bytes, and its reported 0.
    ivoryCoast: await call(page, "EXPORT", "magnets", "Côte d'Ivoire", "2024-03", null, null, null),
    world: await call(page, "EXPORT", "magnets", "World", "2024-03", null, null, null),
    publisher: await call(
      page,
      "SOURCE",
      "magnets",
      "World",
      "2024-03",
      "publisher",
      null,
      null,
      null
    ),
    version: await call(page, "DATAVERSION", null),
  });
  const imported = await answers();
  expect(imported).toEqual({
    japanMarch: 650_000,
    japanApril: 680_000,
    aprilValue: 34_000_000,
    ivoryCoast: 0,
    world: 5_000_000,
    publisher: "United Nations Comtrade",
    version: `${bundledVersion}+local`,
  });

  // The saved copy brings the same answers back after a reload.
  await page.reload();
  await waitForStatus(page);
  await waitForRestored(page);
  expect(await page.textContent('[data-field="origin"]')).toBe("File: jp-imports.json");
  expect(await answers()).toEqual(imported);
  expect(await page.textContent("#status-attention")).toBe(" · ⚠ 15 imported rows");
  await screenshot(page, "after-reload", "#data");

  // Both files are listed; removing the CSV leaves the JSON's figures (and counts 3 imported rows).
  const listed = () => page.locator("#comtrade-files-list li span").allTextContents();
  expect(await listed()).toEqual([
    "China, Japan; exports, imports, re-exports, re-imports; HS 811292, 850511; 2024-02 to 2024-03 — 12 figures, imported " +
      (await call(page, "SOURCE", "magnets", "World", "2024-03", "published", null, null, null)),
    "Japan, Rep. of Korea; imports; HS 850511; 2024-04 — 3 figures, imported " +
      (await call(page, "SOURCE", "magnets", "CN", "2024-04", "published", "JP", null, "import")),
  ]);
  await screenshot(page, "files-listed", "#import-heading");
  await page.click('button[aria-label="Remove comtrade-cn-magnets-2024"]');
  await page.waitForFunction(
    () => document.querySelectorAll("#comtrade-files-list li").length === 1
  );
  expect(await page.textContent("#import-result")).toMatch(
    /^Removed UN Comtrade: China, Japan; .*: 12 figures removed\. Now using version .*\+local\.$/
  );
  expect(await page.textContent("#status-attention")).toBe(" · ⚠ 3 imported rows");
  expect(await call(page, "IMPORT", "8505.11", "CN", "2024-04", null, "JP", null)).toBe(680_000);
  await screenshot(page, "file-removed", "#import-heading");
  await page.reload();
  await waitForStatus(page);
  await waitForRestored(page);
  expect(await listed()).toHaveLength(1);
  expect(pane.problems).toEqual([]);
  await context.close();
});

test("a bad Comtrade file is refused naming row and column; the figures in use stay", async () => {
  const context = await pane.newContext();
  const page = await openFresh(context);
  const good = await importFile(page, "cn.csv", LATIN1_CSV, "text/csv");
  expect(good.tone).toBe("success");
  const bad = Buffer.from(
    LATIN1_CSV.toString("latin1").replace(",202403,156,CHN,China,X,", ",2024-3,156,CHN,China,X,"),
    "latin1"
  );
  const refused = await importFile(page, "cn-bad.csv", bad, "text/csv");
  expect(refused.tone).toBe("error");
  expect(refused.result).toBe(
    "cn-bad.csv (UN Comtrade file): refused at row 2; nothing was imported."
  );
  expect(refused.lines).toEqual([
    "Row 2, period: '2024-3' is neither a month (YYYYMM) nor a year (YYYY)",
  ]);
  await screenshot(page, "refused", "#import-heading");
  expect(await call(page, "IMPORT", "8505.11", "CN", "2024-03", null, "JP", null)).toBe(650_000);
  expect(pane.problems).toEqual([]);
  await context.close();
});

test("an official figure with a news figure's key: the formula returns the official one and the pair is listed", async () => {
  const context = await pane.newContext();
  const page = await openFresh(context);
  const news = await call(page, "EXPORT", "magnets", "US", "2025-11", null, null, null);
  const conflict = readFileSync(join(FIXTURES, "synthetic-conflict.csv"));
  const imported = await importFile(page, "official-2025-11.csv", conflict, "text/csv");
  expect(imported.tone).toBe("success");
  expect(imported.result).toContain(
    "2 news figures with the same key yield to the official figure."
  );
  expect(imported.lines).toHaveLength(1);
  expect(imported.lines[0]).toMatch(
    /^Conflict: magnets CN → (US|JP) export 2025-11: official .*\(comtrade-official-2025-11\), news .*; formulas return the official figure$/
  );
  expect(await page.getAttribute("#import-errors", "aria-label")).toBe(
    "Notes on the imported file"
  );
  const official = await call(page, "EXPORT", "magnets", "US", "2025-11", "kg", null, null);
  const cited = await call(
    page,
    "SOURCE",
    "magnets",
    "US",
    "2025-11",
    "publisher",
    null,
    null,
    null
  );
  expect(cited).toBe("United Nations Comtrade");
  // data/news/exports.csv says 582 t; the SYNTHETIC official file 590,000 kg.
  expect(news).toBe(582);
  expect(official).toBe(590_000);
  await screenshot(page, "conflict", "#import-heading");
  expect(pane.problems).toEqual([]);
  await context.close();
});
