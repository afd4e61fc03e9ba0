import { prepareDatabase, type DatabaseHandle } from "~/db/bootstrap.server";
import { db, disconnectDb } from "~/db.server";
import { loadEnvOrExit, type Env } from "~/env.server";
import { markStopping } from "~/health/readiness.server";
import { releaseActiveJobs } from "~/jobs/observed-backend.server";
import { log, logFatalErrors } from "~/logger.server";
import { queues as processQueues, type Queues } from "~/jobs/producer.server";
import { startProcessMetrics } from "~/metrics/registry.server";
import { startWorkerHttp } from "./http.server";
import { startWorkers, type RunningWorkers } from "./worker.server";

interface Parts {
  database?: DatabaseHandle;
  queues?: Queues;
  running?: RunningWorkers;
  probes?: { close(): void };
}

/** The worker process: `npm run worker`. Stateless; run as many as the queues need. */
async function main() {
  logFatalErrors();
  const config = loadEnvOrExit();
  startProcessMetrics("worker");
  // What is running so far: a signal can come while the process is still starting (jobs start at once).
  const parts: Parts = {};

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    markStopping();
    log.info("worker stopping", { signal, graceMs: config.SHUTDOWN_GRACE_MS });
    // Take no new jobs and let active ones finish, then release the connections.
    const finished = await Promise.race([
      startup
        .catch(() => {})
        .then(() => parts.running?.close())
        .then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), config.SHUTDOWN_GRACE_MS)),
    ]);
    parts.probes?.close();
    if (finished) {
      await parts.queues?.close();
      await disconnectDb();
      await parts.database?.stop();
      log.info("worker stopped", { signal });
    } else {
      // Past the deadline: hand the unfinished jobs back to their queues for another worker (nothing is
      // lost) and exit without waiting for them; the database rolls back their open transactions.
      const released = await releaseActiveJobs();
      log.warn("worker stopped before its jobs finished; they were put back in their queues", {
        released,
        graceMs: config.SHUTDOWN_GRACE_MS,
      });
    }
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  const startup = start(config, parts);
  await startup;
}

async function start(config: Env, parts: Parts) {
  parts.database = await prepareDatabase(config, (line) => log.info(line));
  // The same producer the app's own code uses in this process (created once the database is ready).
  parts.queues = processQueues();
  parts.running = await startWorkers(parts.queues.backend, parts.queues, db(), {
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: Math.min(30_000, config.WORKER_LOCK_DURATION_MS),
  });
  if (config.WORKER_HTTP_PORT) parts.probes = await startWorkerHttp(config.WORKER_HTTP_PORT);
  log.info("worker started", {
    backend: parts.queues.backend.kind,
    concurrency: config.WORKER_CONCURRENCY,
    httpPort: config.WORKER_HTTP_PORT,
  });
}

main().catch((error: unknown) => {
  log.error("worker failed to start", { error });
  process.exit(1);
});
