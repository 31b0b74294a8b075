import { DatasetOrigin, LiveStore, StoreSnapshot } from "../core/runtime/store";
import { formatTime } from "./dom";
import { LastRefresh } from "./settings";

/**
 * The number of figures a dataset holds (what the formulas return), as the status shows it: each
 * trade observation (read from its columns, never as rows) and each row of the other figure tables.
 */
export function figureCount(snapshot: StoreSnapshot): number {
  const { dataset, trade } = snapshot.data;
  return trade.length + dataset.forecasts.length + dataset.indicators.length + dataset.usgs.length;
}

/** The status fields the pane shows, as text (dataset text is never rendered as HTML). */
export function statusFields(
  snapshot: StoreSnapshot,
  lastRefresh: LastRefresh | null = null
): Record<string, string> {
  const { dataset } = snapshot.data;
  return {
    name: dataset.name,
    version: dataset.version,
    as_of: dataset.as_of,
    origin: describeOrigin(snapshot.origin),
    "origin-short": shortOrigin(snapshot.origin),
    figures: figureCount(snapshot).toLocaleString("en-US"),
    sources: String(dataset.sources.length),
    refreshed: describeLastRefresh(lastRefresh),
  };
}

export function describeOrigin(origin: DatasetOrigin): string {
  switch (origin.kind) {
    case "bundled":
      return "Bundled with the add-in";
    case "feed":
      return `Feed: ${origin.url}`;
    case "file":
      return `File: ${origin.name}`;
  }
}

/** The origin in a word or two, for the one-line status: "bundled", the feed's host, the file's name. */
export function shortOrigin(origin: DatasetOrigin): string {
  switch (origin.kind) {
    case "bundled":
      return "bundled";
    case "feed":
      try {
        return `feed ${new URL(origin.url).host}`;
      } catch {
        return "feed";
      }
    case "file":
      return `file ${origin.name}`;
  }
}

/** "2026-11-22 14:05 — Updated to 2026.12.01." or "Never". */
export function describeLastRefresh(last: LastRefresh | null): string {
  if (last === null) return "Never";
  return `${formatTime(new Date(last.at))} — ${last.text}`;
}

export function renderStatus(root: ParentNode, fields: Record<string, string>): void {
  for (const [field, value] of Object.entries(fields)) {
    for (const element of root.querySelectorAll(`[data-field="${field}"]`))
      element.textContent = value;
  }
}

/**
 * Keeps the status up to date with the store (every swap) and returns a function that re-renders it
 * (after a refresh attempt changed only the last-refresh line).
 */
export function wireStatus(
  root: ParentNode,
  store: LiveStore,
  lastRefresh: () => LastRefresh | null
): () => void {
  const render = () => renderStatus(root, statusFields(store.current, lastRefresh()));
  render();
  store.subscribe(render);
  return render;
}
