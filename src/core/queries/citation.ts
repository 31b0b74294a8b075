import { isMissing } from "./arguments";
import { Source } from "../dataset/dataset";
import { describe, quoted } from "./period";
import { invalid, QueryError } from "./query-error";

/**
 * Where a figure comes from: its source document plus what the row itself says (note, qualifier).
 * Every formula that returns a figure can return one of these fields instead (the `field` argument),
 * so any cell can be cited with a formula next to it.
 */
export interface Citation {
  source: Source;
  /** The row's own note (and, for a span total, every month's note). */
  note: string | null;
  /** What qualifies the number: "approximate", "reported, not computed", a USGS code (W, NA, —, >, <), or null. */
  qualifier: string | null;
}

export const CITATION_FIELDS = [
  "citation",
  "publisher",
  "title",
  "date",
  "origin",
  "note",
  "url",
  "qualifier",
  "source_id",
] as const;
export type CitationField = (typeof CITATION_FIELDS)[number];

/** One line naming publisher, title, publication date and origin, plus the qualifier when there is one. */
export function citationLine(citation: Citation): string {
  const { source } = citation;
  const parts = [source.publisher, `"${source.title}"`, source.published, source.origin];
  if (citation.qualifier) parts.push(citation.qualifier);
  return parts.join(", ");
}

/** Reads the `field` argument: empty means the one-line citation. */
export function parseCitationField(value: unknown): CitationField | QueryError {
  if (isMissing(value)) return "citation";
  if (typeof value !== "string") {
    return invalid(
      `Cannot read ${describe(value)} as a field; use one of ${CITATION_FIELDS.join(", ")}.`
    );
  }
  const field = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
  const known = (CITATION_FIELDS as readonly string[]).includes(field)
    ? (field as CitationField)
    : undefined;
  if (known) return known;
  if (field === "published") return "date";
  if (field === "source" || field === "line") return "citation";
  return invalid(`Unknown field ${quoted(value)}; use one of ${CITATION_FIELDS.join(", ")}.`);
}

/** The text of one citation field; an absent note, url or qualifier is an empty string, not an error. */
export function citationField(citation: Citation, field: CitationField): string {
  switch (field) {
    case "citation":
      return citationLine(citation);
    case "publisher":
      return citation.source.publisher;
    case "title":
      return citation.source.title;
    case "date":
      return citation.source.published;
    case "origin":
      return citation.source.origin;
    case "note":
      return citation.note ?? "";
    case "url":
      return citation.source.url ?? "";
    case "qualifier":
      return citation.qualifier ?? "";
    case "source_id":
      return citation.source.source_id;
  }
}
