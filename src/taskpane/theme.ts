/**
 * The pane follows the Office theme inside Office (Office.context.officeTheme, and its changes), and
 * the system's light or dark setting in a plain browser (prefers-color-scheme, in the stylesheet).
 * The stylesheet holds the colours; this only sets `data-theme` on the root element.
 */
export type ThemeName = "light" | "dark";

/** What the pane reads of Office's theme. */
export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
}

/** A colour's relative luminance (0 black … 1 white); undefined when it is not `#rgb` or `#rrggbb`. */
export function luminance(color: string): number | undefined {
  const hex = color.trim().replace(/^#/, "");
  const full = /^[0-9a-f]{3}$/i.test(hex) ? [...hex].map((c) => c + c).join("") : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return undefined;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const v = parseInt(full.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Dark when Office paints the pane's body dark; undefined when Office says nothing usable. */
export function officeThemeName(
  theme: OfficeThemeColors | undefined | null
): ThemeName | undefined {
  const value = theme?.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : undefined;
  if (value === undefined) return undefined;
  return value < 0.4 ? "dark" : "light";
}

/** Sets (or, with undefined, clears: the browser's setting applies) the pane's theme. */
export function applyTheme(root: HTMLElement, name: ThemeName | undefined): void {
  if (name) root.dataset.theme = name;
  else delete root.dataset.theme;
}

interface OfficeLike {
  context?: {
    officeTheme?: OfficeThemeColors;
    document?: {
      addHandlerAsync?(
        type: unknown,
        handler: (event: { officeTheme?: OfficeThemeColors }) => void,
        callback?: (result: unknown) => void
      ): void;
    };
  };
  EventType?: { OfficeThemeChanged?: unknown };
}

/**
 * Applies Office's theme now and whenever it changes: the OfficeThemeChanged event where the host
 * has it, and a fresh read when the pane regains focus where it does not.
 */
export function followOfficeTheme(
  office: OfficeLike,
  root: HTMLElement,
  win: Window = window
): void {
  const read = () => applyTheme(root, officeThemeName(office.context?.officeTheme));
  read();
  const type = office.EventType?.OfficeThemeChanged;
  try {
    if (type !== undefined)
      office.context?.document?.addHandlerAsync?.(type, (event) =>
        applyTheme(root, officeThemeName(event.officeTheme ?? office.context?.officeTheme))
      );
  } catch {
    // Hosts without the event: the focus check below still follows the theme.
  }
  win.addEventListener("focus", read);
}
