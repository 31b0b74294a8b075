import { readFileSync } from "fs";
import { join } from "path";
import { DATA_DIR, realIndexed } from "../../test/support/real-dataset";
import { exportValue } from "../core/queries/exports";
import { DatasetStorage } from "../core/dataset/restore";
import { LiveStore } from "../core/runtime/store";
import { restoreStored, StoredRecord } from "../core/dataset/stored";
import { memoryStore } from "./settings";
import { localRows } from "./local-rows";
import { importFile, importFiles, importProgressText, problemLine } from "./import-panel";

class MemoryStorage implements DatasetStorage {
  saved: StoredRecord[] = [];
  fail = false;
  async load() {
    return this.saved.at(-1);
  }
  async save(record: StoredRecord) {
    if (this.fail) throw new Error("QuotaExceededError");
    this.saved.push(record);
  }
  async clear() {
    this.saved = [];
  }
}

const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = "commodity,reporter,partner,period,quantity,unit,source_id,note";

test("problem lines name row and field when known", () => {
  expect(problemLine({ row: 5, field: "quantity", message: "'58x' is not a number" })).toBe(
    "Row 5, quantity: '58x' is not a number"
  );
  expect(problemLine({ row: 1, field: null, message: "bad header" })).toBe("Row 1: bad header");
  expect(problemLine({ row: null, field: null, message: "not valid JSON" })).toBe("not valid JSON");
});

describe("importFile", () => {
  test("a valid CSV is applied with the file as origin, kept for next time, and live cells update", async () => {
    const store = new LiveStore(realIndexed());
    const storage = new MemoryStorage();
    const seen: number[] = [];
    store.subscribe((s) =>
      seen.push(
        exportValue(s.data, { commodity: "magnets", partner: "US", period: "2025-11" }) as number
      )
    );
    const view = await importFile(
      "exports.csv",
      bytes(`${HEADER}\nmagnets,CN,US,2025-11,600,t,ts2-2025-12-20,\n`),
      { store, storage }
    );
    expect(view).toEqual({
      text: `Imported exports.csv: exports.csv layout, 0 rows added, 1 replaced. Now using version ${store.current.data.dataset.version}. 0 figures added, 1 changed, 0 removed.`,
      tone: "success",
      problems: [],
    });
    expect(store.current.origin).toEqual({ kind: "file", name: "exports.csv" });
    expect(seen).toEqual([600]);
    expect(storage.saved).toHaveLength(1);
    expect(storage.saved[0].origin).toEqual({ kind: "file", name: "exports.csv" });
  });

  test("an invalid file lists its problems and changes nothing", async () => {
    const data = realIndexed();
    const store = new LiveStore(data);
    const storage = new MemoryStorage();
    const view = await importFile(
      "exports.csv",
      bytes(
        `${HEADER}\nmagnets,CN,US,2025-11,-1,t,ts2-2025-12-20,\nmagnets,CN,US,2025-12,1,zz,ts2-2025-12-20,\n`
      ),
      { store, storage }
    );
    expect(view).toEqual({
      text: "exports.csv: 2 problems in 2 rows; nothing was imported.",
      tone: "error",
      problems: ["Row 2, quantity: '-1' is negative", "Row 3, unit: unknown unit 'zz'"],
    });
    expect(store.current.data).toBe(data);
    expect(storage.saved).toHaveLength(0);
  });

  test("a file that changes nothing is not applied", async () => {
    const data = realIndexed();
    const store = new LiveStore(data);
    const storage = new MemoryStorage();
    const file = readFileSync(join(DATA_DIR, "usgs", "mcs2026_commodities_data_subset.csv"));
    const view = await importFile("usgs.csv", file, { store, storage });
    expect(view.tone).toBe("info");
    expect(view.text).toMatch(/Nothing to change: the dataset in use already has this data\.$/);
    expect(store.current.data).toBe(data);
    expect(storage.saved).toHaveLength(0);
  });

  test("a storage failure costs persistence, not the import", async () => {
    const store = new LiveStore(realIndexed());
    const storage = new MemoryStorage();
    storage.fail = true;
    const view = await importFile(
      "e.csv",
      bytes(`${HEADER}\nmagnets,CN,US,2025-12,700,t,ts2-2025-12-20,\n`),
      { store, storage }
    );
    expect(view.tone).toBe("warning");
    expect(view.text).toMatch(
      /could not be saved for next time \(QuotaExceededError\); the add-in will start with its bundled dataset\.$/
    );
    expect(
      exportValue(store.current.data, { commodity: "magnets", partner: "US", period: "2025-12" })
    ).toBe(700);
  });
});

