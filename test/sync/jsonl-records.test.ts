import { describe, expect, test } from "vitest";
import { readBulkRecords, type BulkRecord } from "~/sync/import/jsonl-records.server";

const lines = [
  { id: "gid://shopify/Order/1", name: "naïve ☕ order" },
  { id: "gid://shopify/LineItem/11", title: "日本語の商品", __parentId: "gid://shopify/Order/1" },
  { id: "gid://shopify/LineItem/12", title: "emoji 🧾🛒", __parentId: "gid://shopify/Order/1" },
  { id: "gid://shopify/Order/2", name: "plain" },
  { id: "gid://shopify/Order/3", name: "Zürich" },
  { id: "gid://shopify/LineItem/31", title: "x".repeat(300), __parentId: "gid://shopify/Order/3" },
];
const file = Buffer.from(`${lines.map((line) => JSON.stringify(line)).join("\n")}\n`);

async function* chunksOf(data: Buffer, sizes: () => number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < data.length;) {
    const end = Math.min(data.length, start + sizes());
    yield new Uint8Array(data.subarray(start, end)); // a copy, as a download hands it over
    start = end;
  }
}

async function read(data: Buffer, sizes: () => number, startOffset = 0): Promise<BulkRecord[]> {
  const records: BulkRecord[] = [];
  for await (const record of readBulkRecords(chunksOf(data, sizes), startOffset)) records.push(record);
  return records;
}

describe("reading bulk JSONL records", () => {
  test("records, line counts and end offsets do not depend on how the download is chunked", async () => {
    const whole = await read(file, () => file.length);
    expect(whole.map((r) => [r.root.id, r.children.length, r.lines])).toEqual([
      ["gid://shopify/Order/1", 2, 3],
      ["gid://shopify/Order/2", 0, 1],
      ["gid://shopify/Order/3", 1, 2],
    ]);
    // Each record ends where the next root line starts, in bytes (multi-byte characters included).
    const rootStarts = [3, 4].map((index) =>
      Buffer.byteLength(
        lines
          .slice(0, index)
          .map((l) => `${JSON.stringify(l)}\n`)
          .join(""),
      ),
    );
    expect(whole.map((r) => r.endOffset)).toEqual([...rootStarts, file.length]);

    // Chunks of one byte split every multi-byte character; pseudo-random sizes split lines anywhere.
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % 97) + 1;
    for (const sizes of [() => 1, () => 2, () => 3, random, () => 64 * 1024])
      expect(await read(file, sizes)).toEqual(whole);
  });

  test("a file without a final newline, blank lines, and a resume at a checkpoint", async () => {
    const text = `\n${JSON.stringify(lines[3])}\n\n${JSON.stringify(lines[4])}\n${JSON.stringify(lines[5])}`;
    const data = Buffer.from(text);
    const records = await read(data, () => 5);
    expect(records.map((r) => [r.root.id, r.lines, r.endOffset])).toEqual([
      ["gid://shopify/Order/2", 1, Buffer.byteLength(`\n${JSON.stringify(lines[3])}\n`)],
      ["gid://shopify/Order/3", 2, data.length],
    ]);
    // Resuming at the first record's end offset: offsets continue from there.
    const from = records[0]!.endOffset;
    const resumed = await read(data.subarray(from), () => 4, from);
    expect(resumed).toEqual(records.slice(1));
  });
});
