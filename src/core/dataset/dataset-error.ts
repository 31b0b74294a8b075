/** Why a dataset was refused: every problem found, each naming where it is. */
export class DatasetError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid dataset: ${problems[0]}`
        : `Invalid dataset (${problems.length} problems): ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? "; …" : ""}`
    );
    this.name = "DatasetError";
  }
}

/** A dataset in a format version above the one this build reads: written by a newer add-in or tool. */
export class NewerFormatError extends DatasetError {
  constructor(problem: string) {
    super([problem]);
    this.name = "NewerFormatError";
  }
}
