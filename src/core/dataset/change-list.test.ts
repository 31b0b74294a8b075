import { formatTwoBundle } from "../../../test/support/format-two";
import { realDataset } from "../../../test/support/real-dataset";
import { ChangeGroup, figureChanges, listChanges, listChangesInSlices } from "./change-list";
import { loadManifestBundle } from "./manifest-load";

test("figures added, changed and removed, grouped by series, as the dataset states them", () => {
  const before = realDataset();
  const after = realDataset();
  const nov = after.exports.find(
    (o) => o.commodity === "magnets" && o.partner === "US" && o.period === "2025-11"
  )!;
  nov.quantity = 600;
  after.exports.push({ ...nov, period: "2025-12", quantity: 700 });
  after.exports = after.exports.filter(
    (o) => !(o.commodity === "magnets" && o.partner === "US" && o.period === "2025-06")
  );
  const groups = figureChanges(before, after);
  expect(groups).toEqual([
    {
      series: "magnets CN → US exports",
      changes: [
        { period: "2025-06", before: "353 t", after: null },
        { period: "2025-11", before: "582 t", after: "600 t" },
        { period: "2025-12", before: null, after: "700 t" },
      ],
    },
  ]);
  expect(figureChanges(before, realDataset())).toEqual([]);
});

test("a changed note or source with the same figure says so", () => {
  const after = realDataset();
  after.exports[0].note = "corrected";
  const [group] = figureChanges(realDataset(), after);
  expect(group.changes[0].after).toMatch(/\(source or note changed\)$/);
});

test("the first changes of a long list are those of the whole list, and the rest are counted", async () => {
  const before = realDataset();
  const after = realDataset();
  after.exports = after.exports.map((o, i) =>
    i % 3 === 0 ? { ...o, quantity: o.quantity + 1 } : o
  );
  after.exports.splice(1, 2);
  after.forecasts.splice(0, 1);
  const v2 = [
    await loadManifestBundle(formatTwoBundle(before)),
    await loadManifestBundle(formatTwoBundle(after)),
  ];
  const whole = figureChanges(before, after);
  const flat = (groups: ChangeGroup[]) =>
    groups.flatMap((g) => g.changes.map((c) => ({ series: g.series, ...c })));
  for (const listed of [0, 1, 5, 12, Infinity]) {
    for (const [from, to] of [
      [before, after],
      [v2[0], v2[1]],
    ] as const) {
      const list = listChanges(from, to, listed);
      expect(list.total).toBe(flat(whole).length);
      expect(flat(list.groups)).toEqual(flat(whole).slice(0, listed));
    }
  }
});

test("the change list in slices (a task each) is the change list at once; Cancel stops it", async () => {
  const before = realDataset();
  const after = realDataset();
  after.exports = after.exports.map((o, i) =>
    i % 2 === 0 ? { ...o, quantity: o.quantity * 2 } : o
  );
  after.exports.splice(3, 4);
  after.indicators.splice(0, 1);
  const [from, to] = [
    await loadManifestBundle(formatTwoBundle(before)),
    await loadManifestBundle(formatTwoBundle(after)),
  ];
  for (const listed of [0, 7, Infinity]) {
    for (const sliceRows of [1, 3, 100_000]) {
      expect(await listChangesInSlices(from, to, listed, undefined, sliceRows)).toEqual(
        listChanges(from, to, listed)
      );
    }
  }
  const cancel = new AbortController();
  const counting = listChangesInSlices(from, to, 30, cancel.signal, 1);
  cancel.abort();
  await expect(counting).rejects.toThrow();
});
