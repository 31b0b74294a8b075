/**
 * Browse: search the dataset in use, or with an empty search see the catalogue of what exists for
 * each commodity, filtered by kind; open a series to build its formula (under its header), then its
 * chart, table and source notes (or a commodity's export-control timeline). Re-renders when the
 * store's dataset is replaced, so a refresh shows its figures at once.
 *
 * Keyboard: the results are buttons (Tab reaches them); ArrowDown from the search box moves to the
 * first result, ArrowUp/ArrowDown/Home/End move between results, Escape goes back from a series.
 */
import { IndexedDataset } from "../../core/dataset/indexed";
import { LiveStore } from "../../core/runtime/store";
import { ExcelSupport, NOT_IN_EXCEL } from "../excel-actions";
import { BuildChoices } from "./builder";
import { clear, h } from "./dom";
import { figureText } from "./format";
import {
  BrowseEntry,
  catalogueOf,
  commoditySummaries,
  didYouMean,
  FILTER_LABELS,
  filterOf,
  KindFilter,
  latestFigure,
  Phrase,
  readPhrase,
  search,
} from "./search";
import { chartWidth, controlsToday, renderSeriesView, renderTimelineView } from "./series-view";
import { Selection, selection as paneSelection } from "./selection";
import { ensureStylesheet } from "./stylesheet";

/** Most results listed at once; the count says how many more there are. */
export const MAX_RESULTS = 50;

/** The result line under a series' title: its kind and latest figure (controls: today's status). */
export function resultMeta(data: IndexedDataset, entry: BrowseEntry): string {
  if (entry.kind === "controls") {
    const today = controlsToday(data, entry.commodity);
    return `${entry.kindLabel} · ${today ?? `${entry.events.length} events`}`;
  }
  const latest = latestFigure(entry);
  if (!latest) return entry.kindLabel;
  return `${entry.kindLabel} · ${figureText(latest)} · ${latest.period}`;
}

/** Whether a phrase asks for nothing (the catalogue shows): no words, no flow or measure. */
function isEmpty(phrase: Phrase): boolean {
  return phrase.query.trim() === "" && phrase.flow === undefined && phrase.measure === undefined;
}

/** "3 trade series", "1 indicator", "export controls". */
function countText(kind: Exclude<KindFilter, "all">, n: number): string {
  const plural = n === 1 ? "" : "s";
  switch (kind) {
    case "trade":
      return `${n} trade series`;
    case "usgs":
      return `${n} USGS series`;
    case "forecast":
      return `${n} forecast${plural}`;
    case "indicator":
      return `${n} indicator${plural}`;
    case "controls":
      return "export controls";
  }
}

const FILTERS: KindFilter[] = ["all", "trade", "usgs", "forecast", "indicator", "controls"];

