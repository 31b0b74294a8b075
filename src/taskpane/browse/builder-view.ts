/**
 * The formula builder under a series' header: choose the formula, for trade series the reporter,
 * flow and measure the commodity's data has, and its period (or "latest"), range, unit, headers,
 * basis or citation field; see what it returns now; copy it, or in Excel insert it into the selected
 * cell (a spilled table with a native chart beside it).
 */
import { Flow } from "../../core/dataset/dataset";
import { countryName } from "../../core/queries/arguments";
import { IndexedDataset } from "../../core/dataset/indexed";
import { CellResult } from "../../core/runtime/live";
import { isQueryError } from "../../core/queries/query-error";
import { TradeMeasure } from "../../core/queries/trade-arguments";
import { ExcelSupport, insertIntoSelectedCell, insertTableWithChart } from "../excel-actions";
import {
  build,
  BuildChoices,
  buildOptions,
  BuildKind,
  defaultChoices,
  fitChoices,
  KIND_LABELS,
  LATEST,
  usesChoice,
} from "./builder";
import { clear, h, keepDatesTogether } from "./dom";
import { formatNumber } from "./format";
import { formulaLineParts } from "./formulas";
import { copyFormula } from "./copy";
import type { BrowseEntry } from "./search";

/** How the measure choice reads. */
const MEASURE_LABELS: Record<TradeMeasure, string> = {
  quantity: "quantity",
  value: "value (USD)",
  "unit value": "unit value (USD per unit)",
};

/** Rows of a spilled preview shown; the rest are counted. */
const PREVIEW_ROWS = 6;

function previewCell(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (isQueryError(value)) return value.code === "notAvailable" ? "#N/A" : "#VALUE!";
  if (value && typeof value === "object" && "message" in value) return "#N/A";
  return String(value ?? "");
}

const ERROR_NAMES: Record<string, string> = {
  notAvailable: "#N/A",
  invalidValue: "#VALUE!",
  divisionByZero: "#DIV/0!",
};

/** The preview: a value, an error with its message, or the first rows of a spilled table. */
function renderPreview(result: CellResult): HTMLElement {
  if (isQueryError(result)) {
    return h(
      "p",
      { class: "mfe-preview-error" },
      h("strong", {}, ERROR_NAMES[result.code] ?? "#VALUE!"),
      ` ${result.message}`
    );
  }
  if (Array.isArray(result)) {
    const rows = result.slice(0, PREVIEW_ROWS);
    const table = h(
      "table",
      { class: "mfe-table mfe-preview-table" },
      h(
        "tbody",
        {},
        ...rows.map((row) =>
          h(
            "tr",
            {},
            ...row.map((cell) =>
              h("td", { class: typeof cell === "number" ? "mfe-num" : "" }, previewCell(cell))
            )
          )
        )
      )
    );
    const more = result.length - rows.length;
    return h(
      "div",
      { class: "mfe-table-wrap" },
      table,
      more > 0
        ? h("p", { class: "mfe-muted" }, `and ${more} more row${more === 1 ? "" : "s"}`)
        : null
    );
  }
  // A number reads large; text (a citation, a status) as text, dates kept on one line.
  if (typeof result === "number")
    return h("p", { class: "mfe-preview-value" }, previewCell(result));
  return h(
    "p",
    { class: "mfe-preview-value mfe-preview-text" },
    ...keepDatesTogether(previewCell(result))
  );
}

function select(
  id: string,
  label: string,
  options: [string, string][],
  value: string,
  onChange: (value: string) => void
): HTMLElement {
  const control = h("select", { class: "mfe-select", attrs: { id } });
  for (const [optionValue, text] of options) {
    const option = h("option", { attrs: { value: optionValue } }, text);
    if (optionValue === value) option.setAttribute("selected", "");
    control.append(option);
  }
  control.addEventListener("change", () => onChange(control.value));
  return h("div", { class: "mfe-field" }, h("label", { attrs: { for: id } }, label), control);
}

export interface BuilderContext {
  data: IndexedDataset;
  excel: ExcelSupport;
  /** A period to start with (a phrase search's month); default "latest". */
  period?: string;
  /** The choices to show again (after a redraw or a new dataset); told of every change. */
  choices?: BuildChoices;
  onChoices?(choices: BuildChoices): void;
}

