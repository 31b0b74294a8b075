import { Page } from "playwright-core";

/**
 * What the loading tests record in the pane: main-thread tasks over 50 ms (PerformanceObserver
 * 'longtask') and when the swap began (the progress text "Applying…"), so a test can tell the
 * worker's phases from the swap's; and a Cancel clicked in the task that shows a given phase.
 */
interface Recorder {
  longTasks: { start: number; end: number }[];
  longTaskObserver: PerformanceObserver;
  applyAt?: number;
  cancelledAt?: string;
}

/** Starts recording long tasks, and the moment `progress` (a progress text element) shows "Applying…". */
export async function recordLongTasks(page: Page, progress: string): Promise<void> {
  await page.evaluate((selector) => {
    const w = window as unknown as Recorder;
    w.longTasks = [];
    w.longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        w.longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
    });
    w.longTaskObserver.observe({ type: "longtask" });
    // When the swap begins: the task that receives the worker's result goes on to index and apply it.
    const label = document.querySelector(selector) as HTMLElement;
    new MutationObserver(() => {
      if (label.textContent === "Applying…") w.applyAt ??= performance.now();
    }).observe(label, { childList: true, characterData: true, subtree: true });
  }, progress);
}

/**
 * The main-thread tasks over 50 ms so far (durations in ms): those that ended before the swap
 * began (download, verification, decoding, validation, the index), and the swap's own.
 */
export async function longTasks(page: Page): Promise<{ beforeSwap: number[]; swap: number[] }> {
  return page.evaluate(() => {
    const w = window as unknown as Recorder;
    for (const e of w.longTaskObserver.takeRecords())
      w.longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
    const applyAt = w.applyAt ?? Infinity;
    const duration = (t: { start: number; end: number }) => Math.round(t.end - t.start);
    return {
      beforeSwap: w.longTasks.filter((t) => t.end < applyAt).map(duration),
      swap: w.longTasks.filter((t) => t.end >= applyAt).map(duration),
    };
  });
}

/** Clicks the button `cancel` (an id) in the same task that shows a progress text matching `at`. */
export async function cancelWhen(
  page: Page,
  progress: string,
  cancel: string,
  at: RegExp
): Promise<void> {
  await page.evaluate(
    ([selector, id, source]) => {
      const pattern = new RegExp(source);
      const label = document.querySelector(selector) as HTMLElement;
      const observer = new MutationObserver(() => {
        if (!pattern.test(label.textContent ?? "")) return;
        observer.disconnect();
        (document.getElementById(id) as HTMLButtonElement).click();
        (window as unknown as Recorder).cancelledAt = label.textContent ?? "";
      });
      observer.observe(label, { childList: true, characterData: true, subtree: true });
    },
    [progress, cancel, at.source] as const
  );
}

/** The progress text at which cancelWhen clicked Cancel. */
export async function cancelledAt(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (window as unknown as Recorder).cancelledAt);
}
