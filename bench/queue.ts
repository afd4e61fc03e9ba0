/**
 * `npm run bench:queue`: the raw job throughput of each queue backend the app can run on, through the
 * app's own backend module (app/jobs/queue-backend.server.ts): BullMQ on PostgreSQL (a throw-away
 * embedded one), on one redis-server, and on a three-node Redis Cluster (redis-server in cluster mode), all
 * on this machine. Per backend and round: BENCH_JOBS single `add`s at concurrency 32 (as the web process
 * enqueues, one job per webhook), then one worker at concurrency 16 completing them with a no-op
 * processor. Backends take turns, BENCH_ROUNDS times, so a noisy machine slows them all alike; the ratio
 * column is against the single Redis of the same round. Needs redis-server. Not part of `npm test`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "~/db/embedded-postgres.server";
import { createQueueBackend, type QueueBackend, type QueueBackendConfig } from "~/jobs/queue-backend.server";
import { freePort } from "../test/support/ports";
import { startRedisServer } from "../test/support/redis";
import { startRedisCluster } from "../test/support/redis-cluster";

const JOBS = Number(process.env.BENCH_JOBS ?? 3_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const ADD_CONCURRENCY = 32;
const WORKER_CONCURRENCY = 16;

interface Figures {
  addsPerSecond: number;
  jobsPerSecond: number;
}

async function measure(backend: QueueBackend, name: string): Promise<Figures> {
  const queue = backend.queue<{ n: number }>(name, { removeOnComplete: true, removeOnFail: true });
  let next = 0;
  const addStart = performance.now();
  await Promise.all(
    Array.from({ length: ADD_CONCURRENCY }, async () => {
      while (next < JOBS) {
        const n = next++;
        await queue.add("bench", { n });
      }
    }),
  );
  const addSeconds = (performance.now() - addStart) / 1000;

  let completed = 0;
  const runStart = performance.now();
  const done = new Promise<void>((resolve) => {
    const worker = backend.worker<{ n: number }>(name, async () => undefined, {
      concurrency: WORKER_CONCURRENCY,
    });
    worker.on("completed", () => {
      completed += 1;
      if (completed === JOBS) void worker.close().then(resolve);
    });
  });
  await done;
  const runSeconds = (performance.now() - runStart) / 1000;
  await queue.obliterate({ force: true }).catch(() => undefined);
  await queue.close();
  return { addsPerSecond: JOBS / addSeconds, jobsPerSecond: JOBS / runSeconds };
}

async function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-bench-queue-"));
  fs.chmodSync(scratch, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(scratch, "pg"),
    port: await freePort(),
    fast: true,
  });
  const redis = await startRedisServer();
  const cluster = await startRedisCluster();
  const backends: [string, QueueBackendConfig][] = [
    ["postgres", { databaseUrl: await ensureDatabase(pg.serverUrl, "bench_queue") }],
    ["redis", { databaseUrl: "", redisUrl: redis.url }],
    ["redis-cluster (3 nodes, one machine)", { databaseUrl: "", redisClusterNodes: cluster.nodes }],
  ];
  console.log(
    `${new Date().toISOString()} · ${os.cpus().length} × ${os.cpus()[0]?.model} · Node ${process.version} · ` +
      `load average before ${os.loadavg()[0]!.toFixed(1)} · ${JOBS} jobs per backend and round`,
  );
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const results: [string, Figures][] = [];
      for (const [label, config] of backends)
        results.push([label, await measure(createQueueBackend(config), `bench-${round}`)]);
      const base = results.find(([label]) => label === "redis")![1];
      for (const [label, figures] of results)
        console.log(
          `round ${round} · ${label.padEnd(36)} adds ${figures.addsPerSecond.toFixed(0).padStart(6)}/s ` +
            `(${(figures.addsPerSecond / base.addsPerSecond).toFixed(2)}×) · ` +
            `jobs ${figures.jobsPerSecond.toFixed(0).padStart(6)}/s ` +
            `(${(figures.jobsPerSecond / base.jobsPerSecond).toFixed(2)}×)`,
        );
    }
  } finally {
    await cluster.stop();
    await redis.stop();
    await pg.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`load average after ${os.loadavg()[0]!.toFixed(1)}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
