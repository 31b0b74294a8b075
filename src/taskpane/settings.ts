import {
  DEFAULT_FEED_URL,
  DEFAULT_TIMEOUT_MS,
  FeedError,
  parseFeedUrl,
} from "../core/dataset/feed";
import { MAX_DATASET_BYTES } from "../core/dataset/load";

/**
 * The pane's settings, kept in localStorage (per add-in origin, like the stored dataset): the feed
 * address, and the last refresh's time and result. Where localStorage is unavailable they live for
 * the session only.
 */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const SETTING_KEYS = {
  feedUrl: "minerals.feedUrl",
  lastRefresh: "minerals.lastRefresh",
  /** Not shown in the pane: a shorter timeout or a smaller size limit (tests; slow or metered links). */
  timeoutMs: "minerals.feedTimeoutMs",
  maxBytes: "minerals.feedMaxBytes",
} as const;

export function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

/** localStorage when the page may use it, otherwise memory; a failing write never breaks the pane. */
export function settingsStore(): KeyValueStore {
  let local: Storage | undefined;
  try {
    local = globalThis.localStorage;
    local?.getItem(SETTING_KEYS.feedUrl);
  } catch {
    local = undefined;
  }
  if (!local) return memoryStore();
  const storage = local;
  const fallback = memoryStore();
  return {
    getItem: (key) => {
      try {
        return storage.getItem(key) ?? fallback.getItem(key);
      } catch {
        return fallback.getItem(key);
      }
    },
    setItem: (key, value) => {
      try {
        storage.setItem(key, value);
      } catch {
        fallback.setItem(key, value);
      }
    },
    removeItem: (key) => {
      fallback.removeItem(key);
      try {
        storage.removeItem(key);
      } catch {
        // Nothing to remove where nothing could be written.
      }
    },
  };
}

/** The default feed: `data/minerals.json` next to the add-in's page. */
export function defaultFeedUrl(base: string): string {
  return new URL(DEFAULT_FEED_URL, base).href;
}

/** The feed address in use: the saved one when it is still acceptable, else the default. */
export function feedUrl(settings: KeyValueStore, base: string): string {
  const saved = settings.getItem(SETTING_KEYS.feedUrl);
  if (saved) {
    const url = parseFeedUrl(saved, base);
    if (!(url instanceof FeedError)) return url.href;
  }
  return defaultFeedUrl(base);
}

export type SaveFeedResult =
  { ok: true; url: string; isDefault: boolean } | { ok: false; message: string };

/**
 * Saves a feed address typed by the analyst: https, or http for localhost only (parseFeedUrl). A
 * refused address is not saved. An empty field or the default address removes the setting, so the
 * feed keeps following the add-in if it moves.
 */
export function saveFeedUrl(
  settings: KeyValueStore,
  address: string,
  base: string
): SaveFeedResult {
  if (address.trim() === "") {
    settings.removeItem(SETTING_KEYS.feedUrl);
    return { ok: true, url: defaultFeedUrl(base), isDefault: true };
  }
  const url = parseFeedUrl(address, base);
  if (url instanceof FeedError) return { ok: false, message: url.message };
  if (url.href === defaultFeedUrl(base)) {
    settings.removeItem(SETTING_KEYS.feedUrl);
    return { ok: true, url: url.href, isDefault: true };
  }
  settings.setItem(SETTING_KEYS.feedUrl, url.href);
  return { ok: true, url: url.href, isDefault: false };
}

function bounded(text: string | null, min: number, max: number, fallback: number): number {
  const value = Number(text);
  if (text === null || text.trim() === "" || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** Timeout (1 s to 5 min) and size limit (1 KB up to the 64 MB every load path enforces). */
export function feedLimits(settings: KeyValueStore): { timeoutMs: number; maxBytes: number } {
  return {
    timeoutMs: bounded(settings.getItem(SETTING_KEYS.timeoutMs), 1000, 300_000, DEFAULT_TIMEOUT_MS),
    maxBytes: bounded(
      settings.getItem(SETTING_KEYS.maxBytes),
      1024,
      MAX_DATASET_BYTES,
      MAX_DATASET_BYTES
    ),
  };
}

/** The last refresh: when, whether it succeeded, and in short what happened ("Failed: HTTP 404"). */
export interface LastRefresh {
  at: string;
  ok: boolean;
  text: string;
}

export function loadLastRefresh(settings: KeyValueStore): LastRefresh | null {
  try {
    const value = JSON.parse(settings.getItem(SETTING_KEYS.lastRefresh) ?? "null") as unknown;
    const record = value as Partial<LastRefresh> | null;
    if (
      record !== null &&
      typeof record === "object" &&
      typeof record.at === "string" &&
      !Number.isNaN(Date.parse(record.at)) &&
      typeof record.ok === "boolean" &&
      typeof record.text === "string"
    ) {
      return { at: record.at, ok: record.ok, text: record.text };
    }
  } catch {
    // A damaged record is as good as none.
  }
  return null;
}

export function saveLastRefresh(settings: KeyValueStore, record: LastRefresh): void {
  settings.setItem(SETTING_KEYS.lastRefresh, JSON.stringify(record));
}
