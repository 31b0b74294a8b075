/**
 * The built pane in Chromium (playwright-core, /usr/bin/chromium or CHROMIUM_PATH), for the figures
 * no Node process can give: the longest main-thread task while the pane refreshes a SYNTHETIC 1M
 * format 2 feed from a local HTTP server (read from a Chrome trace: the renderer main thread's
 * RunTask events, from Refresh until the pane has re-rendered: result, change list, Browse), and
 * the time from loading the functions bundle to the first cell answered from the saved copy of that
 * feed at the next start.
 */
import { readFileSync, mkdtempSync, rmSync, statSync, createReadStream, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve, sep } from "path";
import { Browser, chromium, Page, Route } from "playwright-core";
import { startFeedServer } from "../test/support/feed-server";
import { contentType, startStaticServer } from "../test/support/static-server";
import { ROOT } from "./bundle";
import { writeFormatTwoFeed } from "./synthetic-feed";

const OFFICE_DIST = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";

export interface PaneFigures {
  observations: number;
  /** The longest task on the pane's main thread from Refresh to the pane re-rendered (Chrome trace). */
  refreshMaxTaskMs: number;
  /** Tasks over 50 ms in that window, as the page's PerformanceObserver('longtask') saw them. */
  refreshLongTasksMs: number[];
  refreshWallMs: number;
  /** Loading functions.js (its resource timing start) → the first DATAVERSION answer, from the saved copy. */
  startupSavedMs: number;
  /** What that first answer was (the saved feed's version when it came from the saved copy). */
  startupFirstAnswer: string;
  savedVersion: string;
}

