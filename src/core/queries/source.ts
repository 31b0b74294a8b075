import { isMissing } from "./arguments";
import {
  Citation,
  CITATION_FIELDS,
  CitationField,
  citationField,
  citationLine,
  parseCitationField,
} from "./citation";
import { Source } from "../dataset/dataset";
import { ExportArguments, ExportFigure, findExport } from "./exports";
import { IndexedDataset } from "../dataset/indexed";
import { describe, latestNote, quoted } from "./period";
import { invalid, isQueryError, notAvailable, QueryError } from "./query-error";

/**
 * SOURCE(commodity, partner, period, [field]) — the citation of the figure EXPORT returns — and the
 * `field` argument every figure formula (PRODUCTION, RESERVES, INDICATOR, FORECAST) ends with.
 */

/** `value` (the figure itself) or one of the citation fields. */
export type FigureField = "value" | CitationField;

export const FIGURE_FIELDS: readonly FigureField[] = ["value", ...CITATION_FIELDS];

/** Reads a figure formula's `field` argument: empty or "value" means the figure itself. */
export function parseFigureField(value: unknown): FigureField | QueryError {
  if (isMissing(value)) return "value";
  const hint = `use one of ${FIGURE_FIELDS.join(", ")}`;
  if (typeof value !== "string")
    return invalid(`Cannot read ${describe(value)} as a field; ${hint}.`);
  if (value.trim().toLowerCase() === "value") return "value";
  const field = parseCitationField(value);
  return isQueryError(field) ? invalid(`Unknown field ${quoted(value)}; ${hint}.`) : field;
}

/** A figure found by a formula, with where it comes from (an error when its source is unknown). */
export interface CitedFigure<V extends number | string> {
  /** The figure, or #N/A when the source gives a row but no number (USGS `W`, `NA`). */
  value: V | QueryError;
  citation: Citation | QueryError;
  /** What the source printed instead of, or with, the number (a USGS code or bound), if anything. */
  code?: string | null;
}

/**
 * A figure formula's cell: the value, or the requested citation field. Errors keep argument order and
 * #VALUE! wins over #N/A: an unreadable argument before `field` comes first, then an unreadable
 * `field`, then "nothing reported".
 */
export function figureResult<V extends number | string>(
  found: CitedFigure<V> | QueryError,
  fieldArgument: unknown
): V | string | QueryError {
  if (isQueryError(found) && found.code === "invalidValue") return found;
  const field = parseFigureField(fieldArgument);
  if (isQueryError(field)) return field;
  if (isQueryError(found)) return found;
  if (field === "value") return found.value;
  return isQueryError(found.citation) ? found.citation : citationField(found.citation, field);
}

/** The dataset's source for a source_id; #N/A when a dataset refers to a source it does not list. */
export function sourceOf(data: IndexedDataset, sourceId: string): Source | QueryError {
  return (
    data.sources.get(sourceId) ??
    notAvailable(`The source '${sourceId}' of this figure is not in the dataset's sources.`)
  );
}

/** A citation whose period "latest" chose: the qualifier says which period that was. */
export function withLatestNote<C extends { qualifier: string | null }>(
  citation: C | QueryError,
  label: string | undefined
): C | QueryError {
  if (label === undefined || isQueryError(citation)) return citation;
  const note = latestNote(label);
  return { ...citation, qualifier: citation.qualifier ? `${note}; ${citation.qualifier}` : note };
}

/** The citation of a row: its source, its note, and what qualifies the number. */
export function citationOf(
  data: IndexedDataset,
  sourceId: string,
  note: string | null,
  qualifier: string | null
): Citation | QueryError {
  const source = sourceOf(data, sourceId);
  return isQueryError(source) ? source : { source, note, qualifier };
}

/**
 * The citation of an EXPORT figure: one source, or for a span total the distinct sources of its
 * months (in month order), with every month's note and a qualifier saying it is a total.
 */
export interface ExportCitation {
  sources: Source[];
  note: string | null;
  qualifier: string | null;
}

export function exportCitation(
  data: IndexedDataset,
  figure: ExportFigure
): ExportCitation | QueryError {
  const sources: Source[] = [];
  for (const row of figure.rows) {
    const source = sourceOf(data, row.source_id);
    if (isQueryError(source)) return source;
    if (!sources.includes(source)) sources.push(source);
  }
  if (figure.period.kind === "month") {
    const qualifier = figure.latest ? latestNote(figure.period.label) : null;
    return { sources, note: figure.rows[0].note, qualifier };
  }
  const notes = figure.rows.filter((r) => r.note).map((r) => `${r.period}: ${r.note}`);
  return {
    sources,
    note: notes.length > 0 ? notes.join("; ") : null,
    qualifier: `total of ${figure.rows.length} reported months`,
  };
}

/** One field of an EXPORT citation; several sources give their distinct values joined by " | ". */
export function exportCitationField(citation: ExportCitation, field: CitationField): string {
  const { sources, note, qualifier } = citation;
  if (sources.length === 1) return citationField({ source: sources[0], note, qualifier }, field);
  switch (field) {
    case "citation": {
      const lines = sources.map((source) => citationLine({ source, note: null, qualifier: null }));
      return `${qualifier ? `${qualifier}: ` : ""}${lines.join(" | ")}`;
    }
    case "note":
      return note ?? "";
    case "qualifier":
      return qualifier ?? "";
    default: {
      const values = sources.map((source) => citationField({ source, note, qualifier }, field));
      return [...new Set(values.filter((v) => v !== ""))].join(" | ");
    }
  }
}

export interface SourceArguments {
  commodity: unknown;
  partner: unknown;
  period: unknown;
  field?: unknown;
  /** Exporting country, as in EXPORT. Default: China. */
  reporter?: unknown;
}

/** SOURCE's cell: the one-line citation, or one field of it; EXPORT's error when EXPORT has no figure. */
export function sourceText(data: IndexedDataset, args: SourceArguments): string | QueryError {
  const exportArgs: ExportArguments = {
    commodity: args.commodity,
    partner: args.partner,
    period: args.period,
    reporter: args.reporter,
  };
  const figure = findExport(data, exportArgs);
  if (isQueryError(figure) && figure.code === "invalidValue") return figure;
  const field = parseCitationField(args.field);
  if (isQueryError(field)) return field;
  if (isQueryError(figure)) return figure;
  const citation = exportCitation(data, figure);
  return isQueryError(citation) ? citation : exportCitationField(citation, field);
}
