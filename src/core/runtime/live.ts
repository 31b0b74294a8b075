import { CommodityCard, isCard } from "../queries/card";
import { QueryError } from "../queries/query-error";
import { fitResult } from "./cell-text";
import { Clock, msUntilNextCheck, systemClock } from "./clock";
import { LiveStore, StoreSnapshot } from "./store";

/** A formula result: a value, a spilled matrix, a commodity card, or an error as data. */
export type CellResult = CellValue | CellMatrix | CommodityCard;
/** One cell: a value, or an error as data (a spilled table may hold #N/A cells among its values). */
export type CellValue = number | string | boolean | QueryError;
export type CellMatrix = CellValue[][];

/**
 * The part of CustomFunctions.StreamingInvocation a live cell needs. Excel calls `onCanceled` when
 * the cell is deleted, edited or its arguments change, which is when we must let go of it.
 */
export interface LiveCell<T> {
  setResult(value: T): void;
  onCanceled?: () => void;
}

export function sameResult(a: CellResult, b: CellResult): boolean {
  if (isCard(a) || isCard(b)) return isCard(a) && isCard(b) && a.fingerprint === b.fingerprint;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((row, i) => row.length === b[i].length && row.every((v, j) => sameValue(v, b[i][j])))
    );
  }
  return !Array.isArray(b) && sameValue(a, b);
}

function sameValue(a: CellValue, b: CellValue): boolean {
  return a instanceof QueryError ? a.equals(b) : Object.is(a, b);
}

/**
 * Keeps a cell showing `compute` over the store's current dataset: sends the first result now, a new
 * result after each replacement only when it differs, and unsubscribes when Excel cancels the cell.
 * Text longer than a cell holds ends with "… (n more characters)".
 */
export function bindLiveCell<T>(
  store: LiveStore,
  cell: LiveCell<T>,
  computeResult: (snapshot: StoreSnapshot) => CellResult,
  toCell: (result: CellResult) => T
): void {
  const compute = (snapshot: StoreSnapshot) => fitResult(computeResult(snapshot));
  let unsubscribe = () => {};
  let canceled = false;
  cell.onCanceled = () => {
    canceled = true;
    unsubscribe();
  };
  // At start-up the store may hold first answers until last session's dataset is verified.
  store.whenReady(() => {
    if (canceled) return;
    let last = compute(store.current);
    cell.setResult(toCell(last));
    unsubscribe = store.subscribe((snapshot) => {
      const next = compute(snapshot);
      if (sameResult(next, last)) return;
      last = next;
      cell.setResult(toCell(next));
    });
  });
}

/**
 * Like bindLiveCell, for a result that also depends on today's date (CONTROLS without a date):
 * sends the first result now, and a new one when the dataset is replaced or the local date
 * changes (checked just after midnight and at least hourly), only when it differs; text fitted to a
 * cell as bindLiveCell fits it. Cancelling the cell unsubscribes and stops the timer.
 */
export function bindDailyLiveCell<T>(
  store: LiveStore,
  cell: LiveCell<T>,
  computeResult: (snapshot: StoreSnapshot, today: Date) => CellResult,
  toCell: (result: CellResult) => T,
  clock: Clock = systemClock
): void {
  const compute = (snapshot: StoreSnapshot, today: Date) =>
    fitResult(computeResult(snapshot, today));
  let timer: unknown;
  let canceled = false;
  let unsubscribe = () => {};
  cell.onCanceled = () => {
    canceled = true;
    clock.clearTimer(timer);
    unsubscribe();
  };
  store.whenReady(() => {
    if (canceled) return;
    // One comparison point for both triggers (a dataset replacement and a new day), so neither
    // skips a result because the other sent something in between.
    let last = compute(store.current, clock.now());
    cell.setResult(toCell(last));
    const update = (snapshot: StoreSnapshot) => {
      const next = compute(snapshot, clock.now());
      if (sameResult(next, last)) return;
      last = next;
      cell.setResult(toCell(next));
    };
    unsubscribe = store.subscribe(update);
    const tick = () => {
      if (canceled) return;
      update(store.current);
      timer = clock.setTimer(tick, msUntilNextCheck(clock.now()));
    };
    timer = clock.setTimer(tick, msUntilNextCheck(clock.now()));
  });
}
