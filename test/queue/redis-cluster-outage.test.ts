/**
 * The cluster clients keep the single Redis's contract through an outage of every node: a producer fails
 * instead of waiting (the web process answers Shopify and leaves the event to the inbox sweeper), and a
 * worker waits the outage out and takes new jobs once the cluster is back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createQueueBackend, type AppQueue, type AppWorker } from "~/jobs/queue-backend.server";
import { findRedisServer } from "../support/redis";
import { startRedisCluster, type RedisCluster } from "../support/redis-cluster";

const QUEUE = "cluster-outage";

describe.runIf(findRedisServer())("a Redis Cluster outage", { timeout: 180_000 }, () => {
  let cluster: RedisCluster;
  let queue: AppQueue<{ n: number }>;
  let worker: AppWorker<{ n: number }>;
  const seen: number[] = [];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    const backend = createQueueBackend({ databaseUrl: "", redisClusterNodes: cluster.nodes });
    queue = backend.queue<{ n: number }>(QUEUE);
    worker = backend.worker<{ n: number }>(QUEUE, async (job) => {
      seen.push(job.data.n);
    });
  });
  afterAll(async () => {
    await worker?.close();
    await queue?.close();
    await cluster?.stop();
  });

  it("fails a producer's add while every node is down, and runs new jobs once the cluster is back", async () => {
    await queue.add("probe", { n: 1 });
    await until(() => seen.includes(1), "the first job");

    await cluster.kill();
    // Fails rather than hanging: the guard is only there so a regression ends the test.
    const outcome = await Promise.race([
      queue.add("probe", { n: 2 }).then(
        () => "added",
        () => "failed",
      ),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 60_000)),
    ]);
    expect(outcome).toBe("failed");

    await cluster.restart();
    await retrying(() => queue.add("probe", { n: 3 }));
    await until(() => seen.includes(3), "the job added after the restart");
    expect(seen).toEqual([1, 3]);
  });
});

async function until(check: () => boolean, what: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The producer fails fast until its client has found the cluster again. */
async function retrying<T>(call: () => Promise<T>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
