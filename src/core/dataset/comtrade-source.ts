import { Flow, FLOWS, Source } from "./dataset";

/** How many names a title lists before "and N more". */
const TITLE_LIST_LIMIT = 4;

/** What a Comtrade file holds, gathered row by row for its source row's title. */
export class ComtradeSummary {
  private readonly reporters = new Set<string>();
  private readonly flows = new Set<Flow>();
  private readonly codes = new Set<string>();
  private readonly classifications = new Set<string>();
  private first: string | null = null;
  private last: string | null = null;
  rows = 0;

  add(row: {
    reporter: string;
    flow: Flow;
    code: string;
    period: string;
    classification: string;
  }): void {
    this.rows++;
    this.reporters.add(row.reporter);
    this.flows.add(row.flow);
    this.codes.add(row.code);
    if (row.classification !== "") this.classifications.add(row.classification);
    if (this.first === null || row.period < this.first) this.first = row.period;
    if (this.last === null || row.period > this.last) this.last = row.period;
  }

  /** "China; exports, re-exports; HS 850511; 2024-01 to 2024-12" */
  title(): string {
    const span =
      this.first === null
        ? "no rows"
        : this.first === this.last
          ? this.first
          : `${this.first} to ${this.last}`;
    // Sorted, so a file's title does not depend on the order its rows were read in.
    return [
      listed([...this.reporters].sort()),
      FLOWS.filter((f) => this.flows.has(f))
        .map((f) => `${f}s`)
        .join(", "),
      `HS ${listed([...this.codes].sort())}`,
      span,
    ].join("; ");
  }

  classification(): string {
    return this.classifications.size === 0
      ? "unstated"
      : [...this.classifications].sort().join(", ");
  }
}

function listed(names: string[]): string {
  if (names.length <= TITLE_LIST_LIMIT) return names.join(", ");
  return `${names.slice(0, TITLE_LIST_LIMIT).join(", ")} and ${names.length - TITLE_LIST_LIMIT} more`;
}

/** Where and when a Comtrade file was obtained (the data folder's `comtrade/retrieved.csv` row). */
export interface ComtradeRetrieval {
  /** `YYYY-MM-DD`: Comtrade revises figures, so the retrieval date dates them. */
  retrieved: string;
  url: string | null;
}

export const COMTRADE_PUBLISHER = "United Nations Comtrade";

/** The source row a Comtrade file's figures cite. */
export function comtradeSource(
  sourceId: string,
  fileName: string,
  summary: ComtradeSummary,
  retrieval: ComtradeRetrieval
): Source {
  return {
    source_id: sourceId,
    publisher: COMTRADE_PUBLISHER,
    title: `UN Comtrade: ${summary.title()}`,
    published: retrieval.retrieved,
    origin: `UN Comtrade database, classification ${summary.classification()}; file ${fileName}, retrieved ${retrieval.retrieved}`,
    url: retrieval.url,
  };
}

/** A file's source id: `comtrade-` and its name without extension, in lower case. */
export function comtradeSourceId(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  return `comtrade-${base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}`;
}
