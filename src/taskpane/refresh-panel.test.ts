import { diffDatasets } from "../core/dataset/diff";
import { FeedError } from "../core/dataset/feed";
import { realDataset } from "../../test/support/real-dataset";
import { progressText, refreshMessage } from "./refresh-panel";

test("progress text names the phase and the bytes so far", () => {
  expect(progressText("download")).toBe("Downloading…");
  expect(progressText("download", 0, 1000)).toBe("Downloading…");
  expect(progressText("download", 20_000, 163_840)).toBe("Downloading… 20 KB of 160 KB");
  expect(progressText("download", 2_500_000)).toBe("Downloading… 2.4 MB");
  expect(progressText("download", 512, 900)).toBe("Downloading… 512 bytes of 900 bytes");
  expect(progressText("verify")).toBe("Verifying…");
  expect(progressText("decode")).toBe("Decoding…");
  expect(progressText("validate")).toBe("Validating…");
  expect(progressText("index")).toBe("Indexing…");
  expect(progressText("apply")).toBe("Applying…");
});

describe("refreshMessage", () => {
  test("an update shows the diff; the status keeps the version", () => {
    const before = realDataset();
    const after = realDataset();
    after.exports[0] = { ...after.exports[0], quantity: after.exports[0].quantity + 1 };
    const diff = diffDatasets(before, after);
    expect(
      refreshMessage({ kind: "updated", version: "2026.12.01", diff, saveError: null })
    ).toEqual({
      text: "Updated to 2026.12.01. 0 figures added, 1 changed, 0 removed.",
      summary: "Updated to 2026.12.01",
      tone: "success",
      ok: true,
    });
    expect(
      refreshMessage({
        kind: "updated",
        version: "2026.12.01",
        diff,
        saveError: "Not saved (quota).",
      })
    ).toMatchObject({
      text: expect.stringMatching(/removed\. Not saved \(quota\)\.$/),
      tone: "warning",
    });
  });

  test("up to date", () => {
    expect(refreshMessage({ kind: "up-to-date", version: "2026.11.22" })).toEqual({
      text: "Already up to date (version 2026.11.22).",
      summary: "Already up to date",
      tone: "info",
      ok: true,
    });
  });

  test.each([
    [
      new FeedError("http", "The feed answered HTTP 404 Not Found: https://x/m.json"),
      "Failed: HTTP 404",
      "error",
    ],
    [
      new FeedError("timeout", "The feed did not answer within 30 s: https://x"),
      "Failed: timed out",
      "error",
    ],
    [
      new FeedError("offline", "Cannot reach the feed (Failed to fetch): https://x"),
      "Failed: network error",
      "error",
    ],
    [
      new FeedError("invalid", "The feed's dataset was refused. …"),
      "Failed: dataset refused",
      "error",
    ],
    [new FeedError("oversize", "The feed's dataset is larger …"), "Failed: too large", "error"],
    [
      new FeedError("content-type", "The feed sent text/html …"),
      "Failed: not a JSON dataset",
      "error",
    ],
    [new FeedError("address", "Feeds must …"), "Failed: address refused", "error"],
    [new FeedError("cancelled", "Refresh cancelled."), "Cancelled", "info"],
  ])("a failure shows its own message: %s", (error, summary, tone) => {
    expect(refreshMessage(error)).toEqual({ text: error.message, summary, tone, ok: false });
  });

  test("an unexpected error still says what it was", () => {
    expect(refreshMessage(new TypeError("x is undefined"))).toEqual({
      text: "Refresh failed: x is undefined",
      summary: "Failed",
      tone: "error",
      ok: false,
    });
  });
});
