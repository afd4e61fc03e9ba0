import type { PrismaClient } from "@prisma/client";
import { log } from "../app/logger.server";
import { INBOX_SWEEP_EVERY_MS, INBOX_SWEEP_QUEUE } from "./inbox-sweep.queue";
import { createInboxSweepProcessor } from "./inbox-sweep.processor";
import { INGEST_QUEUE, type IngestJob } from "./ingest.queue";
import { createIngestProcessor } from "./ingest.processor";
import type { AppWorker, QueueBackend } from "./queue-backend.server";
import type { Queues } from "./queues.server";

export interface WorkerOptions {
  concurrency: number;
  /** How long a job's lock lives; a killed worker's job is retried after about this long. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

export interface RunningWorkers {
  workers: AppWorker<unknown>[];
  close(): Promise<void>;
}

/** Starts every processor of the worker process on one backend. */
export async function startWorkers(
  backend: QueueBackend,
  queues: Queues,
  prisma: PrismaClient,
  options: WorkerOptions,
): Promise<RunningWorkers> {
  const stall = { lockDuration: options.lockDurationMs ?? 30_000, stalledInterval: options.stalledIntervalMs ?? 30_000 };
  const ingest = backend.worker<IngestJob>(INGEST_QUEUE, createIngestProcessor({ prisma }), {
    concurrency: options.concurrency,
    ...stall,
  });
  const sweep = backend.worker(INBOX_SWEEP_QUEUE, createInboxSweepProcessor(prisma, (job) => queues.enqueueIngest(job)), stall);
  const sweepQueue = backend.queue(INBOX_SWEEP_QUEUE, { removeOnComplete: 10, removeOnFail: 100 });
  // One scheduler per deployment (upsert is idempotent across workers), plus a sweep right now to pick
  // up whatever arrived while no worker was running.
  await sweepQueue.upsertJobScheduler("inbox-sweep", { every: INBOX_SWEEP_EVERY_MS }, { name: "sweep" });
  await sweepQueue.add("sweep", {}, { jobId: `startup-sweep-${Date.now()}` });
  await sweepQueue.close();

  const workers = [ingest, sweep] as AppWorker<unknown>[];
  for (const worker of workers) {
    worker.on("failed", (job, error) =>
      log.warn("job failed", { queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, error }),
    );
    worker.on("error", (error) => log.error("worker error", { queue: worker.name, error }));
  }
  return {
    workers,
    close: async () => {
      await Promise.all(workers.map((worker) => worker.close()));
    },
  };
}
