/**
 * An outage of Redis or of the database logs a bounded number of lines, each one JSON object: the first
 * occurrence of each error in full (with its stack), then a count per 10 s window, however long the
 * outage lasts and however many jobs fail meanwhile. The worker runs as a real process; Redis is stopped,
 * and the database is cut by a relay in front of it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startRedisServer, type RedisServer } from "../support/redis";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy";
import { spawnWorkerProcess, waitUntil, type WorkerProcess } from "../support/worker-process";

interface Line {
  level: string;
  time: string;
  msg: string;
  repeated?: number;
  error?: { name?: string; message?: string; stack?: string } | string;
}

let database: TestDatabase;
let redis: RedisServer;
let relay: TcpProxy;
let queues: Queues;
let worker: WorkerProcess;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await startRedisServer();
  relay = await startTcpProxy(Number(new URL(database.url).port));
  queues = createQueues({ databaseUrl: database.url, redisUrl: redis.url });
  worker = spawnWorkerProcess({ databaseUrl: relay.url(database.url), redisUrl: redis.url });
  await waitUntil(
    () => worker.lines.some((line) => line.includes('"worker started"')),
    "the worker to start",
  );
}, 180_000);

afterAll(async () => {
  worker.child.kill("SIGKILL");
  await queues.close();
  await relay.close();
  await redis.stop();
  await database.drop();
});

/** The warning and error lines the worker wrote from line `from` on, each parsed (a line that is not JSON fails). */
function problemsSince(from: number): Line[] {
  return worker.lines
    .slice(from)
    .map((line) => JSON.parse(line) as Line)
    .filter((line) => line.level === "warn" || line.level === "error" || line.level === "fatal");
}

/** At most one full line per distinct problem per 10 s window: the repeats are counted, not written. */
function expectBounded(lines: Line[], outageMs: number) {
  const windows = Math.ceil(outageMs / 10_000) + 1;
  const full = lines.filter((line) => line.repeated === undefined);
  const key = (line: Line) =>
    `${line.level}|${line.msg}|${typeof line.error === "string" ? line.error : `${line.error?.name}: ${line.error?.message}`}`.replace(
      /\d+/g,
      "#",
    );
  const byKey = new Map<string, number[]>();
  for (const line of full) byKey.set(key(line), [...(byKey.get(key(line)) ?? []), Date.parse(line.time)]);
  for (const [problem, times] of byKey) {
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!, problem).toBeGreaterThanOrEqual(9_000);
  }
  // Every distinct problem: its first line and one count per window. Few distinct problems exist.
  expect(byKey.size).toBeLessThanOrEqual(12);
  expect(lines.length).toBeLessThanOrEqual(byKey.size * (windows + 1));
  for (const line of full) {
    if (typeof line.error === "object") expect(line.error.stack, line.msg).toContain("\n");
  }
}

describe("logging through an outage", { timeout: 180_000 }, () => {
  it("of Redis stays bounded while the workers reconnect", async () => {
    const from = worker.lines.length;
    await redis.stop();
    const outageMs = 12_000;
    await new Promise((resolve) => setTimeout(resolve, outageMs));
    await redis.restart();
    // The counts of the last window come after it ends.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    const lines = problemsSince(from);
    expect(lines.length).toBeGreaterThan(0);
    expectBounded(lines, outageMs);
  });

  it("of the database stays bounded while jobs fail against it", async () => {
    const from = worker.lines.length;
    await relay.cut();
    // A flood of jobs that all need the database: unfiltered, each failure would be a line (and a retry).
    for (let i = 0; i < 100; i++) await queues.enqueueIngest({ shopId: 1, webhookId: `outage-${i}` });
    const outageMs = 12_000;
    await new Promise((resolve) => setTimeout(resolve, outageMs));
    await relay.resume();
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    const lines = problemsSince(from);
    const held = lines.reduce((sum, line) => sum + (line.repeated ?? 0), 0);
    // The jobs did fail, many times over; what reached the log is the first of each and the counts.
    expect(held).toBeGreaterThanOrEqual(100);
    expectBounded(lines, outageMs);
  });
});
