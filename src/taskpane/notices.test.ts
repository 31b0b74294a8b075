import { OfficeMockObject } from "office-addin-mock";
import { indexDataset } from "../core/dataset/indexed";
import { LiveStore } from "../core/runtime/store";
import { realDataset } from "../../test/support/real-dataset";
import { readCalculationMode } from "./excel-actions";
import { calculationModeNotice, showRestoreWaitNotice, watchCalculationMode } from "./notices";

/** Excel's manual calculation mode, which holds back live formula updates, read through a mocked Excel. */
const globals = globalThis as unknown as { Excel?: unknown };
afterEach(() => {
  delete globals.Excel;
});

function excelInMode(mode: string) {
  const mock = new OfficeMockObject({
    context: { workbook: { application: { calculationMode: mode } } },
    run: async function (this: any, callback: (context: unknown) => Promise<unknown>) {
      return callback(this.context);
    },
  });
  globals.Excel = mock;
  return mock as any;
}

/** The notice element as showMessage uses it: text, tone and hidden. */
function noticeElement() {
  return { textContent: "", dataset: {}, hidden: true } as unknown as HTMLElement;
}

test.each(["Manual", "Automatic", "AutomaticExceptTables"])(
  "Excel in %s mode is read as such",
  async (mode) => {
    excelInMode(mode);
    await expect(readCalculationMode()).resolves.toBe(mode);
  }
);

test("outside Excel there is no mode and no notice", async () => {
  await expect(readCalculationMode()).resolves.toBeNull();
  expect(calculationModeNotice(null)).toBeNull();
});

test("in manual mode the pane says formulas wait for a recalculation; in automatic mode it says nothing", async () => {
  const excel = excelInMode("Manual");
  const store = new LiveStore(indexDataset(realDataset()));
  const notice = noticeElement();
  await watchCalculationMode(store, notice);
  expect(notice.hidden).toBe(false);
  expect(notice.textContent).toBe(
    "Excel is set to manual calculation: =MINERALS formulas do not show a new dataset (after a refresh, an import or a revert) until you recalculate (F9, or Formulas > Calculate Now)."
  );

  // Switched back to automatic: the next dataset change finds out and the notice goes.
  excel.context.workbook.application.calculationMode = "Automatic";
  const checked = new Promise<void>((resolve) => {
    const hidden = () => (notice.hidden ? resolve() : setImmediate(hidden));
    setImmediate(hidden);
  });
  store.replace(indexDataset(realDataset()), { kind: "bundled" });
  await checked;
  expect(notice.textContent).toBe("");
});

describe("start-up wait for the saved copy", () => {
  test("cut short: the pane says formulas answer from the bundled dataset, until the saved copy is in use", async () => {
    const notice = noticeElement();
    let restored!: () => void;
    const restoration = new Promise<void>((resolve) => (restored = resolve));
    const shown = showRestoreWaitNotice(Promise.resolve("timeout"), 10_000, restoration, notice);
    await Promise.resolve();
    await Promise.resolve();
    expect(notice.hidden).toBe(false);
    expect(notice.textContent).toBe(
      "Last session's saved dataset took longer than 10 s to verify: formulas answer from the bundled dataset until it is ready, then change to it."
    );
    restored();
    await shown;
    expect(notice.hidden).toBe(true);
  });

  test("not cut short: nothing is said", async () => {
    const notice = noticeElement();
    await showRestoreWaitNotice(Promise.resolve("settled"), 10_000, Promise.resolve(), notice);
    expect(notice.hidden).toBe(true);
    expect(notice.textContent).toBe("");
  });
});
