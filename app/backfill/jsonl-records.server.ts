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

/** Yields complete lines with the byte offset just after each (newline included). */
async function* linesOf(chunks: AsyncIterable<Uint8Array>, startOffset: number): AsyncGenerator<{ text: string; end: number }> {
  let pending: Buffer = Buffer.alloc(0);
  let offset = startOffset; // file offset of pending[0]
  for await (const chunk of chunks) {
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    let start = 0;
    for (let nl = pending.indexOf(NEWLINE, start); nl !== -1; nl = pending.indexOf(NEWLINE, start)) {
      if (nl > start) yield { text: pending.toString("utf8", start, nl), end: offset + nl + 1 };
      start = nl + 1;
    }
    pending = pending.subarray(start);
    offset += start;
  }
  if (pending.length > 0) yield { text: pending.toString("utf8"), end: offset + pending.length };
}

export async function* readBulkRecords(chunks: AsyncIterable<Uint8Array>, startOffset = 0): AsyncGenerator<BulkRecord> {
  let current: BulkRecord | null = null;
  for await (const line of linesOf(chunks, startOffset)) {
    const object = JSON.parse(line.text) as Record<string, unknown>;
    if (object.__parentId === undefined) {
      if (current) yield current;
      current = { root: object, children: [], lines: 1, endOffset: line.end };
    } else if (current) {
      current.children.push(object);
      current.lines += 1;
      current.endOffset = line.end;
    }
    // A child before any root can only follow a resume point inside a record, which checkpoints never make.
  }
  if (current) yield current;
}
