/**
 * Browse: search the dataset in use, list the matching series with their latest figure, open one to
 * its chart, table and source notes (or a commodity's export-control timeline). Re-renders when the
 * store's dataset is replaced, so a refresh shows its figures at once.
 *
 * Keyboard: the results are buttons (Tab reaches them); ArrowDown from the search box moves to the
 * first result, ArrowUp/ArrowDown/Home/End move between results, Escape goes back from a series.
 */
import { IndexedDataset } from "../../core/dataset/indexed";
import { LiveStore } from "../../core/runtime/store";
import { clear, h } from "./dom";
import { figureValueText, withUnit } from "./format";
import { BrowseEntry, catalogueOf, latestFigure, search } from "./search";
import { chartWidth, renderSeriesView, renderTimelineView } from "./series-view";
import { Selection, selection as paneSelection } from "./selection";
import { ensureStylesheet } from "./stylesheet";

/** Most results listed at once; the count says how many more there are. */
export const MAX_RESULTS = 50;

const EXAMPLES = ["magnets", "8505.11", "gallium", "United States", "mining quota"];

/** The result line under a series' title: its kind and latest figure. */
export function resultMeta(entry: BrowseEntry): string {
  if (entry.kind === "controls") {
    const last = entry.events[entry.events.length - 1];
    return `${entry.kindLabel} · ${entry.events.length} · latest ${last.date} ${last.action}`;
  }
  const latest = latestFigure(entry);
  if (!latest) return entry.kindLabel;
  return `${entry.kindLabel} · ${withUnit(figureValueText(latest), latest.unit)} · ${latest.period}`;
}

export function mountBrowse(
  root: HTMLElement,
  store: LiveStore,
  selected: Selection = paneSelection
): void {
  ensureStylesheet();
  root.classList.add("mfe-browse");
  if (!root.hasAttribute("aria-labelledby")) root.setAttribute("aria-labelledby", "browse-heading");

  const input = h("input", {
    class: "mfe-input",
    attrs: {
      id: "browse-search",
      type: "search",
      autocomplete: "off",
      spellcheck: "false",
      "aria-describedby": "browse-hint",
      "aria-controls": "browse-results",
    },
  });
  const examples = h("p", { class: "mfe-examples", attrs: { id: "browse-hint" } }, "Try ");
  EXAMPLES.forEach((example, i) => {
    const button = h("button", { class: "mfe-chip", attrs: { type: "button" } }, example);
    button.addEventListener("click", () => {
      input.value = example;
      runSearch();
      input.focus();
    });
    examples.append(i > 0 ? " " : "", button);
  });
  const count = h("p", { class: "mfe-count", attrs: { role: "status", id: "browse-count" } });
  const results = h("ul", {
    class: "mfe-results",
    attrs: { id: "browse-results", "aria-label": "Series found" },
  });
  const back = h("button", { class: "mfe-back", attrs: { type: "button" } }, "← Back to results");
  const slot = h("div", { class: "mfe-view-slot" });
  const detail = h("div", { class: "mfe-detail", attrs: { hidden: "" } }, back, slot);

  clear(root);
  root.append(
    h("h2", { attrs: { id: "browse-heading" } }, "Browse the data"),
    h(
      "div",
      { class: "mfe-search", attrs: { role: "search" } },
      h(
        "label",
        { attrs: { for: "browse-search" } },
        "Search by commodity, country, customs code or indicator"
      ),
      input,
      examples
    ),
    count,
    results,
    detail
  );

  let data: IndexedDataset = store.current.data;
  let openId: string | undefined;
  let lastWidth = 0;

  function runSearch(): void {
    const query = input.value;
    const { entries } = search(data, query);
    clear(results);
    if (query.trim() === "") {
      count.textContent = "";
    } else if (entries.length === 0) {
      count.textContent = `Nothing matches '${query.trim()}'.`;
    } else {
      const shown = Math.min(entries.length, MAX_RESULTS);
      count.textContent =
        entries.length > shown
          ? `Showing ${shown} of ${entries.length} series; type more to narrow the search.`
          : `${entries.length} series`;
    }
    for (const entry of entries.slice(0, MAX_RESULTS)) {
      const button = h(
        "button",
        { class: "mfe-result", attrs: { type: "button", "data-series-id": entry.id } },
        h("span", { class: "mfe-result-title" }, entry.title),
        h("span", { class: "mfe-result-meta" }, resultMeta(entry))
      );
      button.addEventListener("click", () => open(entry.id, true));
      results.append(h("li", {}, button));
    }
    if (openId !== undefined) close(false);
  }

  function render(focus: boolean): void {
    if (openId === undefined) return;
    const entry = catalogueOf(data).byId.get(openId);
    clear(slot);
    if (!entry) {
      slot.append(
        h(
          "p",
          { class: "mfe-muted", attrs: { role: "status" } },
          "This series is not in the dataset now in use."
        )
      );
      return;
    }
    lastWidth = chartWidth(slot);
    slot.append(
      entry.kind === "controls"
        ? renderTimelineView(data, entry)
        : renderSeriesView(data, entry, lastWidth)
    );
    if (focus) slot.querySelector<HTMLElement>(".mfe-view-title")?.focus();
  }

  function open(id: string, focus: boolean): void {
    openId = id;
    results.hidden = true;
    count.hidden = true;
    detail.hidden = false;
    render(focus);
    selected.set(id);
  }

  function close(focus: boolean): void {
    const id = openId;
    openId = undefined;
    detail.hidden = true;
    results.hidden = false;
    count.hidden = false;
    clear(slot);
    selected.set(undefined);
    if (focus && id !== undefined) {
      const button = [...results.querySelectorAll<HTMLButtonElement>(".mfe-result")].find(
        (b) => b.dataset.seriesId === id
      );
      (button ?? input).focus();
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(runSearch, 120);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      if (timer !== undefined) clearTimeout(timer);
      runSearch();
    } else if (event.key === "ArrowDown") {
      const first = results.querySelector<HTMLButtonElement>(".mfe-result");
      if (first && !results.hidden) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  results.addEventListener("keydown", (event) => {
    const buttons = [...results.querySelectorAll<HTMLButtonElement>(".mfe-result")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    let next: number | undefined;
    if (event.key === "ArrowDown") next = Math.min(at + 1, buttons.length - 1);
    else if (event.key === "ArrowUp") next = at - 1;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = buttons.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    if (next < 0) input.focus();
    else buttons[next].focus();
  });
  back.addEventListener("click", () => close(true));
  detail.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    }
  });

  // A refresh (or import, or revert) replaces the dataset: search again, reopen what was open.
  store.subscribe((snapshot) => {
    data = snapshot.data;
    const id = openId;
    const hadFocus = detail.contains(document.activeElement);
    openId = undefined;
    runSearch();
    if (id !== undefined) open(id, hadFocus);
  });

  // The chart follows the pane's width (it is drawn in pixels for crisp text at 320 px).
  if (typeof ResizeObserver !== "undefined") {
    new ResizeObserver(() => {
      if (openId === undefined || detail.hidden) return;
      const width = chartWidth(slot);
      if (Math.abs(width - lastWidth) >= 16 && slot.querySelector(".mfe-chart")) render(false);
    }).observe(slot);
  }
}
