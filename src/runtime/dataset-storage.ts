import { createStore, del, get, set, UseStore } from "idb-keyval";
import { DatasetStorage } from "../core/dataset/restore";

const KEY = "dataset-in-use";

/**
 * The dataset in use, kept in IndexedDB between sessions (OfficeRuntime.storage caps values at
 * 10 MB, too small for a full dataset). Where IndexedDB is missing, nothing is stored and `load`
 * finds nothing.
 */
export function indexedDbStorage(): DatasetStorage {
  let db: UseStore | undefined;
  const open = () => (db ??= createStore("minerals-for-excel", "datasets"));
  const available = indexedDbAvailable;
  return {
    load: async () => (available() ? get(KEY, open()) : undefined),
    save: async (record) => {
      if (!available()) throw new Error("this browser offers no IndexedDB storage");
      await set(KEY, record, open());
    },
    clear: async () => {
      if (available()) await del(KEY, open());
    },
  };
}

/** Whether this runtime has IndexedDB (Excel's do; Node, and the tests' runtime, do not). */
export function indexedDbAvailable(): boolean {
  return typeof indexedDB !== "undefined";
}
