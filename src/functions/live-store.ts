import bundled from "../../build/minerals.json";
import { Dataset } from "../core/dataset";
import { indexDataset } from "../core/indexed";
import { LiveStore } from "../core/store";

/**
 * The live store the functions and the task pane share (one module instance in the shared runtime).
 * It starts with the dataset embedded in this bundle, compiled and validated at build time, so the
 * functions answer offline on first load.
 */
export const store = new LiveStore(indexDataset(bundled as unknown as Dataset), {
  kind: "bundled",
});
