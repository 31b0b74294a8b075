import { workersAvailable } from "../runtime/dataset-worker";
import { fetchFeedInWorker } from "../runtime/feed-worker";
import { prepareImportInWorker } from "../runtime/import-worker";
import { entityCardSupport } from "../runtime/host";
import {
  bundledData,
  RESTORE_WAIT_MS,
  restoration,
  restoreWait,
  savedCopy,
  storage,
  store,
} from "../runtime/live-store";
import { mountBrowse } from "./browse/browse";
import { mountChanges } from "./changes-panel";
import { Busy, byId, fillList, showMessage } from "./dom";
import { detectExcel } from "./excel-actions";
import { mountHelp } from "./help";
import { wireComtradeFiles } from "./comtrade-files";
import { wireImport } from "./import-panel";
import { localRows, localRowsWarning, wireLocalGuard } from "./local-rows";
import {
  showRestorationNotice,
  showRestoreWaitNotice,
  watchCalculationMode,
  watchSavedCopy,
} from "./notices";
import { wireFeedSetting, wireRefresh } from "./refresh-panel";
import { wireRevert } from "./revert-panel";
import { LastRefresh, loadLastRefresh, saveLastRefresh, settingsStore } from "./settings";
import { wireStatus } from "./status";
import { followOfficeTheme } from "./theme";
import { mountWorkbook } from "./workbook-panel";

/**
 * The pane's wiring only; what each part does lives in its module. Everything but the host line and
 * the Office theme needs nothing from Office, so it is wired at once: the pane works even where
 * Office.onReady never resolves (a plain browser without office.js, or a host that has not answered).
 */
const settings = settingsStore();
const base = location.href;
const renderStatus = wireStatus(document, store, () => loadLastRefresh(settings));
/** Refresh, import and revert each record what they did: "Last change" describes the data in use. */
const recordChange = (record: LastRefresh) => {
  saveLastRefresh(settings, record);
  renderStatus();
  renderAttention();
  renderComtradeFiles();
};
/** The status line warns while the data in use carries imported rows (a refresh would drop them). */
const renderAttention = () => {
  const warning = localRowsWarning(localRows(settings, store.current.data.dataset));
  byId("status-attention").textContent = warning ? ` · ⚠ ${warning}` : "";
};
renderAttention();
store.subscribe(renderAttention);
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
const guard = wireLocalGuard(document, settings, () => store.current.data.dataset);
const excel = detectExcel();

const feed = wireFeedSetting(document, settings, base);
wireRefresh(document, {
  ...deps,
  settings,
  base,
  onAttempt: renderStatus,
  commitFeed: feed.commit,
  guard,
  fetchFeed: workersAvailable ? fetchFeedInWorker : undefined,
});
wireImport(document, {
  ...deps,
  settings,
  onDone: recordChange,
  prepare: workersAvailable ? prepareImportInWorker : undefined,
});
const renderComtradeFiles = wireComtradeFiles(document, {
  ...deps,
  settings,
  onDone: recordChange,
});
wireRevert(document, { ...deps, bundled: bundledData, guard, onDone: recordChange });
mountChanges(store, excel, restoration);
void showRestorationNotice(restoration, store, byId("notice")).finally(() => {
  // Tests (and anyone curious) can tell when last session's dataset is settled.
  document.body.dataset.restored = "true";
});
void showRestoreWaitNotice(restoreWait, RESTORE_WAIT_MS, restoration, byId("notice"));
watchSavedCopy(savedCopy, store, byId("notice"));
mountBrowse(byId("browse"), store, excel);
mountWorkbook(byId("workbook"), store, excel);
// Help says whether this Excel shows commodity cards, once Office says which host this is.
void mountHelp(byId("help"), fetch, async () => {
  await excel;
  return entityCardSupport();
});

if (typeof Office !== "undefined") {
  Office.onReady((info) => {
    byId("host").textContent = info.host
      ? `Running in ${info.host}. Type =MINERALS. in a cell to see the formulas.`
      : "Running outside Office: the dataset is readable here; formulas work inside Excel.";
    if (info.host) followOfficeTheme(Office, document.documentElement);
    if (info.host === Office.HostType.Excel) void watchCalculationMode(store, byId("calc-notice"));
  });
}
