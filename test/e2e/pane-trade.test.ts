import { join } from "path";
import { BrowserContext, Page } from "playwright-core";
import { tradeColumnsFromRows } from "../../src/core/dataset/trade-rows";
import { compileData } from "../../src/dataset-build/compile";
import { formatTwoFiles } from "../../src/dataset-build/manifest-writer";
import { comtradeDataFolder } from "../support/comtrade-data";
import { startFeedServer } from "../support/feed-server";
import {
  PaneBrowser,
  SCREENSHOTS,
  startPaneBrowser,
  waitForRestored,
  waitForStatus,
} from "../support/pane-browser";

/**
 * Browse and the formula builder over official trade data, in Chromium against the production build
 * at 320 and 450 px, light and dark: the pane refreshes from a local format 2 feed holding the
 * SYNTHETIC Comtrade fixtures (test/fixtures/comtrade, compiled into a copy of data/ by the real
 * build), then finds an import series and a value series, opens them (figures in USD, as the
 * formulas write them), offers reporter, flow and measure where the data has them, and copies the
 * formula it built. Screenshots go to test/e2e/screenshots/trade-*.png.
 */
let pane: PaneBrowser;
let feed: Awaited<ReturnType<typeof startFeedServer>>;

beforeAll(async () => {
  const { dataset, trade } = compileData(comtradeDataFolder());
  dataset.version = "2026.12.20";
  const files = formatTwoFiles(dataset, tradeColumnsFromRows(trade));
  const arrow = { "content-type": "application/vnd.apache.arrow.file" };
  feed = await startFeedServer(
    {
      "/v2/minerals.manifest.json": (_req, res) =>
        res.writeHead(200, { "content-type": "application/json" }).end(files.manifest.bytes),
      ...Object.fromEntries(
        files.parts.map((part) => [
          `/v2/${part.path}`,
          (_req: unknown, res: import("http").ServerResponse) =>
            res.writeHead(200, arrow).end(part.bytes),
        ])
      ),
    },
    { cors: true }
  );
  pane = await startPaneBrowser();
}, 180_000);

afterAll(async () => {
  await pane?.close();
  await feed?.close();
}, 30_000);

jest.setTimeout(90_000);

type Scheme = "light" | "dark";

/** The pane at a width and scheme, refreshed from the feed of official trade data. */
async function openOfficial(
  width: number,
  scheme: Scheme
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await pane.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await pane.openPane({ context, width, height: 900 });
  await page.emulateMedia({ colorScheme: scheme });
  await waitForStatus(page);
  await waitForRestored(page);
  await page.fill("#feed-url", `${feed.url}/v2/minerals.manifest.json`);
  await page.click("#refresh");
  await page.waitForFunction(() => {
    const button = document.getElementById("refresh") as HTMLButtonElement;
    return !button.disabled && !document.getElementById("refresh-result")!.hidden;
  });
  expect(await page.textContent("#refresh-result")).toMatch(/^Updated to 2026\.12\.20/);
  return { context, page };
}

async function shot(page: Page, name: string, scheme: Scheme, from?: string): Promise<void> {
  const width = page.viewportSize()?.width ?? 320;
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width
  );
  await page.evaluate((selector) => {
    const element = selector ? document.querySelector(selector) : null;
    if (element) element.scrollIntoView({ block: "start" });
    else window.scrollTo(0, 0);
  }, from ?? null);
  await page.screenshot({ path: join(SCREENSHOTS, `trade-${name}-${width}-${scheme}.png`) });
}

async function searchFor(page: Page, text: string): Promise<string[]> {
  await page.fill("#browse-search", text);
  await page.press("#browse-search", "Enter");
  return page.$$eval("#browse-results .mfe-result", (buttons) =>
    buttons.map((b) => (b as HTMLElement).dataset.seriesId ?? "")
  );
}

async function openResult(page: Page, id: string): Promise<void> {
  await page.click(`#browse-results .mfe-result[data-series-id="${id}"]`);
  await page.waitForSelector("#builder-formula");
}

const formula = (page: Page) => page.locator("#builder-formula").textContent();
const options = (page: Page, select: string) =>
  page.$$eval(`${select} option`, (list) => list.map((o) => (o as HTMLOptionElement).value));

