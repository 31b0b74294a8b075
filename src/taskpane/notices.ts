import { RestoreOutcome } from "../core/dataset/restore";
import { LiveStore } from "../core/runtime/store";
import { showMessage } from "./dom";

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
