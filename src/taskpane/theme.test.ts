import { applyTheme, followOfficeTheme, luminance, officeThemeName } from "./theme";

/** The part of an element the theme touches. */
const root = () => ({ dataset: {} as Record<string, string> }) as unknown as HTMLElement;

test("dark when Office paints the body dark; light when light; nothing usable says nothing", () => {
  expect(officeThemeName({ bodyBackgroundColor: "#262626" })).toBe("dark");
  expect(officeThemeName({ bodyBackgroundColor: "#000" })).toBe("dark");
  expect(officeThemeName({ bodyBackgroundColor: "#FFFFFF" })).toBe("light");
  expect(officeThemeName({ bodyBackgroundColor: "#E6E6E6" })).toBe("light");
  expect(officeThemeName({ bodyBackgroundColor: "rgb(0,0,0)" })).toBeUndefined();
  expect(officeThemeName(undefined)).toBeUndefined();
  expect(luminance("#ffffff")).toBeCloseTo(1, 6);
  expect(luminance("#000000")).toBe(0);
});

test("applyTheme sets or clears data-theme", () => {
  const element = root();
  applyTheme(element, "dark");
  expect(element.dataset.theme).toBe("dark");
  applyTheme(element, undefined);
  expect(element.dataset.theme).toBeUndefined();
});

test("follows Office's theme now, on OfficeThemeChanged, and when the pane regains focus", () => {
  const element = root();
  let handler: ((event: { officeTheme?: { bodyBackgroundColor?: string } }) => void) | undefined;
  let onFocus: (() => void) | undefined;
  const office = {
    EventType: { OfficeThemeChanged: "officeThemeChanged" },
    context: {
      officeTheme: { bodyBackgroundColor: "#ffffff" },
      document: {
        addHandlerAsync: (type: unknown, h: typeof handler) => {
          expect(type).toBe("officeThemeChanged");
          handler = h;
        },
      },
    },
  };
  const win = {
    addEventListener: (_: string, f: () => void) => (onFocus = f),
  } as unknown as Window;
  followOfficeTheme(office, element, win);
  expect(element.dataset.theme).toBe("light");
  handler?.({ officeTheme: { bodyBackgroundColor: "#1f1f1f" } });
  expect(element.dataset.theme).toBe("dark");
  office.context.officeTheme = { bodyBackgroundColor: "#fafafa" };
  onFocus?.();
  expect(element.dataset.theme).toBe("light");
});
