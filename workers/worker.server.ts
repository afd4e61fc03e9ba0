import type { PrismaClient } from "@prisma/client";
import { adminGraphqlFor } from "../app/admin-api/graphql.server";
import { afterSyncHooks } from "../app/backfill/after-sync.server";
import { defaultBackfillOptions, type BackfillOptions } from "../app/backfill/options";
import { setBackfillWaker } from "../app/backfill/wake.server";
import { log } from "../app/logger.server";
import { BACKFILL_QUEUE, type BackfillJob } from "./backfill.queue";
import { createBackfillProcessor } from "./backfill.processor";
import { CLV_MODEL_CRON, CLV_MODEL_QUEUE, CLV_MODEL_SCHEDULER_ID, type ClvModelJob } from "./clv-model.queue";
import { createClvModelProcessor } from "./clv-model.processor";
import { digestConfigFromEnv } from "../app/digest/digest-config.server";
import { DIGEST_QUEUE, DIGEST_SYNC_CRON, DIGEST_SYNC_SCHEDULER_ID, digestJobOptions, type DigestJob } from "./digest.queue";
import { createDigestProcessor } from "./digest.processor";
import { syncDigestSchedule } from "./digest.schedule";
import { INBOX_SWEEP_EVERY_MS, INBOX_SWEEP_QUEUE } from "./inbox-sweep.queue";
import { createInboxSweepProcessor } from "./inbox-sweep.processor";
import { INGEST_QUEUE, type IngestJob } from "./ingest.queue";
import { createIngestProcessor } from "./ingest.processor";
import {
  DATA_REQUEST_NOTICE_EVERY_MS,
  DATA_REQUEST_NOTICE_SCHEDULER_ID,
  PRIVACY_QUEUE,
  PRIVACY_RETENTION_CRON,
  PRIVACY_RETENTION_SCHEDULER_ID,
  privacyJobOptions,
} from "./privacy.queue";
import { createPrivacyProcessor } from "./privacy.processor";
import type { AppWorker, QueueBackend } from "./queue-backend.server";
import type { Queues } from "./queues.server";
import { RECONCILE_QUEUE, type ReconcileJob } from "./reconcile.queue";
import { createReconcileProcessor } from "./reconcile.processor";
import { RECOMPUTE_QUEUE, RECOMPUTE_SWEEP_EVERY_MS, type RecomputeJob } from "./recompute.queue";
import { createRecomputeProcessor } from "./recompute.processor";

export interface WorkerOptions {
  concurrency: number;
  /** How long a job's lock lives; a killed worker's job is retried after about this long. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** History import tuning (tests shorten the waits). */
  backfill?: Partial<BackfillOptions>;
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
  // Every ingested change asks for a KPI recompute; the queue debounces them per shop.
  const onShopChanged = (shopId: number) => queues.enqueueRecompute({ shopId, reason: "ingest" });
  const ingest = backend.worker<IngestJob>(INGEST_QUEUE, createIngestProcessor({ prisma, onShopChanged }), {
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

  // History import and reconciliation. The finish webhook wakes the import through this waker.
  setBackfillWaker((shopId, reason) => queues.enqueueBackfill({ shopId, reason }));
  const digestQueue = backend.queue<DigestJob>(DIGEST_QUEUE, digestJobOptions);
  const hooks = afterSyncHooks({
    scheduleReconcile: async (shopId) => {
      const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { timezone: true } });
      await queues.scheduleReconcile(shopId, shop?.timezone);
    },
    rebuildKpis: (shopId, scope) =>
      queues.enqueueRecompute({ shopId, full: scope === "full", reason: scope === "full" ? "backfill" : "reconcile" }),
    reconcileNow: (shopId) => queues.enqueueReconcile(shopId),
    syncDigestSchedule: async (shopId) => {
      await syncDigestSchedule(shopId, { prisma, queue: digestQueue });
    },
  });
  const backfill = backend.worker<BackfillJob>(
    BACKFILL_QUEUE,
    createBackfillProcessor({
      prisma,
      graphqlFor: (shop) => adminGraphqlFor(shop),
      options: { ...defaultBackfillOptions, ...options.backfill },
      enqueue: (job, delayMs) => queues.enqueueBackfill(job, delayMs),
      onFinished: hooks.onBackfillFinished,
      onReinstalled: hooks.onReinstalled,
    }),
    { concurrency: Math.max(1, Math.floor(options.concurrency / 2)), ...stall },
  );
  const reconcile = backend.worker<ReconcileJob>(
    RECONCILE_QUEUE,
    createReconcileProcessor({ prisma, graphqlFor: (shop) => adminGraphqlFor(shop), onReconciled: hooks.onReconciled }),
    { concurrency: 2, ...stall },
  );

