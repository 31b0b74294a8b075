/**
 * Issue 12, defects 5, 7 and 10: the add-in's one saved copy of the dataset in use after a failed
 * save, when a newer add-in wrote it, and when another workbook's pane changes it.
 */
import { Dataset } from "../../src/core/dataset/dataset";
import { datasetHash } from "../../src/core/dataset/hash";
import { indexDataset } from "../../src/core/dataset/indexed";
import { applyDataset, revertToBundled } from "../../src/core/dataset/refresh";
import { DatasetStorage, restoreFromStorage } from "../../src/core/dataset/restore";
import { STORAGE_VERSION, StoredDataset, storedRecord } from "../../src/core/dataset/stored";
import { FORMAT_VERSION, MANIFEST_FORMAT_VERSION } from "../../src/core/dataset/dataset";
import { LiveStore } from "../../src/core/runtime/store";
import {
  announcingStorage,
  SavedCopyChange,
  savedCopyChannel,
} from "../../src/runtime/saved-copy-channel";
import { savedCopyNotice } from "../../src/taskpane/notices";
import { realDataset } from "../support/real-dataset";

/** One storage slot, as IndexedDB keeps it; `failSaves` makes saves fail as a full quota does. */
class Slot implements DatasetStorage {
  value: unknown = undefined;
  failSaves = false;
  async load() {
    return this.value;
  }
  async save(record: StoredDataset) {
    if (this.failSaves) throw new Error("QuotaExceededError");
    this.value = record;
  }
  async clear() {
    this.value = undefined;
  }
}

async function version(v: string, asOf: string): Promise<{ dataset: Dataset; text: string }> {
  const dataset = realDataset();
  dataset.version = v;
  dataset.as_of = asOf;
  dataset.hash = await datasetHash(dataset);
  return { dataset, text: JSON.stringify(dataset) };
}

const bundledStore = () => new LiveStore(indexDataset(realDataset()), { kind: "bundled" });

describe("defect 5: after a failed save no older copy is restored silently", () => {
  test("the older copy is removed when the newer one cannot be saved, and the message says what the next start uses", async () => {
    const slot = new Slot();
    const older = await version("2026.12.01", "2026-12-01");
    const newer = await version("2026.12.02", "2026-12-02");
    const store = bundledStore();
    await applyDataset(store, slot, indexDataset(older.dataset), older.text, {
      kind: "feed",
      url: "https://example.org/m.json",
    });
    slot.failSaves = true;
    const outcome = await applyDataset(store, slot, indexDataset(newer.dataset), newer.text, {
      kind: "feed",
      url: "https://example.org/m.json",
    });
    expect(store.current.data.dataset.version).toBe("2026.12.02");
    expect(outcome.saveError).toBe(
      "The dataset is in use but could not be saved for next time (QuotaExceededError); the add-in will start with its bundled dataset."
    );

    // The next start: the older copy is not there to be restored as if it were the latest.
    const nextStart = bundledStore();
    expect(await restoreFromStorage(nextStart, slot)).toEqual({ kind: "none" });
    expect(nextStart.current.data.dataset.version).toBe(realDataset().version);
  });
});

describe("defect 7: a copy saved by a newer add-in is kept", () => {
  test.each([
    ["a storage record version above this build's", async () => ({ version: STORAGE_VERSION + 1 })],
    [
      "a dataset format_version above the one this build reads",
      async () => {
        const { dataset } = await version("2027.01.01", "2027-01-01");
        return {
          text: JSON.stringify({
            ...dataset,
            format_version: Math.max(FORMAT_VERSION, MANIFEST_FORMAT_VERSION) + 1,
          }),
        };
      },
    ],
  ])(
    "%s: bundled data in use, the copy kept, the notice says a newer version saved it",
    async (_, change) => {
      const { text } = await version("2026.12.01", "2026-12-01");
      const record = {
        ...storedRecord(text, { kind: "feed", url: "https://example.org/m.json" }, new Date()),
        ...(await change()),
      };
      const slot = new Slot();
      slot.value = record;
      const store = bundledStore();
      const outcome = await restoreFromStorage(store, slot);
      expect(outcome).toMatchObject({
        kind: "fallback",
        notice: expect.stringMatching(
          /^The saved dataset was saved by a newer version of the add-in \(.+\); using the bundled dataset\. The saved copy is kept: update the add-in to use it\.$/
        ),
      });
      expect(store.current.origin).toEqual({ kind: "bundled" });
      expect(slot.value).toBe(record);
    }
  );

  test("an older or unknown storage version is still removed", async () => {
    const slot = new Slot();
    const { text } = await version("2026.12.01", "2026-12-01");
    slot.value = { ...storedRecord(text, { kind: "bundled" }, new Date()), version: 0 };
    const outcome = await restoreFromStorage(bundledStore(), slot);
    expect(outcome).toMatchObject({
      kind: "fallback",
      notice: expect.stringMatching(/storage version 0/),
    });
    expect(slot.value).toBeUndefined();
  });
});

describe("defect 10: two workbooks share one saved copy, and the other pane is told", () => {
  test("a save and a revert in one pane reach the other pane, which says what it means", async () => {
    const slot = new Slot();
    const channelA = savedCopyChannel("test-saved-copy");
    const channelB = savedCopyChannel("test-saved-copy");
    try {
      const paneA = { store: bundledStore(), storage: announcingStorage(slot, channelA) };
      const paneB = bundledStore();
      const heard: SavedCopyChange[] = [];
      let next: () => void = () => undefined;
      channelB.watch((change) => {
        heard.push(change);
        next();
      });
      const arrival = () => new Promise<void>((resolve) => (next = resolve));

      const { dataset, text } = await version("2026.12.01", "2026-12-01");
      let arrived = arrival();
      const at = new Date("2026-12-01T10:30:00Z");
      await applyDataset(
        paneA.store,
        paneA.storage,
        indexDataset(dataset),
        text,
        { kind: "file", name: "mine.json" },
        null,
        at
      );
      await arrived;
      expect(heard[0]).toEqual({
        kind: "saved",
        origin: { kind: "file", name: "mine.json" },
        savedAt: at.toISOString(),
      });
      expect(savedCopyNotice(heard[0], paneB.current)).toMatch(
        new RegExp(
          `^Another workbook saved a dataset \\(File: mine\\.json, at .+\\) as the add-in's saved copy, replacing the one saved before\\. This workbook keeps using version ${realDataset().version.replace(/\./g, "\\.")} until the add-in starts again, which will then use that dataset\\.$`
        )
      );

      arrived = arrival();
      await revertToBundled(paneA.store, paneA.storage, indexDataset(realDataset()));
      await arrived;
      expect(heard[1]).toEqual({ kind: "removed" });
      expect(savedCopyNotice(heard[1], paneB.current)).toMatch(
        /^Another workbook reverted to the bundled dataset and removed the add-in's saved copy\./
      );
      // The pane that made the change is not told about its own change.
      expect(heard).toHaveLength(2);
    } finally {
      channelA.close();
      channelB.close();
    }
  });
});
