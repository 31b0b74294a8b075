/**
 * The sample model "Insert sample model" writes: a small worksheet whose every figure is a live
 * MINERALS formula, so it updates itself when the dataset is refreshed. Pure data (cells, formats,
 * chart), so the pane inserts it through excel-actions.ts and a formula engine can evaluate it in
 * tests.
 */
import { IndexedDataset } from "../../core/dataset/indexed";
import { exportQuantities, reportedPeriods } from "../../core/queries/levels";
import { formulaText } from "./formulas";

export const SAMPLE_SHEET_NAME = "Minerals model";

export interface ModelCell {
  /** A1-style address on the model sheet. */
  address: string;
  /** A formula ("=...") or a constant; text is written as text. */
  content: string | number;
  /** Excel number format, when not General. */
  numberFormat?: string;
  bold?: boolean;
}

export interface ModelChart {
  /** The SERIES spill the chart plots: its top-left cell and its current extent (header included). */
  source: string;
  title: string;
  /** Cells the chart covers. */
  position: { topLeft: string; bottomRight: string };
}

export interface SampleModel {
  sheetName: string;
  cells: ModelCell[];
  chart: ModelChart;
  /** Column letter → width in points. */
  columnWidths: Record<string, number>;
}

const MAGNETS_US_NOV = ["magnets", "US", "2025-11"] as const;

/**
 * The model. The SERIES spill's extent (for the chart) is taken from the dataset in use: the
 * header row plus one row per reported month of magnets to the US.
 */
export function sampleModel(data: IndexedDataset): SampleModel {
  const seriesTop = 16;
  const months = reportedPeriods(data, exportQuantities("magnets", "US")).length;
  const seriesBottom = seriesTop + Math.max(1, months);
  const f = formulaText;
  const cells: ModelCell[] = [
    { address: "A1", content: "Minerals model", bold: true },
    {
      address: "A2",
      content:
        "Every figure below is a live MINERALS formula: refresh the data in the task pane and the model updates.",
    },
    { address: "A3", content: "Dataset version" },
    { address: "B3", content: f("DATAVERSION", []) },
    { address: "C3", content: f("DATAVERSION", ["asof"]) },

    { address: "A5", content: "Figure", bold: true },
    { address: "B5", content: "Value", bold: true },
    { address: "C5", content: "Source", bold: true },

    { address: "A6", content: "Magnets to the US, 2025-11 (t)" },
    { address: "B6", content: f("EXPORT", [...MAGNETS_US_NOV]), numberFormat: "#,##0" },
    { address: "C6", content: f("SOURCE", [...MAGNETS_US_NOV]) },

    { address: "A7", content: "Magnets to the world, 2025-11 (t)" },
    { address: "B7", content: f("EXPORT", ["magnets", "World", "2025-11"]), numberFormat: "#,##0" },
    { address: "C7", content: f("SOURCE", ["magnets", "World", "2025-11"]) },

    { address: "A8", content: "US share of magnets, 2025-11" },
    { address: "B8", content: "=B6/B7", numberFormat: "0.0%" },
    { address: "C8", content: "B6 / B7" },

    { address: "A9", content: "Magnets to the US, month-on-month change" },
    { address: "B9", content: f("CHANGE", [...MAGNETS_US_NOV]), numberFormat: "0.0%" },
    { address: "C9", content: f("CHANGE", [...MAGNETS_US_NOV, "mom", "citation"]) },

    { address: "A10", content: "Gallium to Japan, 2025-06 (t)" },
    {
      address: "B10",
      content: f("EXPORT", ["gallium", "Japan", "2025-06", "t"]),
      numberFormat: "0.000",
    },
    { address: "C10", content: f("SOURCE", ["gallium", "Japan", "2025-06"]) },

    { address: "A11", content: "Lithium carbonate price forecast, 2026 (USD/t)" },
    { address: "B11", content: f("FORECAST", ["lithium", 2026]), numberFormat: "#,##0" },
    { address: "C11", content: f("FORECAST", ["lithium", 2026, undefined, undefined, "citation"]) },

    { address: "A12", content: "Gallium export controls to the US, today" },
    { address: "B12", content: f("CONTROLS", ["gallium", "US"]) },

    { address: "A14", content: "Magnets to the US, every reported month (t)", bold: true },
    { address: `A${seriesTop}`, content: f("SERIES", ["magnets", "US"]) },
  ];
  return {
    sheetName: SAMPLE_SHEET_NAME,
    cells,
    chart: {
      source: `A${seriesTop}:B${seriesBottom}`,
      title: "Magnets to the US (t)",
      position: { topLeft: "C15", bottomRight: "C30" },
    },
    columnWidths: { A: 260, B: 110, C: 420 },
  };
}

/** Names tried for the model's sheet, in order: the name, then "name (2)", "name (3)", … */
export function sheetNameCandidates(base: string, count = 50): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? base : `${base} (${i + 1})`));
}
