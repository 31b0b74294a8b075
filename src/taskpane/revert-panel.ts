import { describeDiff } from "../core/dataset/diff";
import { IndexedDataset } from "../core/dataset/indexed";
import { DatasetStorage, RestoreOutcome, revertToBundled } from "../core/dataset/refresh";
import { LiveStore } from "../core/runtime/store";
import { Busy, byId, showMessage } from "./dom";

export interface RevertDeps {
  store: LiveStore;
  storage: DatasetStorage;
  bundled: IndexedDataset;
  restoration: Promise<RestoreOutcome>;
  busy: Busy;
}

/** Wires "Revert to bundled dataset": the swap, the stored copy removed, and what changed. */
export function wireRevert(doc: Document, deps: RevertDeps): void {
  const result = byId("revert-result", doc);
  byId<HTMLButtonElement>("revert", doc).addEventListener("click", () => {
    void deps.busy.run(async () => {
      await deps.restoration.catch(() => undefined);
      const wasBundled = deps.store.current.data === deps.bundled;
      try {
        const diff = await revertToBundled(deps.store, deps.storage, deps.bundled);
        const version = deps.bundled.dataset.version;
        showMessage(
          result,
          wasBundled
            ? `Already using the bundled dataset (version ${version}).`
            : `Reverted to the bundled dataset (version ${version}). ${describeDiff(diff)}`,
          wasBundled ? "info" : "success"
        );
      } catch (error) {
        // The swap happened before the stored copy was removed; say what did not work.
        showMessage(
          result,
          `Now using the bundled dataset, but the saved copy could not be removed (${(error as Error).message}); it may come back next time.`,
          "warning"
        );
      }
    });
  });
}
