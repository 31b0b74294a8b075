import { readFileSync } from "fs";
import { join } from "path";
import { BrowserContext, Page } from "playwright-core";
import { Dataset } from "../../src/core/dataset/dataset";
import { datasetHash } from "../../src/core/dataset/hash";
import { indexDataset } from "../../src/core/dataset/indexed";
import { controlsText } from "../../src/core/queries/controls";
import { startFeedServer } from "../support/feed-server";
import {
  PaneBrowser,
  SCREENSHOTS,
  startPaneBrowser,
  waitForRestored,
  waitForStatus,
} from "../support/pane-browser";

/**
 * The analyst's pane (issue 8) in Chromium against the production build, outside Office, at 320
 * and 450 px, light and dark: browse first, the catalogue and its filters, did-you-mean, phrases,
 * the formula builder and its live preview, "latest" moving forward on refresh, the change list,
 * imported rows never dropped silently, honest export-control status, notation, charts, the Office
 * look (dark, forced colours, 14 px), feed address rules and CORS, truthful status, Repair formulas
 * and Help. Screenshots of each state go to test/e2e/screenshots/analyst-*.png.
 */
const ROOT = join(__dirname, "..", "..");
const bundled = JSON.parse(readFileSync(join(ROOT, "build", "minerals.json"), "utf8")) as Dataset;
const data = indexDataset(bundled);

let pane: PaneBrowser;
let feed: Awaited<ReturnType<typeof startFeedServer>>;
let noCors: Awaited<ReturnType<typeof startFeedServer>>;

/** The bundled dataset with magnets → US 2025-12 = 700 t added. */
async function newerDataset(): Promise<string> {
  const next = structuredClone(bundled);
  next.version = "2026.12.15";
  next.exports.push({
    ...next.exports.find((o) => o.commodity === "magnets" && o.partner === "US")!,
    period: "2025-12",
    quantity: 700,
    note: "Added by the newer feed",
  });
  next.hash = await datasetHash(next);
  return JSON.stringify(next);
}

beforeAll(async () => {
  const newer = await newerDataset();
  const json = { "content-type": "application/json" };
  feed = await startFeedServer(
    { "/newer.json": (_req, res) => res.writeHead(200, json).end(newer) },
    { cors: true }
  );
  // A feed that answers but sends no CORS headers: the browser may not read it.
  noCors = await startFeedServer({
    "/minerals.json": (_req, res) => res.writeHead(200, json).end(newer),
  });
  pane = await startPaneBrowser();
}, 180_000);

afterAll(async () => {
  await pane?.close();
  await feed?.close();
  await noCors?.close();
}, 30_000);

jest.setTimeout(90_000);

type Scheme = "light" | "dark";

async function open(
  width = 320,
  scheme: Scheme = "light",
  height = 900
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await pane.newContext();
  const page = await pane.openPane({
    context,
    width,
    height,
    expectedFailures: [noCors.url],
    expected: [/has been blocked by CORS policy/],
  });
  await page.emulateMedia({ colorScheme: scheme });
  await waitForStatus(page);
  await waitForRestored(page);
  return { context, page };
}

/**
 * A screenshot of the pane's window (320 or 450 × 900) showing one state: the page scrolled so that
 * `from` is at the top (default: the top of the pane).
 */
async function shot(
  page: Page,
  name: string,
  scheme: Scheme = "light",
  from?: string
): Promise<void> {
  const width = page.viewportSize()?.width ?? 320;
  // Nothing may need horizontal scrolling at any width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width
  );
  await page.evaluate((selector) => {
    const element = selector ? document.querySelector(selector) : null;
    if (element) element.scrollIntoView({ block: "start" });
    else window.scrollTo(0, 0);
  }, from ?? null);
  await page.screenshot({ path: join(SCREENSHOTS, `analyst-${name}-${width}-${scheme}.png`) });
}

