import { describeDiff } from "../core/dataset/diff";
import { FeedError, FeedFailure, FeedFetcher, FeedPhase } from "../core/dataset/feed";
import { refreshFromFeed, RefreshOutcome } from "../core/dataset/refresh";
import { DatasetStorage, RestoreOutcome } from "../core/dataset/restore";
import { LiveStore } from "../core/runtime/store";
import { Busy, byId, formatBytes, showMessage, Tone } from "./dom";
import {
  feedLimits,
  feedUrl,
  KeyValueStore,
  LastRefresh,
  saveFeedUrl,
  saveLastRefresh,
} from "./settings";

/** "Downloading… 48 KB of 160 KB", "Verifying…", "Decoding…", "Validating…", "Indexing…", "Applying…". */
export function progressText(phase: FeedPhase, received?: number, total?: number): string {
  switch (phase) {
    case "download":
      if (!received) return "Downloading…";
      return total
        ? `Downloading… ${formatBytes(received)} of ${formatBytes(total)}`
        : `Downloading… ${formatBytes(received)}`;
    case "verify":
      return "Verifying…";
    case "decode":
      return "Decoding…";
    case "validate":
      return "Validating…";
    case "index":
      return "Indexing…";
    case "apply":
      return "Applying…";
  }
}

const FAILURE_SUMMARY: Record<FeedFailure, string> = {
  address: "Failed: address refused",
  offline: "Failed: network error",
  cors: "Failed: feed does not allow CORS",
  timeout: "Failed: timed out",
  cancelled: "Cancelled",
  http: "Failed: HTTP error",
  "content-type": "Failed: not a JSON dataset",
  oversize: "Failed: too large",
  invalid: "Failed: dataset refused",
};

/**
 * What the pane says after a refresh (`text`), how (`tone`), and the short form the status keeps as
 * the last refresh's result (`summary`).
 */
export function refreshMessage(result: RefreshOutcome | Error): {
  text: string;
  summary: string;
  tone: Tone;
  ok: boolean;
} {
  if (result instanceof FeedError) {
    const code = result.failure === "http" ? /HTTP (\d{3})/.exec(result.message) : null;
    return {
      text: result.message,
      summary: code ? `Failed: HTTP ${code[1]}` : FAILURE_SUMMARY[result.failure],
      tone: result.failure === "cancelled" ? "info" : "error",
      ok: false,
    };
  }
  if (result instanceof Error) {
    return {
      text: `Refresh failed: ${result.message}`,
      summary: "Failed",
      tone: "error",
      ok: false,
    };
  }
  if (result.kind === "up-to-date") {
    return {
      text: `Already up to date (version ${result.version}).`,
      summary: "Already up to date",
      tone: "info",
      ok: true,
    };
  }
  const text = `Updated to ${result.version}. ${describeDiff(result.diff)}`;
  const summary = `Updated to ${result.version}`;
  return result.saveError
    ? { text: `${text} ${result.saveError}`, summary, tone: "warning", ok: true }
    : { text, summary, tone: "success", ok: true };
}

export interface RefreshDeps {
  store: LiveStore;
  storage: DatasetStorage;
  restoration: Promise<RestoreOutcome>;
  settings: KeyValueStore;
  /** The add-in page's address, which a relative feed address is resolved against. */
  base: string;
  busy: Busy;
  /** Called after every attempt with what it recorded, so the status can show it. */
  onAttempt(record: LastRefresh): void;
  /** Saves a feed address edited but not saved; false (nothing is refreshed) when it is refused. */
  commitFeed(): boolean;
  /** False when the refresh must wait for the analyst's answer (it would drop imported rows). */
  guard?(action: "refresh", proceed: () => void): boolean;
  /** Where the feed is downloaded and verified (the dataset worker); default this thread. */
  fetchFeed?: FeedFetcher;
}

/**
 * The ETag of the dataset in use, valid for a conditional request to the feed it came from: the one
 * restored from last session, or the one the last refresh saved. Used only while the dataset in use
 * still comes from that same feed address (an import or a revert in between makes it meaningless).
 */
class FeedTag {
  private etag: string | null = null;
  private url: string | null = null;

  set(url: string, etag: string | null): void {
    this.url = url;
    this.etag = etag;
  }

  for(store: LiveStore, url: string): string | null {
    const origin = store.current.origin;
    return origin.kind === "feed" && origin.url === url && this.url === url ? this.etag : null;
  }
}

