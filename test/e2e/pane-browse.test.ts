import { readFileSync } from "fs";
import { join } from "path";
import { BrowserContext, Page } from "playwright-core";
import { Dataset } from "../../src/core/dataset/dataset";
import { datasetHash } from "../../src/core/dataset/hash";
import { indexDataset } from "../../src/core/dataset/indexed";
import { controlsText } from "../../src/core/queries/controls";
import { sampleModel } from "../../src/taskpane/browse/sample-model";
import { parseMineralsFormula } from "../support/evaluate-formula";
import { startFeedServer } from "../support/feed-server";
import {
  expectOne,
  isVisible,
  PaneBrowser,
  SCREENSHOTS,
  startPaneBrowser,
  waitForRestored,
  waitForStatus,
} from "../support/pane-browser";

/**
 * Browse and insert in Chromium against the production build, in the real pane (outside Office):
 * search, a series' chart, table and source notes, the export-control timeline, keyboard use,
 * the formulas offered (copy works; inserting is disabled outside Excel, with the reason), a refresh
 * reaching what is on screen, and a dataset made of XSS payloads rendered as text only.
 */
const ROOT = join(__dirname, "..", "..");
const bundled = JSON.parse(readFileSync(join(ROOT, "build", "minerals.json"), "utf8")) as Dataset;

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = '"><script>alert(1)</script>';
const JS_URL = "javascript:alert(1)";

let pane: PaneBrowser;
let feed: Awaited<ReturnType<typeof startFeedServer>>;
let newerText: string;
let xssText: string;

/** The bundled dataset with magnets → US 2025-12 = 700 t added. */
async function newerDataset(): Promise<string> {
  const next = structuredClone(bundled);
  next.version = "2026.12.01";
  next.exports.push({
    ...next.exports.find((o) => o.commodity === "magnets" && o.partner === "US")!,
    period: "2025-12",
    quantity: 700,
    source_id: "ts2-2025-12-20",
    note: "Added by the newer feed",
  });
  next.hash = await datasetHash(next);
  return JSON.stringify(next);
}

/**
 * A valid dataset whose every text field is an XSS payload: names, aliases, customs codes, ids,
 * source ids, titles, publishers, origins, notes, actions, units, USGS text, and a link whose path
 * breaks out of an attribute. (A `javascript:` URL cannot be a source url: the schema refuses any
 * url that is not http(s), so it appears here as text; the pane's own link check is unit-tested.)
 */
function xssDataset(): Dataset {
  const countries = bundled.countries.map((c) =>
    c.code === "US"
      ? { ...c, name: IMG, aliases: [SCRIPT, JS_URL] }
      : c.code === "WORLD"
        ? { ...c, name: SCRIPT, aliases: [IMG] }
        : c.code === "CN"
          ? { ...c, name: JS_URL, aliases: [] }
          : c
  );
  const source = {
    source_id: SCRIPT,
    publisher: IMG,
    title: SCRIPT,
    published: "2025-12-20",
    origin: `${IMG} ${JS_URL}`,
    url: `https://example.org/${SCRIPT}${IMG}`,
  };
  const other = {
    ...source,
    source_id: IMG,
    publisher: SCRIPT,
    title: IMG,
    origin: SCRIPT,
    url: null,
  };
  const row = { reporter: "CN", unit: "t", source_id: SCRIPT };
  return {
    ...bundled,
    name: IMG,
    version: "9.9.9-xss",
    hash: "",
    sources: [source, other],
    commodities: [
      // Names distinct from every id, so that the formulas (and Browse, which shows what they
      // return) can name each commodity.
      {
        id: IMG,
        name: `${SCRIPT} one`,
        aliases: [`${IMG} alias`, JS_URL],
        customs_codes: ["9999.99"],
        unit: "t",
      },
      { id: SCRIPT, name: `${IMG} two`, aliases: [], customs_codes: [], unit: null },
    ],
    countries,
    exports: [
      { ...row, commodity: IMG, partner: "US", period: "2025-10", quantity: 5, note: IMG },
      {
        ...row,
        commodity: IMG,
        partner: "US",
        period: "2025-11",
        quantity: 0,
        note: SCRIPT,
        source_id: IMG,
      },
      { ...row, commodity: IMG, partner: "WORLD", period: "2025-11", quantity: 10, note: JS_URL },
    ],
    reported_changes: [],
    forecasts: [
      {
        commodity: SCRIPT,
        variable: IMG,
        region: "WORLD",
        year: 2026,
        value: SCRIPT,
        unit: IMG,
        scenario: SCRIPT,
        forecaster: IMG,
        published: "2025-12",
        source_id: SCRIPT,
        note: IMG,
      },
    ],
    indicators: [
      {
        commodity: IMG,
        indicator: SCRIPT,
        region: "WORLD",
        period: "2025",
        value: 1,
        unit: IMG,
        approximate: true,
        source_id: IMG,
        note: SCRIPT,
      },
    ],
    events: [
      {
        date: "2025-01-01",
        date_precision: "day",
        jurisdiction: "CN",
        commodities: [IMG],
        partner: "US",
        action: SCRIPT,
        until: null,
        source_id: SCRIPT,
        note: IMG,
      },
      {
        date: "2025-02",
        date_precision: "month",
        jurisdiction: "US",
        commodities: [IMG, SCRIPT],
        partner: "ALL",
        action: IMG,
        until: "2026-12",
        source_id: IMG,
        note: JS_URL,
      },
    ],
    usgs: [
      {
        chapter: IMG,
        section: SCRIPT,
        commodity: IMG,
        country: SCRIPT,
        country_code: null,
        statistic: "Production",
        detail: IMG,
        unit: SCRIPT,
        year: "2024",
        value: null,
        qualifier: "W",
        raw: IMG,
        notes: SCRIPT,
        critical: IMG,
        other_notes: JS_URL,
        source_id: SCRIPT,
      },
    ],
    usgs_tables: [],
  };
}

