/**
 * Small DOM helpers for the pane. Dataset and file text only ever goes in through textContent:
 * nothing here (or anywhere in the pane) writes HTML.
 */

/** The element with this id; a missing one is a broken page, reported by name. */
export function byId<T extends HTMLElement = HTMLElement>(
  id: string,
  root: Document = document
): T {
  const element = root.getElementById(id);
  if (!element) throw new Error(`The task pane has no element #${id}.`);
  return element as T;
}

export type Tone = "success" | "info" | "warning" | "error";

/** Shows a message (or hides the element when the text is empty), with a tone for its colour. */
export function showMessage(element: HTMLElement, text: string, tone: Tone = "info"): void {
  element.textContent = text;
  element.dataset.tone = tone;
  element.hidden = text === "";
}

/** Fills a list with one item per line of text, at most `max` of them and a last "… more" item. */
export function fillList(list: HTMLElement, lines: string[], max = 200): void {
  list.replaceChildren();
  for (const line of lines.slice(0, max)) {
    const item = list.ownerDocument.createElement("li");
    item.textContent = line;
    list.appendChild(item);
  }
  if (lines.length > max) {
    const more = list.ownerDocument.createElement("li");
    more.textContent = `… and ${lines.length - max} more`;
    list.appendChild(more);
  }
  list.hidden = lines.length === 0;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** A local time as "2026-11-22 14:05", the same in every locale. */
export function formatTime(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** "812 bytes", "156 KB", "2.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Runs one data action at a time (refresh, import, revert): while one runs, the controls that start
 * the others are disabled, so two swaps can never race.
 */
export class Busy {
  private running = false;

  /** `onStart` runs as an action starts: it clears what earlier actions said, now out of date. */
  constructor(
    private readonly controls: (HTMLButtonElement | HTMLInputElement)[],
    private readonly onStart: () => void = () => undefined
  ) {}

  get active(): boolean {
    return this.running;
  }

  async run<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (this.running) return undefined;
    this.running = true;
    for (const control of this.controls) control.disabled = true;
    this.onStart();
    try {
      return await action();
    } finally {
      this.running = false;
      for (const control of this.controls) control.disabled = false;
    }
  }
}
