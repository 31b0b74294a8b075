import comtradeReference from "../../build/comtrade-reference.json";
import { ComtradeImportContext } from "../core/dataset/comtrade-import";
import { ComtradeReference } from "../core/dataset/comtrade-places";
import { describeDiff } from "../core/dataset/diff";
import { DEFAULT_TIMEOUT_MS, formatSeconds } from "../core/dataset/feed";
import {
  changesNothing,
  ImportFile,
  ImportOptions,
  ImportOutcome,
  ImportPhase,
  ImportProblem,
} from "../core/dataset/import";
import { MAX_DATASET_BYTES } from "../core/dataset/load";
import { applyDataset } from "../core/dataset/refresh";
import { DatasetStorage, RestoreOutcome } from "../core/dataset/restore";
import { LiveStore } from "../core/runtime/store";
import { Busy, byId, fillList, showMessage, Tone } from "./dom";
import { recordImport } from "./local-rows";
import { feedLimits, KeyValueStore, LastRefresh } from "./settings";
import { prepareImportHere } from "../runtime/import-worker";

/** "Row 5, quantity: '58x' is not a number"; problems of the whole file have no row. */
export function problemLine(problem: ImportProblem): string {
  const where = [
    problem.row !== null ? `Row ${problem.row}` : null,
    problem.field !== null ? problem.field : null,
  ].filter((part) => part !== null);
  return where.length > 0 ? `${where.join(", ")}: ${problem.message}` : problem.message;
}

/** "Reading cn.csv…", "Validating…", "Applying…": what an import is doing. */
export function importProgressText(phase: ImportPhase | "apply", name: string): string {
  switch (phase) {
    case "read":
      return `Reading ${name}…`;
    case "validate":
      return "Validating…";
    case "apply":
      return "Applying…";
  }
}

/**
 * Where a file import is read: the dataset worker in the add-in (import-worker.ts), this thread
 * where there is none. It changes nothing; its signal stops it.
 */
export type ImportPreparer = (
  files: readonly ImportFile[],
  context: ComtradeImportContext,
  options: ImportRun
) => Promise<ImportOutcome>;

/**
 * An import's signal and phases, `onApply`: the result is back, its apply begins, and `reread`: the
 * files read again (their first bytes may have been handed to a worker that then could not start).
 */
export type ImportRun = ImportOptions & { onApply?(): void; reread?(): Promise<ImportFile[]> };

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
  /** Where the file is read (default: this thread). */
  prepare?: ImportPreparer;
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
  deps: Pick<ImportDeps, "store" | "storage" | "settings" | "onDone" | "prepare">,
  options: ImportRun = {}
): Promise<ImportView> {
  const current = deps.store.current.data.dataset;
  const name =
    files.length === 1
      ? files[0].name
      : (files.find((f) => /\.json$/i.test(f.name)) ?? files[0]).name;
  const prepare = deps.prepare ?? prepareImportHere;
  const outcome = await prepare(
    files,
    {
      data: deps.store.current.data,
      reference: comtradeReference as ComtradeReference,
      today: localDate(new Date()),
    },
    options
  );
  // Where the import runs in this thread, Cancel and the timeout are honoured between its steps.
  if (options.signal?.aborted) throw new Error("The import was cancelled.");
  // From here on the import is applied as one step, which Cancel no longer stops (as a refresh's).
  options.onApply?.();
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
  const progress = byId("import-progress", doc);
  const label = progress.querySelector(".progress-text") as HTMLElement;
  const cancel = byId<HTMLButtonElement>("cancel-import", doc);
  let controller: AbortController | null = null;
  cancel.addEventListener("click", () => controller?.abort());

  const run = (files: File[]) => {
    if (files.length === 0) return;
    void deps.busy.run(async () => {
      const file = files[0];
      const names = files.map((f) => f.name).join(", ");
      showMessage(result, "");
      fillList(errors, []);
      const show = (phase: ImportPhase | "apply") => {
        label.textContent = importProgressText(phase, names);
        cancel.hidden = phase === "apply";
      };
      let view: ImportView;
      // One file is a dataset or a CSV; several are a format 2 manifest and its (larger) parts.
      if (files.length === 1 && file.size > MAX_DATASET_BYTES) {
        view = {
          text: `${file.name} is larger than the ${MAX_DATASET_BYTES / 1024 / 1024} MB limit; nothing was imported.`,
          tone: "error",
          problems: [],
        };
      } else {
        // The same time limit as a refresh (its setting), over every phase up to the apply.
        const timeoutMs = deps.settings ? feedLimits(deps.settings).timeoutMs : DEFAULT_TIMEOUT_MS;
        const stop = new AbortController();
        controller = stop;
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          stop.abort();
        }, timeoutMs);
        show("read");
        progress.hidden = false;
        try {
          await deps.restoration.catch(() => undefined);
          const reread = () =>
            Promise.all(files.map(async (f) => ({ name: f.name, bytes: await readFile(f) })));
          view = await importFiles(await reread(), deps, {
            reread,
            signal: stop.signal,
            onPhase: show,
            onApply: () => {
              clearTimeout(timer);
              show("apply");
            },
          });
        } catch (error) {
          view = !stop.signal.aborted
            ? {
                text: `${file.name} could not be imported: ${(error as Error).message}`,
                tone: "error",
                problems: [],
              }
            : timedOut
              ? {
                  text: `${names} was not read within ${formatSeconds(timeoutMs)}; nothing was imported.`,
                  tone: "error",
                  problems: [],
                }
              : { text: "Import cancelled; nothing was imported.", tone: "info", problems: [] };
        } finally {
          clearTimeout(timer);
          controller = null;
          progress.hidden = true;
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
