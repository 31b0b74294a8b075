/**
 * The analyst's alternative, same run, same data, in a real formula engine (HyperFormula 3,
 * licenseKey "gpl-v3"): a sheet holding the observations (commodity, partner, period, quantity) and
 * cells of `=SUMIFS(quantity, commodity, "…", partner, "…", period, "…")`, against cells of
 * `=MINERALS.EXPORT("…","…","…")` evaluated through test/support/minerals-plugin.ts, which calls the
 * add-in's real custom function (src/functions/functions.ts exportQuantity: live store, streaming
 * invocation, bindLiveCell) exactly as the workbook tests do. Both sides get the same queries
 * (canonical ids and "YYYY-MM", the forms SUMIFS can match) and are timed the same way: entering
 * the 10,000 formulas into an empty sheet with setSheetContent, which parses and evaluates them all.
 *
 * The second alternative is XLOOKUP over a key column (commodity|partner|period, the analyst's
 * helper column) in a workbook with HyperFormula's column index on (useColumnIndex), its fastest
 * exact-match lookup: `=XLOOKUP("…|…|…", Data!$E…, Data!$D…)`.
 *
 * HyperFormula's SUMIFS scans the criteria ranges for each cell with distinct criteria (about
 * 0.2 s of CPU per cell over 100,000 rows on this machine) and its XLOOKUP materialises the return
 * range for each cell (about 0.05 s per cell), so 10,000 cells of each over 100,000 rows take about
 * 50 minutes. The 10,000-cell comparison runs on the 1k dataset and, by default, on the 100k one;
 * with `--quick-workbook` the 100k alternatives are timed on `alternativeCells` (100) cells and
 * scaled to 10,000, and such a figure says it is extrapolated (each cell is an independent scan).
 */
import "../test/setup/custom-functions-runtime";
import { CellValue, DetailedCellError, HyperFormula } from "hyperformula";
import { IndexedDataset } from "../src/core/dataset/indexed";
import { store } from "../src/runtime/live-store";
import { cancelAllLiveCells, registerMineralsPlugin } from "../test/support/minerals-plugin";
import { cpuMs } from "./measure";
import { workbookQueries } from "./queries";

export interface WorkbookResult {
  rows: number;
  cells: number;
  exportMs: number;
  exportCpuMs: number;
  /** SUMIFS cells actually evaluated (fewer than `cells` when extrapolated). */
  sumifsCellsTimed: number;
  /** Time for `cells` SUMIFS cells (scaled from the sample when extrapolated). */
  sumifsMs: number;
  sumifsCpuMs: number;
  extrapolated: boolean;
  /** sumifsMs ÷ exportMs (wall clock). */
  ratio: number;
  /** sumifsCpuMs ÷ exportCpuMs (CPU time: robust when other work shares the machine). */
  cpuRatio: number;
  /**
   * HyperFormula's own floor: the same number of cells of =CONCATENATE over the same three text
   * literals (parse, graph, evaluate; no lookup), timed the same way.
   */
  floorMs: number;
  /** Time to build the data sheet (not part of either figure). */
  dataSheetMs: number;
  /** Over the cells both computed: reported figures where both agree. */
  agree: number;
  disagree: number;
  /** Unreported months: SUMIFS shows 0, EXPORT shows #N/A. */
  silentZeros: number;
  exportNotAvailable: number;
  /** XLOOKUP over a key column, timed on sumifsCellsTimed cells like SUMIFS. */
  xlookupMs: number;
  xlookupCpuMs: number;
  /** xlookupCpuMs ÷ exportCpuMs. */
  xlookupCpuRatio: number;
  /** Cells where XLOOKUP and EXPORT give the same reported figure. */
  xlookupAgree: number;
}

const CONFIG = { licenseKey: "gpl-v3", maxRows: 2_000_000 };
/** The alternative at its fastest: exact-match lookups through HyperFormula's column index. */
const INDEXED_CONFIG = { ...CONFIG, useColumnIndex: true };

const text = (s: string) => `"${s.replace(/"/g, '""')}"`;

function timeSheet(
  hf: HyperFormula,
  formulas: string[][]
): { ms: number; cpu: number; values: CellValue[][] } {
  const sheet = hf.getSheetId(hf.addSheet("Model")) as number;
  const c = cpuMs();
  const t = performance.now();
  hf.setSheetContent(sheet, formulas);
  const ms = performance.now() - t;
  const cpu = cpuMs() - c;
  return { ms, cpu, values: hf.getSheetValues(sheet) };
}

