/**
 * The chart as plain inline SVG (no chart library: nothing more for the shared runtime to load).
 * Built with createElementNS and text nodes only. Each plotted figure is a circle carrying its
 * period and value (data-period, data-value) and a <title> tooltip.
 */
import { ChartGeometry } from "./chart";
import { svg } from "./dom";
import { formatNumber, withUnit } from "./format";

let nextId = 0;

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

export interface ChartLabels {
  /** Accessible name: "Rare-earth permanent magnets → United States, t". */
  title: string;
  /** Accessible description: what is plotted and what is missing. */
  description: string;
  unit: string | null;
}

export function renderChart(geometry: ChartGeometry, labels: ChartLabels): SVGSVGElement {
  const id = `mfe-chart-${++nextId}`;
  const { width, height, plot } = geometry;
  const root = svg("svg", {
    class: "mfe-chart-svg",
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: "img",
    "aria-labelledby": `${id}-title ${id}-desc`,
    "data-frequency": geometry.frequency,
  });
  root.append(
    svg("title", { id: `${id}-title` }, labels.title),
    svg("desc", { id: `${id}-desc` }, labels.description)
  );

  const grid = svg("g", { class: "mfe-chart-grid", "aria-hidden": "true" });
  for (const tick of geometry.yTicks) {
    grid.append(
      svg("line", { x1: plot.left, x2: plot.right, y1: round(tick.y), y2: round(tick.y) }),
      svg(
        "text",
        { x: plot.left - 6, y: round(tick.y), "text-anchor": "end", "dominant-baseline": "middle" },
        tick.label
      )
    );
  }
  for (const tick of geometry.xTicks) {
    grid.append(
      svg(
        "text",
        {
          class: "mfe-chart-period",
          x: round(tick.x),
          y: height - 18,
          "text-anchor": tick.anchor,
          "data-period": tick.period,
        },
        tick.label
      )
    );
    if (tick.year)
      grid.append(
        svg("text", { x: round(tick.x), y: height - 5, "text-anchor": tick.anchor }, tick.year)
      );
  }
  if (labels.unit) {
    // The value axis' unit, above its labels.
    grid.append(
      svg("text", { class: "mfe-chart-unit", x: 2, y: 10, "text-anchor": "start" }, labels.unit)
    );
  }
  root.append(grid);
  root.append(
    svg("line", {
      class: "mfe-chart-zero",
      x1: plot.left,
      x2: plot.right,
      y1: round(geometry.zeroY),
      y2: round(geometry.zeroY),
      "aria-hidden": "true",
    })
  );
  for (const segment of geometry.segments) {
    root.append(
      svg("polyline", {
        class: "mfe-chart-line",
        points: segment.map((p) => `${round(p.x)},${round(p.y)}`).join(" "),
        "aria-hidden": "true",
      })
    );
  }
  for (const dot of geometry.dots) {
    root.append(
      svg(
        "circle",
        {
          class: "mfe-chart-dot",
          cx: round(dot.x),
          cy: round(dot.y),
          r: 3.5,
          "data-period": dot.period,
          "data-value": dot.value,
          // Every value is reachable by keyboard (Tab), read out with its period and unit.
          tabindex: 0,
          role: "img",
          "aria-label": `${dot.period}: ${withUnit(formatNumber(dot.value), labels.unit)}`,
        },
        svg("title", {}, `${dot.period}: ${withUnit(formatNumber(dot.value), labels.unit)}`)
      )
    );
  }
  return root;
}
