import { describeDiff } from "../core/dataset/diff";
import { IndexedDataset } from "../core/dataset/indexed";
import { revertToBundled } from "../core/dataset/refresh";
import { DatasetStorage, RestoreOutcome } from "../core/dataset/restore";
import { LiveStore } from "../core/runtime/store";
import { Busy, byId, showMessage } from "./dom";
import { LastRefresh } from "./settings";

export interface RevertDeps {
  store: LiveStore;
  storage: DatasetStorage;
  bundled: IndexedDataset;
  restoration: Promise<RestoreOutcome>;
  busy: Busy;
  /** False when the revert must wait for the analyst's answer (it would drop imported rows). */
  guard?(action: "revert", proceed: () => void): boolean;
  /** Told what happened, so the status says it. */
  onDone?(record: LastRefresh): void;
}

/** Wires "Revert to bundled dataset": the swap, the stored copy removed, and what changed. */
export function wireRevert(doc: Document, deps: RevertDeps): void {
  const result = byId("revert-result", doc);
  const button = byId<HTMLButtonElement>("revert", doc);
  button.addEventListener("click", () => {
    if (deps.busy.active) return;
    if (deps.guard && !deps.guard("revert", () => button.click())) return;
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
        if (!wasBundled)
          deps.onDone?.({
            at: new Date().toISOString(),
            ok: true,
            text: `Reverted to the bundled dataset ${version}`,
          });
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
