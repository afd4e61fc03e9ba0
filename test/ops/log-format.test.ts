/**
 * Log lines: one JSON object each, errors with their stack as a field (never a multi-line trace), the
 * request or job they were written for, repeats of a warning or an error counted instead of written.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { handleError } from "~/entry.server";
import { log, withLogContext } from "~/logger.server";
import { prettyLine } from "~/logger/pretty";
import { OVERFLOW_KEY, RepeatFilter, repeatKey, type RepeatedLine } from "~/logger/repeats";

function capture(): string[] {
  const chunks: string[] = [];
  const keep = (chunk: string | Uint8Array) => (chunks.push(String(chunk)), true);
  vi.spyOn(process.stdout, "write").mockImplementation(keep);
  vi.spyOn(process.stderr, "write").mockImplementation(keep);
  return chunks;
}

describe("log lines", () => {
  afterEach(() => vi.restoreAllMocks());

  it("are one JSON object each, an error's stack a field inside it", () => {
    const chunks = capture();
    log.error("import failed", { shopId: 4, error: new Error("socket hang up") });
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.endsWith("\n")).toBe(true);
    expect(chunks[0]!.slice(0, -1)).not.toContain("\n");
    const entry = JSON.parse(chunks[0]!) as Record<string, unknown> & { error: { stack: string } };
    expect(entry).toMatchObject({ level: "error", msg: "import failed", shopId: 4 });
    expect(typeof entry.time).toBe("string");
    expect(entry.error.stack).toMatch(/^Error: socket hang up\n\s+at /);
  });

  it("carry the request or job they were written for, across awaits", async () => {
    const chunks = capture();
    await withLogContext({ requestId: "req-1" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.info("inside");
      await withLogContext({ queue: "ingest", jobId: "wh-1-a" }, async () => log.info("nested"));
    });
    log.info("outside");
    const entries = chunks.map((chunk) => JSON.parse(chunk) as Record<string, unknown>);
    expect(entries[0]).toMatchObject({ msg: "inside", requestId: "req-1" });
    expect(entries[1]).toMatchObject({ msg: "nested", requestId: "req-1", queue: "ingest", jobId: "wh-1-a" });
    expect(entries[2]!.requestId).toBeUndefined();
  });

  it("of a repeated error are written once; the repeats are only counted", () => {
    const chunks = capture();
    for (let attempt = 0; attempt < 50; attempt++)
      log.error("worker error", { error: new Error(`connect ECONNREFUSED 127.0.0.1:${6000 + attempt}`) });
    log.error("another problem", { error: new Error("disk full") });
    expect(chunks.map((chunk) => (JSON.parse(chunk) as { msg: string }).msg)).toEqual([
      "worker error",
      "another problem",
    ]);
  });

  it("of Remix's handleError are one JSON line with the stack and the path", () => {
    const chunks = capture();
    const request = new Request("http://localhost/app/kpi/aov?x=1");
    handleError(new TypeError("loader broke"), { request, params: {}, context: {} });
    // A client that went away is not an error of ours.
    const aborted = new AbortController();
    aborted.abort();
    handleError(new Error("aborted"), {
      request: new Request("http://localhost/app", { signal: aborted.signal }),
      params: {},
      context: {},
    });
    expect(chunks).toHaveLength(1);
    const entry = JSON.parse(chunks[0]!) as { msg: string; path: string; error: { stack: string } };
    expect(entry).toMatchObject({ msg: "request failed", path: "/app/kpi/aov" });
    expect(entry.error.stack).toContain("TypeError: loader broke");
  });

  it("read well in pretty form, stack below, when LOG_FORMAT=pretty", () => {
    const json = JSON.stringify({
      level: "warn",
      time: "2026-12-07T10:00:00.123Z",
      msg: "job failed",
      queue: "ingest",
      error: { name: "Error", message: "boom", stack: "Error: boom\n    at x (y.ts:1:1)" },
    });
    expect(prettyLine(json, false)).toBe(
      '10:00:00.123 warn job failed queue=ingest error="Error: boom"\n    Error: boom\n        at x (y.ts:1:1)\n',
    );
  });
});

describe("the repeat filter", () => {
  const line = (msg: string, error?: Error): RepeatedLine => ({ level: "error", msg, fields: { error } });

  it("writes a line once per window and counts the rest, then forgets a quiet key", () => {
    const filter = new RepeatFilter(10_000, 50);
    const key = repeatKey(line("redis down", new Error("ECONNREFUSED 127.0.0.1:1")));
    expect(repeatKey(line("redis down", new Error("ECONNREFUSED 127.0.0.1:2")))).toBe(key);
    expect(filter.admit(key, line("redis down"), 0)).toBe(true);
    for (let t = 1; t < 30; t++) expect(filter.admit(key, line("redis down"), t * 300)).toBe(false);
    expect(filter.due(9_999)).toEqual([]);
    expect(filter.due(10_000)).toMatchObject([{ key, count: 29 }]);
    // Still failing in the next window: counted again, not written in full.
    expect(filter.admit(key, line("redis down"), 12_000)).toBe(false);
    expect(filter.due(20_000)).toMatchObject([{ key, count: 1 }]);
    // A whole quiet window: forgotten, so the next occurrence is written in full.
    expect(filter.due(30_000)).toEqual([]);
    expect(filter.tracking).toBe(0);
    expect(filter.admit(key, line("redis down"), 31_000)).toBe(true);
  });

  it("caps distinct keys: past the cap, lines are counted under one overflow key", () => {
    const filter = new RepeatFilter(10_000, 3);
    const admitted = Array.from({ length: 10 }, (_, i) => filter.admit(`k${i}`, line(`m${i}`), 0));
    expect(admitted.filter(Boolean)).toHaveLength(3);
    expect(filter.due(10_000).find((summary) => summary.key === OVERFLOW_KEY)?.count).toBe(7);
  });
});
