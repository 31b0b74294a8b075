import comtradeReference from "../../build/comtrade-reference.json";
import { ComtradeReference } from "../core/dataset/comtrade-places";
import { describeDiff } from "../core/dataset/diff";
import {
  changesNothing,
  ImportFile,
  ImportProblem,
  prepareImportFiles,
} from "../core/dataset/import";
import { MAX_DATASET_BYTES } from "../core/dataset/load";
import { applyDataset } from "../core/dataset/refresh";
import { DatasetStorage, RestoreOutcome } from "../core/dataset/restore";
import { LiveStore } from "../core/runtime/store";
import { Busy, byId, fillList, showMessage, Tone } from "./dom";
import { recordImport } from "./local-rows";
import { KeyValueStore, LastRefresh } from "./settings";

/** "Row 5, quantity: '58x' is not a number"; problems of the whole file have no row. */
export function problemLine(problem: ImportProblem): string {
  const where = [
    problem.row !== null ? `Row ${problem.row}` : null,
    problem.field !== null ? problem.field : null,
  ].filter((part) => part !== null);
  return where.length > 0 ? `${where.join(", ")}: ${problem.message}` : problem.message;
}

export interface ImportView {
  text: string;
  tone: Tone;
  /** Listed under the result: the file's problems, or notes on an applied import (conflicts). */
  problems: string[];
}

export interface ImportDeps {
  store: LiveStore;
  storage: DatasetStorage;
  restoration: Promise<RestoreOutcome>;
  busy: Busy;
  /** Where the imported rows are counted (local-rows.ts); none in tests that do not need it. */
  settings?: KeyValueStore;
  /** Told what happened, so the status says it. */
  onDone?(record: LastRefresh): void;
}

/** Imports one file (see importFiles). */
export function importFile(
  name: string,
  bytes: Uint8Array,
  deps: Pick<ImportDeps, "store" | "storage" | "settings" | "onDone">
): Promise<ImportView> {
  return importFiles([{ name, bytes }], deps);
}

/**
 * Imports the files chosen together (one file, or a format 2 manifest with its parts) into the
 * dataset in use: read and validated against the dataset in use, applied only when everything is
 * valid (origin: the file's name, or the manifest's), and kept for the next session.
 */
export async function importFiles(
  files: ImportFile[],
  deps: Pick<ImportDeps, "store" | "storage" | "settings" | "onDone">
): Promise<ImportView> {
  const current = deps.store.current.data.dataset;
  const name =
    files.length === 1
      ? files[0].name
      : (files.find((f) => /\.json$/i.test(f.name)) ?? files[0]).name;
  const outcome = await prepareImportFiles(files, current, {
    data: deps.store.current.data,
    reference: comtradeReference as ComtradeReference,
    today: localDate(new Date()),
  });
  if (!outcome.ok) {
    return { text: outcome.summary, tone: "error", problems: outcome.problems.map(problemLine) };
  }
  if (changesNothing(current, outcome.data.dataset, outcome.kind)) {
    return {
      text: `${outcome.summary} Nothing to change: the dataset in use already has this data.`,
      tone: "info",
      problems: [],
    };
  }
  const applied = await applyDataset(deps.store, deps.storage, outcome.data, outcome.payload, {
    kind: "file",
    name,
  });
  if (deps.settings) {
    // A Comtrade import counts its own figures: the diff compares monthly export quantities only.
    const rows = outcome.localRows ?? applied.diff.added + applied.diff.changed;
    recordImport(deps.settings, current, outcome.data.dataset, {
      rows,
      comtradeSource: outcome.comtradeSource,
    });
  }
  deps.onDone?.({ at: new Date().toISOString(), ok: true, text: `Imported ${name}` });
  const changed = outcome.kind === "comtrade" ? "" : ` ${describeDiff(applied.diff)}`;
  const text = `Imported ${outcome.summary} Now using version ${applied.version}.${changed}`;
  const notes = outcome.notes ?? [];
  return applied.saveError
    ? { text: `${text} ${applied.saveError}`, tone: "warning", problems: notes }
    : { text, tone: "success", problems: notes };
}

/** The local calendar date, `YYYY-MM-DD` (a Comtrade file's retrieval date is the day it is imported). */
function localDate(now: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

async function readFile(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Wires the file picker and drag-and-drop anywhere on the pane. */
export function wireImport(doc: Document, deps: ImportDeps): void {
  const input = byId<HTMLInputElement>("import-file", doc);
  const zone = byId("drop-zone", doc);
  const result = byId("import-result", doc);
  const errors = byId("import-errors", doc);

  const run = (files: File[]) => {
    if (files.length === 0) return;
    void deps.busy.run(async () => {
      const file = files[0];
      showMessage(result, `Reading ${files.map((f) => f.name).join(", ")}…`, "info");
      fillList(errors, []);
      let view: ImportView;
      // One file is a dataset or a CSV; several are a format 2 manifest and its (larger) parts.
      if (files.length === 1 && file.size > MAX_DATASET_BYTES) {
        view = {
          text: `${file.name} is larger than the ${MAX_DATASET_BYTES / 1024 / 1024} MB limit; nothing was imported.`,
          tone: "error",
          problems: [],
        };
      } else {
        try {
          await deps.restoration.catch(() => undefined);
          const read = await Promise.all(
            files.map(async (f) => ({ name: f.name, bytes: await readFile(f) }))
          );
          view = await importFiles(read, deps);
        } catch (error) {
          view = {
            text: `${file.name} could not be imported: ${(error as Error).message}`,
            tone: "error",
            problems: [],
          };
        }
      }
      showMessage(result, view.text, view.tone);
      // Under an applied import the lines are notes (conflicts with figures in use), not problems.
      const notes = view.tone !== "error";
      errors.classList.toggle("notes", notes);
      errors.setAttribute(
        "aria-label",
        notes ? "Notes on the imported file" : "Problems found in the file"
      );
      fillList(errors, view.problems);
    });
  };

  input.addEventListener("change", () => {
    const files = [...(input.files ?? [])];
    input.value = ""; // choosing the same file again imports it again
    run(files);
  });

  // Drops anywhere on the pane import; without this the browser would open the file instead.
  const hasFiles = (event: DragEvent) => [...(event.dataTransfer?.types ?? [])].includes("Files");
  let depth = 0;
  doc.addEventListener("dragenter", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth++;
    zone.classList.add("dragging");
  });
  doc.addEventListener("dragover", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = deps.busy.active ? "none" : "copy";
  });
  doc.addEventListener("dragleave", (event) => {
    if (!hasFiles(event)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) zone.classList.remove("dragging");
  });
  doc.addEventListener("drop", (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    depth = 0;
    zone.classList.remove("dragging");
    run([...(event.dataTransfer?.files ?? [])]);
  });
}
