/**
 * A real formula-engine workbook (HyperFormula) in which =MINERALS.EXPORT and =MINERALS.FORECAST,
 * evaluated through the add-in's own custom functions (src/functions/functions.ts), feed ordinary
 * formulas; errors propagate as in Excel; and a dataset refresh reaches the model.
 */
import { readFileSync } from "fs";
import { join } from "path";
import {
  CellValue,
  CellValueDetailedType,
  DetailedCellError,
  ErrorType,
  HyperFormula,
  SimpleCellAddress,
} from "hyperformula";
import { Dataset, ExportObservation } from "../src/core/dataset/dataset";
import { loadDataset } from "../src/core/dataset/load";
import { store } from "../src/runtime/live-store";
import {
  cancelAllLiveCells,
  cancelStaleLiveCells,
  invocationHistory,
  LiveInvocation,
  liveInvocation,
  liveInvocationCount,
  mineralsCells,
  reenterMineralsFormulas,
  registerMineralsPlugin,
  toCellValue,
} from "./support/minerals-plugin";

const SHEET = "Model";
const original = store.current;
const datasetPath = join(__dirname, "..", "build", "minerals.json");

/** The bundled dataset as published (build/minerals.json, the file live-store.ts embeds). */
function readDataset(): Dataset {
  return JSON.parse(readFileSync(datasetPath, "utf8")) as Dataset;
}

/** Days from Excel's (1900 system) day zero for dates after 1900-02-28: 1899-12-30 in real days. */
function excelSerial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

const WORKBOOK: string[][] = [
  /* 1 */ [
    "US magnets Nov 2025",
    '=MINERALS.EXPORT("magnets","US","2025-11")',
    '=MINERALS.EXPORT("magnets","US","2025-12")',
  ],
  /* 2 */ ["World magnets Nov 2025", '=MINERALS.EXPORT("magnets","World","2025-11")', "=ISNA(C1)"],
  /* 3 */ ["US share", "=B1/B2", "=C1*2"],
  /* 4 */ [
    "US magnets Oct 2025",
    '=MINERALS.EXPORT("magnets","US","2025-10")',
    '=IFERROR(C1,"none")',
  ],
  /* 5 */ ["US month on month", "=B1/B4-1", '=MINERALS.EXPORT("magnium","US","2025-11")'],
  /* 6 */ [
    "Gallium to Japan, t",
    '=MINERALS.EXPORT("gallium","Japan","2025-06","t")',
    "=ISERROR(C5)",
    "=ISNA(C5)",
  ],
  /* 7 */ [
    "Lithium 2026",
    '=MINERALS.FORECAST("lithium",2026)',
    '=MINERALS.FORECAST("lithium",2031)',
  ],
  /* 8 */ ["Lithium balance", '=MINERALS.FORECAST("lithium",2026,"market balance")', "=SUM(B1,C1)"],
  /* 9 */ ["Germanium to US", '=MINERALS.EXPORT("germanium","US","2025-06")', "", "=ISNUMBER(B9)"],
  /* 10 */ ["2025-11-15", '=MINERALS.EXPORT("magnets","US",A10)', "", "=DATE(2025,11,15)"],
  /* 11 */ ["Rare earths controls", '=MINERALS.CONTROLS("rare earths",,"2026-01-15")'],
];

/** Cells whose formula calls a MINERALS function in WORKBOOK. */
const MINERALS_CELLS = ["B1", "B2", "B4", "B6", "B7", "B8", "B9", "B10", "B11", "C1", "C5", "C7"];

let hf: HyperFormula;
let sheet: number;
let baseline: number;

function at(a1: string): SimpleCellAddress {
  const address = hf.simpleCellAddressFromString(a1, sheet);
  if (!address) throw new Error(`bad address ${a1}`);
  return address;
}

function value(a1: string): CellValue {
  return hf.getCellValue(at(a1));
}

function error(a1: string): DetailedCellError {
  const v = value(a1);
  if (!(v instanceof DetailedCellError))
    throw new Error(`${a1} is ${JSON.stringify(v)}, not an error`);
  return v;
}

function invocationAt(a1: string): LiveInvocation {
  const live = liveInvocation(at(a1));
  if (!live) throw new Error(`no live invocation at ${a1}`);
  return live;
}

