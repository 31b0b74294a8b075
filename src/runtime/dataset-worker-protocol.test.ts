import { FeedError } from "../core/dataset/feed";
import { preparePayload } from "../core/dataset/prepare-payload";
import { indexPrepared } from "../core/dataset/prepared";
import { DatasetError, NewerFormatError } from "../core/dataset/validate";
import { exportValue } from "../core/queries/exports";
import { receivedError, WorkerReply } from "./dataset-worker-protocol";
import { sentError, transfersOf } from "./dataset-worker-replies";
import { formatTwoBundle } from "../../test/support/format-two";
import { realDataset } from "../../test/support/real-dataset";

/** What crosses between the pane's thread and the dataset worker, crossed as postMessage does it. */

test("errors cross as data and arrive as their own classes, with every problem", () => {
  const cross = (error: unknown) => receivedError(structuredClone(sentError(error)));
  const refused = cross(new DatasetError(["/exports/3/quantity: not a number", "/sources/0: x"]));
  expect(refused).toBeInstanceOf(DatasetError);
  expect((refused as DatasetError).problems).toEqual([
    "/exports/3/quantity: not a number",
    "/sources/0: x",
  ]);
  const newer = cross(new NewerFormatError("format_version 3"));
  expect(newer).toBeInstanceOf(NewerFormatError);
  expect(newer.message).toBe("Invalid dataset: format_version 3");
  const other = cross(new RangeError("out of memory"));
  expect(other).toBeInstanceOf(Error);
  expect(other.message).toBe("out of memory");
  // A FeedError keeps its failure kind; the feed's client (feed-worker.ts) makes it a FeedError again.
  expect(structuredClone(sentError(new FeedError("timeout", "late")))).toEqual({
    name: "FeedError",
    failure: "timeout",
    message: "late",
  });
});

test("a prepared format 2 dataset crosses without copying its columns, and answers as loaded here", async () => {
  const dataset = realDataset();
  const prepared = await preparePayload(formatTwoBundle(dataset));
  const reply: WorkerReply = { kind: "prepared", prepared };
  const transfer = transfersOf(reply);
  expect(transfer.length).toBeGreaterThan(0);
  const quantity = prepared.trade.quantity;
  const received = structuredClone(reply, { transfer }) as typeof reply;
  // Transferred: the sender's arrays are detached, not copied.
  expect(quantity.byteLength).toBe(0);
  expect(received.prepared.trade.seriesLayout).toBeDefined();
  const data = indexPrepared(received.prepared);
  for (const o of dataset.exports)
    expect(
      exportValue(data, { commodity: o.commodity, partner: o.partner, period: o.period })
    ).toBe(o.quantity);
});
