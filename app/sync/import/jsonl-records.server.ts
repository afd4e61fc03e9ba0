/**
 * Reads a bulk operation's JSONL result as a stream of records (a root object plus the child lines
 * that follow it), never holding the file. Each record carries the byte offset just past its last
 * line: the position a resumed import starts from, which is always the start of a root line.
 */

export interface BulkRecord {
  root: Record<string, unknown>;
  children: Record<string, unknown>[];
  /** Lines in this record (root + children). */
  lines: number;
  /** Byte offset in the file just after this record. */
  endOffset: number;
}

const NEWLINE = 0x0a;

/**
 * The records completed by each chunk of the file, one array per chunk: one await per chunk rather than
 * per line or record. Lines are decoded straight from the chunk; only a line split across two chunks is
 * copied. A child before any root can only follow a resume point inside a record, which checkpoints
 * never make, so it is skipped.
 */
export async function* readBulkRecordChunks(
  chunks: AsyncIterable<Uint8Array>,
  startOffset = 0,
): AsyncGenerator<BulkRecord[]> {
  let current: BulkRecord | null = null;
  let carry: Buffer | null = null; // the start of a line the previous chunk did not finish
  let offset = startOffset; // file offset of the chunk's first byte
  const line = (text: string, end: number, done: BulkRecord[]) => {
    const object = JSON.parse(text) as Record<string, unknown>;
    if (object.__parentId === undefined) {
      if (current) done.push(current);
      current = { root: object, children: [], lines: 1, endOffset: end };
    } else if (current) {
      current.children.push(object);
      current.lines += 1;
      current.endOffset = end;
    }
  };
  for await (const piece of chunks) {
    const chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    const done: BulkRecord[] = [];
    let start = 0;
    let nl = chunk.indexOf(NEWLINE);
    if (carry !== null && nl !== -1) {
      const whole = Buffer.concat([carry, chunk.subarray(0, nl)]);
      if (whole.length > 0) line(whole.toString("utf8"), offset + nl + 1, done);
      carry = null;
      start = nl + 1;
      nl = chunk.indexOf(NEWLINE, start);
    }
    for (; nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      if (nl > start) line(chunk.toString("utf8", start, nl), offset + nl + 1, done);
      start = nl + 1;
    }
    if (start < chunk.length)
      carry =
        carry === null ? Buffer.from(chunk.subarray(start)) : Buffer.concat([carry, chunk.subarray(start)]);
    offset += chunk.length;
    if (done.length > 0) yield done;
  }
  const done: BulkRecord[] = [];
  if (carry !== null && carry.length > 0) line(carry.toString("utf8"), offset, done);
  if (current) done.push(current);
  if (done.length > 0) yield done;
}

/** The records one by one (see readBulkRecordChunks). */
export async function* readBulkRecords(
  chunks: AsyncIterable<Uint8Array>,
  startOffset = 0,
): AsyncGenerator<BulkRecord> {
  for await (const records of readBulkRecordChunks(chunks, startOffset)) yield* records;
}