function buildWorkbook(): void {
  registerMineralsPlugin();
  expect(liveInvocationCount()).toBe(0);
  baseline = store.listenerCount;
  hf = HyperFormula.buildFromSheets(
    { [SHEET]: WORKBOOK },
    { licenseKey: "gpl-v3", dateFormats: ["YYYY-MM-DD", "DD/MM/YYYY"] }
  );
  sheet = hf.getSheetId(SHEET) as number;
}

function closeWorkbook(): void {
  cancelAllLiveCells();
  hf.destroy();
  expect(store.listenerCount).toBe(baseline);
}

/** US magnets months in the published dataset, read from the JSON rather than the product's index. */
function reportedMonths(dataset: Dataset, commodity: string, partner: string): string[] {
  return dataset.exports
    .filter((o) => o.commodity === commodity && o.reporter === "CN" && o.partner === partner)
    .map((o) => o.period)
    .sort();
}

describe("a workbook built on MINERALS formulas", () => {
  beforeAll(buildWorkbook);
  afterAll(closeWorkbook);

  test("EXPORT and FORECAST values feed dependent formulas", () => {
    expect(value("B1")).toBe(582);
    expect(value("B2")).toBe(6150);
    expect(value("B3")).toBeCloseTo(0.0946, 4);
    expect(value("B3")).toBeCloseTo(582 / 6150, 12);
    expect(value("B4")).toBe(656);
    expect(value("B5")).toBeCloseTo(-0.1128, 4);
    // HyperFormula rounds a difference of nearly equal numbers (smartRounding), like Excel.
    expect(value("B5")).toBeCloseTo(582 / 656 - 1, 10);
    expect(value("B6")).toBeCloseTo(2.004, 12);
    expect(value("B7")).toBe(17000);
    expect(value("B8")).toBe("oversupplied");
  });

  test("a reported zero is a real number zero, not a blank or an error", () => {
    expect(value("B9")).toBe(0);
    expect(hf.getCellValueDetailedType(at("B9"))).toBe(CellValueDetailedType.NUMBER_RAW);
    expect(value("D9")).toBe(true); // =ISNUMBER(B9)
  });

  test("a date cell is read as its month", () => {
    // A10 was typed as a date: the engine stores Excel's serial number for 2025-11-15.
    expect(excelSerial(2025, 11, 15)).toBe(45976);
    expect(value("A10")).toBe(45976);
    expect(hf.getCellValueDetailedType(at("A10"))).toBe(CellValueDetailedType.NUMBER_DATE);
    expect(value("D10")).toBe(45976); // =DATE(2025,11,15)
    expect(value("B10")).toBe(582);
    expect(invocationAt("B10").args[2]).toBe(45976); // the function received the serial
  });

  test("a month with nothing reported is #N/A with the reported months, and ISNA sees it", () => {
    const months = reportedMonths(readDataset(), "magnets", "US");
    expect(months).toContain("2025-11");
    expect(months).not.toContain("2025-12");
    const c1 = error("C1");
    expect(c1.type).toBe(ErrorType.NA);
    expect(c1.value).toBe("#N/A");
    expect(c1.message).toContain("2025-12");
    expect(c1.message).toContain(`reported months: ${months.join(", ")}`);
    expect(value("C2")).toBe(true); // =ISNA(C1)
  });

  test("#N/A propagates through arithmetic and SUM, and IFERROR catches it", () => {
    expect(error("C3").type).toBe(ErrorType.NA); // =C1*2
    expect(value("C4")).toBe("none"); // =IFERROR(C1,"none")
    expect(error("C8").type).toBe(ErrorType.NA); // =SUM(B1,C1)
  });

  test("an unknown commodity is #VALUE! with a suggestion; ISERROR is TRUE and ISNA FALSE", () => {
    const c5 = error("C5");
    expect(c5.type).toBe(ErrorType.VALUE);
    expect(c5.value).toBe("#VALUE!");
    expect(c5.message).toBe("Unknown commodity 'magnium'. Did you mean 'magnets'?");
    expect(value("C6")).toBe(true); // =ISERROR(C5)
    expect(value("D6")).toBe(false); // =ISNA(C5)
  });

  test("CONTROLS says the 9 October 2025 rare-earth measures are suspended on 2026-01-15", () => {
    expect(value("B11")).toBe(
      "Controls expanded (since 2025-10-09) suspended since 2025-11-07 until 2026-11-10; general licences introduced since 2025-12 (month)."
    );
  });

  test("a year without a forecast is #N/A", () => {
    const c7 = error("C7");
    expect(c7.type).toBe(ErrorType.NA);
    expect(c7.message).toMatch(/^No forecast for lithium in 2031; years with forecasts: .*2026/);
  });

  test("every MINERALS cell went through a streaming invocation that holds one subscription", () => {
    expect(
      mineralsCells(hf, sheet)
        .map((a) => hf.simpleCellAddressToString(a, sheet))
        .sort()
    ).toEqual([...MINERALS_CELLS].sort());
    for (const a1 of MINERALS_CELLS) {
      const live = invocationAt(a1);
      expect(live.canceled).toBe(false);
      expect(live.results).toHaveLength(1);
      expect(typeof live.invocation.onCanceled).toBe("function");
      // The cell shows exactly what the product function set.
      const shown = value(a1);
      const set = toCellValue(live.results[0]);
      if (shown instanceof DetailedCellError) {
        expect(set).toMatchObject({ type: shown.type, message: shown.message });
      } else {
        expect(set).toBe(shown);
      }
    }
    expect(invocationAt("B6").args).toEqual(["gallium", "Japan", "2025-06", "t", undefined]);
    expect(invocationAt("B8").args).toEqual(["lithium", 2026, "market balance", undefined]);
    expect(invocationHistory()).toHaveLength(MINERALS_CELLS.length);
    expect(store.listenerCount - baseline).toBe(MINERALS_CELLS.length);
  });

  test("re-entered and edited cells let go of their old subscriptions", () => {
    const before = MINERALS_CELLS.map(invocationAt);
    reenterMineralsFormulas(hf, sheet);
    expect(before.every((live) => live.canceled)).toBe(true);
    expect(MINERALS_CELLS.every((a1) => !invocationAt(a1).canceled)).toBe(true);
    expect(invocationHistory()).toHaveLength(2 * MINERALS_CELLS.length);
    expect(store.listenerCount - baseline).toBe(MINERALS_CELLS.length);
    expect(value("B1")).toBe(582);

    // Overwriting a MINERALS cell with a constant: its invocation is canceled.
    const c7 = invocationAt("C7");
    hf.setCellContents(at("C7"), 42);
    cancelStaleLiveCells(hf);
    expect(c7.canceled).toBe(true);
    expect(liveInvocation(at("C7"))).toBeUndefined();
    expect(store.listenerCount - baseline).toBe(MINERALS_CELLS.length - 1);

    // A MINERALS argument cell changes: only the dependent MINERALS cell is called again.
    const b10 = invocationAt("B10");
    const calls = invocationHistory().length;
    hf.setCellContents(at("A10"), "2025-10-03");
    expect(value("B10")).toBe(656);
    expect(b10.canceled).toBe(true);
    expect(invocationHistory()).toHaveLength(calls + 1);
    expect(store.listenerCount - baseline).toBe(MINERALS_CELLS.length - 1);

    cancelAllLiveCells();
    expect(store.listenerCount).toBe(baseline);
  });
});

