/**
 * Rows imported from a file (a news or USGS CSV, a UN Comtrade file) are never lost silently. A
 * refresh or a revert replaces the whole dataset, so when the dataset in use carries imported rows
 * (its version ends "+local"), the pane says how many would be dropped and asks first. (Chosen over re-applying a local layer on every refresh:
 * a refreshed dataset may itself contain, or contradict, the imported rows, and only the analyst can
 * tell which should win.)
 *
 * How many: each import of rows records the figures it added or changed, together with the hash of
 * the dataset it produced, so the count survives a reload of the pane; successive imports add up.
 */
import { Dataset } from "../core/dataset/dataset";
import { LOCAL_VERSION_SUFFIX } from "../core/dataset/local-version";
import { byId, showMessage } from "./dom";
import { KeyValueStore } from "./settings";

export const LOCAL_ROWS_KEY = "minerals.localRows";

interface LocalRecord {
  hash: string;
  rows: number;
  /** Source ids of the UN Comtrade files imported into this dataset (listed, each removable). */
  comtrade: string[];
}

function readRecord(settings: KeyValueStore): LocalRecord | null {
  try {
    const value = JSON.parse(settings.getItem(LOCAL_ROWS_KEY) ?? "null") as Partial<LocalRecord>;
    if (value && typeof value.hash === "string" && typeof value.rows === "number") {
      const comtrade = Array.isArray(value.comtrade)
        ? value.comtrade.filter((id): id is string => typeof id === "string")
        : [];
      return { hash: value.hash, rows: value.rows, comtrade };
    }
  } catch {
    // A damaged record counts as none.
  }
  return null;
}

/** What an import of rows (or the removal of an imported file) changed. */
export interface LocalChange {
  /** Figures it brought (negative: took out). */
  rows: number;
  /** The source id of the UN Comtrade file it imported (or, with `removed`, took out). */
  comtradeSource?: string;
  removed?: boolean;
}

/** Records an import of rows that turned `before` into `after`. */
export function recordImport(
  settings: KeyValueStore,
  before: Dataset,
  after: Dataset,
  change: LocalChange
): void {
  if (!after.version.endsWith(LOCAL_VERSION_SUFFIX)) {
    settings.removeItem(LOCAL_ROWS_KEY);
    return;
  }
  const previous = readRecord(settings);
  const carried = previous && previous.hash === before.hash ? previous : null;
  const rows = (carried?.rows ?? 0) + change.rows;
  const comtrade = (carried?.comtrade ?? []).filter((id) => id !== change.comtradeSource);
  if (change.comtradeSource !== undefined && !change.removed) comtrade.push(change.comtradeSource);
  settings.setItem(LOCAL_ROWS_KEY, JSON.stringify({ hash: after.hash, rows, comtrade }));
}

/** The source ids of the UN Comtrade files imported into the dataset in use, as recorded here. */
export function importedComtradeSources(settings: KeyValueStore, current: Dataset): string[] {
  const record = readRecord(settings);
  return record && record.hash === current.hash ? record.comtrade : [];
}

/**
 * The imported rows the dataset in use carries: 0 when none, a count when known, null when the
 * dataset is marked local but the count was not recorded (another device, cleared settings).
 */
export function localRows(settings: KeyValueStore, current: Dataset): number | null {
  if (!current.version.endsWith(LOCAL_VERSION_SUFFIX)) return 0;
  const record = readRecord(settings);
  return record && record.hash === current.hash ? record.rows : null;
}

/** The question asked before a refresh or revert that would drop imported rows. */
export function dropQuestion(action: "refresh" | "revert", rows: number | null): string {
  const what =
    rows === null
      ? "rows imported from a file"
      : `${rows} row${rows === 1 ? "" : "s"} imported from a file`;
  const verb = action === "refresh" ? "A refresh replaces" : "Reverting replaces";
  return `The dataset in use has ${what}. ${verb} the whole dataset: ${rows === 1 ? "that row" : "they"} will be dropped (import the file again afterwards to keep ${rows === 1 ? "it" : "them"}).`;
}

/**
 * Wires the confirmation: `guard(action, proceed)` returns true when the action may go ahead now;
 * otherwise it shows the question, and "… anyway" runs `proceed` once.
 */
export function wireLocalGuard(
  doc: Document,
  settings: KeyValueStore,
  current: () => Dataset
): (action: "refresh" | "revert", proceed: () => void) => boolean {
  const box = byId("local-confirm", doc);
  const text = byId("local-confirm-text", doc);
  const go = byId<HTMLButtonElement>("local-confirm-go", doc);
  const keep = byId<HTMLButtonElement>("local-confirm-keep", doc);
  let pending: (() => void) | null = null;
  let confirmed = false;
  const close = () => {
    box.hidden = true;
    pending = null;
  };
  go.addEventListener("click", () => {
    const run = pending;
    close();
    if (!run) return;
    confirmed = true;
    try {
      run();
    } finally {
      confirmed = false;
    }
  });
  keep.addEventListener("click", () => {
    close();
    showMessage(
      byId("local-confirm-result", doc),
      "Nothing was replaced; your imported rows are kept.",
      "info"
    );
  });
  return (action, proceed) => {
    showMessage(byId("local-confirm-result", doc), "");
    if (confirmed) return true;
    const rows = localRows(settings, current());
    if (rows === 0) return true;
    pending = proceed;
    text.textContent = dropQuestion(action, rows);
    go.textContent = action === "refresh" ? "Refresh anyway" : "Revert anyway";
    box.hidden = false;
    keep.focus();
    return false;
  };
}

/** The status line's warning while imported rows are in use: "1 imported row", "" when none. */
export function localRowsWarning(rows: number | null): string {
  if (rows === 0) return "";
  if (rows === null) return "imported rows";
  return `${rows} imported row${rows === 1 ? "" : "s"}`;
}