async function searchFor(page: Page, text: string): Promise<void> {
  await page.fill("#browse-search", text);
  await page.press("#browse-search", "Enter");
}

async function openResult(page: Page, id: string): Promise<void> {
  await page.click(`#browse-results .mfe-result[data-series-id="${id}"]`);
  await page.waitForSelector("#builder-formula");
}

const formula = (page: Page) => page.textContent("#builder-formula");
const previewValue = (page: Page) => page.textContent("#builder-preview .mfe-preview-value");

async function refresh(page: Page, url: string): Promise<string> {
  await page.fill("#feed-url", url);
  await page.click("#refresh");
  await page.waitForFunction(() => {
    const button = document.getElementById("refresh") as HTMLButtonElement;
    return !button.disabled && !document.getElementById("refresh-result")!.hidden;
  });
  return (await page.textContent("#refresh-result")) ?? "";
}

// ---------------------------------------------------------------------------------------------
// Every state at both widths, light and dark

describe.each([
  [320, "light"],
  [320, "dark"],
  [450, "light"],
  [450, "dark"],
] as [number, Scheme][])("at %i px, %s", (width, scheme) => {
  test("browse first: status line, search within the first 450 px, the catalogue", async () => {
    const { context, page } = await open(width, scheme);
    const status = await page.textContent("#status-line");
    expect(status?.replace(/\s+/g, " ").trim()).toBe(
      `${bundled.version} · as of ${bundled.as_of} · bundled`
    );
    const box = (await page.locator("#browse-search").boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(450);
    // The data tasks are a section of their own, after Browse.
    const data = (await page.locator("#data").boundingBox())!;
    expect(data.y).toBeGreaterThan(box.y);
    expect(await page.locator("#browse-catalogue .mfe-result").count()).toBeGreaterThan(10);
    // The theme: dark follows the system's setting in a browser.
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(scheme === "dark" ? "rgb(31, 31, 31)" : "rgb(250, 250, 250)");
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe("14px");
    await shot(page, "start", scheme);
    await context.close();
  });

  test("a series opened: builder under the header, then chart, table, notes", async () => {
    const { context, page } = await open(width, scheme);
    await searchFor(page, "magnets to US");
    await shot(page, "results", scheme);
    await openResult(page, "export|magnets|CN|US");
    const y = async (selector: string) => (await page.locator(selector).boundingBox())!.y;
    expect(await y(".mfe-builder")).toBeLessThan(await y(".mfe-chart"));
    expect(await y(".mfe-chart")).toBeLessThan(await y(".mfe-table-wrap:not(.mfe-preview *)"));
    await shot(page, "series", scheme, ".mfe-detail");
    await page.selectOption("#builder-kind", "series");
    await shot(page, "builder-series", scheme, ".mfe-detail");
    await context.close();
  });

  test("export controls, the did-you-mean and the data section after a refresh", async () => {
    const { context, page } = await open(width, scheme);
    await searchFor(page, "gallum");
    await page.waitForSelector("#browse-suggestion:not([hidden])");
    await shot(page, "did-you-mean", scheme);
    await searchFor(page, "gallium controls");
    await openResult(page, "controls|gallium");
    await shot(page, "controls", scheme, ".mfe-detail");
    expect(await refresh(page, `${feed.url}/newer.json`)).toMatch(/^Updated to 2026\.12\.15/);
    await page.waitForSelector("#changes:not([hidden])");
    await shot(page, "data-after-refresh", scheme, "#refresh-heading");
    await context.close();
  });
});

// ---------------------------------------------------------------------------------------------
// Each point, at 320 px

describe("discovery", () => {
  test("the catalogue says what exists per commodity, and the filters narrow it and the results", async () => {
    const { context, page } = await open();
    const gallium = page.locator('#browse-catalogue .mfe-result[data-commodity="gallium"]');
    expect(await gallium.textContent()).toBe(
      "Gallium3 trade series · 12 USGS series · 1 indicator · export controls"
    );
    await page.click('#browse-filters [data-filter="forecast"]');
    expect(await page.getAttribute('[data-filter="forecast"]', "aria-pressed")).toBe("true");
    expect(
      await page
        .locator("#browse-catalogue .mfe-result")
        .evaluateAll((b) => b.map((x) => (x as HTMLElement).dataset.commodity))
    ).toEqual(
      ["heavy rare earths", "lithium", "copper", "nickel", "critical minerals refining"].sort(
        (a, b) =>
          bundled.commodities.findIndex((c) => c.id === a) -
          bundled.commodities.findIndex((c) => c.id === b)
      )
    );
    await shot(page, "catalogue-forecasts");
    // Choosing a commodity searches it, within the filter.
    await page.click('#browse-catalogue .mfe-result[data-commodity="lithium"]');
    const ids = await page
      .locator("#browse-results .mfe-result")
      .evaluateAll((b) => b.map((x) => (x as HTMLElement).dataset.seriesId));
    expect(ids).toEqual([
      "forecast|lithium|market balance|WORLD|Fitch Ratings|base",
      "forecast|lithium|price: lithium carbonate|WORLD|Bernstein|base",
    ]);
    await context.close();
  });

  test("did you mean: the suggestion the formulas make", async () => {
    const { context, page } = await open();
    for (const [typed, meant] of [
      ["gallum", "gallium"],
      ["Chna", "China"],
      ["gallum Japan", "gallium Japan"],
    ]) {
      await searchFor(page, typed);
      expect(await page.textContent("#browse-count")).toBe(`Nothing matches '${typed}'.`);
      expect(await page.textContent("#browse-suggestion")).toBe(`Did you mean ${meant}?`);
    }
    await page.click("#browse-suggestion button");
    expect(await page.inputValue("#browse-search")).toBe("gallium Japan");
    expect(
      await page.locator("#browse-results .mfe-result").first().getAttribute("data-series-id")
    ).toBe("export|gallium|CN|JP");
    await context.close();
  });

  test('phrases: "magnets to US", "gallium Japan 2025-06" (the month goes to the builder)', async () => {
    const { context, page } = await open();
    await searchFor(page, "magnets to US");
    expect(
      await page.locator("#browse-results .mfe-result").first().getAttribute("data-series-id")
    ).toBe("export|magnets|CN|US");
    await searchFor(page, "gallium Japan 2025-06");
    expect(await page.textContent("#browse-count")).toMatch(/\(period 2025-06\)$/);
    await openResult(page, "export|gallium|CN|JP");
    expect(await formula(page)).toBe('=MINERALS.EXPORT("gallium","JP","2025-06")');
    expect(await previewValue(page)).toBe("2,004");
    await shot(page, "phrase-month", "light", ".mfe-detail");
    await context.close();
  });
});

describe("the formula builder", () => {
  test('"latest" by default; each choice changes the formula and its preview; Copied sits by Copy and clears', async () => {
    const { context, page } = await open();
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await searchFor(page, "magnets US");
    await openResult(page, "export|magnets|CN|US");
    expect(await formula(page)).toBe('=MINERALS.EXPORT("magnets","US","latest")');
    expect(await previewValue(page)).toBe("582");
    await page.selectOption("#builder-unit", "kg");
    expect(await formula(page)).toBe('=MINERALS.EXPORT("magnets","US","latest","kg")');
    expect(await previewValue(page)).toBe("582,000");
    await page.click("#builder-copy");
    await page.waitForFunction(
      () => document.getElementById("builder-copied")!.textContent === "Copied"
    );
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      '=MINERALS.EXPORT("magnets","US","latest","kg")'
    );
    // "Copied" is next to the button that copied, and goes when the formula changes.
    const copy = (await page.locator("#builder-copy").boundingBox())!;
    const copied = (await page.locator("#builder-copied").boundingBox())!;
    expect(Math.abs(copied.y - copy.y)).toBeLessThan(copy.height);
    await page.selectOption("#builder-kind", "change");
    expect(await page.textContent("#builder-copied")).toBe("");
    expect(await formula(page)).toBe('=MINERALS.CHANGE("magnets","US","latest")');
    expect(await previewValue(page)).toBe("-0.112805");
    await page.selectOption("#builder-kind", "share");
    await page.selectOption("#builder-period", "2025-06");
    expect(await formula(page)).toBe('=MINERALS.SHARE("magnets","US","2025-06")');
    await page.selectOption("#builder-kind", "series");
    await page.selectOption("#builder-headers", "0");
    // The unit chosen earlier stays; a series starts from its first reported month.
    expect(await formula(page)).toBe('=MINERALS.SERIES("magnets","US",,,0,"kg")');
    expect(await page.locator("#builder-preview tr").allTextContents()).toEqual([
      "2025-06353,000",
      "2025-10656,000",
      "2025-11582,000",
    ]);
    await page.selectOption("#builder-kind", "top");
    await page.selectOption("#builder-top", "1");
    expect(await formula(page)).toBe('=MINERALS.TOP("magnets","latest",1)');
    await page.selectOption("#builder-kind", "citation");
    await page.selectOption("#builder-field", "qualifier");
    expect(await formula(page)).toBe('=MINERALS.SOURCE("magnets","US","latest","qualifier")');
    expect(await previewValue(page)).toBe('"latest" = 2025-11');
    // Outside Excel, inserting is disabled and says why; copying works.
    expect(await page.isDisabled("#builder-insert")).toBe(true);
    expect(await page.textContent("#builder-reason")).toBe("Open in Excel to insert formulas.");
    await shot(page, "builder-citation", "light", ".mfe-detail");
    await context.close();
  });

  test('"latest" moves forward when a refresh adds a month; the change list says which figure moved', async () => {
    const { context, page } = await open();
    await searchFor(page, "magnets US");
    await openResult(page, "export|magnets|CN|US");
    expect(await previewValue(page)).toBe("582");
    expect(await refresh(page, `${feed.url}/newer.json`)).toMatch(/^Updated to 2026\.12\.15/);
    await page.waitForFunction(
      () => document.querySelector("#builder-preview .mfe-preview-value")?.textContent === "700"
    );
    expect(await formula(page)).toBe('=MINERALS.EXPORT("magnets","US","latest")');
    expect(await page.locator("#builder-period option:checked").textContent()).toBe(
      "latest (2025-12)"
    );
    expect(await page.textContent("#changes-heading")).toBe(
      "1 figure changed (2026.12.01 → 2026.12.15)"
    );
    expect(await page.locator("#changes-list > li").allTextContents()).toEqual([
      "magnets CN → US exports2025-12: added 700 t",
    ]);
    // The change log goes to a sheet in Excel only.
    expect(await page.isDisabled("#insert-change-log")).toBe(true);
    await shot(page, "latest-after-refresh", "light", ".mfe-detail");
    await context.close();
  });
});