/**
 * Wires the feed address field and its Save button. Returns `commit`, which saves an edit not yet
 * saved (Refresh calls it, so the address on screen is the one used) and says whether the field holds
 * an acceptable address.
 */
export function wireFeedSetting(
  doc: Document,
  settings: KeyValueStore,
  base: string
): { commit(): boolean } {
  const input = byId<HTMLInputElement>("feed-url", doc);
  const message = byId("feed-message", doc);
  input.value = feedUrl(settings, base);
  const save = (): boolean => {
    const saved = saveFeedUrl(settings, input.value, base);
    if (!saved.ok) {
      input.setAttribute("aria-invalid", "true");
      showMessage(message, `Not saved. ${saved.message}`, "error");
      return false;
    }
    input.removeAttribute("aria-invalid");
    input.value = saved.url;
    showMessage(
      message,
      saved.isDefault ? "Saved: the add-in's own feed." : `Saved: ${saved.url}`,
      "success"
    );
    return true;
  };
  byId<HTMLFormElement>("feed-form", doc).addEventListener("submit", (event) => {
    event.preventDefault();
    save();
  });
  return {
    commit: () => input.value.trim() === feedUrl(settings, base) || save(),
  };
}

/** Wires Refresh and Cancel: progress while it runs, then the diff, "up to date" or the failure. */
export function wireRefresh(doc: Document, deps: RefreshDeps): void {
  const button = byId<HTMLButtonElement>("refresh", doc);
  const cancel = byId<HTMLButtonElement>("cancel-refresh", doc);
  const progress = byId("refresh-progress", doc);
  const bar = progress.querySelector("progress") as HTMLProgressElement;
  const label = progress.querySelector(".progress-text") as HTMLElement;
  const result = byId("refresh-result", doc);
  const tag = new FeedTag();
  let controller: AbortController | null = null;

  void deps.restoration.then((outcome) => {
    const origin = deps.store.current.origin;
    if (outcome.kind === "restored" && origin.kind === "feed") tag.set(origin.url, outcome.etag);
  });

  const show = (phase: FeedPhase, received?: number, total?: number) => {
    label.textContent = progressText(phase, received, total);
    if (phase === "download" && received && total) {
      bar.max = total;
      bar.value = Math.min(received, total);
    } else {
      bar.removeAttribute("value"); // indeterminate
    }
  };

  cancel.addEventListener("click", () => controller?.abort());
  button.addEventListener("click", () => {
    if (deps.busy.active || !deps.commitFeed()) return;
    if (deps.guard && !deps.guard("refresh", () => button.click())) return;
    // Keyboard users keep their place: focus moves to Cancel while it runs, then back.
    const hadFocus = doc.activeElement === button;
    const done = deps.busy.run(async () => {
      await deps.restoration.catch(() => undefined);
      const url = feedUrl(deps.settings, deps.base);
      const limits = feedLimits(deps.settings);
      controller = new AbortController();
      progress.hidden = false;
      cancel.hidden = false;
      if (hadFocus) cancel.focus();
      show("download");
      // Refresh saves through this wrapper to learn the ETag it keeps with the dataset.
      let savedEtag: string | null = null;
      const storage: DatasetStorage = {
        load: () => deps.storage.load(),
        clear: () => deps.storage.clear(),
        save: (record) => {
          savedEtag = record.etag;
          return deps.storage.save(record);
        },
      };
      let outcome: RefreshOutcome | Error;
      try {
        outcome = await refreshFromFeed(deps.store, storage, {
          url,
          etag: tag.for(deps.store, url),
          timeoutMs: limits.timeoutMs,
          maxBytes: limits.maxBytes,
          signal: controller.signal,
          onProgress: show,
          fetchFeed: deps.fetchFeed,
        });
        if (outcome.kind === "updated") tag.set(url, savedEtag);
      } catch (error) {
        outcome = error instanceof Error ? error : new Error(String(error));
      } finally {
        controller = null;
        progress.hidden = true;
        cancel.hidden = true;
      }
      const message = refreshMessage(outcome);
      showMessage(result, message.text, message.tone);
      const record: LastRefresh = {
        at: new Date().toISOString(),
        ok: message.ok,
        text: message.summary,
      };
      saveLastRefresh(deps.settings, record);
      deps.onAttempt(record);
    });
    void done.then(() => {
      if (hadFocus && (doc.activeElement === doc.body || doc.activeElement === null))
        button.focus();
    });
  });
}
