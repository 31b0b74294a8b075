import { formatTwoBundle } from "../../test/support/format-two";
import { realDataset, realIndexed } from "../../test/support/real-dataset";
import { loadManifestBundle } from "../core/dataset/manifest-load";
import * as tradeRows from "../core/dataset/trade-rows";
import { LiveStore } from "../core/runtime/store";
import { formatBytes, formatTime } from "./dom";
import { restorationNotice } from "./notices";
import { describeLastRefresh, describeOrigin, statusFields } from "./status";

test("the status fields of a dataset, as text", () => {
  const data = realIndexed();
  const store = new LiveStore(data, { kind: "feed", url: "https://feeds.example.com/m.json" });
  const { dataset } = data;
  const fields = statusFields(store.current, {
    at: new Date(2026, 10, 22, 14, 5).toISOString(),
    ok: true,
    text: "Updated to 2026.12.01",
  });
  expect(fields).toEqual({
    name: dataset.name,
    version: dataset.version,
    as_of: dataset.as_of,
    origin: "Feed: https://feeds.example.com/m.json",
    "origin-short": "feed feeds.example.com",
    figures: String(
      dataset.exports.length +
        dataset.forecasts.length +
        dataset.indicators.length +
        dataset.usgs.length
    ),
    sources: String(dataset.sources.length),
    refreshed: "2026-11-22 14:05 — Updated to 2026.12.01",
  });
  expect(statusFields(store.current).refreshed).toBe("Never");
});

test("a format 2 dataset's figures are counted from its columns, not from rows made for it", async () => {
  const materialise = jest.spyOn(tradeRows, "exportRowsFromColumns");
  const data = await loadManifestBundle(formatTwoBundle(realDataset()));
  const fields = statusFields(new LiveStore(data, { kind: "bundled" }).current);
  expect(materialise).not.toHaveBeenCalled();
  materialise.mockRestore();
  expect(fields.figures).toBe(
    statusFields(new LiveStore(realIndexed(), { kind: "bundled" }).current).figures
  );
});

test("origins", () => {
  expect(describeOrigin({ kind: "bundled" })).toBe("Bundled with the add-in");
  expect(describeOrigin({ kind: "file", name: "exports.csv" })).toBe("File: exports.csv");
  expect(describeLastRefresh(null)).toBe("Never");
});

test("times and sizes read the same in every locale", () => {
  expect(formatTime(new Date(2026, 0, 2, 3, 4))).toBe("2026-01-02 03:04");
  expect(formatBytes(0)).toBe("0 bytes");
  expect(formatBytes(1536)).toBe("2 KB");
  expect(formatBytes(64 * 1024 * 1024)).toBe("64.0 MB");
});

test("only a fallback gives a notice", () => {
  expect(restorationNotice({ kind: "none" })).toBeNull();
  expect(
    restorationNotice({ kind: "restored", version: "1", savedAt: new Date(), etag: null })
  ).toBeNull();
  expect(
    restorationNotice({
      kind: "fallback",
      notice: "The saved dataset could not be read; using the bundled dataset.",
    })
  ).toBe("The saved dataset could not be read; using the bundled dataset.");
});
