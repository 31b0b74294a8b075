/**
 * The sizes an Arrow IPC file states, checked against its bytes before the decoder trusts them. The
 * decoder sizes arrays by what the file says (list lengths, a batch's or a column's row count): a
 * damaged header whose part hash still matches (a publisher's bug) could make it allocate gigabytes.
 * Every list the decoder copies must fit in its message, every message in the file, every buffer in
 * its body, and no batch or column may claim more rows than bits in its body. Reads the flatbuffers
 * in place (footer, schema, blocks, messages).
 */

/** What the header states that its bytes cannot hold, in words; undefined when sizes are sound. */
export function ipcSizeProblem(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  const fail = (what: string): never => {
    throw new SizeError(what);
  };
  const check = (ok: boolean, what: string) => {
    if (!ok) fail(what);
  };
  let start = 0;
  let end = n;
  const int32 = (at: number) => {
    check(at >= start && at + 4 <= end, "an offset outside its message");
    return view.getInt32(at, true);
  };
  const int64 = (at: number) => int32(at + 4) * 2 ** 32 + view.getUint32(at, true);
  /** A flatbuffer table's fields, by vtable slot (0: absent). */
  const table = (at: number) => {
    const pos = at + int32(at);
    const vtable = pos - int32(pos);
    const size = int32(vtable) & 0xffff;
    check(vtable + size <= end, "a table outside its message");
    return (slot: number) =>
      (slot < size &&
        view.getUint16(vtable + slot, true) &&
        pos + view.getUint16(vtable + slot, true)) ||
      0;
  };
  /** A list's first entry and length, every entry within the message. */
  const list = (at: number, stride: number): [number, number] => {
    if (!at) return [0, 0];
    const base = at + int32(at);
    const count = int32(base);
    check(count >= 0 && base + 4 + count * stride <= end, `a list of ${count} entries`);
    return [base + 4, count];
  };
  const fields = (at: number, depth: number): void => {
    const [first, count] = list(at, 4);
    check(depth < 64, "fields nested too deep");
    for (let k = 0; k < count; k++) {
      const field = table(first + 4 * k);
      fields(field(14), depth + 1);
      list(field(16), 4);
    }
  };
  try {
    start = n - 10 - int32(n - 10);
    end = n - 10;
    check(start >= 8 && start < end, "a footer larger than the file");
    const footer = table(start);
    const schema = table(footer(6) || fail("no schema"));
    fields(schema(6), 0);
    list(schema(8), 4);
    list(footer(12), 4);
    const blocks = [8, 10].map((slot) => list(footer(slot), 24));
    const footerStart = start;
    for (const [first, count] of blocks) {
      for (let k = 0; k < count; k++) {
        [start, end] = [footerStart, n - 10];
        const at = int64(first + 24 * k);
        const metadata = int32(first + 24 * k + 8);
        const body = int64(first + 24 * k + 16);
        check(
          at >= 8 && metadata >= 8 && body >= 0 && at + metadata + body <= footerStart,
          `a message of ${metadata} + ${body} bytes at byte ${at}`
        );
        batch(at, at + metadata, body);
      }
    }
  } catch (error) {
    if (error instanceof SizeError) return `its Arrow header states ${error.message}`;
    throw error;
  }
  return undefined;

  /** A dictionary or record batch message: its metadata in [at, to), then at most `room` body bytes. */
  function batch(at: number, to: number, room: number): void {
    [start, end] = [at, to];
    let length = int32(at);
    if (length === -1) length = int32((at += 4));
    [start, end] = [at + 4, at + 4 + length];
    check(length > 0 && end <= to, `message metadata of ${length} bytes`);
    const message = table(start);
    const body = message(10) && int64(message(10));
    check(body >= 0 && body <= room, `a message body of ${body} bytes in ${room}`);
    list(message(12), 4);
    const type = message(6) && bytes[message(6)];
    const header = message(8) && (type === 2 ? table(message(8))(6) : type === 3 && message(8));
    if (!header) return;
    const r = table(header as number);
    const rows = r(4) && int64(r(4));
    const most = body * 8;
    check(rows >= 0 && rows <= most, `a batch of ${rows} rows in ${body} bytes`);
    const [nodes, nodeCount] = list(r(6), 16);
    for (let k = nodes; k < nodes + 16 * nodeCount; k += 16) {
      const count = int64(k);
      const nulls = int64(k + 8);
      check(
        count >= 0 && count <= most && nulls >= 0 && nulls <= count,
        `a column of ${count} values in ${body} bytes`
      );
    }
    const [buffers, bufferCount] = list(r(8), 16);
    for (let k = buffers; k < buffers + 16 * bufferCount; k += 16) {
      const offset = int64(k);
      const size = int64(k + 8);
      check(
        offset >= 0 && size >= 0 && offset + size <= body,
        `a buffer of ${size} bytes at ${offset} in a ${body}-byte body`
      );
    }
    list(r(12), 8);
  }
}

class SizeError extends Error {}
