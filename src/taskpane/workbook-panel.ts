/**
 * The workbook tools (Excel only): Repair formulas, and the sample model. Outside Excel the buttons
 * are disabled and the pane says why.
 */
import { LiveStore } from "../core/runtime/store";
import { ExcelSupport, insertSampleModel, repairMineralsFormulas } from "./excel-actions";
import { h } from "./browse/dom";
import { sampleModel, SAMPLE_SHEET_NAME } from "./browse/sample-model";
import { showMessage } from "./dom";

export function mountWorkbook(
  root: HTMLElement,
  store: LiveStore,
  excel: Promise<ExcelSupport>
): void {
  const reason = h("p", { class: "mfe-reason", attrs: { id: "workbook-reason" } });
  const message = h("p", {
    class: "message",
    attrs: { id: "workbook-message", role: "status", "aria-live": "polite", hidden: "" },
  });
  const repair = h(
    "button",
    { class: "mfe-excel-only", attrs: { type: "button", id: "repair-formulas" } },
    "Repair formulas"
  );
  const model = h(
    "button",
    { class: "mfe-excel-only", attrs: { type: "button", id: "insert-model" } },
    "Insert sample model"
  );
  root.append(
    h("h2", { attrs: { id: "workbook-heading" } }, "Workbook"),
    reason,
    h("div", { class: "actions" }, repair),
    h(
      "p",
      { class: "hint" },
      "Re-enters every =MINERALS. formula in the workbook: the cure for #NAME? or a stuck #BUSY! after Excel updates or reloads the add-in."
    ),
    h("div", { class: "actions" }, model),
    h(
      "p",
      { class: "hint" },
      `Adds a worksheet "${SAMPLE_SHEET_NAME}" of live formulas (shares, changes, a forecast, export controls, a series with a chart).`
    ),
    message
  );

  let support: ExcelSupport = { available: false, reason: "" };
  const apply = () => {
    reason.textContent = support.reason;
    reason.hidden = support.available || support.reason === "";
    for (const button of [repair, model]) {
      button.disabled = !support.available;
      if (support.available) button.removeAttribute("aria-describedby");
      else button.setAttribute("aria-describedby", "workbook-reason");
    }
  };
  apply();
  void excel.then(
    (found) => {
      support = found;
      apply();
    },
    () => undefined
  );

  repair.addEventListener("click", async () => {
    repair.disabled = true;
    try {
      const count = await repairMineralsFormulas();
      showMessage(
        message,
        count === 0
          ? "No =MINERALS. formulas found in this workbook."
          : `Re-entered ${count} formula${count === 1 ? "" : "s"}.`,
        "success"
      );
    } catch (error) {
      showMessage(message, `Could not repair the formulas: ${(error as Error).message}`, "error");
    } finally {
      apply();
    }
  });
  model.addEventListener("click", async () => {
    model.disabled = true;
    try {
      const name = await insertSampleModel(sampleModel(store.current.data));
      showMessage(message, `Added the worksheet "${name}".`, "success");
    } catch (error) {
      showMessage(message, `Could not add the sample model: ${(error as Error).message}`, "error");
    } finally {
      apply();
    }
  });
}
