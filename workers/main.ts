import { prepareDatabase } from "~/db/bootstrap.server";
import { db, disconnectDb } from "~/db.server";
import { loadEnvOrExit } from "~/env.server";
import { log } from "~/logger.server";
import { queues as processQueues } from "~/jobs/producer.server";
import { startWorkers } from "./worker.server";

/** The worker process: `npm run worker`. Stateless; run as many as the queues need. */
async function main() {
  const config = loadEnvOrExit();
  const database = await prepareDatabase(config, (line) => log.info(line));
  // The same producer the app's own code uses in this process (created once the database is ready).
  const queues = processQueues();
  const running = await startWorkers(queues.backend, queues, db(), {
    concurrency: config.WORKER_CONCURRENCY,
    lockDurationMs: config.WORKER_LOCK_DURATION_MS,
    stalledIntervalMs: Math.min(30_000, config.WORKER_LOCK_DURATION_MS),
  });
  log.info("worker started", { backend: queues.backend.kind, concurrency: config.WORKER_CONCURRENCY });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info("worker stopping", { signal });
    // Let running jobs finish (close waits for them), then release connections.
    await running.close();
    await queues.close();
    await disconnectDb();
    await database.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  log.error("worker failed to start", { error });
  process.exit(1);
});
