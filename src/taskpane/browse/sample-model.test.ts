import { QueryError } from "../../core/queries/query-error";
import { LiveStore } from "../../core/runtime/store";
import { realDataset, realIndexed } from "../../../test/support/real-dataset";
import { evaluateMinerals, parseMineralsFormula } from "../../../test/support/evaluate-formula";
import { indexDataset } from "../../core/dataset/indexed";
import { sampleModel, SAMPLE_SHEET_NAME, sheetNameCandidates } from "./sample-model";

const data = realIndexed();
const model = sampleModel(data);
const content = (address: string) => model.cells.find((c) => c.address === address)?.content;

/** The catalogue's final formula names (issue 3); the model uses nothing else. */
const CATALOGUE = [
  "EXPORT",
  "FORECAST",
  "SERIES",
  "SOURCE",
  "CHANGE",
  "SHARE",
  "TOP",
  "LIST",
  "PRODUCTION",
  "RESERVES",
  "CONTROLS",
  "EVENTS",
  "INDICATOR",
  "DATAVERSION",
];

test("the model's cells: the figures the issue asks for, each a live MINERALS formula", () => {
  expect(model.sheetName).toBe(SAMPLE_SHEET_NAME);
  expect(Object.fromEntries(model.cells.map((c) => [c.address, c.content]))).toEqual({
    A1: "Minerals model",
    A2: "Every figure below is a live MINERALS formula: refresh the data in the task pane and the model updates.",
    A3: "Dataset version",
    B3: "=MINERALS.DATAVERSION()",
    C3: '=MINERALS.DATAVERSION("asof")',
    A5: "Figure",
    B5: "Value",
    C5: "Source",
    A6: "Magnets to the US, 2025-11 (t)",
    B6: '=MINERALS.EXPORT("magnets","US","2025-11")',
    C6: '=MINERALS.SOURCE("magnets","US","2025-11")',
    A7: "Magnets to the world, 2025-11 (t)",
    B7: '=MINERALS.EXPORT("magnets","World","2025-11")',
    C7: '=MINERALS.SOURCE("magnets","World","2025-11")',
    A8: "US share of magnets, 2025-11",
    B8: "=B6/B7",
    C8: "B6 / B7",
    A9: "Magnets to the US, month-on-month change",
    B9: '=MINERALS.CHANGE("magnets","US","2025-11")',
    C9: '=MINERALS.CHANGE("magnets","US","2025-11","mom","citation")',
    A10: "Gallium to Japan, 2025-06 (t)",
    B10: '=MINERALS.EXPORT("gallium","Japan","2025-06","t")',
    C10: '=MINERALS.SOURCE("gallium","Japan","2025-06")',
    A11: "Lithium carbonate price forecast, 2026 (USD/t)",
    B11: '=MINERALS.FORECAST("lithium",2026)',
    C11: '=MINERALS.FORECAST("lithium",2026,,,"citation")',
    A12: "Gallium export controls to the US, today",
    B12: '=MINERALS.CONTROLS("gallium","US")',
    A14: "Magnets to the US, every reported month (t)",
    A16: '=MINERALS.SERIES("magnets","US")',
  });
  for (const cell of model.cells) {
    if (typeof cell.content !== "string" || !cell.content.startsWith("=MINERALS.")) continue;
    expect(CATALOGUE).toContain(parseMineralsFormula(cell.content).name);
  }
  expect(model.cells.filter((c) => c.numberFormat).map((c) => [c.address, c.numberFormat])).toEqual(
    [
      ["B6", "#,##0"],
      ["B7", "#,##0"],
      ["B8", "0.0%"],
      ["B9", "0.0%"],
      ["B10", "0.000"],
      ["B11", "#,##0"],
    ]
  );
});

test("the chart plots the SERIES spill: its header and one row per reported month", () => {
  expect(model.chart).toEqual({
    source: "A16:B19",
    title: "Magnets to the US (t)",
    position: { topLeft: "C15", bottomRight: "C30" },
  });
  const dataset = realDataset();
  dataset.exports.push({
    ...dataset.exports.find((o) => o.commodity === "magnets" && o.partner === "US")!,
    period: "2025-12",
  });
  expect(sampleModel(indexDataset(dataset)).chart.source).toBe("A16:B20");
});

test("evaluated with the functions' own queries, the model answers what the issue says", () => {
  const snapshot = new LiveStore(data).current;
  const value = (address: string) =>
    evaluateMinerals(snapshot, content(address) as string, "2026-11-22");
  expect(value("B6")).toBe(582);
  expect(value("B7")).toBe(6150);
  expect((value("B6") as number) / (value("B7") as number)).toBeCloseTo(0.0946, 4);
  expect(value("B9")).toBeCloseTo(582 / 656 - 1, 10);
  expect(value("B10")).toBe(2.004);
  expect(value("B11")).toBe(17000);
  expect(value("B12")).toBe(
    "Licence required since 2023-08-01; export ban to the United States (since 2024-12-03) suspended since 2025-11-09 until 2026-11-27."
  );
  expect(value("A16")).toEqual([
    ["Period", "Quantity (t)"],
    ["2025-06", 353],
    ["2025-10", 656],
    ["2025-11", 582],
  ]);
  expect(value("B3")).toBe(data.dataset.version);
  for (const address of ["C6", "C7", "C9", "C10", "C11"]) {
    const citation = value(address);
    expect(citation).not.toBeInstanceOf(QueryError);
    expect(typeof citation).toBe("string");
  }
  expect(value("C6")).toContain("ts2.tech");
});

test("the sheet names tried: an existing model is never overwritten", () => {
  expect(sheetNameCandidates("Minerals model", 3)).toEqual([
    "Minerals model",
    "Minerals model (2)",
    "Minerals model (3)",
  ]);
  expect(sheetNameCandidates("Minerals model")).toHaveLength(50);
});
