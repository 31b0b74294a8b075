/** A problem in a source CSV, named by file, spreadsheet row (the header is row 1) and field. */
export class BuildError extends Error {
  constructor(
    readonly file: string,
    readonly row: number | null,
    readonly field: string | null,
    readonly problem: string
  ) {
    super(
      `${file}${row !== null ? `, row ${row}` : ""}${field ? `, field '${field}'` : ""}: ${problem}`
    );
    this.name = "BuildError";
  }
}
