import { BuildError } from "./build-error";
import { ComtradeCommodities } from "./comtrade-commodities";
import { ComtradePlaces } from "./comtrade-places";
import { ComtradeSummary } from "./comtrade-source";
import { Flow, TradeObservation } from "./dataset";
import { tradeKey } from "./keys";
import { parseUnit } from "../queries/units";

/** The 47 columns of a Comtrade+ bulk CSV (and the fields of the API's JSON records), in file order. */
export const COMTRADE_COLUMNS = [
  "typeCode",
  "freqCode",
  "refPeriodId",
  "refYear",
  "refMonth",
  "period",
  "reporterCode",
  "reporterISO",
  "reporterDesc",
  "flowCode",
  "flowDesc",
  "partnerCode",
  "partnerISO",
  "partnerDesc",
  "partner2Code",
  "partner2ISO",
  "partner2Desc",
  "classificationCode",
  "classificationSearchCode",
  "isOriginalClassification",
  "cmdCode",
  "cmdDesc",
  "aggrLevel",
  "isLeaf",
  "customsCode",
  "customsDesc",
  "mosCode",
  "motCode",
  "motDesc",
  "qtyUnitCode",
  "qtyUnitAbbr",
  "qty",
  "isQtyEstimated",
  "altQtyUnitCode",
  "altQtyUnitAbbr",
  "altQty",
  "isAltQtyEstimated",
  "netWgt",
  "isNetWgtEstimated",
  "grossWgt",
  "isGrossWgtEstimated",
  "cifvalue",
  "fobvalue",
  "primaryValue",
  "legacyEstimationFlag",
  "isReported",
  "isAggregate",
] as const;

/** The columns the reader uses; a file lacking any of them is refused. Columns are found by name. */
export const COMTRADE_READ_COLUMNS = [
  "freqCode",
  "period",
  "reporterCode",
  "reporterISO",
  "reporterDesc",
  "flowCode",
  "partnerCode",
  "partnerISO",
  "partnerDesc",
  "classificationCode",
  "cmdCode",
  "cmdDesc",
  "qtyUnitAbbr",
  "qty",
  "isQtyEstimated",
  "netWgt",
  "isNetWgtEstimated",
  "primaryValue",
] as const;
type Column = (typeof COMTRADE_READ_COLUMNS)[number];

export const COMTRADE_FLOWS: Readonly<Record<string, Flow>> = {
  X: "export",
  M: "import",
  RX: "re-export",
  RM: "re-import",
};

/** `qtyUnitAbbr` values Comtrade writes when a row has no quantity unit (its qty is then 0). */
const NO_QUANTITY_UNIT = new Set(["", "N/A", "NA", "-1"]);

/** Where a key was first given in the files read so far (a key given twice is refused). */
export interface TradeKeyClaims {
  /** Where the key was given before ("row 3", "file, row 3"), or undefined (it is now recorded). */
  claim(key: string, file: string, row: number): string | undefined;
}

/** The figures of all files of one build share a key space: every key seen is remembered. */
export class TradeKeys implements TradeKeyClaims {
  private readonly first = new Map<string, number>();
  private readonly files: string[] = [];

  /** Where the key was first given, or undefined (then it is recorded as given at file, row). */
  claim(key: string, file: string, row: number): string | undefined {
    let fileIndex = this.files.lastIndexOf(file);
    if (fileIndex === -1) fileIndex = this.files.push(file) - 1;
    const earlier = this.first.get(key);
    if (earlier !== undefined) {
      const earlierFile = this.files[Math.floor(earlier / 2 ** 32)];
      const earlierRow = earlier % 2 ** 32;
      return earlierFile === file ? `row ${earlierRow}` : `${earlierFile}, row ${earlierRow}`;
    }
    this.first.set(key, fileIndex * 2 ** 32 + row);
    return undefined;
  }
}

export interface ComtradeContext {
  /** How messages name the file ("data/comtrade/cn-magnets-2024.csv"). */
  file: string;
  /** The source row every figure of the file cites. */
  sourceId: string;
  places: ComtradePlaces;
  commodities: ComtradeCommodities;
  keys: TradeKeyClaims;
}

/** A record's cells by column name, whatever the input (CSV cells or API JSON values). */
type Cells = (column: Column) => string;

/**
 * Maps Comtrade records, one at a time, to trade observations handed to `emit`: nothing of the file
 * is held but its key set and summary. Every refusal is a BuildError naming file, row and column.
 */
export class ComtradeReader {
  readonly summary = new ComtradeSummary();
  private positions: Map<Column, number> | null = null;

  constructor(
    private readonly context: ComtradeContext,
    private readonly emit: (observation: TradeObservation) => void
  ) {}

  /** The CSV header row: finds the columns by name. */
  header(names: readonly string[]): void {
    const trimmed = names.map((n) => n.trim().replace(/^\uFEFF/, ""));
    const absent = COMTRADE_READ_COLUMNS.filter((c) => !trimmed.includes(c));
    if (absent.length > 0)
      throw new BuildError(
        this.context.file,
        1,
        absent[0],
        `missing column(s): ${absent.join(", ")} (not a Comtrade+ file?)`
      );
    this.positions = new Map(COMTRADE_READ_COLUMNS.map((c) => [c, trimmed.indexOf(c)]));
  }

  /** One CSV record (after `header`). */
  csvRecord(cells: readonly string[], row: number): void {
    const positions = this.positions;
    if (positions === null) throw new Error("header() must come first");
    this.read((column) => cells[positions.get(column) as number] ?? "", row);
  }