describe("a dataset refresh reaches the workbook", () => {
  beforeEach(buildWorkbook);
  afterEach(() => {
    closeWorkbook();
    store.replace(original.data, original.origin, original.loadedAt);
  });

  function refreshedDataset(): Dataset {
    const dataset = readDataset();
    const nov = dataset.exports.find(
      (o) =>
        o.commodity === "magnets" &&
        o.reporter === "CN" &&
        o.partner === "US" &&
        o.period === "2025-11"
    ) as ExportObservation;
    expect(nov.quantity).toBe(582);
    nov.quantity = 600;
    expect(
      dataset.exports.some(
        (o) => o.commodity === "magnets" && o.partner === "US" && o.period === "2025-12"
      )
    ).toBe(false);
    dataset.exports.push({ ...nov, period: "2025-12", quantity: 700, note: null });
    // The content changed, so the published hash no longer applies; "" is the schema's "no hash".
    dataset.hash = "";
    return dataset;
  }

  test("changed figures stream to their cells only, and re-entering updates the model", () => {
    const b2Before = value("B2");
    const b6Before = value("B6");
    const b7Before = value("B7");
    const old = new Map(MINERALS_CELLS.map((a1) => [a1, invocationAt(a1)]));
    expect([...old.values()].every((live) => live.results.length === 1)).toBe(true);
    const listeners = store.listenerCount;

    store.replace(loadDataset(refreshedDataset()), { kind: "file", name: "test" });
    expect(store.current.origin).toEqual({ kind: "file", name: "test" });

    // What the live cells were sent: a new value only where the value changed.
    const b1 = old.get("B1") as LiveInvocation;
    expect(b1.results).toHaveLength(2);
    expect(b1.results[1]).toBe(600);
    expect((old.get("B10") as LiveInvocation).results).toEqual([582, 600]);
    const c1 = (old.get("C1") as LiveInvocation).results;
    expect(c1).toHaveLength(2);
    expect(c1[0]).toBeInstanceOf(CustomFunctions.Error);
    expect(c1[1]).toBe(700);
    const changed = MINERALS_CELLS.filter(
      (a1) => (old.get(a1) as LiveInvocation).results.length > 1
    );
    expect(changed.sort()).toEqual(["B1", "B10", "C1"]);

    // The engine is told as HyperFormula needs: re-enter the MINERALS formulas in one batch.
    reenterMineralsFormulas(hf, sheet);

    expect(value("B1")).toBe(600);
    expect(value("B3")).toBeCloseTo(600 / 6150, 12);
    expect(value("B3")).toBeCloseTo(0.0976, 4);
    expect(value("B5")).toBeCloseTo(600 / 656 - 1, 10);
    expect(value("B5")).toBeCloseTo(-0.0854, 4);
    expect(value("B10")).toBe(600);
    expect(value("C1")).toBe(700);
    expect(value("C2")).toBe(false);
    expect(value("C3")).toBe(1400);
    expect(value("C4")).toBe(700);
    expect(value("C8")).toBe(1300);
    // Unaffected cells keep their values.
    expect(value("B2")).toBe(b2Before);
    expect(value("B2")).toBe(6150);
    expect(value("B6")).toBe(b6Before);
    expect(value("B7")).toBe(b7Before);
    expect(value("B7")).toBe(17000);
    expect(value("B8")).toBe("oversupplied");
    expect(value("B9")).toBe(0);
    expect(error("C5").message).toBe("Unknown commodity 'magnium'. Did you mean 'magnets'?");
    expect(error("C7").type).toBe(ErrorType.NA);

    // A fresh evaluation shows what the old invocation had streamed.
    for (const a1 of MINERALS_CELLS) {
      const streamed = toCellValue((old.get(a1) as LiveInvocation).results.at(-1));
      const shown = value(a1);
      if (shown instanceof DetailedCellError) {
        expect(streamed).toMatchObject({ type: shown.type, message: shown.message });
      } else {
        expect(streamed).toBe(shown);
      }
    }

    // Re-entry replaced every invocation: the old ones are canceled and nothing leaked.
    expect([...old.values()].every((live) => live.canceled)).toBe(true);
    expect(store.listenerCount).toBe(listeners);

    // Restoring the original reaches the new invocations only.
    const oldCounts = [...old.values()].map((live) => live.results.length);
    store.replace(original.data, original.origin);
    expect([...old.values()].map((live) => live.results.length)).toEqual(oldCounts);
    expect(invocationAt("B1").results).toEqual([600, 582]);
    expect(invocationAt("B2").results).toEqual([6150]);
    const c1Now = invocationAt("C1").results;
    expect(c1Now).toHaveLength(2);
    expect(c1Now[1]).toBeInstanceOf(CustomFunctions.Error);
  });
});

