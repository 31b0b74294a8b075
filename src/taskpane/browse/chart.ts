/**
 * Chart geometry for a series, pure (no DOM): where each reported figure goes, which figures a line
 * joins, and the axes. The rules analysts rely on:
 * - a reported 0 is plotted at 0: the value axis always includes 0;
 * - a missing period is a gap: a line joins two figures only when their periods are consecutive
 *   (months for a monthly series, years for a yearly one); a figure without a number (USGS W) is a
 *   gap too, never a point at 0;
 * - periods of mixed precision (2024, 2025-09) are plotted in order as points, never joined.
 */
import { periodAt, periodFrequency, periodIndex } from "./format";

export interface ChartPoint {
  period: string;
  /** Null: the period is reported without a number; it is not plotted. */
  value: number | null;
}

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Formats a value-axis label; the default is compact ("6.5K", "85M"). */
  formatTick?: (value: number) => string;
  /** Most labels on the period axis. */
  maxPeriodLabels?: number;
}

export interface ChartDot {
  x: number;
  y: number;
  period: string;
  value: number;
}

export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  frequency: "month" | "year" | "irregular";
  /** The value axis, lowest to highest; it always includes 0. */
  domain: [number, number];
  /** Where 0 is. */
  zeroY: number;
  yTicks: { y: number; value: number; label: string }[];
  /**
   * Period labels: `label` on the axis ("Jun" for a month, "2025" for a year), `year` on a second
   * line under the first month and every January; `anchor` keeps a label at the chart's edge inside it.
   */
  xTicks: {
    x: number;
    period: string;
    label: string;
    year?: string;
    anchor: "start" | "middle" | "end";
  }[];
  /** Runs of consecutive periods, each of two or more points, drawn as lines. */
  segments: { x: number; y: number }[][];
  /** One per plotted figure, oldest first. */
  dots: ChartDot[];
}

const CHAR_WIDTH = 6.5;
const MIN_LABEL_GAP = 8;

function compact(value: number): string {
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(
    value
  );
}

/** A "nice" step (1, 2, 2.5 or 5 times a power of ten) giving about `count` intervals. */
export function niceStep(span: number, count = 4): number {
  const raw = span / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const residual = raw / magnitude;
  const factor =
    residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
  return factor * magnitude;
}

/** The value axis: from min(0, lowest) to max(0, highest), widened to nice steps. */
export function valueDomain(values: readonly number[]): { domain: [number, number]; step: number } {
  let lo = Math.min(0, ...values);
  let hi = Math.max(0, ...values);
  if (lo === hi) hi = 1; // every figure is 0: an axis from 0 to 1 puts them on its baseline
  const step = niceStep(hi - lo);
  lo = Math.floor(lo / step + 1e-9) * step;
  hi = Math.ceil(hi / step - 1e-9) * step;
  return { domain: [lo, hi], step };
}

/** The chart of a series' points (oldest first); undefined when no point has a number. */
export function chartGeometry(
  points: readonly ChartPoint[],
  options: ChartOptions = {}
): ChartGeometry | undefined {
  const numeric = points.filter(
    (p): p is { period: string; value: number } =>
      typeof p.value === "number" && Number.isFinite(p.value)
  );
  if (numeric.length === 0) return undefined;
  const width = options.width ?? 300;
  const height = options.height ?? 170;
  const format = options.formatTick ?? compact;

  const { domain, step } = valueDomain(numeric.map((p) => p.value));
  const tickValues: number[] = [];
  for (let v = domain[0]; v <= domain[1] + step / 2; v += step) tickValues.push(roundTo(v, step));
  const labels = tickValues.map(format);
  const left = Math.ceil(Math.max(...labels.map((l) => l.length)) * CHAR_WIDTH + 10);
  // The top leaves room for the value axis' unit, written above its labels.
  // The bottom holds two lines of period labels (month, and the year under the first and January).
  const plot = { left, right: width - 14, top: 22, bottom: height - 34 };

  const y = (value: number) =>
    plot.bottom - ((value - domain[0]) / (domain[1] - domain[0])) * (plot.bottom - plot.top);

  const frequency = periodFrequency(points.map((p) => p.period));
  // Positions: a regular series by period (so gaps take their room), an irregular one by order.
  const positions = points.map((p, i) =>
    frequency === "irregular" ? i : (periodIndex(p.period) as number)
  );
  const first = Math.min(...positions);
  const last = Math.max(...positions);
  const x = (position: number) =>
    first === last
      ? (plot.left + plot.right) / 2
      : plot.left + 6 + ((position - first) / (last - first)) * (plot.right - plot.left - 12);

  const dots: ChartDot[] = [];
  const segments: { x: number; y: number }[][] = [];
  let run: { x: number; y: number }[] = [];
  let previous: number | undefined;
  points.forEach((point, i) => {
    const position = positions[i];
    const plotted = typeof point.value === "number" && Number.isFinite(point.value);
    const joins =
      plotted && frequency !== "irregular" && previous !== undefined && position === previous + 1;
    if (!joins) {
      if (run.length >= 2) segments.push(run);
      run = [];
    }
    if (plotted) {
      const dot = {
        x: x(position),
        y: y(point.value as number),
        period: point.period,
        value: point.value as number,
      };
      dots.push(dot);
      run.push({ x: dot.x, y: dot.y });
      previous = position;
    } else {
      previous = undefined;
    }
  });
  if (run.length >= 2) segments.push(run);

  return {
    width,
    height,
    plot,
    frequency,
    domain,
    zeroY: y(0),
    yTicks: tickValues.map((value, i) => ({ y: y(value), value, label: labels[i] })),
    xTicks: (frequency === "irregular"
      ? periodLabels(dots, options.maxPeriodLabels ?? 4).map((t): AxisLabel => ({
          ...t,
          label: t.period,
        }))
      : axisLabels(first, last, frequency, x)
    ).map((tick) => {
      const half = (Math.max(tick.label.length, tick.year?.length ?? 0) * CHAR_WIDTH) / 2;
      if (tick.x + half > width) return { ...tick, x: width - 1, anchor: "end" as const };
      if (tick.x - half < 0) return { ...tick, x: 1, anchor: "start" as const };
      return { ...tick, anchor: "middle" as const };
    }),
    segments,
    dots,
  };
}

