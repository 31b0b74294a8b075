import {
  defaultFeedUrl,
  feedLimits,
  feedUrl,
  loadLastRefresh,
  memoryStore,
  saveFeedUrl,
  saveLastRefresh,
  SETTING_KEYS,
} from "./settings";

const BASE = "https://addins.example.org/minerals/taskpane.html?_host_Info=Excel";

describe("the feed address setting", () => {
  test("the default is data/minerals.json next to the add-in's page", () => {
    expect(defaultFeedUrl(BASE)).toBe("https://addins.example.org/minerals/data/minerals.json");
    expect(feedUrl(memoryStore(), BASE)).toBe(
      "https://addins.example.org/minerals/data/minerals.json"
    );
  });

  test("https is saved; http only for this computer", () => {
    const settings = memoryStore();
    expect(saveFeedUrl(settings, " https://feeds.example.com/minerals.json ", BASE)).toEqual({
      ok: true,
      url: "https://feeds.example.com/minerals.json",
      isDefault: false,
    });
    expect(feedUrl(settings, BASE)).toBe("https://feeds.example.com/minerals.json");
    for (const local of ["http://localhost:8080/m.json", "http://127.0.0.1:9/m.json"]) {
      expect(saveFeedUrl(settings, local, BASE)).toMatchObject({ ok: true, url: local });
    }
  });

  test.each([
    [
      "http://feeds.example.com/m.json",
      /^Feeds must use https \(http is allowed only for localhost and 127\.0\.0\.1\)/,
    ],
    ["ftp://feeds.example.com/m.json", /^Feeds must be https addresses, not ftp/],
    ["javascript:alert(1)", /^Feeds must be https addresses, not javascript/],
    ["data:application/json,{}", /^Feeds must be https addresses, not data/],
    ["file:///etc/passwd", /^Feeds must be https addresses, not file/],
    ["https://", /is not a web address/],
  ])("%s is refused and not saved; the previous setting stays", (address, message) => {
    const settings = memoryStore();
    saveFeedUrl(settings, "https://feeds.example.com/minerals.json", BASE);
    const result = saveFeedUrl(settings, address, BASE);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
    expect(feedUrl(settings, BASE)).toBe("https://feeds.example.com/minerals.json");
  });

  test("a relative address is refused and not saved; the default or an empty field removes the setting", () => {
    const settings = memoryStore();
    saveFeedUrl(settings, "https://feeds.example.com/kept.json", BASE);
    expect(saveFeedUrl(settings, "other/feed.json", BASE)).toMatchObject({ ok: false });
    expect(saveFeedUrl(settings, "example.com/x", BASE)).toMatchObject({ ok: false });
    expect(settings.getItem(SETTING_KEYS.feedUrl)).toBe("https://feeds.example.com/kept.json");
    expect(saveFeedUrl(settings, "data/minerals.json", BASE)).toMatchObject({ isDefault: true });
    expect(settings.getItem(SETTING_KEYS.feedUrl)).toBeNull();
    saveFeedUrl(settings, "https://feeds.example.com/x.json", BASE);
    expect(saveFeedUrl(settings, "  ", BASE)).toMatchObject({ ok: true, isDefault: true });
    expect(settings.getItem(SETTING_KEYS.feedUrl)).toBeNull();
  });

  test("a stored address that is no longer acceptable (edited by hand) is ignored", () => {
    const settings = memoryStore();
    settings.setItem(SETTING_KEYS.feedUrl, "http://evil.example.com/m.json");
    expect(feedUrl(settings, BASE)).toBe(defaultFeedUrl(BASE));
  });
});

test("feed limits: defaults, and hidden settings kept within bounds", () => {
  const settings = memoryStore();
  expect(feedLimits(settings)).toEqual({ timeoutMs: 30_000, maxBytes: 64 * 1024 * 1024 });
  settings.setItem(SETTING_KEYS.timeoutMs, "1000");
  settings.setItem(SETTING_KEYS.maxBytes, "4096");
  expect(feedLimits(settings)).toEqual({ timeoutMs: 1000, maxBytes: 4096 });
  settings.setItem(SETTING_KEYS.timeoutMs, "5");
  settings.setItem(SETTING_KEYS.maxBytes, String(1e12));
  expect(feedLimits(settings)).toEqual({ timeoutMs: 1000, maxBytes: 64 * 1024 * 1024 });
  settings.setItem(SETTING_KEYS.timeoutMs, "soon");
  settings.setItem(SETTING_KEYS.maxBytes, "");
  expect(feedLimits(settings)).toEqual({ timeoutMs: 30_000, maxBytes: 64 * 1024 * 1024 });
});

test("the last refresh record round-trips; a damaged one reads as none", () => {
  const settings = memoryStore();
  expect(loadLastRefresh(settings)).toBeNull();
  const record = { at: "2026-11-22T14:05:00.000Z", ok: false, text: "Failed: HTTP 404" };
  saveLastRefresh(settings, record);
  expect(loadLastRefresh(settings)).toEqual(record);
  for (const damaged of [
    "{",
    "null",
    "[]",
    '{"at":"yesterday","ok":true,"text":"x"}',
    '{"at":"2026-01-01","ok":"yes","text":"x"}',
  ]) {
    settings.setItem(SETTING_KEYS.lastRefresh, damaged);
    expect(loadLastRefresh(settings)).toBeNull();
  }
});
