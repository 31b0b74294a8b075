/**
 * What changed: after every replacement of the dataset (refresh, import, revert), the figures that
 * moved, grouped by series and capped, with "and 120 more"; in Excel, "Insert change log" writes the
 * whole list to a new worksheet.
 */
import {
  ChangeGroup,
  ChangeList,
  figureChanges,
  listChangesInSlices,
} from "../core/dataset/change-list";
import { IndexedDataset } from "../core/dataset/indexed";
import { LiveStore } from "../core/runtime/store";
import { h } from "./browse/dom";
import { byId, showMessage } from "./dom";
import { CHANGE_LOG_SHEET, ExcelSupport, insertTableSheet } from "./excel-actions";

/** Figures listed at most; the rest are counted. */
export const MAX_LISTED = 30;

/** One change as a line: "2025-11: 582 t → 600 t", "2025-12: added 700 t", "2025-01: removed 4 t". */
export function changeLine(change: ChangeGroup["changes"][number]): string {
  if (change.before === null) return `${change.period}: added ${change.after}`;
  if (change.after === null) return `${change.period}: removed ${change.before}`;
  return `${change.period}: ${change.before} → ${change.after}`;
}

/** The change log as a table: a header row, then one row per figure. */
export function changeLogRows(
  groups: readonly ChangeGroup[],
  from: string,
  to: string
): string[][] {
  const rows = [["Series", "Period", "Before", "After", `Change (${from} → ${to})`]];
  for (const group of groups) {
    for (const c of group.changes) {
      const what = c.before === null ? "added" : c.after === null ? "removed" : "changed";
      rows.push([group.series, c.period, c.before ?? "", c.after ?? "", what]);
    }
  }
  return rows;
}

/**
 * Lists what each replacement changed. The start-up restore of last session's copy is no change for
 * the user (the bundled dataset was never shown as theirs): it is not listed. The list is worked out
 * after the swap, in slices, off the swap's task; a later replacement supersedes one still counted.
 */
export function mountChanges(
  store: LiveStore,
  excel: Promise<ExcelSupport>,
  restoration: Promise<unknown>,
  doc = document
): void {
  const root = byId("changes", doc);
  const heading = byId("changes-heading", doc);
  const list = byId("changes-list", doc);
  const more = byId("changes-more", doc);
  const insert = byId<HTMLButtonElement>("insert-change-log", doc);
  const message = byId("changes-message", doc);
  let previous: IndexedDataset = store.current.data;
  let restoring = true;
  void restoration.finally(() => (restoring = false));
  /** The last replacement, whose whole change log is written only when asked for. */
  let last: { from: IndexedDataset; to: IndexedDataset; total: number } | undefined;
  let support: ExcelSupport = { available: false, reason: "" };
  let counting: AbortController | undefined;

  const apply = () => {
    insert.disabled = !support.available || !last || last.total === 0;
    insert.title = support.available ? "" : support.reason;
  };

  const show = (from: IndexedDataset, to: IndexedDataset, found: ChangeList) => {
    const { total, groups } = found;
    const [fromVersion, toVersion] = [from.dataset.version, to.dataset.version];
    heading.textContent =
      total === 0
        ? `No figures changed (${fromVersion} → ${toVersion}).`
        : `${total} figure${total === 1 ? "" : "s"} changed (${fromVersion} → ${toVersion})`;
    last = { from, to, total };
    list.replaceChildren();
    let listed = 0;
    for (const group of groups) {
      listed += group.changes.length;
      list.append(
        h(
          "li",
          {},
          h("strong", {}, group.series),
          h("ul", {}, ...group.changes.map((c) => h("li", {}, changeLine(c))))
        )
      );
    }
    more.textContent = total > listed ? `and ${total - listed} more` : "";
    more.hidden = total <= listed;
    showMessage(message, "");
    root.hidden = false;
    apply();
  };

  store.subscribe((snapshot) => {
    const [from, to] = [previous, snapshot.data];
    previous = to;
    if (restoring) return;
    counting?.abort();
    const job = (counting = new AbortController());
    last = undefined;
    apply();
    // Only the listed changes are written as text: a refresh of a million figures is counted.
    listChangesInSlices(from, to, MAX_LISTED, job.signal).then(
      (found) => {
        if (counting === job) show(from, to, found);
      },
      () => undefined // superseded by a later replacement
    );
  });

  insert.addEventListener("click", async () => {
    if (!last) return;
    insert.disabled = true;
    try {
      const { from, to } = last;
      const rows = changeLogRows(figureChanges(from, to), from.dataset.version, to.dataset.version);
      const name = await insertTableSheet(CHANGE_LOG_SHEET, rows);
      showMessage(
        message,
        `Wrote ${rows.length - 1} changes to the worksheet "${name}".`,
        "success"
      );
    } catch (error) {
      showMessage(message, `Could not write the change log: ${(error as Error).message}`, "error");
    } finally {
      apply();
    }
  });
  void excel.then(
    (found) => {
      support = found;
      apply();
    },
    () => undefined
  );
}
