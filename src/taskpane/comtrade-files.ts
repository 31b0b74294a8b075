import { importedComtradeFiles, prepareComtradeRemoval } from "../core/dataset/comtrade-import";
import { applyDataset } from "../core/dataset/refresh";
import { DatasetStorage } from "../core/dataset/restore";
import { LiveStore } from "../core/runtime/store";
import { Busy, byId, fillList, showMessage } from "./dom";
import { importedComtradeSources, recordImport } from "./local-rows";
import { KeyValueStore, LastRefresh } from "./settings";

export interface ComtradeFilesDeps {
  store: LiveStore;
  storage: DatasetStorage;
  busy: Busy;
  settings: KeyValueStore;
  /** Told what happened, so the status says it. */
  onDone?(record: LastRefresh): void;
}

/**
 * Lists the UN Comtrade files imported into the dataset in use, as the imports recorded them with it
 * (what each holds, its figures, the import date), each with a Remove button: the dataset without
 * that file's figures and source is validated, swapped in and saved like any import. Returns the
 * function that redraws the list.
 */
export function wireComtradeFiles(doc: Document, deps: ComtradeFilesDeps): () => void {
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
      recordImport(deps.settings, before.data.dataset, outcome.data.dataset, {
        rows: outcome.localRows ?? 0,
        comtradeSource: sourceId,
        removed: true,
      });
      deps.onDone?.({ at: new Date().toISOString(), ok: true, text: `Removed ${sourceId}` });
      const text = `Removed ${outcome.summary} Now using version ${applied.version}.`;
      showMessage(result, applied.saveError ? `${text} ${applied.saveError}` : text, "success");
      fillList(errors, []);
    });

  const render = () => {
    const { data } = deps.store.current;
    const files = importedComtradeFiles(data, importedComtradeSources(deps.settings, data.dataset));
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
  // Also after each import or removal is recorded (the record follows the swap that notifies).
  return render;
}
