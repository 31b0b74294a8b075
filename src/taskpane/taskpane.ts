import { DatasetOrigin, StoreSnapshot } from "../core/store";
import { store } from "../functions/live-store";

/** The status fields the pane shows, as text (dataset text is never rendered as HTML). */
export function statusFields(snapshot: StoreSnapshot): Record<string, string> {
  const { dataset } = snapshot.data;
  const figures =
    dataset.exports.length +
    dataset.forecasts.length +
    dataset.indicators.length +
    dataset.usgs.length;
  return {
    name: dataset.name,
    version: dataset.version,
    as_of: dataset.as_of,
    origin: describeOrigin(snapshot.origin),
    figures: figures.toLocaleString("en-US"),
    sources: String(dataset.sources.length),
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

export function renderStatus(root: ParentNode, snapshot: StoreSnapshot): void {
  for (const [field, value] of Object.entries(statusFields(snapshot))) {
    const element = root.querySelector(`[data-field="${field}"]`);
    if (element) element.textContent = value;
  }
}

// The status needs nothing from Office: show it at once, even if office.js never loads.
renderStatus(document, store.current);
store.subscribe((snapshot) => renderStatus(document, snapshot));

Office.onReady((info) => {
  const host = document.getElementById("host");
  if (host) {
    host.textContent = info.host
      ? `Running in ${info.host}. Type =MINERALS. in a cell to see the formulas.`
      : "Running outside Office: the dataset is readable here; formulas work inside Excel.";
  }
});
