import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendWebhook } from "../../fake-shopify";
import { sweepInbox } from "../../workers/inbox-sweep.processor";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { startWorkers } from "../../workers/worker.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startRedisServer, type RedisServer } from "../support/redis";
import { startRedisCluster, type RedisCluster } from "../support/redis-cluster";
import { SHOP, simpleOrder } from "../support/shop-events";
import { startTestWebApp, TEST_API_KEY, TEST_API_SECRET, type TestWebApp } from "../support/web-app";

const ROOT = path.resolve(import.meta.dirname, "../..");

async function sendOrders(url: string, firstId: number, count: number, concurrency = 16): Promise<number[]> {
  const statuses: number[] = [];
  let next = firstId;
  const end = firstId + count;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < end) {
        const id = next++;
        const { status } = await sendWebhook({
          url: `${url}/webhooks`,
          topic: "orders/create",
          shopDomain: SHOP,
          secret: TEST_API_SECRET,
          payload: simpleOrder(id),
        });
        statuses.push(status);
      }
    }),
  );
  return statuses;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The delivery guarantees, run once per queue backend (one test file each: the web app's singletons are
 * per process, and each file runs in its own).
 */
export function describeDeliveryGuarantees(backend: "postgres" | "redis" | "redis-cluster") {
  // Each test pushes hundreds of webhooks through real HTTP, queue and database: minutes of slack, not seconds.
  describe(`delivery guarantees on the ${backend} queue backend`, { timeout: 180_000 }, () => {
    let database: TestDatabase;
    let redis: RedisServer | undefined;
    let cluster: RedisCluster | undefined;
    let web: TestWebApp;
    let queues: Queues;
    const orders = () => database.prisma.order.count();
    const unprocessed = () => database.prisma.webhookEvent.count({ where: { status: "received" } });

    beforeAll(async () => {
      database = await createTestDatabase();
      // The Redis leg owns its Redis so it can stop and restart it.
      redis = backend === "redis" ? await startRedisServer() : undefined;
      cluster = backend === "redis-cluster" ? await startRedisCluster() : undefined;
      // Put in process.env by the web app, where spawned workers inherit it.
      const extra = cluster ? { REDIS_CLUSTER_NODES: cluster.nodes.join(",") } : undefined;
      web = await startTestWebApp({ databaseUrl: database.url, redisUrl: redis?.url, extra });
      queues = createQueues({
        databaseUrl: database.url,
        redisUrl: redis?.url,
        redisClusterNodes: cluster?.nodes,
      });
    });
    afterAll(async () => {
      await web.close();
      await queues.close();
      await redis?.stop();
      await cluster?.stop();
      await database.drop();
    });

    it("stores 1,000 webhooks sent while no worker runs, and ingests them all once a worker starts", async () => {
      const statuses = await sendOrders(web.url, 10_000, 1_000);
      expect(statuses.filter((status) => status === 200)).toHaveLength(1_000);
      expect(await orders()).toBe(0);
      expect(await unprocessed()).toBe(1_000);

      const workers = await startWorkers(queues.backend, queues, database.prisma, { concurrency: 8 });
      try {
        await waitFor(async () => (await orders()) === 1_000, 60_000, "1,000 orders");
        await waitFor(async () => (await unprocessed()) === 0, 10_000, "an empty inbox");
      } finally {
        await workers.close();
      }
    });

    it("loses nothing when a worker is killed mid-job: the stalled jobs run again", async () => {
      const before = await orders();
      expect((await sendOrders(web.url, 20_000, 400)).filter((status) => status !== 200)).toEqual([]);

      const child = spawnWorker(database.url, redis?.url);
      try {
        await waitFor(async () => (await orders()) >= before + 40, 30_000, "the worker to start processing");
        const active = await queues.ingest.getActiveCount();
        child.kill("SIGKILL");
        await new Promise((resolve) => child.once("exit", resolve));
        // Killed with jobs in hand: they hold locks nobody will release.
        expect(active).toBeGreaterThan(0);
      } finally {
        child.kill("SIGKILL");
      }

      const workers = await startWorkers(queues.backend, queues, database.prisma, {
        concurrency: 8,
        lockDurationMs: 1_000,
        stalledIntervalMs: 500,
      });
      try {
        await waitFor(async () => (await orders()) === before + 400, 60_000, "all 400 orders");
        await waitFor(async () => (await unprocessed()) === 0, 10_000, "an empty inbox");
      } finally {
        await workers.close();
      }
    });

    it.runIf(backend === "redis")(
      "loses nothing when Redis goes down between acceptance and ingestion",
      async () => {
        const before = await orders();
        expect((await sendOrders(web.url, 30_000, 50)).filter((status) => status !== 200)).toEqual([]);
        // Redis dies with the jobs (no persistence) and comes back empty.
        await redis!.restart();
        expect(await whenReconnected(() => queues.ingest.getWaitingCount())).toBe(0);
        // While it is down, intake still answers 200: the event is in the inbox.
        await redis!.stop();
        expect((await sendOrders(web.url, 30_050, 10)).filter((status) => status !== 200)).toEqual([]);
        await redis!.restart();
        await whenReconnected(() => queues.ingest.getWaitingCount());

        // The scheduled sweep (run here directly, with zero grace) re-enqueues what the queue lost.
        const requeued = await sweepInbox(database.prisma, (job) => queues.enqueueIngest(job), {
          unqueuedAfterMs: 0,
          stuckAfterMs: 0,
        });
        expect(requeued).toBe(60);
        const workers = await startWorkers(queues.backend, queues, database.prisma, { concurrency: 8 });
        try {
          await waitFor(async () => (await orders()) === before + 60, 60_000, "all 60 orders");
        } finally {
          await workers.close();
        }
      },
    );
  });
}

/**
 * Producers fail fast while Redis is away (by design); retry until the client has reconnected. A call
 * caught mid-reconnect can stall, so each try has its own deadline.
 */
async function whenReconnected<T>(call: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await Promise.race([
        call(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer within 1 s")), 1_000)),
      ]);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function spawnWorker(databaseUrl: string, redisUrl: string | undefined): ChildProcess {
  // One process (node with tsx's loader, not the tsx wrapper) so SIGKILL really kills the worker.
  return spawn(path.join(ROOT, "node_modules/.bin/node"), ["--import", "tsx", "workers/main.ts"], {
    cwd: ROOT,
    stdio: "ignore",
    env: {
      ...process.env,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl ?? "",
      SHOPIFY_API_KEY: TEST_API_KEY,
      SHOPIFY_API_SECRET: TEST_API_SECRET,
      WORKER_CONCURRENCY: "4",
      WORKER_LOCK_DURATION_MS: "1000",
      LOG_LEVEL: "error",
    },
  });
}
