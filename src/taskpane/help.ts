/**
 * Help: every formula with a line saying what it does and its arguments (read from functions.json,
 * the metadata Excel registers, so the list is never a copy), the add-in's version, and a link to
 * the formula reference.
 */
import { h } from "./browse/dom";
import { ENTITY_CARDS_REQUIREMENT, Support } from "../runtime/host";

declare const __ADDIN_VERSION__: string | undefined;

/** The add-in's version (the manifest's), set at build time. */
export const ADDIN_VERSION =
  typeof __ADDIN_VERSION__ === "string" ? __ADDIN_VERSION__ : "development";

/** The formula reference shipped next to the pane. */
export const REFERENCE_URL = "README.md";

export interface FunctionInfo {
  id: string;
  description: string;
  parameters: { name: string; description?: string; optional?: boolean }[];
}

/** "MINERALS.EXPORT(commodity, partner, period, [unit], [reporter])". */
export function signature(info: FunctionInfo): string {
  const args = info.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name));
  return `MINERALS.${info.id}(${args.join(", ")})`;
}

/** Reads functions.json's `functions`, keeping only well-formed entries. */
export function readFunctions(json: unknown): FunctionInfo[] {
  const list = (json as { functions?: unknown })?.functions;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (f): f is FunctionInfo =>
      typeof f?.id === "string" &&
      typeof f?.description === "string" &&
      Array.isArray(f?.parameters)
  );
}

/** What Help says about commodity cards, from the host's requirement sets. */
export function cardSupportText(support: Support): string {
  switch (support) {
    case "supported":
      return 'This Excel shows commodity cards: =MINERALS.COMMODITY("gallium") in A1, then =A1.Production reads a field.';
    case "unsupported":
      return `This Excel cannot show commodity cards (MINERALS.COMMODITY needs ${ENTITY_CARDS_REQUIREMENT}); every figure on a card is also returned by the other formulas.`;
    case "unknown":
      return `MINERALS.COMMODITY returns a commodity card (an Excel data type) in Excel with ${ENTITY_CARDS_REQUIREMENT}.`;
  }
}

export function renderHelp(
  root: HTMLElement,
  functions: FunctionInfo[] | Error,
  cards: Support = "unknown"
): void {
  const list = h("dl", { class: "help-list", attrs: { id: "help-functions" } });
  if (functions instanceof Error) {
    list.append(h("dd", {}, `The formula list could not be read (${functions.message}).`));
  }
  for (const info of functions instanceof Error ? [] : functions) {
    list.append(
      h("dt", {}, h("code", {}, signature(info))),
      h(
        "dd",
        {},
        info.description,
        h(
          "ul",
          { class: "help-args" },
          ...info.parameters.map((p) =>
            h(
              "li",
              {},
              h("code", {}, p.optional ? `[${p.name}]` : p.name),
              ` ${p.description ?? ""}`
            )
          )
        )
      )
    );
  }
  root.replaceChildren(
    h("h2", { attrs: { id: "help-heading" } }, "Help"),
    h(
      "p",
      {},
      `Minerals for Excel, version ${ADDIN_VERSION}. Type =MINERALS. in a cell to see the formulas; every period argument also takes "latest". `,
      h(
        "a",
        { attrs: { href: REFERENCE_URL, target: "_blank", rel: "noopener" } },
        "Formula reference"
      )
    ),
    h("p", { attrs: { id: "help-cards" } }, cardSupportText(cards)),
    h(
      "details",
      { attrs: { id: "help-details" } },
      h("summary", {}, "Formulas and their arguments"),
      list
    )
  );
}

export async function mountHelp(
  root: HTMLElement,
  fetcher: typeof fetch = fetch,
  cards: () => Promise<Support> = async () => "unknown"
): Promise<void> {
  renderHelp(root, []);
  const support = await cards();
  try {
    const response = await fetcher("functions.json");
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    renderHelp(root, readFunctions(await response.json()), support);
  } catch (error) {
    renderHelp(root, error instanceof Error ? error : new Error(String(error)), support);
  }
  root.dataset.ready = "true";
}
