import { prepareDatabase } from "~/db/bootstrap.server";
import { db, disconnectDb } from "~/db.server";
import { loadEnvOrExit } from "~/env.server";
import { markStopping } from "~/health/readiness.server";
import { log, logFatalErrors } from "~/logger.server";
import { queues as processQueues } from "~/jobs/producer.server";
import { startProcessMetrics } from "~/metrics/registry.server";
import { startWorkerHttp } from "./http.server";
import { startWorkers } from "./worker.server";

/** The worker process: `npm run worker`. Stateless; run as many as the queues need. */
async function main() {
  logFatalErrors();
  const config = loadEnvOrExit();
  startProcessMetrics("worker");
  const database = await prepareDatabase(config, (line) => log.info(line));
  // The same producer the app's own code uses in this process (created once the database is ready).
  const queues = processQueues();
  const running = await startWorkers(queues.backend, queues, db(), {
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: Math.min(30_000, config.WORKER_LOCK_DURATION_MS),
  });
  const probes = config.WORKER_HTTP_PORT ? await startWorkerHttp(config.WORKER_HTTP_PORT) : undefined;
  log.info("worker started", {
    backend: queues.backend.kind,
    concurrency: config.WORKER_CONCURRENCY,
    httpPort: config.WORKER_HTTP_PORT,
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    markStopping();
    log.info("worker stopping", { signal, graceMs: config.SHUTDOWN_GRACE_MS });
    // Take no new jobs and let active ones finish, then release the connections.
    const finished = await Promise.race([
      running.close().then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), config.SHUTDOWN_GRACE_MS)),
    ]);
    probes?.close();
    if (finished) {
      await queues.close();
      await disconnectDb();
      await database.stop();
      log.info("worker stopped", { signal });
    } else {
      // Past the deadline: hand the unfinished jobs back to their queues for another worker (nothing is
      // lost) and exit without waiting for them; the database rolls back their open transactions.
      const released = await running.release();
      log.warn("worker stopped before its jobs finished; they were put back in their queues", {
        released,
        graceMs: config.SHUTDOWN_GRACE_MS,
      });
    }
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  log.error("worker failed to start", { error });
  process.exit(1);
});
