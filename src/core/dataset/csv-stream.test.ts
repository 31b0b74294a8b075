import { CsvRecord, CsvRecordReader, StreamingTextDecoder } from "./csv-stream";

/** Feeds `text` to a reader in pieces of `size` characters. */
function records(text: string, size: number): CsvRecord[] {
  const reader = new CsvRecordReader();
  const out: CsvRecord[] = [];
  const emit = (record: CsvRecord) => out.push(record);
  for (let i = 0; i < text.length; i += size) reader.push(text.slice(i, i + size), emit);
  reader.end(emit);
  return out;
}

describe("CsvRecordReader", () => {
  const text = 'a,b,c\r\n1,"x, ""y""",3\r\n\r\n4,"two\r\nlines",6\r\n7,8,9';

  test.each([1, 2, 3, 5, 1000])("the same records and row numbers in chunks of %i", (size) => {
    expect(records(text, size)).toEqual([
      { cells: ["a", "b", "c"], row: 1 },
      { cells: ["1", 'x, "y"', "3"], row: 2 },
      { cells: ["4", "two\r\nlines", "6"], row: 4 },
      { cells: ["7", "8", "9"], row: 6 },
    ]);
  });

  test("a last line without a line end, and a trailing line end, both end the record", () => {
    expect(records("a\n1\n", 1)).toEqual(records("a\n1", 1));
  });
});

describe("StreamingTextDecoder", () => {
  const decode = (bytes: Buffer, size: number) => {
    const decoder = new StreamingTextDecoder();
    let text = "";
    for (let i = 0; i < bytes.length; i += size) text += decoder.push(bytes.subarray(i, i + size));
    return { text: text + decoder.end(), encoding: decoder.encoding };
  };

  test.each([1, 2, 4, 100])("UTF-8 (a BOM dropped) in chunks of %i", (size) => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("a,Côte d'Ivoire\r\n", "utf8"),
    ]);
    expect(decode(bytes, size)).toEqual({ text: "a,Côte d'Ivoire\r\n", encoding: "utf-8" });
  });

  test.each([1, 2, 4, 100])("ISO-8859-1 in chunks of %i", (size) => {
    expect(decode(Buffer.from("a,Côte d'Ivoire,é\r\n", "latin1"), size)).toEqual({
      text: "a,Côte d'Ivoire,é\r\n",
      encoding: "latin-1",
    });
  });

  test("an ISO-8859-1 byte at the very end of the file", () => {
    expect(decode(Buffer.from("abc\xe9", "latin1"), 2).text).toBe("abcé");
  });
});