describe("importing a UN Comtrade file (SYNTHETIC fixture, test/fixtures/comtrade)", () => {
  const fixture = join(
    DATA_DIR,
    "..",
    "test",
    "fixtures",
    "comtrade",
    "synthetic-monthly-latin1.csv"
  );

  test("applies it with the file as origin, counts its rows, and the saved copy restores it", async () => {
    const store = new LiveStore(realIndexed());
    const storage = new MemoryStorage();
    const settings = memoryStore();
    const view = await importFile("cn-2024.csv", readFileSync(fixture), {
      store,
      storage,
      settings,
    });
    expect(view).toEqual({
      text: `Imported cn-2024.csv: UN Comtrade, 12 figures (8 exports, 1 re-export, 1 re-import, 2 imports). 1 new commodity named by their customs code. Now using version ${store.current.data.dataset.version}.`,
      tone: "success",
      problems: [],
    });
    expect(store.current.data.dataset.version).toMatch(/\+local$/);
    expect(store.current.origin).toEqual({ kind: "file", name: "cn-2024.csv" });
    expect(localRows(settings, store.current.data.dataset)).toBe(12);
    const today = store.current.data.sources.get("comtrade-cn-2024")?.published;
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const restored = await restoreStored(await storage.load());
    if (restored === undefined || !restored.ok) throw new Error("not restored");
    expect(restored.origin).toEqual({ kind: "file", name: "cn-2024.csv" });
    expect(
      exportValue(
        restored.data,
        { commodity: "magnets", partner: "CN", period: "2024-03", reporter: "JP" },
        "import"
      )
    ).toBe(650_000);
  });

  test("a conflict with a news figure is listed under the result", async () => {
    const store = new LiveStore(realIndexed());
    const conflict = join(DATA_DIR, "..", "test", "fixtures", "comtrade", "synthetic-conflict.csv");
    const view = await importFile("c.csv", readFileSync(conflict), {
      store,
      storage: new MemoryStorage(),
    });
    expect(view.tone).toBe("success");
    expect(view.problems).toHaveLength(1);
    expect(view.problems[0]).toMatch(
      /^Conflict: magnets CN → .* formulas return the official figure$/
    );
  });

  test("a bad row refuses the file, naming row and column, and nothing changes", async () => {
    const data = realIndexed();
    const store = new LiveStore(data);
    const storage = new MemoryStorage();
    const text = readFileSync(fixture, "latin1").replace(",X,Export,392,", ",DX,Export,392,");
    const view = await importFile("bad.csv", Buffer.from(text, "latin1"), { store, storage });
    expect(view).toEqual({
      text: "bad.csv (UN Comtrade file): refused at row 3; nothing was imported.",
      tone: "error",
      problems: ["Row 3, flowCode: unknown flow code 'DX' (expected X, M, RX or RM)"],
    });
    expect(store.current.data).toBe(data);
    expect(storage.saved).toHaveLength(0);
  });
});

describe("Cancel where the import runs in this thread (no worker)", () => {
  test("a cancelled import applies and saves nothing, and says which phase it was in", async () => {
    const store = new LiveStore(realIndexed());
    const before = store.current;
    const storage = new MemoryStorage();
    const stop = new AbortController();
    const phases: string[] = [];
    const run = importFiles(
      [
        {
          name: "exports.csv",
          bytes: bytes(`${HEADER}\nmagnets,CN,US,2025-11,600,t,ts2-2025-12-20,\n`),
        },
      ],
      { store, storage },
      {
        signal: stop.signal,
        onPhase: (phase) => {
          phases.push(importProgressText(phase, "exports.csv"));
          stop.abort(); // Cancel as the load begins: stopped at its next step
        },
      }
    );
    await expect(run).rejects.toThrow(/cancelled/);
    expect(phases).toEqual(["Validating…"]);
    expect(store.current).toBe(before);
    expect(storage.saved).toEqual([]);
  });
});
