/**
 * Reads a `=MINERALS.NAME(...)` formula as text (the pane's formulas and sample model) and evaluates
 * it with the pure core queries the custom functions wrap, the way Excel hands arguments over: text
 * literals as strings (`""` is one `"`), numbers as numbers, omitted arguments as null. Used to check
 * that every formula the pane offers is one the functions accept and that it returns the figure the
 * pane shows next to it.
 */
import { dataVersion, listTable } from "../../src/core/queries/catalog";
import { controlsText } from "../../src/core/queries/controls";
import { eventsTable } from "../../src/core/queries/events";
import { exportValue } from "../../src/core/queries/exports";
import { forecastResult } from "../../src/core/queries/forecasts";
import { IndexedDataset } from "../../src/core/dataset/indexed";
import { indicatorResult } from "../../src/core/queries/indicators";
import { CellResult } from "../../src/core/runtime/live";
import { changeValue } from "../../src/core/queries/change";
import { seriesTable } from "../../src/core/queries/series";
import { shareValue } from "../../src/core/queries/share";
import { topTable } from "../../src/core/queries/top";
import { sourceText } from "../../src/core/queries/source";
import { StoreSnapshot } from "../../src/core/runtime/store";
import { productionResult, reservesResult } from "../../src/core/queries/usgs";

export type Argument = string | number | null;

export interface ParsedFormula {
  name: string;
  args: Argument[];
}

/** Parses `=MINERALS.NAME(a,b,...)` whose arguments are literals; throws on anything else. */
export function parseMineralsFormula(formula: string): ParsedFormula {
  const head = formula.match(/^=MINERALS\.([A-Z]+)\(/);
  if (!head || !formula.endsWith(")")) throw new Error(`Not a MINERALS formula: ${formula}`);
  const body = formula.slice(head[0].length, -1);
  const args: Argument[] = [];
  let i = 0;
  if (body === "") return { name: head[1], args };
  for (;;) {
    if (body[i] === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= body.length) throw new Error(`Unterminated text in ${formula}`);
        if (body[i] === '"') {
          if (body[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += body[i++];
      }
      args.push(text);
    } else {
      const end = body.indexOf(",", i);
      const raw = body.slice(i, end < 0 ? body.length : end);
      if (raw === "") args.push(null);
      else if (/^-?\d+(\.\d+)?$/.test(raw)) args.push(Number(raw));
      else throw new Error(`Unexpected argument '${raw}' in ${formula}`);
      i += raw.length;
    }
    if (i >= body.length) break;
    if (body[i] !== ",") throw new Error(`Expected ',' at ${i} in ${formula}`);
    i++;
    if (i === body.length) {
      args.push(null);
      break;
    }
  }
  return { name: head[1], args };
}

/** Evaluates a parsed formula against a dataset, as the registered function would. */
export function evaluateMinerals(
  snapshot: StoreSnapshot,
  formula: string,
  today = "2026-11-22"
): CellResult {
  const data: IndexedDataset = snapshot.data;
  const { name, args } = parseMineralsFormula(formula);
  const a = (i: number) => args[i] ?? undefined;
  switch (name) {
    case "EXPORT":
      return exportValue(data, {
        commodity: a(0),
        partner: a(1),
        period: a(2),
        unit: a(3),
        reporter: a(4),
      });
    case "SERIES":
      return seriesTable(data, {
        commodity: a(0),
        partner: a(1),
        start: a(2),
        end: a(3),
        headers: a(4),
        unit: a(5),
      });
    case "SOURCE":
      return sourceText(data, { commodity: a(0), partner: a(1), period: a(2), field: a(3) });
    case "CHANGE":
      return changeValue(data, {
        commodity: a(0),
        partner: a(1),
        period: a(2),
        basis: a(3),
        field: a(4),
      });
    case "SHARE":
      return shareValue(data, { commodity: a(0), partner: a(1), period: a(2) });
    case "TOP":
      return topTable(data, { commodity: a(0), period: a(1), n: a(2) });
    case "LIST":
      return listTable(data, { what: a(0), commodity: a(1) });
    case "INDICATOR":
      return indicatorResult(data, { commodity: a(0), indicator: a(1), period: a(2), field: a(3) });
    case "FORECAST":
      return forecastResult(data, {
        commodity: a(0),
        year: a(1),
        variable: a(2),
        forecaster: a(3),
        field: a(4),
      });
    case "PRODUCTION":
      return productionResult(data, {
        commodity: a(0),
        country: a(1),
        year: a(2),
        statistic: a(3),
        field: a(4),
      });
    case "RESERVES":
      return reservesResult(data, { commodity: a(0), country: a(1), year: a(2), field: a(3) });
    case "CONTROLS":
      return controlsText(data, { commodity: a(0), partner: a(1), date: a(2) }, today);
    case "EVENTS":
      return eventsTable(data, { commodity: a(0), partner: a(1) });
    case "DATAVERSION":
      return dataVersion(snapshot, { field: a(0) });
    default:
      throw new Error(`No evaluator for MINERALS.${name}`);
  }
}
