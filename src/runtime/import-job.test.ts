import { readFileSync } from "fs";
import { join } from "path";
import { comtradeReference } from "../dataset-build/comtrade";
import { ComtradeImportContext } from "../core/dataset/comtrade-import";
import { ImportFile, ImportOutcome, ImportPhase, prepareImportFiles } from "../core/dataset/import";
import { IndexedDataset } from "../core/dataset/indexed";
import { exportValue } from "../core/queries/exports";
import { WorkerReply } from "./dataset-worker-protocol";
import { transfersOf } from "./dataset-worker-replies";
import { runImportJob } from "./import-job";
import { importJobOf, receivedImportOutcome } from "./import-worker";
import { formatTwoBundle } from "../../test/support/format-two";
import { DATA_DIR, realDataset, realIndexed } from "../../test/support/real-dataset";

/**
 * An import job crossing to the dataset worker and back, crossed as postMessage does it (structured
 * clone with the same transfers), run by the worker's own handler (runImportJob): the outcome is
 * the one the core's import path gives in this thread, for every kind of file.
 */

const FIXTURES = join(__dirname, "..", "..", "test", "fixtures", "comtrade");
const bytes = (text: string) => new TextEncoder().encode(text);
const reference = comtradeReference(DATA_DIR);

function context(data: IndexedDataset = realIndexed()): ComtradeImportContext {
  return { data, reference, today: "2026-12-01" };
}

/** The job as the worker receives it, its outcome as the pane receives it, and the phases posted. */
async function crossed(files: ImportFile[], ctx = context()) {
  const { job, transfer } = importJobOf(files, ctx, true);
  const received = structuredClone(job, { transfer });
  // The files' bytes were handed over (a copy of them: the pane keeps its own for a fallback).
  for (const buffer of transfer) expect(buffer.byteLength).toBe(0);
  for (const f of files) expect(f.bytes.byteLength).toBeGreaterThan(0);
  const phases: ImportPhase[] = [];
  const reply: WorkerReply = {
    kind: "imported",
    outcome: await runImportJob(received, (p) => phases.push(p)),
  };
  const back = structuredClone(reply, { transfer: transfersOf(reply) }) as typeof reply;
  return { outcome: receivedImportOutcome(back.outcome), phases, sent: reply };
}

async function here(files: ImportFile[], ctx = context()): Promise<ImportOutcome> {
  return prepareImportFiles(files, ctx.data.dataset, ctx);
}

/** What the pane shows and applies: the same in both threads. */
function visible(outcome: ImportOutcome) {
  if (!outcome.ok) return outcome;
  const { data, payload, ...rest } = outcome;
  // Format 1 text: the same content (the dataset in use crosses as tables and columns, so its
  // `exports` key may come last), with the same hash, which covers the content, not the text.
  const payloadForm =
    typeof payload === "string"
      ? (JSON.parse(payload) as unknown)
      : {
          manifest: new Uint8Array(payload.manifest),
          parts: payload.parts.map((p) => ({ path: p.path, bytes: new Uint8Array(p.bytes) })),
        };
  return { ...rest, payload: payloadForm, dataset: JSON.parse(JSON.stringify(data.dataset)) };
}

test("a format 1 dataset file: read in the worker, its columns handed back, not copied", async () => {
  const dataset = realDataset();
  dataset.version = "2099.01.01";
  dataset.hash = "";
  const file = { name: "minerals.json", bytes: bytes(JSON.stringify(dataset)) };
  const { outcome, phases, sent } = await crossed([file]);
  expect(phases).toEqual(["validate"]);
  expect(outcome.ok).toBe(true);
  if (!outcome.ok || !sent.outcome.ok) return;
  expect(sent.outcome.prepared.trade.quantity.byteLength).toBe(0);
  expect(outcome.data.dataset.version).toBe("2099.01.01");
  expect(visible(outcome)).toEqual(visible(await here([file])));
  for (const o of dataset.exports)
    expect(
      exportValue(outcome.data, { commodity: o.commodity, partner: o.partner, period: o.period })
    ).toBe(o.quantity);
});

test("a format 2 manifest with its part: the bytes kept for the saved copy come back transferred", async () => {
  const dataset = realDataset();
  dataset.version = "2099.01.02";
  const bundle = formatTwoBundle(dataset);
  const files = [
    { name: "minerals.manifest.json", bytes: new Uint8Array(bundle.manifest) },
    ...bundle.parts.map((p) => ({
      name: p.path.slice(p.path.lastIndexOf("/") + 1),
      bytes: new Uint8Array(p.bytes),
    })),
  ];
  const { outcome, sent } = await crossed(files);
  expect(outcome.ok && outcome.kind).toBe("manifest");
  if (!sent.outcome.ok || typeof sent.outcome.payload === "string") throw new Error("no bundle");
  expect(sent.outcome.payload.manifest.byteLength).toBe(0);
  expect(visible(outcome)).toEqual(visible(await here(files)));
});

test("a CSV's refusal crosses with every row and column, as in this thread", async () => {
  const csv = [
    "commodity,reporter,partner,period,quantity,unit,source_id,note",
    "magnets,CN,US,2025-12,58x,t,ts2-2025-12-20,",
    "magnets,CN,US,2026-02,10,t,no-such-source,",
  ].join("\n");
  const files = [{ name: "exports.csv", bytes: bytes(csv) }];
  const { outcome, phases } = await crossed(files);
  expect(phases).toEqual([]);
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.problems.map((p) => [p.row, p.field])).toEqual([
    [2, "quantity"],
    [3, "source_id"],
  ]);
  expect(outcome).toEqual(await here(files));
});

test("a CSV merged into the dataset in use, and a UN Comtrade file with its notes", async () => {
  const csv = [
    "commodity,reporter,partner,period,quantity,unit,source_id,note",
    "magnets,CN,US,2025-12,700,t,ts2-2025-12-20,",
  ].join("\n");
  const news = [{ name: "exports.csv", bytes: bytes(csv) }];
  const merged = await crossed(news);
  expect(merged.phases).toEqual(["validate"]);
  expect(merged.outcome.ok && merged.outcome.summary).toBe(
    "exports.csv: exports.csv layout, 1 row added, 0 replaced."
  );
  expect(visible(merged.outcome)).toEqual(visible(await here(news)));

  const comtrade = [
    {
      name: "synthetic-conflict.csv",
      bytes: new Uint8Array(readFileSync(join(FIXTURES, "synthetic-conflict.csv"))),
    },
  ];
  const { outcome } = await crossed(comtrade);
  const inThread = await here(comtrade);
  expect(outcome.ok && outcome.kind).toBe("comtrade");
  expect(outcome.ok && outcome.notes?.length).toBeGreaterThan(0);
  expect(visible(outcome)).toEqual(visible(inThread));
});

test("a file of another kind is refused as in this thread, told from its first bytes", async () => {
  for (const file of [
    { name: "part.arrow", bytes: bytes("ARROW1\0\0") },
    {
      name: "x.json",
      bytes: bytes('{"format": "minerals-for-excel/dataset", "format_version": 1'),
    },
    { name: "api.json", bytes: bytes('{"count": 0, "data": "not a list"}') },
  ]) {
    expect((await crossed([file])).outcome).toEqual(await here([file]));
  }
});
