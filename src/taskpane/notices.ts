import { RestoreOutcome } from "../core/dataset/restore";
import { LiveStore, StoreSnapshot } from "../core/runtime/store";
import { SavedCopyChange, SavedCopyChannel } from "../runtime/saved-copy-channel";
import { formatTime, showMessage } from "./dom";
import { readCalculationMode } from "./excel-actions";
import { describeOrigin } from "./status";

/** What the pane says about last session's dataset: only a fallback needs saying. */
export function restorationNotice(outcome: RestoreOutcome): string | null {
  return outcome.kind === "fallback" ? outcome.notice : null;
}

/**
 * Shows the restoration notice once restoration has settled (a failure of its own included). It says
 * which dataset is in use, so it goes when another dataset is swapped in.
 */
export async function showRestorationNotice(
  restoration: Promise<RestoreOutcome>,
  store: LiveStore,
  notice: HTMLElement
): Promise<void> {
  let text: string | null;
  try {
    text = restorationNotice(await restoration);
  } catch (error) {
    text = `Last session's dataset could not be restored (${(error as Error).message}); using the bundled dataset.`;
  }
  if (text === null) return;
  showMessage(notice, text, "warning");
  const stop = store.subscribe(() => {
    showMessage(notice, "");
    stop();
  });
}

/**
 * What the pane says when cells stopped waiting for last session's dataset at start-up: they answer
 * from the bundled dataset until the saved copy is verified, then change to it.
 */
export async function showRestoreWaitNotice(
  wait: Promise<"settled" | "timeout">,
  waitedMs: number,
  restoration: Promise<unknown>,
  notice: HTMLElement
): Promise<void> {
  if ((await wait) !== "timeout") return;
  showMessage(
    notice,
    `Last session's saved dataset took longer than ${waitedMs / 1000} s to verify: formulas answer from the bundled dataset until it is ready, then change to it.`,
    "warning"
  );
  await restoration.catch(() => undefined);
  if (notice.textContent?.startsWith("Last session's saved dataset took longer"))
    showMessage(notice, "");
}

/**
 * What the pane says when another workbook's pane changed the add-in's one saved copy: this
 * workbook keeps its dataset, and the next start uses what is saved now.
 */
export function savedCopyNotice(change: SavedCopyChange, current: StoreSnapshot): string {
  const here = `This workbook keeps using version ${current.data.dataset.version} until the add-in starts again`;
  if (change.kind === "removed") {
    return `Another workbook reverted to the bundled dataset and removed the add-in's saved copy. ${here}, which will then use the bundled dataset.`;
  }
  return `Another workbook saved a dataset (${describeOrigin(change.origin)}, at ${formatTime(new Date(change.savedAt))}) as the add-in's saved copy, replacing the one saved before. ${here}, which will then use that dataset.`;
}

/** Shows every change another pane announces to the saved copy; returns the unsubscribe. */
export function watchSavedCopy(
  channel: SavedCopyChannel,
  store: LiveStore,
  notice: HTMLElement
): () => void {
  return channel.watch((change) =>
    showMessage(notice, savedCopyNotice(change, store.current), "warning")
  );
}

/** What the pane says when Excel calculates manually: live formulas then wait for a recalculation. */
export function calculationModeNotice(mode: string | null): string | null {
  return mode === "Manual"
    ? "Excel is set to manual calculation: =MINERALS formulas do not show a new dataset (after a refresh, an import or a revert) until you recalculate (F9, or Formulas > Calculate Now)."
    : null;
}

/**
 * Says so while Excel is in manual calculation: checked now and after every dataset change (when it
 * matters; Excel has no event for a change of mode). Resolves after the first check.
 */
export async function watchCalculationMode(
  store: LiveStore,
  notice: HTMLElement,
  read: () => Promise<string | null> = readCalculationMode
): Promise<void> {
  const check = async () => {
    const text = calculationModeNotice(await read());
    showMessage(notice, text ?? "", "warning");
  };
  store.subscribe(() => void check());
  await check();
}
