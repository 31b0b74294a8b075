import { IndexedDataset } from "./indexed";
import { ManifestBundle } from "./manifest";
import { indexPrepared, PayloadPreparer } from "./prepared";

/**
 * A dataset as it arrived from outside, before it is loaded: format 1's JSON text, or format 2's
 * manifest and parts as bytes. This is what a stored copy keeps, so that a restore verifies exactly
 * what was received.
 */
export type DatasetPayload = string | ManifestBundle;

/**
 * Where every payload (an import, a saved copy) is verified, decoded and validated. The add-in's
 * runtime sets its dataset worker at start-up; until then, and where there is none, this thread
 * does it, with the load code fetched only when first needed (it is not part of start-up's code).
 */
export const prepareHere: PayloadPreparer<DatasetPayload> = async (payload, signal) =>
  (await import("./prepare-payload")).preparePayload(payload, signal);

let preparer = prepareHere;

export function preparePayloadsWith(next: PayloadPreparer<DatasetPayload>): void {
  preparer = next;
}

/**
 * Loads a payload: prepared where payloads are prepared, then indexed here. Throws DatasetError
 * when it is refused; stops when `signal` fires.
 */
export async function loadPayload(
  payload: DatasetPayload,
  signal?: AbortSignal
): Promise<IndexedDataset> {
  return indexPrepared(await preparer(payload, signal));
}
