import { importedComtradeFiles, prepareComtradeRemoval } from "../core/dataset/comtrade-import";
import { IndexedDataset } from "../core/dataset/indexed";
import { applyDataset } from "../core/dataset/refresh";
import { DatasetStorage } from "../core/dataset/restore";
import { LiveStore } from "../core/runtime/store";
import { Busy, byId, fillList, showMessage } from "./dom";
import { recordImport } from "./local-rows";
import { KeyValueStore, LastRefresh } from "./settings";

export interface ComtradeFilesDeps {
  store: LiveStore;
  storage: DatasetStorage;
  busy: Busy;
  settings: KeyValueStore;
  /** The dataset bundled with the add-in: its Comtrade files are not imported ones. */
  bundled: IndexedDataset;
  /** Told what happened, so the status says it. */
  onDone?(record: LastRefresh): void;
}

/**
 * Lists the UN Comtrade files imported into the dataset in use (what each holds, its figures, the
 * import date), each with a Remove button: the dataset without that file's figures and source is
 * validated, swapped in and saved like any import. Kept up to date with the dataset in use.
 */
export function wireComtradeFiles(doc: Document, deps: ComtradeFilesDeps): void {
  const box = byId("comtrade-files", doc);
  const list = byId("comtrade-files-list", doc);
  const result = byId("import-result", doc);
  const errors = byId("import-errors", doc);

  const remove = (sourceId: string) =>
    deps.busy.run(async () => {
      const before = deps.store.current;
      const outcome = await prepareComtradeRemoval(before.data, sourceId);
      if (!outcome.ok) {
        showMessage(result, outcome.summary, "error");
        return;
      }
      const applied = await applyDataset(
        deps.store,
        deps.storage,
        outcome.data,
        outcome.payload,
        before.origin
      );
      recordImport(
        deps.settings,
        before.data.dataset,
        outcome.data.dataset,
        outcome.localRows ?? 0
      );
      deps.onDone?.({ at: new Date().toISOString(), ok: true, text: `Removed ${sourceId}` });
      const text = `Removed ${outcome.summary} Now using version ${applied.version}.`;
      showMessage(result, applied.saveError ? `${text} ${applied.saveError}` : text, "success");
      fillList(errors, []);
    });

  const render = () => {
    const files = importedComtradeFiles(deps.store.current.data, deps.bundled);
    list.replaceChildren(
      ...files.map((file) => {
        const item = doc.createElement("li");
        const text = doc.createElement("span");
        text.textContent = `${file.title.replace(/^UN Comtrade: /, "")} — ${file.figures} figure${file.figures === 1 ? "" : "s"}, imported ${file.retrieved}`;
        const button = doc.createElement("button");
        button.type = "button";
        button.textContent = "Remove";
        button.setAttribute("aria-label", `Remove ${file.sourceId}`);
        button.addEventListener("click", () => void remove(file.sourceId));
        item.append(text, " ", button);
        return item;
      })
    );
    box.hidden = files.length === 0;
  };
  render();
  deps.store.subscribe(render);
}