export function renderBuilder(entry: BrowseEntry, context: BuilderContext): HTMLElement {
  const data = context.data;
  const initial = buildOptions(data, entry);
  const start =
    context.period && initial.periods.includes(context.period) ? context.period : LATEST;
  // Choices kept from another dataset are fitted to what this one has.
  let choices: BuildChoices = fitChoices(
    data,
    entry,
    context.choices ?? defaultChoices(entry, start)
  );
  let options = buildOptions(data, entry, choices);
  const root = h("section", { class: "mfe-builder", attrs: { "aria-label": "Formula builder" } });
  const controls = h("div", { class: "mfe-builder-controls" });
  const preview = h("div", {
    class: "mfe-preview",
    attrs: { id: "builder-preview", "aria-live": "polite" },
  });
  const code = h("code", { class: "mfe-formula-text", attrs: { id: "builder-formula" } });
  const copied = h("span", {
    class: "mfe-copied",
    attrs: { id: "builder-copied", role: "status" },
  });
  const inserted = h("p", {
    class: "message mfe-message",
    attrs: { id: "builder-message", role: "status", hidden: "" },
  });
  const copy = h(
    "button",
    { class: "mfe-button mfe-copy primary", attrs: { type: "button", id: "builder-copy" } },
    "Copy"
  );
  const insert = h(
    "button",
    { class: "mfe-button mfe-excel-only", attrs: { type: "button", id: "builder-insert" } },
    "Insert into selected cell"
  );
  const insertTable = h(
    "button",
    { class: "mfe-button mfe-excel-only", attrs: { type: "button", id: "builder-insert-chart" } },
    "Insert table and chart"
  );
  const reason = h("p", { class: "mfe-reason", attrs: { id: "builder-reason" } });
  for (const button of [insert, insertTable]) {
    button.disabled = !context.excel.available;
    if (!context.excel.available) button.setAttribute("aria-describedby", "builder-reason");
  }
  reason.textContent = context.excel.available ? "" : context.excel.reason;
  reason.hidden = context.excel.available;

  let formula = "";
  let spills = false;
  let size = { rows: 1, columns: 1 };

  function periodOptions(withLatest: boolean, blank?: string): [string, string][] {
    const list: [string, string][] = [];
    if (blank !== undefined) list.push(["", blank]);
    if (withLatest) list.push([LATEST, `latest (${options.periods[0] ?? "none"})`]);
    for (const p of options.periods) list.push([p, p]);
    return list;
  }

  function renderControls(): void {
    clear(controls);
    const set = (patch: Partial<BuildChoices>) => {
      // Keyboard users keep their place: the control they changed has focus again after the redraw.
      const focused = controls.contains(document.activeElement) ? document.activeElement?.id : "";
      choices = fitChoices(data, entry, { ...choices, ...patch });
      options = buildOptions(data, entry, choices);
      context.onChoices?.(choices);
      renderControls();
      update();
      if (focused) document.getElementById(focused)?.focus();
    };
    if (options.kinds.length > 1) {
      controls.append(
        select(
          "builder-kind",
          "Gives",
          options.kinds.map((k) => [k, KIND_LABELS[k]]),
          choices.kind,
          // A series starts from its first period; the other formulas from "latest" again.
          (v) =>
            set({
              kind: v as BuildKind,
              period: v === "series" ? "" : choices.kind === "series" ? LATEST : choices.period,
            })
        )
      );
    }
    // Trade series: whose figures, which flow, which measure, where the commodity's data has a choice.
    if (options.reporters.length > 1) {
      controls.append(
        select(
          "builder-reporter",
          "Reporter",
          options.reporters.map((r): [string, string] => [r, `${countryName(data, r)} (${r})`]),
          choices.reporter,
          (v) => set({ reporter: v })
        )
      );
    }
    if (options.flows.length > 1) {
      controls.append(
        select(
          "builder-flow",
          "Flow",
          options.flows.map((f): [string, string] => [f, f]),
          choices.flow,
          (v) => set({ flow: v as Flow })
        )
      );
    }
    if (options.measures.length > 1) {
      controls.append(
        select(
          "builder-measure",
          "Measure",
          options.measures.map((m): [string, string] => [m, MEASURE_LABELS[m]]),
          choices.measure,
          (v) => set({ measure: v as TradeMeasure })
        )
      );
    }
    const k = choices.kind;
    if (k === "series") {
      controls.append(
        select(
          "builder-start",
          "From",
          periodOptions(true, "first reported"),
          choices.period,
          (v) => set({ period: v })
        ),
        select("builder-end", "To", periodOptions(true, "last reported"), choices.end, (v) =>
          set({ end: v })
        )
      );
    } else if (k === "status") {
      controls.append(
        select(
          "builder-period",
          "On",
          [
            ["", "today (kept current)"],
            [LATEST, "the data's as-of date"],
            ...options.periods.map((p): [string, string] => [p, p]),
          ],
          choices.period,
          (v) => set({ period: v })
        )
      );
    } else if (usesChoice(k, "period")) {
      controls.append(
        select("builder-period", "Period", periodOptions(true), choices.period, (v) =>
          set({ period: v })
        )
      );
    }
    if (usesChoice(k, "unit") && options.units.length > 0) {
      controls.append(
        select(
          "builder-unit",
          "Unit",
          [["", "as reported"], ...options.units.map((u): [string, string] => [u, u])],
          choices.unit,
          (v) => set({ unit: v })
        )
      );
    }
    if (usesChoice(k, "headers")) {
      controls.append(
        select(
          "builder-headers",
          "Headers",
          [
            ["1", "header row"],
            ["2", "identifier and header rows"],
            ["0", "none"],
          ],
          String(choices.headers),
          (v) => set({ headers: Number(v) as 0 | 1 | 2 })
        )
      );
    }
    if (usesChoice(k, "basis")) {
      controls.append(
        select(
          "builder-basis",
          "Compared with",
          [
            ["mom", "the period before"],
            ["yoy", "a year before"],
          ],
          choices.basis,
          (v) => set({ basis: v as "mom" | "yoy" })
        )
      );
    }
    if (usesChoice(k, "top")) {
      controls.append(
        select(
          "builder-top",
          "Partners",
          [
            ["0", "all"],
            ["1", "top 1"],
            ["3", "top 3"],
            ["5", "top 5"],
          ],
          String(choices.top),
          (v) => set({ top: Number(v) })
        )
      );
    }
    if (usesChoice(k, "field") && k === "citation") {
      controls.append(
        select(
          "builder-field",
          "Field",
          options.fields.map((f): [string, string] => [f, f]),
          choices.field,
          (v) => set({ field: v as BuildChoices["field"] })
        )
      );
    }
  }

  function update(): void {
    const built = build(data, entry, choices);
    formula = built.formula;
    spills = built.spills;
    size = Array.isArray(built.preview)
      ? { rows: built.preview.length, columns: built.preview[0]?.length ?? 1 }
      : { rows: 1, columns: 1 };
    clear(code);
    // Shown with line breaks only between arguments; its text is exactly the formula.
    for (const part of formulaLineParts(formula)) {
      code.append(h("span", { class: part.length <= 32 ? "mfe-nowrap" : "" }, part), h("wbr"));
    }
    clear(preview);
    preview.append(
      h("p", { class: "mfe-preview-label" }, "Returns now"),
      renderPreview(built.preview)
    );
    insertTable.hidden = !spills;
    // "Copied" belongs to the formula that was copied.
    copied.textContent = "";
    inserted.hidden = true;
  }

  copy.addEventListener("click", async () => {
    const text = formula;
    const outcome = await copyFormula(text, code);
    if (text !== formula) return;
    copied.textContent = outcome.copied ? "Copied" : "";
    if (!outcome.copied) say(outcome.message, "warning");
  });
  insert.addEventListener("click", async () => {
    const text = formula;
    try {
      const address = await insertIntoSelectedCell(text);
      say(`Inserted into ${address}.${spills ? " It spills into the cells below." : ""}`);
    } catch (error) {
      say(`Could not insert the formula: ${(error as Error).message}`, "error");
    }
  });
  insertTable.addEventListener("click", async () => {
    const text = formula;
    try {
      const address = await insertTableWithChart(text, entry.title, size);
      say(`Inserted the table at ${address} with a chart beside it.`);
    } catch (error) {
      say(`Could not insert the table: ${(error as Error).message}`, "error");
    }
  });

  function say(text: string, tone: "success" | "warning" | "error" = "success"): void {
    inserted.textContent = text;
    inserted.dataset.tone = tone;
    inserted.hidden = false;
  }

  renderControls();
  update();
  root.append(
    h("h4", { class: "mfe-builder-heading" }, "Build a formula"),
    controls,
    h("div", { class: "mfe-formula" }, code),
    h("div", { class: "mfe-actions" }, copy, copied, insert, insertTable),
    reason,
    preview,
    inserted
  );
  return root;
}
