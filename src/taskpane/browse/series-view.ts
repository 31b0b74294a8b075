/**
 * What opens when a series is chosen: its chart, the table of its figures and the source note of each
 * figure; for a commodity's export controls, the timeline of its events. DOM only through dom.ts.
 */
import { controlsText } from "../../core/queries/controls";
import { IndexedDataset } from "../../core/dataset/indexed";
import { isQueryError } from "../../core/queries/query-error";
import { chartGeometry } from "./chart";
import { renderChart } from "./chart-view";
import { h, keepDatesTogether } from "./dom";
import { BuilderContext, renderBuilder } from "./builder-view";
import { figureText, figureValueText, missingRanges } from "./format";
import { SeriesEntry, TimelineEntry } from "./search";
import { sourceNote } from "./source-notes";
import { timelineItem } from "./timeline";

/** The chart's width for a container: its inner width, within sensible bounds. */
export function chartWidth(container: Element | null): number {
  const width = container?.clientWidth ?? 0;
  return Math.round(Math.min(640, Math.max(240, width || 300)));
}

/** The description a screen reader hears for the chart: what it plots and what is missing. */
export function chartDescription(entry: SeriesEntry): string {
  const plotted = entry.figures.filter((f) => f.plot !== null);
  const first = entry.figures[0]?.period;
  const last = entry.figures[entry.figures.length - 1]?.period;
  const parts = [
    `${plotted.length} reported figure${plotted.length === 1 ? "" : "s"} from ${first} to ${last}.`,
  ];
  const missing = missingRanges(entry.figures.map((f) => f.period));
  if (missing.length > 0) parts.push(`Not reported: ${missing.join(", ")} (gaps, not zeros).`);
  const unplotted = entry.figures.filter((f) => f.plot === null);
  if (unplotted.length > 0)
    parts.push(
      `Not plotted: ${unplotted.map((f) => `${f.period} (${figureValueText(f)})`).join(", ")}.`
    );
  return parts.join(" ");
}

export function renderSeriesView(
  data: IndexedDataset,
  entry: SeriesEntry,
  width: number,
  builder: BuilderContext
): HTMLElement {
  const view = h("article", { class: "mfe-view", attrs: { "data-series-id": entry.id } });
  const latest = entry.figures.length - 1;
  view.append(
    h("h3", { class: "mfe-view-title", attrs: { tabindex: "-1" } }, entry.title),
    h(
      "p",
      { class: "mfe-muted" },
      entry.kindLabel,
      latest >= 0
        ? ` · latest ${figureText(entry.figures[latest])} (${entry.figures[latest].period})`
        : ""
    ),
    // The formula first: the daily task, before the chart, the table and the notes.
    renderBuilder(entry, builder)
  );

  // The chart: when at least two figures, one of them a number.
  const geometry =
    entry.figures.length >= 2
      ? chartGeometry(
          entry.figures.map((f) => ({ period: f.period, value: f.plot })),
          { width }
        )
      : undefined;
  const description = chartDescription(entry);
  if (geometry) {
    view.append(
      h(
        "figure",
        { class: "mfe-chart" },
        renderChart(geometry, {
          title: entry.unit ? `${entry.title}, ${entry.unit}` : entry.title,
          description,
          unit: entry.unit,
        }),
        h("figcaption", { class: "mfe-muted" }, ...keepDatesTogether(description))
      )
    );
    // A keyboard user moving through the points (Tab) sees each value written out.
    const readout = h("p", { class: "mfe-chart-readout", attrs: { "aria-hidden": "true" } });
    const figure = view.querySelector(".mfe-chart") as HTMLElement;
    figure.insertBefore(readout, figure.querySelector("figcaption"));
    figure.addEventListener("focusin", (event) => {
      readout.textContent = (event.target as Element).getAttribute("aria-label") ?? "";
    });
    figure.addEventListener("focusout", () => (readout.textContent = ""));
  } else {
    view.append(
      h(
        "p",
        { class: "mfe-muted mfe-no-chart" },
        entry.figures.length < 2 ? "One reported figure: no chart." : "No numeric figures to chart."
      )
    );
  }

  // The table of figures.
  const body = h("tbody");
  entry.figures.forEach((figure) => {
    const source = data.sources.get(figure.sourceId);
    body.append(
      h(
        "tr",
        {},
        h("th", { attrs: { scope: "row" } }, figure.period),
        h("td", { class: "mfe-num" }, figureText(figure)),
        h("td", {}, source?.publisher ?? (figure.sourceId || "—"))
      )
    );
  });
  view.append(
    h(
      "div",
      { class: "mfe-table-wrap" },
      h(
        "table",
        { class: "mfe-table" },
        h("caption", {}, "Figures"),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { attrs: { scope: "col" } }, "Period"),
            h("th", { attrs: { scope: "col" }, class: "mfe-num" }, "Value"),
            h("th", { attrs: { scope: "col" } }, "Source")
          )
        ),
        body
      )
    )
  );

  // The source note of each figure, in the table's order.
  const notes = h("ol", { class: "mfe-notes" });
  entry.figures.forEach((figure) => {
    notes.append(
      h(
        "li",
        { class: "mfe-note" },
        h(
          "p",
          { class: "mfe-note-figure" },
          h("strong", {}, figure.period),
          ` · ${figureText(figure)}`
        ),
        figure.missing ? h("p", { class: "mfe-muted" }, figure.missing) : null,
        sourceNote(
          data.sources.get(figure.sourceId),
          figure.sourceId,
          figure.note,
          figure.qualifier
        )
      )
    );
  });
  view.append(h("h4", {}, "Source notes"), notes);
  return view;
}

/** CONTROLS' answer for today, as the formula gives it; undefined when it cannot say. */
export function controlsToday(
  data: IndexedDataset,
  commodity: string,
  today = new Date()
): string | undefined {
  try {
    const text = controlsText(data, { commodity }, today);
    return isQueryError(text) ? undefined : text;
  } catch {
    return undefined;
  }
}

export function renderTimelineView(
  data: IndexedDataset,
  entry: TimelineEntry,
  builder: BuilderContext
): HTMLElement {
  const view = h("article", { class: "mfe-view", attrs: { "data-series-id": entry.id } });
  view.append(
    h("h3", { class: "mfe-view-title", attrs: { tabindex: "-1" } }, entry.title),
    h(
      "p",
      { class: "mfe-muted" },
      `${entry.events.length} event${entry.events.length === 1 ? "" : "s"}, oldest first`
    ),
    renderBuilder(entry, builder)
  );
  const today = controlsToday(data, entry.commodity);
  if (today)
    view.append(
      h("p", { class: "mfe-status-today" }, h("strong", {}, "Today: "), ...keepDatesTogether(today))
    );

  const list = h("ol", { class: "mfe-timeline" });
  for (const event of entry.events) {
    const item = timelineItem(data, event, entry.commodity);
    list.append(
      h(
        "li",
        { class: "mfe-timeline-item" },
        h(
          "p",
          { class: "mfe-timeline-date" },
          h("time", { attrs: { datetime: item.date } }, item.date),
          item.monthOnly ? " (month)" : ""
        ),
        h(
          "p",
          { class: "mfe-timeline-action" },
          h("strong", {}, item.action),
          ` · ${item.partner}`,
          item.until ? ` · ${item.until}` : ""
        ),
        item.alsoCovers ? h("p", { class: "mfe-muted" }, item.alsoCovers) : null,
        sourceNote(
          data.sources.get(event.source_id),
          event.source_id,
          event.note,
          item.monthOnly ? "date known to the month" : null
        )
      )
    );
  }
  view.append(list);
  return view;
}