describe.each([
  [320, "light"],
  [450, "dark"],
  [320, "dark"],
  [450, "light"],
] as [number, Scheme][])("at %i px, %s", (width, scheme) => {
  test("an import series and a value series found, opened in USD, and their formulas", async () => {
    const { context, page } = await openOfficial(width, scheme);

    // An import series: "Japan imports magnets" finds Japan's imports (reporter JP), nothing else.
    const found = await searchFor(page, "Japan imports magnets");
    expect(found).toEqual([
      "import|magnets|JP|WORLD",
      "import|magnets|JP|WORLD|value",
      "import|magnets|JP|CN",
      "import|magnets|JP|CN|value",
    ]);
    const meta = await page
      .locator('#browse-results [data-series-id="import|magnets|JP|CN|value"] .mfe-result-meta')
      .textContent();
    expect(meta).toMatch(/^Japan's imports, value \(USD\) · [\d,]+ USD · 2024-04$/);
    await shot(page, "import-results", scheme);

    // Opened: IMPORT with its reporter and measure, its preview the latest figure; figures in USD.
    await openResult(page, "import|magnets|JP|CN|value");
    expect(await formula(page)).toBe('=MINERALS.IMPORT("magnets","CN","latest",,"JP","value")');
    const latest = (await page
      .locator(".mfe-view .mfe-table:not(.mfe-preview-table) tbody tr")
      .last()
      .locator("td.mfe-num")
      .textContent())!;
    expect(latest).toMatch(/^[\d,]+ USD$/);
    expect(await page.locator(".mfe-preview-value").textContent()).toBe(latest.replace(" USD", ""));
    expect(await page.locator(".mfe-chart").getAttribute("class")).toBe("mfe-chart");
    expect(await page.locator(".mfe-chart svg").first().textContent()).toContain("USD");
    expect(await page.locator(".mfe-notes").textContent()).toMatch(/United Nations Comtrade/);
    await shot(page, "import-value", scheme, ".mfe-detail");
    await shot(page, "import-value-chart", scheme, ".mfe-chart");

    // A value series by phrase: China's exports of magnets to the US, in USD.
    await page.click(".mfe-back");
    expect(await searchFor(page, "magnets to US value")).toEqual([
      "export|magnets|CN|US|value",
      "re-export|magnets|CN|US|value",
    ]);
    await shot(page, "value-results", scheme);
    await openResult(page, "export|magnets|CN|US|value");
    expect(await formula(page)).toBe('=MINERALS.EXPORT("magnets","US","latest",,,"value")');
    expect(await page.locator(".mfe-view .mfe-muted").first().textContent()).toMatch(
      /^China's exports, value \(USD\) · latest [\d,]+ USD \(2024-03\)$/
    );
    await shot(page, "value-series", scheme, ".mfe-detail");
    await context.close();
  });

  test("the builder offers reporter, flow and measure from the commodity's data; Copy copies the formula", async () => {
    const { context, page } = await openOfficial(width, scheme);
    await searchFor(page, "magnets US");
    await openResult(page, "export|magnets|CN|US");
    expect(await formula(page)).toBe('=MINERALS.EXPORT("magnets","US","latest")');
    expect(await options(page, "#builder-reporter")).toEqual(["CN", "JP", "KR"]);
    expect(await options(page, "#builder-flow")).toEqual([
      "export",
      "import",
      "re-export",
      "re-import",
    ]);
    expect(await options(page, "#builder-measure")).toEqual(["quantity", "value", "unit value"]);
    await shot(page, "builder-choices", scheme, ".mfe-detail");

    // Re-exports: no figure formula; the series, with the flow argument.
    await page.selectOption("#builder-flow", "re-export");
    expect(await options(page, "#builder-kind")).not.toContain("figure");
    expect(await formula(page)).toBe('=MINERALS.SERIES("magnets","US",,,,,,,"re-export")');
    await page.selectOption("#builder-measure", "value");
    expect(await formula(page)).toBe('=MINERALS.SERIES("magnets","US",,,,,,"value","re-export")');
    expect(await page.locator(".mfe-preview-table").textContent()).toContain("Value (USD)");
    await shot(page, "builder-reexport", scheme, ".mfe-detail");

    // Another reporter: Korea reports imports, in value only; its flow and measure follow.
    await page.selectOption("#builder-reporter", "KR");
    expect(await options(page, "#builder-flow")).toEqual([]);
    expect(await page.locator("#builder-flow").count()).toBe(0);
    expect(await page.locator("#builder-measure").count()).toBe(0);
    expect(await formula(page)).toBe('=MINERALS.SERIES("magnets","US",,,,,"KR","value","import")');
    expect(await page.locator(".mfe-preview").textContent()).toMatch(
      /#N\/A No reported figures for magnets KR ← US \(imports, value\); partners with figures: CN\./
    );
    await page.selectOption("#builder-kind", "figure");
    expect(await formula(page)).toBe('=MINERALS.IMPORT("magnets","US","latest",,"KR","value")');

    // Back to China's exports, unit value, a period: Copy puts exactly the formula on the clipboard.
    await page.selectOption("#builder-reporter", "CN");
    await page.selectOption("#builder-flow", "export");
    await page.selectOption("#builder-measure", "unit value");
    expect(await options(page, "#builder-period")).toEqual(["latest", "2024-02"]);
    await page.selectOption("#builder-period", "2024-02");
    const built = '=MINERALS.EXPORT("magnets","US","2024-02",,,"unit value")';
    expect(await formula(page)).toBe(built);
    await page.click("#builder-copy");
    await page.waitForFunction(
      () => document.getElementById("builder-copied")!.textContent === "Copied"
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(built);
    // 60,000 USD over 1,200 kg.
    expect(await page.locator(".mfe-preview-value").textContent()).toBe("50");
    await shot(page, "builder-copied", scheme, ".mfe-builder");
    await context.close();
  });
});
