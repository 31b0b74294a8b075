/** Browse and insert bring their own stylesheet (served next to taskpane.html); added once. */
export const STYLESHEET = "browse.css";

export function ensureStylesheet(href = STYLESHEET): void {
  const present = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some(
    (link) => link.getAttribute("href") === href
  );
  if (present) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.append(link);
}