export function runWorkbook(
  data: IndexedDataset,
  cells: number,
  sumifsCells = cells
): WorkbookResult {
  const queries = workbookQueries(data, cells);
  const rows = data.dataset.exports;

  type Query = (typeof queries)[number];
  const mineralsFormula = (q: Query) => [
    `=MINERALS.EXPORT(${text(q.commodity)},${text(q.partner)},${text(q.period)})`,
  ];
  const floorFormula = (q: Query) => [
    `=CONCATENATE(${text(q.commodity)},${text(q.partner)},${text(q.period)})`,
  ];
  /** Times `formulas` in a fresh workbook, after the same formulas once untimed (JIT warm-up). */
  const timeFresh = (formulas: string[][]) => {
    const warm = HyperFormula.buildEmpty(CONFIG);
    timeSheet(warm, formulas);
    warm.destroy();
    cancelAllLiveCells();
    const hf = HyperFormula.buildEmpty(CONFIG);
    const result = timeSheet(hf, formulas);
    cancelAllLiveCells();
    hf.destroy();
    return result;
  };

  // =MINERALS.EXPORT through the real custom function, reading the shared live store.
  registerMineralsPlugin();
  const previous = store.current;
  store.replace(data, { kind: "file", name: "synthetic.json" });
  const exported = timeFresh(queries.map(mineralsFormula));
  store.replace(previous.data, previous.origin);
  // HyperFormula's own cost per formula cell, without any lookup.
  const floor = timeFresh(queries.map(floorFormula));

  // =SUMIFS over a sheet of the same observations.
  const t = performance.now();
  const sheets = HyperFormula.buildFromSheets(
    { Data: rows.map((o) => [o.commodity, o.partner, o.period, o.quantity]) },
    CONFIG
  );
  const dataSheetMs = performance.now() - t;
  const n = rows.length;
  const col = (c: string) => `Data!$${c}$1:$${c}$${n}`;
  const sumifs = (q: Query) => [
    `=SUMIFS(${col("D")},${col("A")},${text(q.commodity)},${col("B")},${text(q.partner)},${col("C")},${text(q.period)})`,
  ];
  // Warm-up on a copy of the queries' first cells, in a sheet removed afterwards.
  const warmSheet = sheets.getSheetId(sheets.addSheet("Warm")) as number;
  sheets.setSheetContent(warmSheet, queries.slice(0, 1).map(sumifs));
  sheets.removeSheet(warmSheet);
  const summed = timeSheet(sheets, queries.slice(0, sumifsCells).map(sumifs));
  sheets.destroy();

  // =XLOOKUP over a key column, HyperFormula's column index on.
  const keyed = HyperFormula.buildFromSheets(
    {
      Data: rows.map((o) => [
        o.commodity,
        o.partner,
        o.period,
        o.quantity,
        `${o.commodity}|${o.partner}|${o.period}`,
      ]),
    },
    INDEXED_CONFIG
  );
  const xlookup = (q: Query) => [
    `=XLOOKUP(${text(`${q.commodity}|${q.partner}|${q.period}`)},${col("E")},${col("D")})`,
  ];
  const warmKeyed = keyed.getSheetId(keyed.addSheet("Warm")) as number;
  keyed.setSheetContent(warmKeyed, queries.slice(0, 1).map(xlookup));
  keyed.removeSheet(warmKeyed);
  const looked = timeSheet(keyed, queries.slice(0, sumifsCells).map(xlookup));
  keyed.destroy();
  let xlookupAgree = 0;

  let agree = 0;
  let disagree = 0;
  let silentZeros = 0;
  let exportNotAvailable = 0;
  queries.slice(0, sumifsCells).forEach((q, i) => {
    const a = exported.values[i][0];
    const b = summed.values[i][0];
    const x = looked.values[i][0];
    if (q.hit && typeof x === "number" && x === a) xlookupAgree++;
    if (q.hit) {
      if (
        typeof a === "number" &&
        typeof b === "number" &&
        Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))
      )
        agree++;
      else disagree++;
    } else {
      const notAvailable = a instanceof DetailedCellError && a.type === "NA";
      if (notAvailable) exportNotAvailable++;
      if (notAvailable && b === 0) silentZeros++;
    }
  });

  const scale = cells / sumifsCells;
  return {
    rows: n,
    cells,
    exportMs: exported.ms,
    exportCpuMs: exported.cpu,
    sumifsCellsTimed: sumifsCells,
    sumifsMs: summed.ms * scale,
    sumifsCpuMs: summed.cpu * scale,
    extrapolated: sumifsCells < cells,
    ratio: (summed.ms * scale) / exported.ms,
    cpuRatio: (summed.cpu * scale) / exported.cpu,
    floorMs: floor.ms,
    dataSheetMs,
    agree,
    disagree,
    silentZeros,
    exportNotAvailable,
    xlookupMs: looked.ms * scale,
    xlookupCpuMs: looked.cpu * scale,
    xlookupCpuRatio: (looked.cpu * scale) / exported.cpu,
    xlookupAgree,
  };
}
