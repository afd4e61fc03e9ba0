/**
 * On a Redis Cluster every queue's keys carry the queue's own hash tag: each queue lives in one slot (its
 * Lua scripts touch many keys at once), and the queues spread over the nodes instead of all sitting on one.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKFILL_QUEUE } from "~/jobs/backfill.job";
import { CLV_METAFIELDS_QUEUE } from "~/jobs/clv-metafields.job";
import { CLV_MODEL_QUEUE } from "~/jobs/clv-model.job";
import { DIGEST_QUEUE } from "~/jobs/digest.job";
import { INBOX_SWEEP_QUEUE } from "~/jobs/inbox-sweep.job";
import { INGEST_QUEUE } from "~/jobs/ingest.job";
import { PRIVACY_QUEUE } from "~/jobs/privacy.job";
import { createQueues, type Queues } from "~/jobs/producer.server";
import { clusterQueuePrefix } from "~/jobs/queue-backend.server";
import { REBUILD_QUEUE, RECOMPUTE_QUEUE } from "~/jobs/recompute.job";
import { RECONCILE_QUEUE } from "~/jobs/reconcile.job";
import { findRedisServer } from "../support/redis";
import { startRedisCluster, type RedisCluster } from "../support/redis-cluster";

const QUEUES = [
  INGEST_QUEUE,
  BACKFILL_QUEUE,
  RECONCILE_QUEUE,
  RECOMPUTE_QUEUE,
  REBUILD_QUEUE,
  CLV_MODEL_QUEUE,
  CLV_METAFIELDS_QUEUE,
  DIGEST_QUEUE,
  PRIVACY_QUEUE,
  INBOX_SWEEP_QUEUE,
];

describe.runIf(findRedisServer())("queue keys on a three-node Redis Cluster", { timeout: 120_000 }, () => {
  let cluster: RedisCluster;
  let queues: Queues;
  let nodes: Redis[];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    queues = createQueues({ databaseUrl: "", redisClusterNodes: cluster.nodes });
    nodes = cluster.nodes.map((url) => new Redis(url));
  });
  afterAll(async () => {
    await queues?.close();
    nodes?.forEach((node) => node.disconnect());
    await cluster?.stop();
  });

  it("keeps each queue in the slot of its own hash tag, and spreads the queues over the nodes", async () => {
    expect(queues.backend.kind).toBe("redis-cluster");
    // Every kind of write the app makes: plain and id'd jobs, a delayed deduplicated poll, a debounced
    // recompute, and job schedulers (the reconciliation's and the digest's).
    await queues.enqueueIngest({ shopId: 1, webhookId: "cluster-keys-1" });
    await queues.enqueueBackfill({ shopId: 1, reason: "poll" }, 60_000);
    await queues.scheduleReconcile(1, "Europe/Warsaw");
    await queues.enqueueReconcile(1);
    await queues.enqueueRecompute({ shopId: 1, reason: "ingest" });
    await queues.enqueueRebuild({ shopId: 1, reason: "settings changed", full: true });
    await queues.enqueueClvFit(1);
    await queues.enqueueClvMetafields(1, "sync", "cluster-keys");
    await queues.digest.upsertJobScheduler(
      "digest-1",
      { pattern: "0 8 * * 1", tz: "UTC" },
      { name: "digest" },
    );
    await queues.privacy.add("probe", {});
    await queues.inboxSweep.add("probe", {});

    const nodesByQueue = new Map<string, Set<number>>();
    for (const [index, node] of nodes.entries()) {
      for (const key of await node.keys("*")) {
        const queue = QUEUES.find((name) => key.startsWith(`${clusterQueuePrefix(name)}:${name}:`));
        // Nothing outside a queue's tagged prefix: an untagged key would make the scripts fail CROSSSLOT.
        expect(queue, `key ${key} belongs to no queue's tagged prefix`).toBeDefined();
        expect(await node.call("CLUSTER", "KEYSLOT", key)).toBe(
          await node.call("CLUSTER", "KEYSLOT", `{${queue}}`),
        );
        nodesByQueue.set(queue!, (nodesByQueue.get(queue!) ?? new Set()).add(index));
      }
    }

    expect([...nodesByQueue.keys()].sort()).toEqual([...QUEUES].sort());
    for (const [queue, holders] of nodesByQueue) expect(holders.size, `${queue} on one node`).toBe(1);
    const used = new Set([...nodesByQueue.values()].flatMap((holders) => [...holders]));
    expect(used.size).toBeGreaterThan(1);
  });

  it("runs the jobs: a worker on the cluster takes what a producer added", async () => {
    const seen: string[] = [];
    const worker = queues.backend.worker<{ n: number }>("cluster-probe", async (job) => {
      seen.push(`${job.name}:${job.data.n}`);
    });
    const queue = queues.backend.queue<{ n: number }>("cluster-probe");
    try {
      await queue.addBulk(Array.from({ length: 20 }, (_, n) => ({ name: "probe", data: { n } })));
      const deadline = Date.now() + 60_000;
      while (seen.length < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(seen.sort()).toEqual(Array.from({ length: 20 }, (_, n) => `probe:${n}`).sort());
    } finally {
      await worker.close();
      await queue.close();
    }
  });
});
