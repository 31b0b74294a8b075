/**
 * Windows-1252, the encoding of spreadsheets saved as "CSV" on Windows (and of the full USGS
 * release). Decoded here rather than by the platform: Node reads the "windows-1252" label as
 * Latin-1 (nodejs/node#56542), turning “ ” € into control characters, and the core must read a file
 * the same way wherever it runs.
 */

/** Bytes 0x80–0x9F, where Windows-1252 differs from Latin-1 (WHATWG index-windows-1252). */
const HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  // In chunks: String.fromCharCode takes its arguments on the stack.
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = Array.from(bytes.subarray(start, start + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? HIGH.charCodeAt(b - 0x80) : b
    );
    chunks.push(String.fromCharCode(...codes));
  }
  return chunks.join("");
}