export function mountBrowse(
  root: HTMLElement,
  store: LiveStore,
  excel: Promise<ExcelSupport> = Promise.resolve({ available: false, reason: NOT_IN_EXCEL }),
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
      placeholder: "magnets to US, Japan imports magnets, gallium Japan 2025-06…",
      "aria-describedby": "browse-count",
      "aria-controls": "browse-results",
    },
  });
  const filters = h("div", {
    class: "mfe-filters",
    attrs: { role: "group", "aria-label": "Show", id: "browse-filters" },
  });
  const count = h("p", { class: "mfe-count", attrs: { role: "status", id: "browse-count" } });
  const suggestion = h("p", {
    class: "mfe-suggestion",
    attrs: { id: "browse-suggestion", hidden: "" },
  });
  const catalogue = h("ul", {
    class: "mfe-catalogue",
    attrs: { id: "browse-catalogue", "aria-label": "What the dataset holds" },
  });
  const results = h("ul", {
    class: "mfe-results",
    attrs: { id: "browse-results", "aria-label": "Series found" },
  });
  const back = h("button", { class: "mfe-back", attrs: { type: "button" } }, "← Back to results");
  const slot = h("div", { class: "mfe-view-slot" });
  const detail = h("div", { class: "mfe-detail", attrs: { hidden: "" } }, back, slot);

  clear(root);
  root.append(
    h("h2", { attrs: { id: "browse-heading" }, class: "visually-hidden" }, "Browse the data"),
    h(
      "div",
      { class: "mfe-search", attrs: { role: "search" } },
      h("label", { attrs: { for: "browse-search" } }, "Find a figure"),
      input
    ),
    filters,
    count,
    suggestion,
    catalogue,
    results,
    detail
  );

  let data: IndexedDataset = store.current.data;
  let filter: KindFilter = "all";
  let openId: string | undefined;
  let openPeriod: string | undefined;
  let openChoices: BuildChoices | undefined;
  let phrasePeriod: string | undefined;
  let support: ExcelSupport = { available: false, reason: NOT_IN_EXCEL };
  let lastWidth = 0;

  for (const f of FILTERS) {
    const button = h(
      "button",
      {
        class: "mfe-chip",
        attrs: { type: "button", "aria-pressed": String(f === filter), "data-filter": f },
      },
      FILTER_LABELS[f]
    );
    button.addEventListener("click", () => {
      filter = f;
      for (const b of filters.querySelectorAll("button"))
        b.setAttribute("aria-pressed", String(b.dataset.filter === f));
      runSearch();
    });
    filters.append(button);
  }

  function showCatalogue(): void {
    clear(catalogue);
    const summaries = commoditySummaries(data).filter(
      (s) => filter === "all" || s.counts[filter] > 0
    );
    count.textContent = `${summaries.length} commodities${filter === "all" ? "" : ` with ${FILTER_LABELS[filter].toLowerCase()}`}. Choose one, or search.`;
    for (const s of summaries) {
      const parts = (Object.keys(s.counts) as (keyof typeof s.counts)[])
        .filter((k) => s.counts[k] > 0)
        .map((k) => countText(k, s.counts[k]));
      const button = h(
        "button",
        { class: "mfe-result", attrs: { type: "button", "data-commodity": s.commodity } },
        h("span", { class: "mfe-result-title" }, s.name),
        h("span", { class: "mfe-result-meta" }, parts.join(" · "))
      );
      button.addEventListener("click", () => {
        input.value = s.commodity;
        runSearch();
        input.focus();
      });
      catalogue.append(h("li", {}, button));
    }
  }

  function runSearch(): void {
    const phrase = readPhrase(data, input.value);
    phrasePeriod = phrase.period;
    const { entries: all } = search(data, phrase.query, phrase);
    const entries = all.filter((e) => filter === "all" || filterOf(e) === filter);
    clear(results);
    clear(suggestion);
    suggestion.hidden = true;
    const empty = isEmpty(phrase);
    catalogue.hidden = !empty;
    results.hidden = empty;
    if (empty) {
      showCatalogue();
    } else if (entries.length === 0) {
      count.textContent = `Nothing matches '${input.value.trim()}'${filter === "all" ? "" : ` in ${FILTER_LABELS[filter]}`}.`;
      const better = didYouMean(data, phrase.query);
      if (better) {
        const typed = phrase.period ? `${better} ${phrase.period}` : better;
        const button = h("button", { class: "mfe-link", attrs: { type: "button" } }, typed);
        button.addEventListener("click", () => {
          input.value = typed;
          runSearch();
          input.focus();
        });
        suggestion.append("Did you mean ", button, "?");
        suggestion.hidden = false;
      }
    } else {
      const shown = Math.min(entries.length, MAX_RESULTS);
      const month = phrase.period ? ` (period ${phrase.period})` : "";
      count.textContent =
        entries.length > shown
          ? `Showing ${shown} of ${entries.length} series${month}; type more to narrow the search.`
          : `${entries.length} series${month}`;
    }
    for (const entry of entries.slice(0, MAX_RESULTS)) {
      const button = h(
        "button",
        { class: "mfe-result", attrs: { type: "button", "data-series-id": entry.id } },
        h("span", { class: "mfe-result-title" }, entry.title),
        h("span", { class: "mfe-result-meta" }, resultMeta(data, entry))
      );
      button.addEventListener("click", () => open(entry.id, true, phrasePeriod));
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
    const context = {
      data,
      excel: support,
      period: openPeriod,
      choices: openChoices,
      onChoices: (c: BuildChoices) => (openChoices = c),
    };
    slot.append(
      entry.kind === "controls"
        ? renderTimelineView(data, entry, context)
        : renderSeriesView(data, entry, lastWidth, context)
    );
    if (focus) slot.querySelector<HTMLElement>(".mfe-view-title")?.focus();
  }

  function open(id: string, focus: boolean, period?: string): void {
    if (id !== openId) openChoices = undefined;
    openId = id;
    openPeriod = period;
    results.hidden = true;
    catalogue.hidden = true;
    filters.hidden = true;
    count.hidden = true;
    suggestion.hidden = true;
    detail.hidden = false;
    render(focus);
    selected.set(id);
  }

  function close(focus: boolean): void {
    const id = openId;
    openId = undefined;
    detail.hidden = true;
    filters.hidden = false;
    count.hidden = false;
    const empty = isEmpty(readPhrase(data, input.value));
    results.hidden = empty;
    catalogue.hidden = !empty;
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
      const list = results.hidden ? catalogue : results;
      const first = list.querySelector<HTMLButtonElement>(".mfe-result");
      if (first && detail.hidden) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  for (const list of [results, catalogue]) {
    list.addEventListener("keydown", (event) => {
      const buttons = [...list.querySelectorAll<HTMLButtonElement>(".mfe-result")];
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
  }
  back.addEventListener("click", () => close(true));
  detail.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close(true);
    }
  });

  // A refresh (or import, or revert) replaces the dataset: search again, reopen what was open. In a
  // task of its own, after the swap's (where the live cells update), the latest dataset only.
  let pending: ReturnType<typeof setTimeout> | undefined;
  store.subscribe(() => {
    if (pending === undefined) pending = setTimeout(update, 0);
  });
  function update(): void {
    pending = undefined;
    data = store.current.data;
    const id = openId;
    const period = openPeriod;
    const choices = openChoices;
    const hadFocus = detail.contains(document.activeElement);
    openId = undefined;
    runSearch();
    if (id !== undefined) {
      openChoices = choices;
      openId = id;
      open(id, hadFocus, period);
    }
  }

  // The builder's Excel buttons wait for Office to say whether this is Excel.
  void excel.then(
    (found) => {
      support = found;
      if (openId !== undefined) render(false);
    },
    () => undefined
  );

  // The chart follows the pane's width (it is drawn in pixels for crisp text at 320 px).
  if (typeof ResizeObserver !== "undefined") {
    new ResizeObserver(() => {
      if (openId === undefined || detail.hidden) return;
      const width = chartWidth(slot);
      if (Math.abs(width - lastWidth) >= 16 && slot.querySelector(".mfe-chart")) render(false);
    }).observe(slot);
  }

  runSearch();
}