  // KPI engine: the recompute job plus its safety-net sweep, and the nightly predictive CLV fit.
  const recompute = backend.worker<RecomputeJob>(
    RECOMPUTE_QUEUE,
    createRecomputeProcessor({
      prisma,
      enqueue: (job) => queues.enqueueRecompute(job),
      enqueueClvFit: (shopId, occasion) => queues.enqueueClvFit(shopId, occasion),
    }),
    { concurrency: 2, ...stall },
  );
  await queues.recompute.upsertJobScheduler("kpi-recompute-sweep", { every: RECOMPUTE_SWEEP_EVERY_MS }, {
    name: "sweep",
    data: { shopId: 0, reason: "sweep" },
  });
  const clvModel = backend.worker<ClvModelJob>(
    CLV_MODEL_QUEUE,
    createClvModelProcessor({ prisma, enqueueFit: (shopId) => queues.enqueueClvFit(shopId) }),
    { concurrency: 1, ...stall },
  );
  await queues.clvModel.upsertJobScheduler(CLV_MODEL_SCHEDULER_ID, { pattern: CLV_MODEL_CRON, tz: "UTC" }, { name: "nightly", data: {} });

  // Weekly email digest: a scheduler per shop in its time zone, reconciled hourly with installs and settings.
  const digest = backend.worker<DigestJob>(DIGEST_QUEUE, createDigestProcessor({ prisma, config: digestConfigFromEnv, queue: digestQueue }), {
    concurrency: 2,
    ...stall,
  });
  await digestQueue.upsertJobScheduler(DIGEST_SYNC_SCHEDULER_ID, { pattern: DIGEST_SYNC_CRON, tz: "UTC" }, { name: "sync-schedules", data: {} });

  // Privacy: the daily retention run and the customer data request notices.
  const privacy = backend.worker(PRIVACY_QUEUE, createPrivacyProcessor({ prisma, config: digestConfigFromEnv }), { concurrency: 1, ...stall });
  const privacyQueue = backend.queue(PRIVACY_QUEUE, privacyJobOptions);
  await privacyQueue.upsertJobScheduler(PRIVACY_RETENTION_SCHEDULER_ID, { pattern: PRIVACY_RETENTION_CRON, tz: "UTC" }, { name: "retention", data: {} });
  await privacyQueue.upsertJobScheduler(DATA_REQUEST_NOTICE_SCHEDULER_ID, { every: DATA_REQUEST_NOTICE_EVERY_MS }, { name: "notices", data: {} });
  await privacyQueue.close();

  const workers = [ingest, sweep, backfill, reconcile, recompute, clvModel, digest, privacy] as AppWorker<unknown>[];
  for (const worker of workers) {
    worker.on("failed", (job, error) =>
      log.warn("job failed", { queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, error }),
    );
    worker.on("error", (error) => log.error("worker error", { queue: worker.name, error }));
  }
  return {
    workers,
    close: async () => {
      setBackfillWaker(undefined);
      await Promise.all(workers.map((worker) => worker.close()));
      await digestQueue.close();
    },
  };
}
