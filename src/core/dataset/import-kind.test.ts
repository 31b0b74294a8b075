import { leadingJsonFields, manifestByHead, namesAFormat } from "./import-kind";

const bytes = (text: string) => new TextEncoder().encode(text);

test("the leading scalar fields of a JSON object, up to its first nested value", () => {
  expect(
    leadingJsonFields(
      bytes(
        '\uFEFF { "format": "x", "format_version": 2, "n": -1.5e3, "t": null, "s": [1], "z": 1 }'
      )
    )
  ).toEqual(
    new Map<string, unknown>([
      ["format", "x"],
      ["format_version", 2],
      ["n", -1500],
      ["t", null],
    ])
  );
  expect(leadingJsonFields(bytes("[1, 2]"))).toBeNull();
  expect(leadingJsonFields(bytes("commodity,reporter"))).toBeNull();
  // A field nested further in does not count, whatever its name.
  expect(leadingJsonFields(bytes('{"data": [{"format_version": 2}]}'))).toEqual(new Map());
});

test("a manifest, a format 1 dataset, and files whose first bytes do not say", () => {
  expect(manifestByHead(bytes('{"format":"minerals-for-excel/dataset","format_version":2,'))).toBe(
    true
  );
  expect(manifestByHead(bytes('{"format":"minerals-for-excel/dataset","format_version":1,'))).toBe(
    false
  );
  expect(manifestByHead(bytes("commodity,reporter\n"))).toBe(false);
  expect(manifestByHead(bytes('{"sources": [], "format_version": 2}'))).toBeUndefined();
  expect(namesAFormat(bytes('{"format":"minerals-for-excel/dataset"'))).toBe(true);
  // A UN Comtrade API response names no format: it is parsed to be told.
  expect(namesAFormat(bytes('{"elapsedTime":"0.1 secs","count":1,"data":[{}]}'))).toBe(false);
});
