/**
 * Refresh: 10,000 live EXPORT formula invocations bound to a LiveStore with bindLiveCell as the
 * functions layer binds them (exportValue, errors caught, toExcel; each invocation counts what it
 * is sent), then `store.replace` with a new dataset. Timed from the call to replace until it returns, by which time every listener has
 * recomputed its cell and every changed value has been delivered (delivery is synchronous).
 *
 * Two swaps: a dataset in which every figure changed (every hit cell gets a new value) and an
 * identical copy (every cell recomputes, none is sent anything): the first is the worst case, the
 * second the cost of recomputing alone.
 */
// Excel's CustomFunctions.Error, as the jest setup provides it, for toExcel.
import "../test/setup/custom-functions-runtime";
import { Dataset } from "../src/core/dataset/dataset";
import { exportValue } from "../src/core/queries/exports";
import { IndexedDataset, indexDataset } from "../src/core/dataset/indexed";
import { bindLiveCell, LiveCell } from "../src/core/runtime/live";
import { QueryError } from "../src/core/queries/query-error";
import { LiveStore } from "../src/core/runtime/store";
import { toExcel } from "../src/functions/functions";
import { LIVE_CELLS, REFRESH_REPEATS } from "./defaults";
import { cpuMs, median } from "./measure";
import { exportQueries } from "./queries";

export interface RefreshResult {
  size: number;
  cells: number;
  /** Median ms for store.replace with every figure changed, values delivered. */
  changedMs: number;
  changedCpuMs: number;
  /** setResult calls during one changed swap. */
  delivered: number;
  /** Median ms for store.replace with identical content (recompute, nothing sent). */
  unchangedMs: number;
  /** Time to bind the 10,000 cells (first results sent). */
  bindMs: number;
  runs: number;
}

/** The same dataset with every quantity changed. */
function changed(dataset: Dataset): Dataset {
  return {
    ...dataset,
    version: `${dataset.version}-changed`,
    exports: dataset.exports.map((o) => ({ ...o, quantity: o.quantity + 1 })),
  };
}

export function runRefresh(
  dataset: Dataset,
  data: IndexedDataset = indexDataset(dataset)
): RefreshResult {
  const next = indexDataset(changed(dataset));
  const same = indexDataset(structuredClone(dataset));
  const store = new LiveStore(data);
  const queries = exportQueries(data, LIVE_CELLS);
  let delivered = 0;
  const bindStart = performance.now();
  for (const q of queries) {
    const cell: LiveCell<unknown> = { setResult: () => delivered++ };
    bindLiveCell(
      store,
      cell,
      (snapshot) => {
        try {
          return exportValue(snapshot.data, q.args);
        } catch (error) {
          return new QueryError("invalidValue", `Unexpected error: ${(error as Error).message}`);
        }
      },
      toExcel
    );
  }
  const bindMs = performance.now() - bindStart;
  if (store.listenerCount !== queries.length) throw new Error("not every cell subscribed");

  const changedRuns: number[] = [];
  const changedCpu: number[] = [];
  const unchangedRuns: number[] = [];
  let deliveredPerSwap = 0;
  // Alternate: data → next (all change), next → data (all change back), then identical copies.
  for (let i = 0; i < REFRESH_REPEATS; i++) {
    const target = i % 2 === 0 ? next : data;
    delivered = 0;
    const c = cpuMs();
    const t = performance.now();
    store.replace(target, { kind: "file", name: "synthetic.json" });
    changedRuns.push(performance.now() - t);
    changedCpu.push(cpuMs() - c);
    deliveredPerSwap = delivered;
  }
  // The store now holds `data` (an odd number of swaps ends on `next`; settle on data first).
  if (store.current.data !== data) store.replace(data, { kind: "bundled" });
  for (let i = 0; i < REFRESH_REPEATS; i++) {
    const target = i % 2 === 0 ? same : data;
    delivered = 0;
    const t = performance.now();
    store.replace(target, { kind: "file", name: "synthetic.json" });
    unchangedRuns.push(performance.now() - t);
    if (delivered !== 0) throw new Error("an identical dataset sent new values");
  }
  return {
    size: dataset.exports.length,
    cells: queries.length,
    changedMs: median(changedRuns),
    changedCpuMs: median(changedCpu),
    delivered: deliveredPerSwap,
    unchangedMs: median(unchangedRuns),
    bindMs,
    runs: REFRESH_REPEATS,
  };
}
