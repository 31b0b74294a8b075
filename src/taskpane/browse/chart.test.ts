import { chartGeometry, ChartPoint, niceStep, valueDomain } from "./chart";

const MAGNETS_US: ChartPoint[] = [
  { period: "2025-06", value: 353 },
  { period: "2025-10", value: 656 },
  { period: "2025-11", value: 582 },
];

describe("chart geometry", () => {
  test("magnets to the US: three dots; only the consecutive months 2025-10 and 2025-11 are joined", () => {
    const g = chartGeometry(MAGNETS_US, { width: 300, height: 170 })!;
    expect(g.frequency).toBe("month");
    expect(g.dots.map((d) => [d.period, d.value])).toEqual([
      ["2025-06", 353],
      ["2025-10", 656],
      ["2025-11", 582],
    ]);
    expect(g.segments).toHaveLength(1);
    expect(g.segments[0]).toEqual([
      { x: g.dots[1].x, y: g.dots[1].y },
      { x: g.dots[2].x, y: g.dots[2].y },
    ]);
    // The four-month gap takes four times the room of one month: missing months keep their place.
    const [june, october, november] = g.dots.map((d) => d.x);
    expect(october - june).toBeCloseTo(4 * (november - october), 6);
    // Higher values are higher up.
    expect(g.dots[1].y).toBeLessThan(g.dots[2].y);
    expect(g.dots[2].y).toBeLessThan(g.dots[0].y);
  });

  test("a reported 0 is plotted on the zero line, and the value axis always includes 0", () => {
    const g = chartGeometry([
      { period: "2024-06", value: 4184 },
      { period: "2025-05", value: 0 },
      { period: "2025-06", value: 4260 },
    ])!;
    expect(g.domain[0]).toBe(0);
    const zero = g.dots.find((d) => d.period === "2025-05")!;
    expect(zero.value).toBe(0);
    expect(zero.y).toBe(g.zeroY);
    expect(g.zeroY).toBe(g.plot.bottom);
    // 2025-05 and 2025-06 are consecutive: joined through the zero.
    expect(g.segments).toEqual([
      [
        { x: zero.x, y: g.zeroY },
        { x: g.dots[2].x, y: g.dots[2].y },
      ],
    ]);
    // The axis starts at 0 even when every figure is far above it.
    expect(chartGeometry(MAGNETS_US)!.domain[0]).toBe(0);
    expect(chartGeometry(MAGNETS_US)!.yTicks[0]).toMatchObject({ value: 0, label: "0" });
  });

  test("a period reported without a number (USGS W) is a gap: no dot, no line through it, never a 0", () => {
    const g = chartGeometry([
      { period: "2022", value: 10 },
      { period: "2023", value: 12 },
      { period: "2024", value: null },
      { period: "2025", value: 15 },
    ])!;
    expect(g.frequency).toBe("year");
    expect(g.dots.map((d) => d.period)).toEqual(["2022", "2023", "2025"]);
    expect(g.segments).toHaveLength(1);
    expect(g.segments[0]).toHaveLength(2);
    expect(g.dots.every((d) => d.y < g.zeroY)).toBe(true);
  });

  test("every figure 0: an axis from 0 to 1, every dot on the zero line", () => {
    const g = chartGeometry([
      { period: "2025-01", value: 0 },
      { period: "2025-02", value: 0 },
    ])!;
    expect(g.domain).toEqual([0, 1]);
    expect(g.dots.map((d) => d.y)).toEqual([g.zeroY, g.zeroY]);
    expect(g.segments).toHaveLength(1);
  });

  test("negative values get room below zero", () => {
    const g = chartGeometry([
      { period: "2025", value: -0.2 },
      { period: "2026", value: 0.35 },
    ])!;
    expect(g.domain[0]).toBeLessThan(0);
    expect(g.domain[1]).toBeGreaterThan(0.35);
    expect(g.zeroY).toBeGreaterThan(g.plot.top);
    expect(g.zeroY).toBeLessThan(g.plot.bottom);
    expect(g.dots[0].y).toBeGreaterThan(g.zeroY);
  });

  test("periods of mixed precision are plotted in order and never joined", () => {
    const g = chartGeometry([
      { period: "2024", value: 99 },
      { period: "2025-09", value: 91 },
    ])!;
    expect(g.frequency).toBe("irregular");
    expect(g.segments).toEqual([]);
    expect(g.dots[0].x).toBeLessThan(g.dots[1].x);
  });

  test("one figure sits in the middle; no number at all means no chart", () => {
    const g = chartGeometry([{ period: "2025-06", value: 5 }], { width: 300 })!;
    expect(g.dots[0].x).toBe((g.plot.left + g.plot.right) / 2);
    expect(chartGeometry([{ period: "2026", value: null }])).toBeUndefined();
    expect(chartGeometry([])).toBeUndefined();
  });

  test("at 320 px a half-year has every month labelled (at least four labels), the year under the first", () => {
    const half = ["2025-06", "2025-10", "2025-11"].map((period, i) => ({ period, value: i + 1 }));
    const g = chartGeometry(half, { width: 290 })!;
    expect(g.xTicks.map((t) => [t.label, t.year])).toEqual([
      ["Jun", "2025"],
      ["Jul", undefined],
      ["Aug", undefined],
      ["Sep", undefined],
      ["Oct", undefined],
      ["Nov", undefined],
    ]);
  });

  test("period labels: first and last, never overlapping, inside the chart", () => {
    const months = Array.from({ length: 24 }, (_, i) => ({
      period: `${2024 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
      value: i,
    }));
    for (const width of [240, 300, 640]) {
      const g = chartGeometry(months, { width })!;
      expect(g.xTicks[0].period).toBe("2024-01");
      expect(g.xTicks.at(-1)!.period).toBe("2025-12");
      for (let i = 1; i < g.xTicks.length; i++) {
        expect(g.xTicks[i].x - g.xTicks[i - 1].x).toBeGreaterThanOrEqual(4 * 6.5 + 8);
      }
      for (const dot of g.dots) {
        expect(dot.x).toBeGreaterThanOrEqual(g.plot.left);
        expect(dot.x).toBeLessThanOrEqual(g.plot.right);
      }
      // Every label inside the chart: the last one is anchored at its end to the right edge.
      for (const tick of g.xTicks) {
        const w = Math.max(tick.label.length, tick.year?.length ?? 0) * 6.5;
        const [from, to] =
          tick.anchor === "end"
            ? [tick.x - w, tick.x]
            : tick.anchor === "start"
              ? [tick.x, tick.x + w]
              : [tick.x - w / 2, tick.x + w / 2];
        expect(from).toBeGreaterThanOrEqual(0);
        expect(to).toBeLessThanOrEqual(width);
      }
    }
  });

  test("value axis labels are compact and the plot leaves room for them", () => {
    const g = chartGeometry([
      { period: "2024", value: 84_000_000 },
      { period: "2025", value: 85_000_000 },
    ])!;
    expect(g.yTicks.map((t) => t.label)).toEqual(["0", "25M", "50M", "75M", "100M"]);
    expect(g.plot.left).toBeGreaterThanOrEqual(4 * 6.5);
  });
});

describe("nice axis steps", () => {
  test.each([
    [656, 200],
    [1, 0.25],
    [85_000_000, 25_000_000],
    [4260, 2000],
    [7, 2],
  ])("span %p → step %p", (span, step) => {
    expect(niceStep(span)).toBe(step);
  });

  test("the domain is whole steps from (at most) 0 to (at least) the highest value", () => {
    expect(valueDomain([353, 656, 582])).toEqual({ domain: [0, 800], step: 200 });
    expect(valueDomain([0])).toEqual({ domain: [0, 1], step: 0.25 });
  });
});