  /** One record of the API's `data` array; `row` is its position (1 = first record). */
  jsonRecord(record: unknown, row: number): void {
    if (typeof record !== "object" || record === null || Array.isArray(record))
      throw new BuildError(this.context.file, row, null, "a data record is not an object");
    const fields = record as Record<string, unknown>;
    if (row === 1) {
      const absent = COMTRADE_READ_COLUMNS.filter((c) => !hasOwn(fields, c));
      if (absent.length > 0)
        throw new BuildError(
          this.context.file,
          row,
          absent[0],
          `missing field(s): ${absent.join(", ")} (not a Comtrade API record?)`
        );
    }
    this.read((column) => jsonCell(fields[column]), row);
  }

  private read(cell: Cells, row: number): void {
    const fail = (column: Column | null, problem: string): never => {
      throw new BuildError(this.context.file, row, column, problem);
    };
    const text = (column: Column) => cell(column).trim();

    const frequency = text("freqCode");
    if (frequency !== "M" && frequency !== "A")
      return fail("freqCode", `'${frequency}' is not M (monthly) or A (annual)`);
    const period = readPeriod(text("period"), frequency, (p) => fail("period", p));

    const flowCode = text("flowCode");
    const flow = hasOwn(COMTRADE_FLOWS, flowCode) ? COMTRADE_FLOWS[flowCode] : undefined;
    if (flow === undefined)
      return fail("flowCode", `unknown flow code '${flowCode}' (expected X, M, RX or RM)`);

    const place = (iso: Column, code: Column, desc: Column): string => {
      const found = this.context.places.resolve(text(iso), text(code), text(desc));
      return "code" in found ? found.code : fail(iso, found.problem);
    };
    const reporter = place("reporterISO", "reporterCode", "reporterDesc");
    const partner = place("partnerISO", "partnerCode", "partnerDesc");

    const commodity = this.context.commodities.resolve(text("cmdCode"), text("cmdDesc"));
    if (commodity === undefined) return fail("cmdCode", "missing value");

    const value = readNumber(text("primaryValue"), (p) => fail("primaryValue", p));
    const netWeight = readNumber(text("netWgt"), (p) => fail("netWgt", p));
    let quantity: number | null = null;
    let unit: string | null = null;
    let estimated = false;
    let note: string | null = null;
    if (netWeight !== null) {
      quantity = netWeight;
      unit = "kg";
      estimated = readFlag(text("isNetWgtEstimated"), (p) => fail("isNetWgtEstimated", p));
    } else if (!NO_QUANTITY_UNIT.has(text("qtyUnitAbbr"))) {
      const qty = readNumber(text("qty"), (p) => fail("qty", p));
      const qtyUnit = parseUnit(text("qtyUnitAbbr"));
      if (qty !== null && qtyUnit !== undefined) {
        quantity = qty;
        unit = qtyUnit.symbol;
        estimated = readFlag(text("isQtyEstimated"), (p) => fail("isQtyEstimated", p));
      } else if (qty !== null) {
        // Items, litres, carats...: not a mass the formulas can read; kept in the note, as reported.
        note = `Quantity reported as ${text("qty")} ${text("qtyUnitAbbr")} (no net weight).`;
      }
    }

    const key = tradeKey({ commodity, reporter, partner, flow, period });
    const earlier = this.context.keys.claim(key, this.context.file, row);
    if (earlier !== undefined)
      fail(
        null,
        `duplicate: ${earlier} already gives ${commodity} ${flow}s of ${reporter} with ${partner} in ${period} (one row per commodity, reporter, partner, flow and period: breakdowns by second partner, customs procedure or transport mode are not read)`
      );

    this.summary.add({
      reporter: text("reporterDesc") || reporter,
      flow,
      code: text("cmdCode"),
      period,
      classification: text("classificationCode"),
    });
    this.emit({
      commodity,
      reporter,
      partner,
      flow,
      period,
      quantity,
      unit,
      value,
      estimated,
      source_id: this.context.sourceId,
      note,
    });
  }
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

function jsonCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

/** `YYYYMM` for monthly files, `YYYY` for annual ones; as `YYYY-MM` / `YYYY`. */
function readPeriod(text: string, frequency: "M" | "A", fail: (problem: string) => never): string {
  if (frequency === "M") {
    if (/^\d{4}(0[1-9]|1[0-2])$/.test(text)) return `${text.slice(0, 4)}-${text.slice(4)}`;
    if (/^\d{4}$/.test(text)) fail(`'${text}' is a year, but freqCode M says the row is monthly`);
    return fail(`'${text}' is neither a month (YYYYMM) nor a year (YYYY)`);
  }
  if (/^\d{4}$/.test(text)) return text;
  if (/^\d{6}$/.test(text)) fail(`'${text}' is a month, but freqCode A says the row is annual`);
  return fail(`'${text}' is neither a month (YYYYMM) nor a year (YYYY)`);
}

/** A plain or exponent decimal, not negative; null for an empty cell (not reported, never 0). */
function readNumber(text: string, fail: (problem: string) => never): number | null {
  if (text === "") return null;
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) fail(`'${text}' is not a number`);
  const value = Number(text);
  if (!Number.isFinite(value)) fail(`'${text}' is out of range`);
  if (value < 0) fail(`'${text}' is negative`);
  return value;
}

/** Comtrade's estimation flags: True/False (CSV), true/false (JSON), 1/0; empty is not estimated. */
function readFlag(text: string, fail: (problem: string) => never): boolean {
  const lower = text.toLowerCase();
  if (lower === "true" || lower === "1") return true;
  if (lower === "false" || lower === "0" || lower === "") return false;
  return fail(`'${text}' is not True or False`);
}