describe("imported rows, status and the export-control status", () => {
  const csv = [
    "commodity,reporter,partner,period,quantity,unit,source_id,note",
    "magnets,CN,US,2026-01,610,t,ts2-2025-12-20,test row",
  ].join("\n");

  test("a refresh or revert that would drop imported rows says how many and asks first", async () => {
    const { context, page } = await open();
    await page.setInputFiles("#import-file", {
      name: "exports.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await page.waitForFunction(() =>
      (document.getElementById("import-result")!.textContent ?? "").startsWith("Imported")
    );
    expect(await page.textContent('dd[data-field="refreshed"]')).toMatch(
      / — Imported exports\.csv$/
    );
    // The status line at the top warns while imported rows are in use.
    expect(await page.textContent("#status-attention")).toBe(" · ⚠ 1 imported row");
    await page.fill("#feed-url", `${feed.url}/newer.json`);
    await page.click("#refresh");
    await page.waitForSelector("#local-confirm:not([hidden])");
    expect(await page.textContent("#local-confirm-text")).toBe(
      "The dataset in use has 1 row imported from a file. A refresh replaces the whole dataset: that row will be dropped (import the file again afterwards to keep it)."
    );
    await shot(page, "local-rows-confirm", "light", "#data");
    await page.click("#local-confirm-keep");
    expect(await page.textContent('[data-field="version"]')).toBe(`${bundled.version}+local`);
    await page.click("#revert");
    expect(await page.textContent("#local-confirm-go")).toBe("Revert anyway");
    await page.click("#local-confirm-go");
    await page.waitForFunction(() => !document.getElementById("revert-result")!.hidden);
    // The status says what happened to the data in use.
    expect(await page.textContent('dd[data-field="refreshed"]')).toMatch(
      new RegExp(` — Reverted to the bundled dataset ${bundled.version.replace(/\./g, "\\.")}$`)
    );
    expect(await page.textContent('[data-field="version"]')).toBe(bundled.version);
    expect(await page.textContent("#status-attention")).toBe("");
    await context.close();
  });

  test("a scheduled end after the data's as-of date is scheduled, in the result list and the view alike", async () => {
    const { context, page } = await open();
    const today = controlsText(data, { commodity: "gallium" }, new Date()) as string;
    await searchFor(page, "gallium controls");
    const meta = await page
      .locator('#browse-results .mfe-result[data-series-id="controls|gallium"] .mfe-result-meta')
      .textContent();
    expect(meta).toBe(`Export-control events · ${today}`);
    expect(meta).not.toMatch(/in force again/);
    await openResult(page, "controls|gallium");
    expect(await page.textContent(".mfe-status-today")).toBe(`Today: ${today}`);
    expect(await formula(page)).toBe('=MINERALS.CONTROLS("gallium")');
    expect(await previewValue(page)).toBe(today);
    await context.close();
  });
});

describe("notation and charts", () => {
  test("USGS codes in words, units as the formulas write them, estimates marked", async () => {
    const { context, page } = await open();
    await searchFor(page, "lithium United States");
    await openResult(page, "production|lithium|mine production|US");
    expect(await page.locator(".mfe-table tbody td.mfe-num").allTextContents()).toEqual([
      "withheld",
      "withheld",
    ]);
    await page.click(".mfe-back");
    await searchFor(page, "rare earths World reserves");
    await openResult(page, "reserves|rare earths|reserves|WORLD");
    expect(await page.locator(".mfe-table tbody td.mfe-num").last().textContent()).toBe(
      "more than 85,000,000 t"
    );
    await page.click(".mfe-back");
    await searchFor(page, "rare earths China");
    await openResult(page, "production|rare earths|mine production|CN");
    expect(await page.locator(".mfe-table tbody td.mfe-num").last().textContent()).toBe(
      "270,000 t (estimated)"
    );
    await shot(page, "usgs-notation", "light", ".mfe-chart, .mfe-no-chart");
    await context.close();
  });

  test("a chart has its unit on the value axis, four period labels at 320 px, and values reachable by keyboard", async () => {
    const { context, page } = await open();
    await searchFor(page, "magnets World");
    await openResult(page, "export|magnets|CN|WORLD");
    expect(await page.textContent(".mfe-chart-unit")).toBe("t");
    const labels = await page.locator(".mfe-chart-period").allTextContents();
    expect(labels.length).toBeGreaterThanOrEqual(4);
    await page.focus(".mfe-chart-dot");
    expect(await page.textContent(".mfe-chart-readout")).toMatch(/^2025-\d{2}: [\d,]+ t$/);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toMatch(
      /^2025-\d{2}: [\d,]+ t$/
    );
    await shot(page, "chart-keyboard", "light", ".mfe-builder");
    await context.close();
  });

  test("forced colours keep the pane usable", async () => {
    const { context, page } = await open();
    await page.emulateMedia({ forcedColors: "active" });
    await searchFor(page, "magnets US");
    await openResult(page, "export|magnets|CN|US");
    expect(await page.evaluate(() => matchMedia("(forced-colors: active)").matches)).toBe(true);
    await shot(page, "forced-colors", "light", ".mfe-detail");
    await context.close();
  });
});

describe("feed address, CORS, workbook tools and help", () => {
  test("only full https addresses (http for localhost); a refusal is not saved", async () => {
    const { context, page } = await open();
    const save = async (address: string) => {
      await page.fill("#feed-url", address);
      await page.click("#save-feed");
      await page.waitForSelector("#feed-message:not([hidden])");
      return page.textContent("#feed-message");
    };
    expect(await save("not a url")).toBe(
      "Not saved. 'not a url' is not a full web address: type it with https://, such as https://example.org/minerals.json."
    );
    expect(await save("example.com/x")).toMatch(/^Not saved\. 'example\.com\/x' is not a full/);
    expect(await save("http://example.com/m.json")).toMatch(/^Not saved\./);
    expect(await page.evaluate(() => localStorage.getItem("minerals.feedUrl"))).toBeNull();
    expect(await save("http://localhost:8080/m.json")).toBe("Saved: http://localhost:8080/m.json");
    await context.close();
  });

  test("a feed without CORS headers: the message says so and names the headers", async () => {
    const { context, page } = await open();
    const text = await refresh(page, `${noCors.url}/minerals.json`);
    expect(text).toBe(
      `The feed answered, but its server does not let the add-in read it (CORS): ${noCors.url}/minerals.json. The feed must send Access-Control-Allow-Origin (the add-in's origin or *), Access-Control-Allow-Headers: If-None-Match, and Access-Control-Expose-Headers: ETag.`
    );
    expect(await page.textContent('dd[data-field="refreshed"]')).toMatch(
      / — Failed: feed does not allow CORS$/
    );
    await shot(page, "feed-cors", "light", "#refresh-heading");
    await context.close();
  });

  test("Repair formulas and the sample model are Excel-only; Help lists every formula, the version and the reference", async () => {
    const { context, page } = await open();
    expect(await page.isDisabled("#repair-formulas")).toBe(true);
    expect(await page.textContent("#workbook-reason")).toBe("Open in Excel to insert formulas.");
    await page.waitForSelector("#help[data-ready]");
    await page.click("#help-details summary");
    const golden = JSON.parse(
      readFileSync(join(ROOT, "test", "golden", "functions.json"), "utf8")
    ) as { functions: { id: string }[] };
    const listed = await page.locator("#help-functions dt").allTextContents();
    expect(listed).toHaveLength(golden.functions.length);
    expect(listed[0]).toBe(
      "MINERALS.EXPORT(commodity, partner, period, [unit], [reporter], [measure])"
    );
    expect(listed).toContain("MINERALS.COMMODITY(name)");
    // Outside Excel no requirement set answers: Help says which Excel shows commodity cards.
    expect(await page.textContent("#help-cards")).toContain("CustomFunctionsRuntime 1.4");
    const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
    const version = /<Version>([^<]+)<\/Version>/.exec(manifest)![1];
    expect(await page.textContent("#help p")).toContain(`version ${version}.`);
    const href = await page.getAttribute("#help a", "href");
    const reference = await page.evaluate(async (h) => (await fetch(h!)).status, href);
    expect(reference).toBe(200);
    await shot(page, "workbook-help", "light", "#workbook");
    await context.close();
  });
});

test("no page errors, and nothing left the machine", () => {
  expect(pane.problems).toEqual([]);
  expect(pane.blocked).toEqual([]);
});
