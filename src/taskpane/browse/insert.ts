/**
 * Insert: the formulas for the series Browse has open (copy them anywhere, or write one into the
 * selected cell), and the sample model. Writing into the workbook exists only inside Excel; in a
 * plain browser those buttons are disabled and the pane says why. Copying works everywhere.
 */
import { LiveStore } from "../../core/runtime/store";
import {
  detectExcel,
  ExcelSupport,
  insertIntoSelectedCell,
  insertSampleModel,
  NOT_IN_EXCEL,
} from "../excel-actions";
import { clear, h } from "./dom";
import { formulaLineParts, formulasFor } from "./formulas";
import { sampleModel, SAMPLE_SHEET_NAME } from "./sample-model";
import { catalogueOf } from "./search";
import { Selection, selection as paneSelection } from "./selection";
import { ensureStylesheet } from "./stylesheet";

/** Copies text; says what happened. When copying is refused, the element holding the text is selected. */
export async function copyFormula(
  text: string,
  holder: Element
): Promise<{ copied: boolean; message: string }> {
  try {
    if (!navigator.clipboard?.writeText) throw new Error("no clipboard API");
    await navigator.clipboard.writeText(text);
    return { copied: true, message: `Copied ${text}` };
  } catch {
    // Clipboard access can be refused (permissions, an embedding frame): select the text instead.
    const range = document.createRange();
    range.selectNodeContents(holder);
    const selectionNow = window.getSelection();
    selectionNow?.removeAllRanges();
    selectionNow?.addRange(range);
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    return copied
      ? { copied, message: `Copied ${text}` }
      : {
          copied,
          message:
            "Copying is not allowed here. The formula is selected: press Ctrl+C (⌘C on a Mac) to copy it.",
        };
  }
}

export function mountInsert(
  root: HTMLElement,
  store: LiveStore,
  selected: Selection = paneSelection,
  excel: Promise<ExcelSupport> = detectExcel()
): void {
  ensureStylesheet();
  root.classList.add("mfe-insert");
  if (!root.hasAttribute("aria-labelledby")) root.setAttribute("aria-labelledby", "insert-heading");

  let support: ExcelSupport = { available: false, reason: NOT_IN_EXCEL };
  const reason = h("p", { class: "mfe-reason", attrs: { id: "insert-reason" } }, support.reason);
  const formulas = h("div", { class: "mfe-formulas" });
  const message = h("p", {
    class: "message mfe-message",
    attrs: { id: "insert-message", role: "status", "aria-live": "polite", hidden: "" },
  });
  const modelButton = h(
    "button",
    { class: "mfe-button mfe-excel-only", attrs: { type: "button", id: "insert-model" } },
    "Insert sample model"
  );

  clear(root);
  root.append(
    h("h2", { attrs: { id: "insert-heading" } }, "Insert formulas"),
    reason,
    formulas,
    h(
      "div",
      { class: "mfe-model" },
      modelButton,
      h(
        "p",
        { class: "mfe-muted" },
        `Adds a worksheet "${SAMPLE_SHEET_NAME}": US share of magnets, month-on-month change, gallium to Japan in tonnes, a lithium forecast, gallium export controls today, and a monthly series with a chart. Every figure is a live formula that updates when the data is refreshed.`
      )
    ),
    message
  );

  function say(text: string, tone: "success" | "warning" | "error" = "success"): void {
    message.textContent = text;
    message.dataset.tone = tone;
    message.hidden = false;
  }

  function applySupport(): void {
    reason.textContent = support.reason;
    reason.hidden = support.available;
    for (const button of root.querySelectorAll<HTMLButtonElement>(".mfe-excel-only")) {
      button.disabled = !support.available;
      if (support.available) button.removeAttribute("aria-describedby");
      else button.setAttribute("aria-describedby", "insert-reason");
    }
  }

  function render(): void {
    clear(formulas);
    const id = selected.current;
    const entry = id === undefined ? undefined : catalogueOf(store.current.data).byId.get(id);
    if (!entry) {
      formulas.append(
        h(
          "p",
          { class: "mfe-muted" },
          id === undefined
            ? "Open a series in Browse to get its formulas."
            : "The series on screen is not in the dataset now in use."
        )
      );
      applySupport();
      return;
    }
    formulas.append(h("p", { class: "mfe-for" }, "For ", h("strong", {}, entry.title)));
    const list = h("ul", { class: "mfe-formula-list" });
    formulasFor(entry).forEach((choice, i) => {
      const labelId = `insert-formula-${i}-label`;
      // Shown with line breaks only between arguments; its text is exactly the formula.
      const code = h("code", { class: "mfe-formula-text", attrs: { id: `insert-formula-${i}` } });
      for (const part of formulaLineParts(choice.formula)) {
        code.append(h("span", { class: part.length <= 32 ? "mfe-nowrap" : "" }, part), h("wbr"));
      }
      const copy = h(
        "button",
        {
          class: "mfe-button mfe-copy",
          attrs: {
            type: "button",
            "aria-label": `Copy: ${choice.label}`,
            "data-role": choice.role,
          },
        },
        "Copy"
      );
      const insert = h(
        "button",
        {
          class: "mfe-button mfe-excel-only mfe-insert-cell",
          attrs: {
            type: "button",
            "aria-label": `Insert into selected cell: ${choice.label}`,
            "data-role": choice.role,
          },
        },
        "Insert into selected cell"
      );
      copy.addEventListener("click", async () => {
        const outcome = await copyFormula(choice.formula, code);
        say(outcome.message, outcome.copied ? "success" : "warning");
      });
      insert.addEventListener("click", async () => {
        try {
          const address = await insertIntoSelectedCell(choice.formula);
          say(
            `Inserted ${choice.formula} into ${address}.${choice.spills ? " It spills into the cells below." : ""}`
          );
        } catch (error) {
          say(`Could not insert the formula: ${(error as Error).message}`, "error");
        }
      });
      list.append(
        h(
          "li",
          { class: "mfe-formula", attrs: { "data-role": choice.role } },
          h("p", { class: "mfe-formula-label", attrs: { id: labelId } }, choice.label),
          code,
          h("div", { class: "mfe-actions" }, copy, insert)
        )
      );
    });
    formulas.append(list);
    applySupport();
  }

  modelButton.addEventListener("click", async () => {
    modelButton.disabled = true;
    try {
      const name = await insertSampleModel(sampleModel(store.current.data));
      say(`Added the worksheet "${name}".`);
    } catch (error) {
      say(`Could not add the sample model: ${(error as Error).message}`, "error");
    } finally {
      applySupport();
    }
  });

  selected.subscribe(render);
  store.subscribe(render);
  render();
  excel.then(
    (found) => {
      support = found;
      applySupport();
    },
    () => undefined
  );
}
