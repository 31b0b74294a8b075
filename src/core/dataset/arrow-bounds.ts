/**
 * The sizes an Arrow IPC file states, checked against its bytes before the decoder trusts them. The
 * decoder sizes arrays by what the file says (vector counts, a batch's or a dictionary's row count):
 * a damaged header whose part hash still matches (a publisher's bug) could make it allocate
 * gigabytes. Here every vector the decoder copies must fit in its message, every message and body in
 * the file, every buffer in its body, and no batch may claim more rows than bits in its body.
 * Reads the flatbuffers directly (footer, schema, blocks, messages) without allocating per entry.
 */

/** Where the decoder would over-read or over-allocate, in words; undefined when sizes are sound. */
export function ipcSizeProblem(bytes: Uint8Array): string | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.byteLength;
  const fail = (what: string): never => {
    throw new SizeError(what);
  };
  const int32 = (at: number, start: number, end: number) =>
    at >= start && at + 4 <= end ? view.getInt32(at, true) : fail("an offset outside its message");
  const int64 = (at: number, start: number, end: number) =>
    int32(at + 4, start, end) * 2 ** 32 + view.getUint32(at, true);
  /** A flatbuffer table within [start, end): its fields' positions by vtable slot (0: absent). */
  const table = (at: number, start: number, end: number) => {
    const pos = at + int32(at, start, end);
    const vtable = pos - int32(pos, start, end);
    const size = int32(vtable, start, end) & 0xffff;
    if (vtable + size > end) fail("a table outside its message");
    return (slot: number) => {
      const offset = slot < size ? view.getUint16(vtable + slot, true) : 0;
      return offset ? pos + offset : 0;
    };
  };
  /** A vector's first entry and count, its entries within [start, end). */
  const vector = (at: number, stride: number, start: number, end: number) => {
    if (!at) return [0, 0];
    const base = at + int32(at, start, end);
    const count = int32(base, start, end);
    if (count < 0 || base + 4 + count * stride > end)
      fail(`a list of ${count} entries in a ${end - start}-byte message`);
    return [base + 4, count];
  };

  try {
    const footerLength = int32(n - 10, 0, n);
    const start = n - 10 - footerLength;
    const end = n - 10;
    if (footerLength <= 0 || start < 8) fail(`a footer of ${footerLength} bytes`);
    const footer = table(start, start, end);
    const fields = (at: number, depth: number): void => {
      const [first, count] = vector(at, 4, start, end);
      if (depth > 64) fail("fields nested too deep");
      for (let k = 0; k < count; k++) {
        const field = table(first + 4 * k, start, end);
        fields(field(14), depth + 1);
        vector(field(16), 4, start, end);
      }
    };
    if (!footer(6)) fail("no schema");
    const schema = table(footer(6), start, end);
    fields(schema(6), 0);
    vector(schema(8), 4, start, end);
    vector(schema(10), 8, start, end);
    vector(footer(12), 4, start, end);
    for (const slot of [8, 10]) {
      const [first, count] = vector(footer(slot), 24, start, end);
      for (let k = 0; k < count; k++) {
        const block = first + 24 * k;
        const offset = int64(block, start, end);
        const metadata = int32(block + 8, start, end);
        const body = int64(block + 16, start, end);
        if (offset < 8 || metadata < 8 || body < 0 || offset + metadata + body > start)
          fail(`a message of ${metadata} + ${body} bytes at byte ${offset}`);
        message(offset, offset + metadata, body);
      }
    }
  } catch (error) {
    if (error instanceof SizeError) return `its Arrow header states ${error.message}`;
    throw error;
  }
  return undefined;

  /** A dictionary or record batch message: its metadata in [at, end), then at most `room` body bytes. */
  function message(at: number, end: number, room: number): void {
    let length = int32(at, at, end);
    if (length === -1) length = int32((at += 4), at, end);
    at += 4;
    if (length <= 0 || at + length > end) fail(`message metadata of ${length} bytes`);
    end = at + length;
    const m = table(at, at, end);
    const body = m(10) ? int64(m(10), at, end) : 0;
    if (body < 0 || body > room) fail(`a message body of ${body} bytes in ${room}`);
    vector(m(12), 4, at, end);
    const type = m(6) ? bytes[m(6)] : 0;
    let batch = m(8);
    if (batch && type === 2) batch = table(batch, at, end)(6);
    if (!batch || (type !== 2 && type !== 3)) return;
    const r = table(batch, at, end);
    const most = body * 8;
    const rows = r(4) ? int64(r(4), at, end) : 0;
    if (rows < 0 || rows > most) fail(`a batch of ${rows} rows in ${body} bytes`);
    const [nodes, nodeCount] = vector(r(6), 16, at, end);
    for (let k = 0; k < nodeCount; k++) {
      const count = int64(nodes + 16 * k, at, end);
      const nulls = int64(nodes + 16 * k + 8, at, end);
      if (count < 0 || count > most || nulls < 0 || nulls > count)
        fail(`a column of ${count} values (${nulls} null) in ${body} bytes`);
    }
    const [buffers, bufferCount] = vector(r(8), 16, at, end);
    for (let k = 0; k < bufferCount; k++) {
      const offset = int64(buffers + 16 * k, at, end);
      const size = int64(buffers + 16 * k + 8, at, end);
      if (offset < 0 || size < 0 || offset + size > body)
        fail(`a buffer of ${size} bytes at ${offset} in a ${body}-byte body`);
    }
    vector(r(12), 8, at, end);
  }
}

class SizeError extends Error {}