beforeAll(async () => {
  newerText = await newerDataset();
  xssText = JSON.stringify(xssDataset());
  const json = { "content-type": "application/json" };
  feed = await startFeedServer(
    {
      "/newer.json": (_req, res) => res.writeHead(200, json).end(newerText),
      "/xss.json": (_req, res) => res.writeHead(200, json).end(xssText),
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

// ---------------------------------------------------------------------------------------------
// Page helpers

/** The pane in a context of its own (its own IndexedDB, so a refresh here stays here). */
async function openFresh(
  width = 320,
  permissions: string[] = []
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await pane.newContext();
  if (permissions.length > 0)
    await context.grantPermissions(permissions, { origin: pane.server.url });
  const page = await pane.openPane({ context, width, height: 720 });
  await waitForStatus(page);
  await waitForRestored(page);
  return { context, page };
}

/** Types a query and waits for the list (or the "nothing matches" line). */
/** The magnets indicators' result titles: "Commodity: indicator (region)". */
function magnetIndicators(): string[] {
  const name = (code: string) => bundled.countries.find((c) => c.code === code)!.name;
  return [
    // A figure for the world names no region.
    "Rare-earth permanent magnets: China's share of magnet manufacturing",
    `Rare-earth permanent magnets: India rare-earth permanent magnet manufacturing programme (${name("IN")})`,
    `Rare-earth permanent magnets: Lynas-JS Link Malaysia magnet plant planned capacity (${name("MY")})`,
  ];
}

async function searchFor(page: Page, query: string): Promise<string[]> {
  await page.fill("#browse-search", query);
  await page.press("#browse-search", "Enter");
  await page.waitForFunction(
    () => (document.getElementById("browse-count")?.textContent ?? "") !== ""
  );
  await expectOne(page, "#browse-results");
  return page.locator("#browse-results .mfe-result-title").allTextContents();
}

async function openResult(page: Page, title: string): Promise<void> {
  await page.locator("#browse-results .mfe-result", { hasText: title }).first().click();
  await page.waitForSelector("#browse .mfe-view");
}

const dots = (page: Page) =>
  page
    .locator("#browse .mfe-chart-dot")
    .evaluateAll((circles) =>
      circles.map((c) => [c.getAttribute("data-period"), Number(c.getAttribute("data-value"))])
    );

const tableRows = (page: Page) =>
  page
    .locator("#browse .mfe-table tbody tr")
    .evaluateAll((rows) =>
      rows.map((r) => [...r.children].map((cell) => (cell.textContent ?? "").trim()))
    );

async function refreshFrom(page: Page, address: string): Promise<string> {
  await page.fill("#feed-url", address);
  await page.click("#save-feed");
  await page.waitForSelector("#feed-message:not([hidden])");
  await page.click("#refresh");
  await page.waitForFunction(() => {
    const button = document.getElementById("refresh") as HTMLButtonElement;
    return !button.disabled && !document.getElementById("refresh-result")!.hidden;
  });
  return (await page.textContent("#refresh-result")) ?? "";
}

/**
 * The formulas the builder offers for the open series: its figure, its series and its citation
 * for 2025-11 (or `period`).
 */
async function offeredFormulas(page: Page, period = "2025-11"): Promise<string[]> {
  const texts: string[] = [];
  for (const kind of ["figure", "series", "citation"]) {
    await page.selectOption("#builder-kind", kind);
    if (kind !== "series") await page.selectOption("#builder-period", period);
    texts.push((await page.textContent("#builder-formula")) ?? "");
  }
  await page.selectOption("#builder-kind", "figure");
  return texts;
}

/**
 * Screenshots of #browse, and of the whole pane when `fullPage`. A full-page screenshot
 * leaves headless Chromium's scrolling out of step with the page (a later click lands off its
 * element at wide widths), so it is taken only as a test's last action.
 */
async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.locator("#browse").screenshot({ path: join(SCREENSHOTS, `${name}-browse.png`) });
  if (fullPage) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function noHorizontalScroll(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    width
  );
}

const MAGNETS_US = "Rare-earth permanent magnets → United States";
const US_FORMULAS = [
  '=MINERALS.EXPORT("magnets","US","2025-11")',
  '=MINERALS.SERIES("magnets","US")',
  '=MINERALS.SOURCE("magnets","US","2025-11")',
];

// ---------------------------------------------------------------------------------------------

test.each([320, 800])(
  "at %i px: search magnets, open the US series: chart of 3 figures, table, source notes, formulas",
  async (width) => {
    const { context, page } = await openFresh(width);
    expect(await page.locator("#browse h2").textContent()).toBe("Browse the data");
    expect(await page.locator("label[for=browse-search]").textContent()).toBe("Find a figure");

    expect(await searchFor(page, "magnets")).toEqual([
      "Rare-earth permanent magnets → World",
      "Rare-earth permanent magnets → Germany",
      "Rare-earth permanent magnets → Japan",
      MAGNETS_US,
      ...magnetIndicators(),
    ]);
    expect(await page.textContent("#browse-count")).toBe("7 series");
    expect(
      await page
        .locator("#browse-results .mfe-result", { hasText: MAGNETS_US })
        .locator(".mfe-result-meta")
        .textContent()
    ).toBe("China's exports · 582 t · 2025-11");
    await screenshot(page, `browse-${width}-results`, false);

    await openResult(page, MAGNETS_US);
    // The chart: an inline SVG with one dot per reported month; only 2025-10 → 2025-11 is joined.
    const chart = page.locator("#browse .mfe-chart svg");
    expect(await chart.count()).toBe(1);
    expect(await chart.getAttribute("role")).toBe("img");
    expect(await dots(page)).toEqual([
      ["2025-06", 353],
      ["2025-10", 656],
      ["2025-11", 582],
    ]);
    expect(await page.locator("#browse .mfe-chart-line").count()).toBe(1);
    expect(
      (await page.locator("#browse .mfe-chart-line").getAttribute("points"))?.split(" ")
    ).toHaveLength(2);
    expect(await page.locator("#browse .mfe-chart figcaption").textContent()).toBe(
      "3 reported figures from 2025-06 to 2025-11. Not reported: 2025-07 to 2025-09 (gaps, not zeros)."
    );
    expect(await page.locator("#browse .mfe-chart svg title").first().textContent()).toBe(
      `${MAGNETS_US}, t`
    );

    // The table of figures.
    expect(await tableRows(page)).toEqual([
      ["2025-06", "353 t", "Weekly News Review (critical raw materials newsletter)"],
      ["2025-10", "656 t", "Ginlix AI"],
      ["2025-11", "582 t", "ts2.tech"],
    ]);

    // The source note of each figure: publisher, title, date, origin, note.
    const notes = page.locator("#browse .mfe-note");
    expect(await notes.count()).toBe(3);
    const note = async (i: number) =>
      Object.fromEntries(
        await notes
          .nth(i)
          .locator("dt")
          .evaluateAll((terms) =>
            terms.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent])
          )
      );
    const weekly = bundled.sources.find((s) => s.source_id === "weekly-2025-07-20")!;
    const ts2 = bundled.sources.find((s) => s.source_id === "ts2-2025-12-20")!;
    expect(await note(0)).toEqual({
      Publisher: weekly.publisher,
      Title: weekly.title,
      Published: weekly.published,
      Origin: weekly.origin,
    });
    const us2511 = bundled.exports.find(
      (o) => o.commodity === "magnets" && o.partner === "US" && o.period === "2025-11"
    )!;
    expect(await note(2)).toEqual({
      Publisher: "ts2.tech",
      Title: ts2.title,
      Published: "2025-12-20",
      Origin: ts2.origin,
      Note: us2511.note,
    });
    expect(await notes.nth(2).locator(".mfe-note-figure").textContent()).toBe("2025-11 · 582 t");

    // The builder: the formulas for the series on screen; inserting is disabled outside Excel, with why.
    expect(await offeredFormulas(page)).toEqual(US_FORMULAS);
    expect(await page.isDisabled("#builder-insert")).toBe(true);
    expect(await page.isDisabled("#insert-model")).toBe(true);
    expect(await isVisible(page, "#builder-reason")).toBe(true);
    expect(await page.textContent("#builder-reason")).toBe("Open in Excel to insert formulas.");
    expect(await page.getAttribute("#builder-insert", "aria-describedby")).toBe("builder-reason");
    expect(await page.isEnabled("#builder-copy")).toBe(true);

    // Browse's stylesheet was served and applies (Fluent tokens reach its elements).
    expect(pane.server.requests).toContain("/browse.css");
    expect(
      await page.evaluate(() => {
        const line = document.querySelector("#browse .mfe-chart-line")!;
        return [getComputedStyle(line).stroke, getComputedStyle(line).fill];
      })
    ).toEqual(["rgb(15, 108, 189)", "none"]);

    await noHorizontalScroll(page, width);
    await screenshot(page, `browse-${width}-series`);
    await context.close();
  }
);

test("a customs code, an alias, a country and a commodity-country pair find their series", async () => {
  const { context, page } = await openFresh();
  expect(await searchFor(page, "8505.11")).toEqual([
    "Rare-earth permanent magnets → World",
    "Rare-earth permanent magnets → Germany",
    "Rare-earth permanent magnets → Japan",
    MAGNETS_US,
    ...magnetIndicators(),
  ]);
  expect(await searchFor(page, "NdFeB magnets")).toHaveLength(7);
  expect(await searchFor(page, "magnets USA")).toEqual([MAGNETS_US]);
  expect((await searchFor(page, "United States")).slice(0, 2)).toEqual([
    MAGNETS_US,
    "Germanium → United States",
  ]);
  const china = bundled.countries.find((c) => c.code === "CN")!.name;
  expect(await searchFor(page, "mining quota")).toEqual([`Rare earths: mining quota (${china})`]);
  expect(await searchFor(page, "magnium")).toEqual([]);
  expect(await page.textContent("#browse-count")).toBe("Nothing matches 'magnium'.");
  await context.close();
});

test("a reported 0 is plotted at zero and listed as 0", async () => {
  const { context, page } = await openFresh();
  await searchFor(page, "gallium");
  await openResult(page, "Gallium → World");
  expect(await dots(page)).toEqual([
    ["2024-06", 4184],
    ["2025-05", 0],
    ["2025-06", 4260],
  ]);
  const zero = await page.evaluate(() => {
    const dot = document.querySelector('#browse .mfe-chart-dot[data-period="2025-05"]')!;
    const line = document.querySelector("#browse .mfe-chart-zero")!;
    return [dot.getAttribute("cy"), line.getAttribute("y1")];
  });
  expect(zero[0]).toBe(zero[1]);
  expect((await tableRows(page))[1]).toEqual([
    "2025-05",
    "0 kg",
    "Weekly News Review (critical raw materials newsletter)",
  ]);
  await context.close();
});

test("gallium's export-control events show as a timeline, oldest first, with today's status", async () => {
  const { context, page } = await openFresh();
  const titles = await searchFor(page, "gallium");
  expect(titles).toContain("Gallium: export controls");
  expect(
    await page
      .locator("#browse-results .mfe-result", { hasText: "Gallium: export controls" })
      .locator(".mfe-result-meta")
      .textContent()
  ).toBe(
    // Today's status, as CONTROLS gives it (the view below says the same).
    `Export-control events · ${controlsText(indexDataset(structuredClone(bundled)), { commodity: "gallium" }, new Date())}`
  );
  await openResult(page, "Gallium: export controls");
  const items = page.locator("#browse .mfe-timeline-item");
  expect(await items.count()).toBe(3);
  expect(await page.locator("#browse .mfe-timeline-date").allTextContents()).toEqual([
    "2023-08-01",
    "2024-12-03",
    "2025-11-09",
  ]);
  expect(await page.locator("#browse .mfe-timeline-action").allTextContents()).toEqual([
    "licence required · All destinations",
    "export ban · United States",
    "export ban suspended · United States · until 2026-11-27",
  ]);
  expect(await items.nth(1).locator("dd").first().textContent()).toBe(
    "Reuters (via Business Recorder)"
  );
  expect(await page.textContent("#browse .mfe-status-today")).toMatch(/^Today: \S/);
  expect(await page.textContent("#builder-formula")).toBe('=MINERALS.CONTROLS("gallium")');
  await page.selectOption("#builder-kind", "events");
  expect(await page.textContent("#builder-formula")).toBe('=MINERALS.EVENTS("gallium")');
  await noHorizontalScroll(page, 320);
  await screenshot(page, "browse-320-timeline");
  await context.close();
});

test("the results and the series are reachable by keyboard, with focus visible", async () => {
  const { context, page } = await openFresh();
  await page.focus("#browse-search");
  await page.keyboard.type("magnets");
  await page.waitForSelector("#browse-results .mfe-result");
  await page.keyboard.press("ArrowDown");
  const focused = () =>
    page.evaluate(() => document.activeElement?.querySelector(".mfe-result-title")?.textContent);
  expect(await focused()).toBe("Rare-earth permanent magnets → World");
  await page.keyboard.press("End");
  const indicators = magnetIndicators();
  expect(await focused()).toBe(indicators[2]);
  await page.keyboard.press("ArrowUp");
  expect(await focused()).toBe(indicators[1]);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  expect(await focused()).toBe(MAGNETS_US);
  await page.keyboard.press("ArrowUp");
  expect(await focused()).toBe("Rare-earth permanent magnets → Japan");
  await page.keyboard.press("ArrowDown");
  // A visible focus ring on the focused result.
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe(
    "solid"
  );
  await page.keyboard.press("Enter");
  await page.waitForSelector("#browse .mfe-view");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(MAGNETS_US);
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H3");
  await page.keyboard.press("Escape");
  await page.waitForSelector("#browse .mfe-view", { state: "detached" });
  expect(await focused()).toBe(MAGNETS_US);
  // Home goes back to the first result, ArrowUp from it to the search box.
  await page.keyboard.press("Home");
  await page.keyboard.press("ArrowUp");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("browse-search");
  await context.close();
});

test("copy puts the formula on the clipboard and says so; when the clipboard is refused, the formula is selected", async () => {
  const { context, page } = await openFresh(320, ["clipboard-read", "clipboard-write"]);
  await searchFor(page, "magnets US");
  await openResult(page, MAGNETS_US);
  await page.selectOption("#builder-period", "2025-11");
  await page.click("#builder-copy");
  await page.waitForFunction(
    () => document.getElementById("builder-copied")?.textContent === "Copied"
  );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(US_FORMULAS[0]);

  await page.selectOption("#builder-kind", "series");
  expect(await page.textContent("#builder-copied")).toBe("");
  await page.click("#builder-copy");
  await page.waitForFunction(
    () => document.getElementById("builder-copied")?.textContent === "Copied"
  );
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(US_FORMULAS[1]);

  // Refused: no clipboard API and no copy command. The formula is selected, ready for Ctrl+C.
  await page.evaluate(() => {
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    document.execCommand = () => false;
  });
  await page.selectOption("#builder-kind", "citation");
  await page.selectOption("#builder-period", "2025-11");
  await page.click("#builder-copy");
  await page.waitForFunction(() =>
    document.getElementById("builder-message")?.textContent?.startsWith("Copying is not allowed")
  );
  expect(await page.textContent("#builder-copied")).toBe("");
  expect(await page.textContent("#builder-message")).toBe(
    "Copying is not allowed here. The formula is selected: press Ctrl+C (⌘C on a Mac) to copy it."
  );
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(US_FORMULAS[2]);
  await screenshot(page, "browse-320-copy");
  await context.close();
});

/**
 * Runs `=MINERALS.NAME(...)` formulas in the page through the functions office.js registered (the
 * production bundle), with their arguments as Excel passes them: omitted ones as null, then the
 * streaming invocation. Returns each one's first result.
 */
async function runInPage(page: Page, formulas: string[]): Promise<unknown[]> {
  const calls = formulas.map((formula) => parseMineralsFormula(formula));
  return page.evaluate(async (list) => {
    const metadata = (await (await fetch("functions.json")).json()) as {
      functions: { id: string; parameters: unknown[] }[];
    };
    const arity = new Map(metadata.functions.map((f) => [f.id, f.parameters.length]));
    const cf = (window as unknown as { CustomFunctions: any }).CustomFunctions;
    return list.map(({ name, args }) => {
      const fn = cf._association.mappings[name];
      if (!fn || !arity.has(name)) return `not registered: ${name}`;
      const padded = [...args, ...Array(arity.get(name)! - args.length).fill(null)];
      const results: unknown[] = [];
      fn(...padded, { setResult: (value: unknown) => results.push(value), onCanceled: null });
      const first = results[0] as { message?: string } | undefined;
      return first instanceof Error ? `error: ${first.message}` : first;
    });
  }, calls);
}

test("the formulas offered and the sample model's formulas run, as written, through the registered functions", async () => {
  const { context, page } = await openFresh();
  await searchFor(page, "magnets US");
  await openResult(page, MAGNETS_US);
  const offered = await offeredFormulas(page);
  expect(offered).toEqual(US_FORMULAS);
  const [figure, series, source] = await runInPage(page, offered);
  expect(figure).toBe(582);
  expect(series).toEqual([
    ["Period", "Quantity (t)"],
    ["2025-06", 353],
    ["2025-10", 656],
    ["2025-11", 582],
  ]);
  expect(source).toMatch(/^ts2\.tech, "Rare Metals Stocks: .*", 2025-12-20, /);

  // The sample model: every MINERALS formula in it answers (no error, nothing unregistered).
  const model = sampleModel(indexDataset(structuredClone(bundled)));
  const cells = model.cells.filter(
    (c) => typeof c.content === "string" && c.content.startsWith("=MINERALS.")
  );
  const results = await runInPage(
    page,
    cells.map((c) => c.content as string)
  );
  const byAddress = Object.fromEntries(cells.map((c, i) => [c.address, results[i]]));
  expect(byAddress).toMatchObject({
    B3: bundled.version,
    C3: bundled.as_of,
    B6: 582,
    B7: 6150,
    B10: 2.004,
    B11: 17000,
    A16: series,
  });
  expect(byAddress.B9 as number).toBeCloseTo(582 / 656 - 1, 10);
  expect(byAddress.B12).toMatch(/^Licence required since 2023-08-01/);
  for (const address of ["C6", "C7", "C9", "C10", "C11"]) {
    expect([address, typeof byAddress[address]]).toEqual([address, "string"]);
    expect(byAddress[address]).not.toMatch(/^(error|not registered)/);
  }
  expect(Object.keys(byAddress).sort()).toEqual(
    [
      "A16",
      "B3",
      "B6",
      "B7",
      "B9",
      "B10",
      "B11",
      "B12",
      "C3",
      "C6",
      "C7",
      "C9",
      "C10",
      "C11",
    ].sort()
  );
  await context.close();
});

test("a refresh reaches what is on screen: the open series gets its new month, the formulas their new period", async () => {
  const { context, page } = await openFresh();
  await searchFor(page, "magnets");
  await openResult(page, MAGNETS_US);
  expect(await dots(page)).toHaveLength(3);

  expect(await refreshFrom(page, `${feed.url}/newer.json`)).toMatch(/^Updated to 2026\.12\.01\./);
  await page.waitForFunction(
    () => document.querySelectorAll("#browse .mfe-chart-dot").length === 4
  );
  expect(await dots(page)).toEqual([
    ["2025-06", 353],
    ["2025-10", 656],
    ["2025-11", 582],
    ["2025-12", 700],
  ]);
  // 2025-10, 2025-11, 2025-12 are consecutive now: one line through the three.
  expect(
    (await page.locator("#browse .mfe-chart-line").getAttribute("points"))?.split(" ")
  ).toHaveLength(3);
  expect((await tableRows(page)).at(-1)).toEqual(["2025-12", "700 t", "ts2.tech"]);
  // The builder's "latest" moved forward with the data.
  expect(await page.textContent("#builder-formula")).toBe(
    '=MINERALS.EXPORT("magnets","US","latest")'
  );
  expect(await page.textContent("#builder-preview .mfe-preview-value")).toBe("700");
  // The results behind it were searched again too.
  await page.click("#browse .mfe-back");
  expect(
    await page
      .locator("#browse-results .mfe-result", { hasText: MAGNETS_US })
      .locator(".mfe-result-meta")
      .textContent()
  ).toBe("China's exports · 700 t · 2025-12");
  await context.close();
});

test("a dataset whose every text is an XSS payload is shown as text: nothing runs, nothing is injected", async () => {
  const { context, page } = await openFresh();
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const before = pane.problems.length;

  expect(await refreshFrom(page, `${feed.url}/xss.json`)).toMatch(/^Updated to 9\.9\.9-xss\./);

  const injected = () =>
    page.evaluate(() => ({
      images: document.querySelectorAll('img[src="x"], img').length,
      inlineScripts: document.querySelectorAll("script:not([src])").length,
      // Links built from the dataset (the pane's own jump links and Help link are fixed text).
      badLinks: [...document.querySelectorAll("#browse a[href]")]
        .map((a) => a.getAttribute("href") ?? "")
        .filter((href) => !/^https?:\/\//.test(href)),
      handlers: [...document.querySelectorAll("*")].filter((e) =>
        [...e.attributes].some((a) => a.name.startsWith("on"))
      ).length,
    }));

  // Every kind of entry: exports, the timeline, the indicator, the forecast, the USGS series.
  const titles = await searchFor(page, "img");
  expect(titles).toEqual(
    expect.arrayContaining([
      `${SCRIPT} one → ${IMG}`,
      `${SCRIPT} one → ${SCRIPT}`,
      `${SCRIPT} one: export controls`,
      `${IMG} two: export controls`,
      `${SCRIPT} one: ${SCRIPT}`,
      `${IMG} two: ${IMG}`,
      `${SCRIPT} one: ${IMG.toLowerCase()}, ${SCRIPT}`,
    ])
  );
  const shown: string[] = [];
  for (const title of titles) {
    await searchFor(page, "img");
    await page.locator("#browse-results .mfe-result").filter({ hasText: title }).first().click();
    await page.waitForSelector("#browse .mfe-view");
    shown.push(await page.locator("#browse").innerText());
    expect(await injected()).toEqual({ images: 0, inlineScripts: 0, badLinks: [], handlers: 0 });
    if (title === `${SCRIPT} one → ${IMG}`) await screenshot(page, "browse-320-xss", false);
  }
  const text = shown.join("\n");
  // The payloads are there, as text.
  expect(text).toContain(IMG);
  expect(text).toContain(SCRIPT);
  expect(text).toContain(JS_URL);
  expect(text).toContain(`=MINERALS.EXPORT("${IMG}","US","latest")`);

  // The source link: http(s) only, its payload escaped into the URL, opened outside the pane.
  await searchFor(page, "img");
  await openResult(page, `${SCRIPT} one → ${IMG}`);
  const link = page.locator("#browse .mfe-source a").first();
  expect(await link.getAttribute("href")).toBe(new URL(`https://example.org/${SCRIPT}${IMG}`).href);
  expect(await link.getAttribute("rel")).toBe("noopener noreferrer");
  expect(await link.getAttribute("target")).toBe("_blank");
  expect(await link.textContent()).toBe(`https://example.org/${SCRIPT}${IMG}`);
  // The reported 0 of the payload series is still a 0.
  expect(await dots(page)).toEqual([
    ["2025-10", 5],
    ["2025-11", 0],
  ]);

  // Give any deferred handler a chance to run, then check again.
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  expect(await injected()).toEqual({ images: 0, inlineScripts: 0, badLinks: [], handlers: 0 });
  expect(pane.problems.slice(before)).toEqual([]);
  await context.close();
});

test("no request left the machine, and no page logged an unexpected error", () => {
  expect(pane.blocked).toEqual([]);
  expect(pane.problems).toEqual([]);
});