function roundTo(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(decimals));
}

interface AxisLabel {
  x: number;
  period: string;
  label: string;
  year?: string;
}

const MONTH_NAMES = [
  "Jan",
  "Feb",
  "Mar",
  "Apr",
  "May",
  "Jun",
  "Jul",
  "Aug",
  "Sep",
  "Oct",
  "Nov",
  "Dec",
];
/** Label steps, in periods: every month, 2, 3, 6 months, a year; every year, 2, 5, 10 years. */
const STEPS = { month: [1, 2, 3, 6, 12, 24], year: [1, 2, 5, 10, 20, 50] };

/**
 * Period labels along a regular axis, whether the periods are reported or not: a month as "Jun"
 * with its year under the first label and every January, a year as "2025". The step is the
 * smallest that keeps labels apart (a 320 px pane labels every month of a half-year); the last
 * period is labelled too, replacing the label before it when they would touch.
 */
function axisLabels(
  first: number,
  last: number,
  frequency: "month" | "year",
  x: (position: number) => number
): AxisLabel[] {
  const room = 4 * CHAR_WIDTH + MIN_LABEL_GAP;
  const perPeriod = first === last ? Infinity : (x(last) - x(first)) / (last - first);
  const steps = STEPS[frequency];
  const step = steps.find((s) => s * perPeriod >= room) ?? steps[steps.length - 1];
  const positions: number[] = [];
  for (let p = first; p <= last; p += step) positions.push(p);
  const end = positions[positions.length - 1];
  if (end !== last) {
    if ((last - end) * perPeriod < room && positions.length > 1) positions.pop();
    positions.push(last);
  }
  return positions.map((p, i) => {
    const period = periodAt(p, frequency);
    if (frequency === "year") return { x: x(p), period, label: period };
    const month = p % 12;
    const year = i === 0 || month === 0 ? period.slice(0, 4) : undefined;
    return { x: x(p), period, label: MONTH_NAMES[month], year };
  });
}

/**
 * Period labels under reported figures: the first, the last (unless it would overlap the first),
 * and others evenly between, none overlapping another.
 */
function periodLabels(dots: readonly ChartDot[], max: number): { x: number; period: string }[] {
  if (dots.length === 0) return [];
  const wanted: ChartDot[] = [];
  if (dots.length <= max) wanted.push(...dots);
  else {
    for (let i = 0; i < max; i++)
      wanted.push(dots[Math.round((i * (dots.length - 1)) / (max - 1))]);
  }
  const unique = wanted.filter((d, i) => wanted.indexOf(d) === i);
  const room = (a: ChartDot, b: ChartDot) =>
    Math.abs(b.x - a.x) >= Math.max(a.period.length, b.period.length) * CHAR_WIDTH + MIN_LABEL_GAP;
  const lastDot = unique[unique.length - 1];
  const kept: ChartDot[] = [unique[0]];
  for (const dot of unique.slice(1, -1)) {
    if (room(kept[kept.length - 1], dot) && room(dot, lastDot)) kept.push(dot);
  }
  if (lastDot !== unique[0]) {
    // The last label displaces the one before it (never the first) when they would overlap.
    if (!room(kept[kept.length - 1], lastDot) && kept.length > 1) kept.pop();
    if (room(kept[kept.length - 1], lastDot)) kept.push(lastDot);
  }
  return kept.map((d) => ({ x: d.x, period: d.period }));
}
