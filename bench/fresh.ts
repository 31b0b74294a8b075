import { ExportArguments } from "../src/core/queries/exports";
import { SeriesArguments } from "../src/core/queries/series";

/**
 * Fresh argument strings, as Excel's runtime delivers them: every call gets new string objects, so
 * a lookup pays for hashing the text it is given (a reused constant has its hash cached by V8 after
 * the first call, which would flatter every memo). Numbers pass as they are.
 */
export function freshText<T>(value: T): T {
  // A new string with the same text: concatenation then slice allocates a string whose hash is
  // not yet computed.
  return (typeof value === "string" ? `${value}\u0000`.slice(0, -1) : value) as T;
}

/** EXPORT's arguments with every string built anew (one object shape, as a workbook's calls have). */
export function freshExportArguments(args: ExportArguments): ExportArguments {
  return {
    commodity: freshText(args.commodity),
    partner: freshText(args.partner),
    period: freshText(args.period),
    unit: freshText(args.unit),
    reporter: freshText(args.reporter),
  };
}

/** SERIES's arguments with every string built anew. */
export function freshSeriesArguments(args: SeriesArguments): SeriesArguments {
  return {
    commodity: freshText(args.commodity),
    partner: freshText(args.partner),
    start: freshText(args.start),
    end: freshText(args.end),
    headers: freshText(args.headers),
    unit: freshText(args.unit),
  };
}
