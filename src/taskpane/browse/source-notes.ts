/**
 * A figure's source note: publisher, title, publication date, origin, the row's own note, what
 * qualifies the figure, and the link (only an http(s) address becomes a link; it opens outside the
 * pane with rel="noopener noreferrer"). All of it dataset text, all of it rendered as text.
 */
import { Source } from "../../core/dataset/dataset";
import { externalLink, h } from "./dom";

export function sourceNote(
  source: Source | undefined,
  sourceId: string,
  note: string | null,
  qualifier: string | null
): HTMLElement {
  const list = h("dl", { class: "mfe-source" });
  const row = (term: string, value: Node | string | null | undefined) => {
    if (value === null || value === undefined || value === "") return;
    list.append(h("dt", {}, term), h("dd", {}, value));
  };
  if (!source) {
    row("Source", `'${sourceId}' (not in the dataset's sources)`);
  } else {
    row("Publisher", source.publisher);
    row("Title", source.title);
    row("Published", source.published);
    row("Origin", source.origin);
  }
  row("Note", note);
  row("Qualifier", qualifier);
  if (source?.url) row("Link", externalLink(source.url));
  return list;
}
