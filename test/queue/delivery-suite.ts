import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepInbox } from "../../workers/inbox-sweep.processor";
import { ingestJobId } from "~/jobs/ingest.job";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { startWorkers, type WorkerOptions } from "../../workers/worker.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { startRedisServer } from "../support/redis";
import { startRedisCluster } from "../support/redis-cluster";
import { SHOP } from "../support/shop-events";
import { startTestWebApp, type TestWebApp } from "../support/web-app";
import {
  expectEachProcessedOnce,
  killHard,
  sendOrders,
  spawnWorker,
  startCpuHogs,
  waitUntilHandedOff,
  waitUntilSettled,
  waitWhileProgressing,
  whenReconnected,
} from "./delivery-support";

/** A queue server the suite starts (one Redis, or a cluster's seed nodes), and may stop and restart empty. */
export interface QueueServer {
  url?: string;
  clusterNodes?: string[];
  stop(): Promise<void>;
  restart(): Promise<void>;
}

/** Which queue backend a run of the suite uses: none (BullMQ in PostgreSQL) or a server it starts. */
export interface DeliveryBackend {
  label: string;
  startQueueServer?: () => Promise<QueueServer>;
  /** Whether the suite's own outage test applies (the cluster has its own: redis-cluster-outage.test.ts). */
  outageTest?: boolean;
}

const BACKENDS: Record<"postgres" | "redis" | "redis-cluster", DeliveryBackend> = {
  postgres: { label: "postgres" },
  redis: { label: "redis", startQueueServer: () => startRedisServer(), outageTest: true },
  "redis-cluster": {
    label: "redis-cluster",
    startQueueServer: async () => {
      const cluster = await startRedisCluster();
      return {
        clusterNodes: cluster.nodes,
        stop: () => cluster.stop(),
        restart: async () => (await cluster.kill(), await cluster.restart()),
      };
    },
  },
};

// Short locks and a sweeper that looks every second: a lost or stalled-out job is re-driven in seconds.
const FAST_RECOVERY: Omit<WorkerOptions, "concurrency"> = {
  lockDurationMs: 1_000,
  stalledIntervalMs: 500,
  inboxSweep: { everyMs: 1_000, unqueuedAfterMs: 1_000, stuckAfterMs: 5_000 },
};

/**
 * The delivery guarantees, run once per queue backend (one test file each: the web app's singletons are
 * per process, and each file runs in its own). Every test asserts the same properties, whatever the
 * timing: each acknowledged delivery ends processed exactly once, its order stored once, nothing left
 * waiting. Waits end when things stop moving, not at a deadline.
 */
