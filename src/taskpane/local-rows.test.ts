import { realDataset } from "../../test/support/real-dataset";
import {
  dropQuestion,
  importedComtradeSources,
  localRows,
  localRowsWarning,
  recordImport,
} from "./local-rows";
import { memoryStore } from "./settings";

test("imported rows are counted across imports and survive as long as the dataset they made", () => {
  const settings = memoryStore();
  const bundled = realDataset();
  expect(localRows(settings, bundled)).toBe(0);
  const first = { ...realDataset(), version: `${bundled.version}+local`, hash: "h1" };
  first.exports = [...first.exports, { ...first.exports[0], period: "2030-01" }];
  recordImport(settings, bundled, first, { rows: 1 });
  expect(localRows(settings, first)).toBe(1);
  const second = {
    ...first,
    hash: "h2",
    exports: [...first.exports, { ...first.exports[0], period: "2030-02" }],
  };
  recordImport(settings, first, second, { rows: 1 });
  expect(localRows(settings, second)).toBe(2);
  // A local dataset whose count was not recorded here: marked, count unknown.
  expect(localRows(settings, { ...second, hash: "other" })).toBeNull();
});

test("the question says how many rows and what happens to them", () => {
  expect(dropQuestion("refresh", 3)).toBe(
    "The dataset in use has 3 rows imported from a file. A refresh replaces the whole dataset: they will be dropped (import the file again afterwards to keep them)."
  );
  expect(dropQuestion("revert", null)).toMatch(
    /^The dataset in use has rows imported from a file\. Reverting replaces/
  );
});

test("the status line's warning", () => {
  expect(localRowsWarning(0)).toBe("");
  expect(localRowsWarning(1)).toBe("1 imported row");
  expect(localRowsWarning(4)).toBe("4 imported rows");
  expect(localRowsWarning(null)).toBe("imported rows");
});

test("imported Comtrade files are recorded with the dataset they made, added and removed", () => {
  const settings = memoryStore();
  const bundled = realDataset();
  const one = { ...bundled, version: `${bundled.version}+local`, hash: "h1" };
  recordImport(settings, bundled, one, { rows: 12, comtradeSource: "comtrade-cn" });
  const two = { ...one, hash: "h2" };
  recordImport(settings, one, two, { rows: 3, comtradeSource: "comtrade-jp" });
  expect(importedComtradeSources(settings, two)).toEqual(["comtrade-cn", "comtrade-jp"]);
  expect(localRows(settings, two)).toBe(15);
  const three = { ...two, hash: "h3" };
  recordImport(settings, two, three, { rows: -12, comtradeSource: "comtrade-cn", removed: true });
  expect(importedComtradeSources(settings, three)).toEqual(["comtrade-jp"]);
  expect(localRows(settings, three)).toBe(3);
  // Another dataset (a refresh, another device's copy): nothing recorded for it.
  expect(importedComtradeSources(settings, { ...three, hash: "other" })).toEqual([]);
});