/**
 * "latest" wherever a formula takes a period, through the add-in's functions in a HyperFormula
 * workbook: the most recent reported period of the series asked about, cited as such, and moving
 * forward when a refresh adds a period.
 */
describe('"latest" in every formula that takes a period', () => {
  const LATEST_SHEET = "Latest";
  const LATEST: string[][] = [
    /* 1 */ ['=MINERALS.EXPORT("magnets","US","latest")'],
    /* 2 */ ['=MINERALS.SOURCE("magnets","US","latest","qualifier")'],
    /* 3 */ ['=MINERALS.CHANGE("magnets","US","latest")'],
    /* 4 */ ['=MINERALS.SHARE("magnets","US","latest")'],
    /* 5 */ ['=MINERALS.PRODUCTION("rare earths","China","latest")'],
    /* 6 */ ['=MINERALS.PRODUCTION("rare earths","China","latest",,"qualifier")'],
    /* 7 */ ['=MINERALS.RESERVES("rare earths","World","latest")'],
    /* 8 */ ['=MINERALS.INDICATOR("rare earths","mining quota","latest","qualifier")'],
    /* 9 */ ['=MINERALS.FORECAST("lithium","latest")'],
    /* 10 */ ['=MINERALS.FORECAST("lithium","latest",,,"qualifier")'],
    /* 11 */ ['=MINERALS.CONTROLS("gallium","US","latest")'],
    /* 12 */ ['=MINERALS.CHANGE("magnets","US","latest",,"qualifier")'],
    /* 13 */ ['=MINERALS.SERIES("magnets","US","latest",,0)'],
    /* 14 */ [],
    /* 15 */ ['=MINERALS.TOP("magnets","latest",1)'],
  ];
  let book: HyperFormula;
  let id: number;
  const cell = (a1: string): CellValue =>
    book.getCellValue(book.simpleCellAddressFromString(a1, id) as SimpleCellAddress);

  beforeEach(() => {
    registerMineralsPlugin();
    book = HyperFormula.buildFromSheets({ [LATEST_SHEET]: LATEST }, { licenseKey: "gpl-v3" });
    id = book.getSheetId(LATEST_SHEET) as number;
  });
  afterEach(() => {
    cancelAllLiveCells();
    book.destroy();
    store.replace(original.data, original.origin, original.loadedAt);
  });

  test("each resolves to the series' last reported period and says so in its citation", () => {
    expect(cell("A1")).toBe(582);
    expect(cell("A2")).toBe('"latest" = 2025-11');
    expect(cell("A3")).toBeCloseTo(582 / 656 - 1, 9);
    expect(cell("A4")).toBeCloseTo(582 / 6150, 9);
    expect(cell("A5")).toBe(270000);
    expect(cell("A6")).toBe('"latest" = 2025; estimated');
    expect(cell("A7")).toBe(85000000);
    expect(cell("A8")).toBe('"latest" = 2024');
    expect(cell("A9")).toBe(17000);
    expect(cell("A10")).toBe('"latest" = 2026; forecast by Bernstein, published 2025-12');
    // CONTROLS: the status on the dataset's as-of date (2026-11-22).
    expect(cell("A11")).toBe(
      "Licence required since 2023-08-01; export ban to the United States (since 2024-12-03) suspended since 2025-11-09 until 2026-11-27."
    );
    expect(cell("A12")).toBe(
      '"latest" = 2025-11; computed from reported levels: 656 (2025-10) → 582 (2025-11)'
    );
    expect([cell("A13"), cell("B13")]).toEqual(["2025-11", 582]);
    expect([cell("A16"), cell("B16")]).toEqual(["United States", 582]);
  });

  test("a refresh that adds a month moves every latest formula forward", () => {
    const dataset = readDataset();
    const months = reportedMonths(dataset, "magnets", "US");
    expect(months[months.length - 1]).toBe("2025-11");
    const nov = dataset.exports.find(
      (o) => o.commodity === "magnets" && o.partner === "US" && o.period === "2025-11"
    ) as ExportObservation;
    const worldNov = dataset.exports.find(
      (o) => o.commodity === "magnets" && o.partner === "WORLD" && o.period === "2025-11"
    ) as ExportObservation;
    dataset.exports.push({ ...nov, period: "2025-12", quantity: 700, note: null });
    dataset.exports.push({ ...worldNov, period: "2025-12", quantity: 7000, note: null });
    dataset.hash = "";
    const a1 = liveInvocation(book.simpleCellAddressFromString("A1", id) as SimpleCellAddress);
    store.replace(loadDataset(dataset), { kind: "file", name: "december" });
    expect(a1?.results).toEqual([582, 700]);
    reenterMineralsFormulas(book, id);
    expect(cell("A1")).toBe(700);
    expect(cell("A2")).toBe('"latest" = 2025-12');
    expect(cell("A3")).toBeCloseTo(700 / 582 - 1, 9);
    expect(cell("A4")).toBeCloseTo(700 / 7000, 9);
    expect([cell("A13"), cell("B13")]).toEqual(["2025-12", 700]);
    expect([cell("A16"), cell("B16")]).toEqual(["United States", 700]);
  });
});