/** Runs both browser figures on `dist` (a production build). `profileDir`: CPU profiles (refresh, start). */
export async function runPaneFigures(
  dist: string,
  observations: number,
  log: (line: string) => void,
  profileDir?: string
): Promise<PaneFigures> {
  const feedFiles = writeFormatTwoFeed(observations);
  const certs = mkdtempSync(join(tmpdir(), "minerals-bench-certs-"));
  const { httpsOptions } = require("../scripts/dev-certs") as {
    httpsOptions(dir?: string): { key: Buffer; cert: Buffer; ca: Buffer };
  };
  const quiet = console.error;
  console.error = () => undefined; // "Generated new dev certificates …"
  const tls = httpsOptions(certs);
  console.error = quiet;
  const server = await startStaticServer(dist, tls);
  const [manifest, part] = feedFiles.files;
  const serve =
    (name: string, type: string) => (_req: unknown, res: import("http").ServerResponse) => {
      const path = join(feedFiles.dir, name);
      res.writeHead(200, { "content-type": type, "content-length": String(statSync(path).size) });
      createReadStream(path).pipe(res);
    };
  const feed = await startFeedServer(
    {
      [`/${manifest}`]: serve(manifest, "application/json"),
      [`/${part}`]: serve(part, "application/vnd.apache.arrow.file"),
    },
    { cors: true }
  );
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
    });
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    await context.route("**/*", (r: Route) => {
      const url = new URL(r.request().url());
      if (url.hostname === "127.0.0.1") return r.continue();
      if (url.href.startsWith(OFFICE_CDN)) {
        const file = resolve(OFFICE_DIST, url.pathname.slice(new URL(OFFICE_CDN).pathname.length));
        if (file.startsWith(OFFICE_DIST + sep))
          return r.fulfill({
            status: 200,
            contentType: contentType(file),
            body: readFileSync(file),
          });
      }
      return r.abort("blockedbyclient");
    });
    const page = await context.newPage();
    await page.goto(`${server.url}taskpane.html`);
    await page.waitForFunction(() => document.body.dataset.restored === "true");
    await page.fill("#feed-url", `${feed.url}/${manifest}`);
    await page.click("#save-feed");
    await startLongTaskObserver(page);
    log(`pane: refreshing a ${observations.toLocaleString("en-US")}-observation format 2 feed`);
    const cdp = profileDir ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.start");
    }
    await browser.startTracing(page, { categories: ["toplevel"] });
    const started = Date.now();
    await page.click("#refresh");
    await page.waitForFunction(
      () => !document.getElementById("refresh-result")!.hidden,
      undefined,
      { timeout: 300_000 }
    );
    const refreshWallMs = Date.now() - started;
    // What follows the swap: the change list (in slices, its last after Browse's re-render).
    await page.waitForFunction(
      (version) =>
        (document.getElementById("changes-heading")?.textContent ?? "").includes(`→ ${version})`),
      feedFiles.version,
      { timeout: 60_000 }
    );
    const trace = JSON.parse((await browser.stopTracing()).toString()) as Trace;
    if (cdp && profileDir) {
      const { profile } = await cdp.send("Profiler.stop");
      writeFileSync(join(profileDir, "pane-refresh.cpuprofile"), JSON.stringify(profile));
    }
    const result = (await page.textContent("#refresh-result")) ?? "";
    if (!result.startsWith(`Updated to ${feedFiles.version}`))
      throw new Error(`the pane did not refresh: ${result}`);
    const refreshLongTasksMs = await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[]; longTaskObserver: PerformanceObserver };
      for (const e of w.longTaskObserver.takeRecords()) w.longTasks.push(e.duration);
      return w.longTasks;
    });
    await page.close();

    log("pane: starting again with the saved copy");
    const next = await context.newPage();
    // As soon as functions.js has associated the functions, a cell asks for DATAVERSION.
    // (A script as text: tsx's helpers would not exist in the page.)
    await next.addInitScript(`(${FIRST_ANSWER_PROBE})()`);
    const nextCdp = profileDir ? await context.newCDPSession(next) : undefined;
    if (nextCdp) {
      await nextCdp.send("Profiler.enable");
      await nextCdp.send("Profiler.start");
    }
    await next.goto(`${server.url}taskpane.html`);
    await next.waitForFunction(
      () => (window as unknown as { firstAnswer?: unknown }).firstAnswer !== undefined,
      undefined,
      { timeout: 60_000 }
    );
    if (nextCdp && profileDir) {
      await next.waitForFunction(() => document.body.dataset.restored === "true");
      const { profile } = await nextCdp.send("Profiler.stop");
      writeFileSync(join(profileDir, "pane-startup.cpuprofile"), JSON.stringify(profile));
    }
    const startup = await next.evaluate(() => {
      const entry = performance
        .getEntriesByType("resource")
        .find((e) => /\/functions\.js$/.test(e.name));
      const first = (window as unknown as { firstAnswer: { at: number; value: unknown } })
        .firstAnswer;
      return { ms: first.at - (entry?.startTime ?? 0), value: String(first.value) };
    });
    return {
      observations,
      refreshMaxTaskMs: longestMainThreadTask(trace),
      refreshLongTasksMs,
      refreshWallMs,
      startupSavedMs: startup.ms,
      startupFirstAnswer: startup.value,
      savedVersion: feedFiles.version,
    };
  } finally {
    await browser?.close();
    await feed.close();
    await server.close();
    rmSync(certs, { recursive: true, force: true });
    rmSync(feedFiles.dir, { recursive: true, force: true });
  }
}

/** Calls DATAVERSION as soon as functions.js has associated it, and keeps the first answer and its time. */
export const FIRST_ANSWER_PROBE = `function () {
  function poll() {
    var mappings = window.CustomFunctions && window.CustomFunctions._association &&
      window.CustomFunctions._association.mappings;
    if (!mappings || !mappings.DATAVERSION) return void setTimeout(poll, 1);
    mappings.DATAVERSION(null, {
      setResult: function (value) {
        if (!window.firstAnswer) window.firstAnswer = { at: performance.now(), value: value };
      },
    });
  }
  poll();
}`;

async function startLongTaskObserver(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[]; longTaskObserver: PerformanceObserver };
    w.longTasks = [];
    w.longTaskObserver = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    });
    w.longTaskObserver.observe({ type: "longtask" });
  });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string };
}
interface Trace {
  traceEvents: TraceEvent[];
}

/** The longest RunTask on a renderer's main thread (CrRendererMain), in ms. */
function longestMainThreadTask(trace: Trace): number {
  const main = new Set(
    trace.traceEvents
      .filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain")
      .map((e) => `${e.pid}:${e.tid}`)
  );
  let longest = 0;
  for (const e of trace.traceEvents) {
    if (e.ph === "X" && /RunTask$/.test(e.name) && main.has(`${e.pid}:${e.tid}`))
      longest = Math.max(longest, (e.dur ?? 0) / 1000);
  }
  return longest;
}
