/**
 * The only way browse and insert build DOM: elements from fixed tag names, text through text nodes,
 * attributes through setAttribute. No innerHTML, no dataset text in a tag or attribute name, and
 * no dataset text in an href unless it is an http(s) address (safeHttpUrl).
 */
import { safeHttpUrl } from "./format";

export type Child = Node | string | number | null | undefined | false;

export interface Props {
  class?: string;
  /** Attribute name → value; names are fixed strings in the code, values may be dataset text. */
  attrs?: Record<string, string | undefined>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

export const SVG_NS = "http://www.w3.org/2000/svg";

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | undefined> = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Element, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** A link that opens outside the pane, or plain text when the address is not http(s). */
export function externalLink(address: string | null | undefined, label?: string): Node {
  const href = safeHttpUrl(address);
  if (href === undefined) return document.createTextNode(address ?? "");
  return h(
    "a",
    { attrs: { href, target: "_blank", rel: "noopener noreferrer" } },
    label ?? address ?? ""
  );
}

/** Text with each date or month in it ("2023-08-01", "2025-11") kept on one line. */
export function keepDatesTogether(text: string): Node[] {
  const nodes: Node[] = [];
  let last = 0;
  for (const match of text.matchAll(/\d{4}-\d{2}(?:-\d{2})?/g)) {
    const at = match.index ?? 0;
    if (at > last) nodes.push(document.createTextNode(text.slice(last, at)));
    nodes.push(h("span", { class: "mfe-nowrap" }, match[0]));
    last = at + match[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

/** Removes every child of an element. */
export function clear(element: Element): void {
  while (element.firstChild) element.firstChild.remove();
}