export function describeDeliveryGuarantees(which: "postgres" | "redis" | "redis-cluster" | DeliveryBackend) {
  const backend = typeof which === "string" ? BACKENDS[which] : which;
  // Waits are bounded by progress; the test timeout is only a last resort against a hung run.
  describe(`delivery guarantees on the ${backend.label} queue backend`, { timeout: 900_000 }, () => {
    let database: TestDatabase;
    let server: QueueServer | undefined;
    let web: TestWebApp;
    let queues: Queues;
    const ingestCounts = () => queues.ingest.getJobCounts("waiting", "active", "delayed", "failed");

    beforeAll(async () => {
      database = await createTestDatabase();
      // A server leg owns its server so it can stop and restart it.
      server = await backend.startQueueServer?.();
      // Put in process.env by the web app, where spawned workers inherit it.
      const extra = server?.clusterNodes ? { REDIS_CLUSTER_NODES: server.clusterNodes.join(",") } : undefined;
      web = await startTestWebApp({ databaseUrl: database.url, redisUrl: server?.url, extra });
      queues = createQueues({
        databaseUrl: database.url,
        redisUrl: server?.url,
        redisClusterNodes: server?.clusterNodes,
      });
    });
    afterAll(async () => {
      await web?.close();
      await queues?.close();
      await server?.stop();
      await database?.drop();
    });

    it("stores webhooks sent while no worker runs, and ingests each once when a worker starts", async () => {
      const deliveries = await sendOrders(web.url, 10_000, 500);
      expect(deliveries.filter((delivery) => delivery.status !== 200)).toEqual([]);
      expect(await database.prisma.order.count()).toBe(0);

      const workers = await startWorkers(queues.backend, queues, database.prisma, { concurrency: 8 });
      try {
        await waitUntilSettled(database.prisma, deliveries, ingestCounts);
      } finally {
        await workers.close();
      }
      await expectEachProcessedOnce(database.prisma, deliveries);
    });

    it("loses nothing when the worker is killed twice while the same job is active", async () => {
      // The victim's inbox row is held locked, so its job sits active in whichever worker takes it.
      const [victim] = await sendOrders(web.url, 20_000, 1);
      const shop = await database.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
      const victimJobId = ingestJobId({ shopId: shop.id, webhookId: victim!.webhookId });
      const rowLock = new pg.Client({ connectionString: database.url });
      await rowLock.connect();
      await rowLock.query("BEGIN");
      await rowLock.query("SELECT 1 FROM webhook_event WHERE shop_id = $1 AND webhook_id = $2 FOR UPDATE", [
        shop.id,
        victim!.webhookId,
      ]);
      const stream = await sendOrders(web.url, 20_001, 300);
      const deliveries = [victim!, ...stream];
      const victimJob = async () => {
        const job = await queues.ingest.getJob(victimJobId);
        return { state: await job?.getState(), stalled: job?.stalledCounter ?? 0 };
      };

      try {
        for (const stalledBefore of [0, 1]) {
          const child = spawnWorker(database.url, server?.url);
          try {
            // The second worker takes the job again only after the stall check moved it back to wait.
            await waitWhileProgressing(
              `the victim job active in worker ${stalledBefore + 1}`,
              async () => ({ job: await victimJob(), queue: await ingestCounts() }),
              ({ job }) => job.state === "active" && job.stalled >= stalledBefore,
              120_000,
            );
          } finally {
            await killHard(child);
          }
        }
      } finally {
        await rowLock.query("ROLLBACK");
        await rowLock.end();
      }

      // Killed twice while active: the stall check fails the job. The event must still end processed.
      const workers = await startWorkers(queues.backend, queues, database.prisma, {
        concurrency: 8,
        ...FAST_RECOVERY,
      });
      try {
        await waitUntilSettled(database.prisma, deliveries, async () => ({
          job: await victimJob(),
          queue: await ingestCounts(),
        }));
      } finally {
        await workers.close();
      }
      await expectEachProcessedOnce(database.prisma, deliveries);
    });

    // Starved of CPU, a worker misses renewals of its 1 s locks: jobs stall out with no kill at all.
    it("loses nothing beside CPU-hungry processes, with locks short enough to lapse", async () => {
      const hogs = startCpuHogs(2);
      try {
        const workers = await startWorkers(queues.backend, queues, database.prisma, {
          concurrency: 8,
          ...FAST_RECOVERY,
        });
        try {
          const deliveries = await sendOrders(web.url, 30_000, 200);
          await waitUntilSettled(database.prisma, deliveries, ingestCounts);
          await expectEachProcessedOnce(database.prisma, deliveries);
        } finally {
          await workers.close();
        }
      } finally {
        await hogs.stop();
      }
    });

    it.runIf(backend.startQueueServer !== undefined && backend.outageTest === true)(
      "loses nothing when the queue server goes down between acceptance and ingestion",
      async () => {
        const deliveries = await sendOrders(web.url, 40_000, 50);
        expect(deliveries.filter((delivery) => delivery.status !== 200)).toEqual([]);
        // Intake queues after its 200; wait until the server holds every job, so the restart loses them all.
        await waitUntilHandedOff(database.prisma, deliveries);
        const shop = await database.prisma.shop.findUniqueOrThrow({ where: { domain: SHOP } });
        const held = await Promise.all(
          deliveries.map((delivery) =>
            queues.ingest.getJob(ingestJobId({ shopId: shop.id, webhookId: delivery.webhookId })),
          ),
        );
        expect(held.filter((job) => job === undefined)).toEqual([]);
        // The server dies with the jobs (no persistence) and comes back empty.
        await server!.restart();
        expect(await whenReconnected(() => queues.ingest.getWaitingCount())).toBe(0);
        // While it is down, intake still answers 200: the event is in the inbox.
        await server!.stop();
        const whileDown = await sendOrders(web.url, 40_050, 10);
        expect(whileDown.filter((delivery) => delivery.status !== 200)).toEqual([]);
        await server!.restart();
        await whenReconnected(() => queues.ingest.getWaitingCount());

        // The sweep (run here directly, with zero grace) queues every event the server lost, or never got.
        const swept = await sweepInbox(database.prisma, queues, { unqueuedAfterMs: 0, stuckAfterMs: 0 });
        expect(swept.failed).toBe(0);
        const all = [...deliveries, ...whileDown];
        const workers = await startWorkers(queues.backend, queues, database.prisma, {
          concurrency: 8,
          ...FAST_RECOVERY,
        });
        try {
          await waitUntilSettled(database.prisma, all, ingestCounts);
        } finally {
          await workers.close();
        }
        await expectEachProcessedOnce(database.prisma, all);
      },
    );
  });
}
