import { realDataset } from "../../../test/support/real-dataset";
import { figureChanges } from "./diff";

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
