import { formatTwoBundle } from "../../../test/support/format-two";
import { realDataset } from "../../../test/support/real-dataset";
import { figureChanges } from "./change-list";
import { diffDatasets } from "./diff";
import { indexDataset } from "./indexed";
import { loadManifestBundle } from "./manifest-load";
import * as tradeRows from "./trade-rows";

afterEach(() => jest.restoreAllMocks());

test("loading format 2 and diffing it never makes the observations into exports rows", async () => {
  const materialise = jest.spyOn(tradeRows, "exportRowsFromColumns");
  const source = realDataset();
  const edited = realDataset();
  edited.exports[0].quantity += 1;
  const before = await loadManifestBundle(formatTwoBundle(source));
  const after = await loadManifestBundle(formatTwoBundle(edited));
  expect(diffDatasets(before, after)).toMatchObject({ changed: 1, identical: false });
  expect(figureChanges(before, after)).toHaveLength(1);
  expect(after.trade.length).toBe(source.exports.length);
  expect(materialise).not.toHaveBeenCalled();

  // A reader that still wants the rows gets them, made once, equal to format 1's.
  const rows = after.dataset.exports;
  expect(materialise).toHaveBeenCalledTimes(1);
  expect(after.dataset.exports).toBe(rows);
  expect(materialise).toHaveBeenCalledTimes(1);
  expect(rows).toEqual(indexDataset(edited).dataset.exports);
  // The JSON form (a download, a structured copy) holds them as a plain table.
  expect(JSON.parse(JSON.stringify(after.dataset)).exports).toEqual(rows);
  expect(structuredClone(after.dataset).exports).toEqual(rows);
});
