import { bundledData, restoration, savedCopy, storage, store } from "../runtime/live-store";
import { mountBrowse } from "./browse/browse";
import { mountInsert } from "./browse/insert";
import { Busy, byId, fillList, showMessage } from "./dom";
import { wireImport } from "./import-panel";
import { showRestorationNotice, watchCalculationMode, watchSavedCopy } from "./notices";
import { wireFeedSetting, wireRefresh } from "./refresh-panel";
import { wireRevert } from "./revert-panel";
import { loadLastRefresh, settingsStore } from "./settings";
import { wireStatus } from "./status";

/**
 * The pane's wiring only; what each part does lives in its module. Everything but the host line needs
 * nothing from Office, so it is wired at once: the pane works even where Office.onReady never resolves
 * (a plain browser without office.js, or a host that has not answered yet).
 */
const settings = settingsStore();
const base = location.href;
const renderStatus = wireStatus(document, store, () => loadLastRefresh(settings));
// One data action at a time; each starts by clearing what the others said (it may be out of date).
const busy = new Busy(
  [
    byId<HTMLButtonElement>("refresh"),
    byId<HTMLInputElement>("import-file"),
    byId<HTMLButtonElement>("revert"),
  ],
  () => {
    for (const id of ["refresh-result", "import-result", "revert-result", "feed-message"]) {
      showMessage(byId(id), "");
    }
    fillList(byId("import-errors"), []);
  }
);
const deps = { store, storage, restoration, busy };

const feed = wireFeedSetting(document, settings, base);
wireRefresh(document, {
  ...deps,
  settings,
  base,
  onAttempt: renderStatus,
  commitFeed: feed.commit,
});
wireImport(document, deps);
wireRevert(document, { ...deps, bundled: bundledData });
void showRestorationNotice(restoration, store, byId("notice")).finally(() => {
  // Tests (and anyone curious) can tell when last session's dataset is settled.
  document.body.dataset.restored = "true";
});
watchSavedCopy(savedCopy, store, byId("notice"));
// Browse and insert come from their own modules; insert finds out for itself whether Excel is there.
mountBrowse(byId("browse"), store);
mountInsert(byId("insert"), store);

if (typeof Office !== "undefined") {
  Office.onReady((info) => {
    byId("host").textContent = info.host
      ? `Running in ${info.host}. Type =MINERALS. in a cell to see the formulas.`
      : "Running outside Office: the dataset is readable here; formulas work inside Excel.";
    if (info.host === Office.HostType.Excel) void watchCalculationMode(store, byId("calc-notice"));
  });
}
