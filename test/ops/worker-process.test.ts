/**
 * The worker process as operators run it: its probe port (/healthz, /readyz, /metrics) and its shutdown.
 * A SIGTERM while a job is active lets the job finish and exits 0; past SHUTDOWN_GRACE_MS the job is put
 * back in its queue (not lost, no attempt spent) and the process still exits 0. The job is held active by
 * a row lock the test takes on its inbox row, which the ingest job locks too.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebhook } from "../../fake-shopify";
import { ingestJobId } from "~/jobs/ingest.job";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { freePort } from "../support/ports";
import { parsePrometheusText } from "../support/prometheus-text";
import { startRedisServer, type RedisServer } from "../support/redis";
import { SHOP, simpleOrder } from "../support/shop-events";
import { startTestWebApp, TEST_API_SECRET, type TestWebApp } from "../support/web-app";
import { spawnWorkerProcess, waitUntil, type WorkerProcess } from "../support/worker-process";

let database: TestDatabase;
let redis: RedisServer;
let web: TestWebApp;
let queues: Queues;
const started: WorkerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await startRedisServer();
  web = await startTestWebApp({ databaseUrl: database.url, redisUrl: redis.url });
  queues = createQueues({ databaseUrl: database.url, redisUrl: redis.url });
});

afterAll(async () => {
  for (const worker of started) worker.child.kill("SIGKILL");
  await web.close();
  await queues.close();
  await redis.stop();
  await database.drop();
});

function startWorker(extra: Record<string, string> = {}): WorkerProcess {
  const worker = spawnWorkerProcess({ databaseUrl: database.url, redisUrl: redis.url, extra });
  started.push(worker);
  return worker;
}

/** Stores one order webhook (no worker is running) and returns its ingest job's id. */
async function storeOrder(id: number): Promise<{ webhookId: string; jobId: string }> {
  const sent = await sendWebhook({
    url: `${web.url}/webhooks`,
    topic: "orders/create",
    shopDomain: SHOP,
    secret: TEST_API_SECRET,
    payload: simpleOrder(id),
  });
  expect(sent.status).toBe(200);
  const row = await database.prisma.webhookEvent.findFirstOrThrow({ where: { webhookId: sent.webhookId } });
  return { webhookId: sent.webhookId, jobId: ingestJobId({ shopId: row.shopId, webhookId: sent.webhookId }) };
}

/** Holds the inbox row's lock on a connection of the test's own, so its ingest job waits while active. */
async function lockInboxRow(webhookId: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: database.url });
  client.on("error", () => {});
  await client.connect();
  await client.query("BEGIN");
  await client.query("SELECT 1 FROM webhook_event WHERE webhook_id = $1 FOR UPDATE", [webhookId]);
  return {
    release: async () => {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

const status = (webhookId: string) =>
  database.prisma.webhookEvent.findFirstOrThrow({ where: { webhookId } }).then((row) => row.status);

// Each test starts real worker processes (tsx, migrations, BullMQ): slow on a loaded machine.
describe("the worker process", { timeout: 180_000 }, () => {
  it("answers /healthz, /readyz and /metrics on WORKER_HTTP_PORT", async () => {
    const port = await freePort();
    const worker = startWorker({ WORKER_HTTP_PORT: String(port) });
    const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`).catch(() => undefined);
    await waitUntil(async () => (await get("/readyz"))?.status === 200, "the worker to be ready");
    expect(await (await get("/healthz"))!.text()).toBe("ok");
    const ready = (await (await get("/readyz"))!.json()) as { checks: Record<string, { ok: boolean }> };
    expect(ready.checks).toMatchObject({ database: { ok: true }, queue: { ok: true } });
    const samples = parsePrometheusText(await (await get("/metrics"))!.text());
    expect(
      samples.some((sample) => sample.name === "pulse_queue_jobs" && sample.labels.process === "worker"),
    ).toBe(true);
    expect((await get("/elsewhere"))!.status).toBe(404);

    worker.child.kill("SIGTERM");
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    for (const line of worker.lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
  });

  it("on SIGTERM lets an active job finish, then exits 0", async () => {
    const { webhookId, jobId } = await storeOrder(7_001);
    const lock = await lockInboxRow(webhookId);
    const worker = startWorker();
    try {
      await waitUntil(async () => (await queues.ingest.getJobState(jobId)) === "active", "the job to start");
      worker.child.kill("SIGTERM");
      await waitUntil(
        () => worker.lines.some((line) => line.includes('"worker stopping"')),
        "the stop to begin",
      );
      // It waits for the job in hand rather than dropping it.
      expect(worker.child.exitCode).toBeNull();
      expect(await queues.ingest.getJobState(jobId)).toBe("active");
    } finally {
      await lock.release();
    }
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await queues.ingest.getJobState(jobId)).toBe("completed");
    expect(await status(webhookId)).toBe("processed");
  });

  it("past SHUTDOWN_GRACE_MS puts the unfinished job back in its queue and exits 0", async () => {
    const { webhookId, jobId } = await storeOrder(7_002);
    const lock = await lockInboxRow(webhookId);
    let released = false;
    try {
      const worker = startWorker({ SHUTDOWN_GRACE_MS: "500" });
      await waitUntil(async () => (await queues.ingest.getJobState(jobId)) === "active", "the job to start");
      worker.child.kill("SIGTERM");
      expect(await worker.exited, worker.lines.join("\n")).toEqual({ code: 0, signal: null });
      // Back in the queue as if never started (due again in a moment): no attempt spent, no stall counted.
      expect(["delayed", "waiting"], worker.lines.join("\n")).toContain(
        await queues.ingest.getJobState(jobId),
      );
      const job = await queues.ingest.getJob(jobId);
      expect(job?.attemptsMade).toBe(0);
      expect(worker.lines.some((line) => line.includes("put back in their queues"))).toBe(true);

      await lock.release();
      released = true;
      const next = startWorker();
      await waitUntil(async () => (await status(webhookId)) === "processed", "another worker to process it");
      next.child.kill("SIGTERM");
      expect(await next.exited).toEqual({ code: 0, signal: null });
    } finally {
      if (!released) await lock.release();
    }
    expect(await database.prisma.order.count()).toBe(2);
  });
});
