import type { PrismaClient } from "@prisma/client";
import { adminGraphqlFor } from "~/admin-api/graphql.server";
import { afterSyncHooks } from "~/sync/after-sync.server";
import { defaultBackfillOptions, type BackfillOptions } from "~/sync/import/options";
import { digestConfigFromEnv } from "~/digest/digest-config.server";
import { BACKFILL_QUEUE, type BackfillJob } from "~/jobs/backfill.job";
import { CLV_METAFIELDS_QUEUE, type ClvMetafieldsJob } from "~/jobs/clv-metafields.job";
import {
  CLV_MODEL_CRON,
  CLV_MODEL_QUEUE,
  CLV_MODEL_SCHEDULER_ID,
  type ClvModelJob,
} from "~/jobs/clv-model.job";
import { DIGEST_QUEUE, DIGEST_SYNC_CRON, DIGEST_SYNC_SCHEDULER_ID, type DigestJob } from "~/jobs/digest.job";
import { syncDigestSchedule } from "~/jobs/digest-schedule.server";
import {
  INBOX_SWEEP_EVERY_MS,
  INBOX_SWEEP_QUEUE,
  INBOX_SWEEP_SCHEDULER_ID,
  startupSweepJobId,
  type InboxSweepOptions,
} from "~/jobs/inbox-sweep.job";
import { INGEST_QUEUE, type IngestJob } from "~/jobs/ingest.job";
import {
  DATA_REQUEST_NOTICE_EVERY_MS,
  DATA_REQUEST_NOTICE_SCHEDULER_ID,
  PRIVACY_QUEUE,
  PRIVACY_RETENTION_CRON,
  PRIVACY_RETENTION_SCHEDULER_ID,
} from "~/jobs/privacy.job";
import type { Queues } from "~/jobs/producer.server";
import { observedBackend } from "~/jobs/observed-backend.server";
import type { AppWorker, QueueBackend } from "~/jobs/queue-backend.server";
import {
  REBUILD_CONCURRENCY,
  REBUILD_QUEUE,
  RECOMPUTE_CONCURRENCY,
  RECOMPUTE_QUEUE,
  RECOMPUTE_SWEEP_EVERY_MS,
  RECOMPUTE_SWEEP_SCHEDULER_ID,
  type RecomputeJob,
} from "~/jobs/recompute.job";
import { RECONCILE_QUEUE, type ReconcileJob } from "~/jobs/reconcile.job";
import { syncAllReconcileSchedules } from "~/jobs/reconcile-schedule.server";
import { log } from "~/logger.server";
import { createBackfillProcessor } from "./backfill.processor";
import { createClvMetafieldsProcessor } from "./clv-metafields.processor";
import { createClvModelProcessor } from "./clv-model.processor";
import { createClvThread } from "./clv-thread.server";
import { createDigestProcessor } from "./digest.processor";
import { createInboxSweepProcessor } from "./inbox-sweep.processor";
import { createIngestProcessor } from "./ingest.processor";
import { createPrivacyProcessor } from "./privacy.processor";
import { createReconcileProcessor } from "./reconcile.processor";
import { createRecomputeProcessor } from "./recompute.processor";

export interface WorkerOptions {
  concurrency: number;
  /** How long a job's lock lives; a killed worker's job is retried after about this long. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Workers on the incremental recompute and the rebuild queue (defaults in recompute.job.ts). */
  recomputeConcurrency?: number;
  rebuildConcurrency?: number;
  /** History import tuning (tests shorten the waits). */
  backfill?: Partial<BackfillOptions>;
  /** Inbox sweep tuning (tests shorten the ages and the period). */
  inboxSweep?: Partial<InboxSweepOptions> & { everyMs?: number };
}

export interface RunningWorkers {
  workers: AppWorker<unknown>[];
  close(): Promise<void>;
}

/** Starts every processor of the worker process on one backend; every job they queue goes through `queues`. */
export async function startWorkers(
  backend: QueueBackend,
  queues: Queues,
  prisma: PrismaClient,
  options: WorkerOptions,
): Promise<RunningWorkers> {
  // Job ids on log lines, job timings in /metrics.
  backend = observedBackend(backend);
  const stall = {
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
  };
  // Every ingested change asks for a KPI recompute; the queue debounces them per shop.
  const onShopChanged = (shopId: number) => queues.enqueueRecompute({ shopId, reason: "ingest" });
  // A bulk_operations/finish event wakes the history import through the same producer.
  const wakeBackfill = (shopId: number, reason: string) => queues.enqueueBackfill({ shopId, reason });
  const ingest = backend.worker<IngestJob>(
    INGEST_QUEUE,
    createIngestProcessor({ prisma, onShopChanged, wakeBackfill }),
    {
      concurrency: options.concurrency,
      ...stall,
    },
  );
  const { everyMs: sweepEveryMs = INBOX_SWEEP_EVERY_MS, ...sweepOptions } = options.inboxSweep ?? {};
  const sweep = backend.worker(
    INBOX_SWEEP_QUEUE,
    createInboxSweepProcessor(prisma, queues, sweepOptions),
    stall,
  );
  // One scheduler per deployment (upsert is idempotent across workers), plus a sweep right now to pick
  // up whatever arrived while no worker was running.
  await queues.inboxSweep.upsertJobScheduler(
    INBOX_SWEEP_SCHEDULER_ID,
    { every: sweepEveryMs },
    { name: "sweep" },
  );
  await queues.inboxSweep.add("sweep", {}, { jobId: startupSweepJobId(Date.now()) });

  // History import and reconciliation.
  const hooks = afterSyncHooks({
    scheduleReconcile: async (shopId) => {
      const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { timezone: true } });
      await queues.scheduleReconcile(shopId, shop?.timezone);
    },
    rebuildKpis: (shopId, scope) =>
      queues.enqueueRecompute({
        shopId,
        full: scope === "full",
        reason: scope === "full" ? "backfill" : "reconcile",
      }),
    reconcileNow: (shopId) => queues.enqueueReconcile(shopId),
    syncDigestSchedule: async (shopId) => {
      await syncDigestSchedule(shopId, { prisma, queue: queues.digest });
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
    createReconcileProcessor({
      prisma,
      graphqlFor: (shop) => adminGraphqlFor(shop),
      onReconciled: hooks.onReconciled,
    }),
    { concurrency: 2, ...stall },
  );
  // Schedulers live in the queue backend: a new or emptied one gets every shop's back. Not awaited (one
  // upsert per shop); close() waits for it.
  const reconcileSchedulesSynced = syncAllReconcileSchedules(prisma, queues).then(
    (summary) => log.info("reconciliation schedulers synced", summary),
    (error: unknown) => log.error("reconciliation schedulers not synced", { error }),
  );

  // KPI engine: incremental recomputes plus their safety-net sweep, full rebuilds on workers of their own
  // (a large shop's rebuild never holds back another shop's incremental one), the nightly CLV fit.
  const recomputeDeps = {
    prisma,
    enqueue: (job: RecomputeJob) => queues.enqueueRecompute(job),
    enqueueClvFit: (shopId: number, occasion: string) => queues.enqueueClvFit(shopId, occasion),
  };
  const recompute = backend.worker<RecomputeJob>(
    RECOMPUTE_QUEUE,
    createRecomputeProcessor({ ...recomputeDeps, handToRebuild: (job) => queues.enqueueRebuild(job) }),
    { concurrency: options.recomputeConcurrency ?? RECOMPUTE_CONCURRENCY, ...stall },
  );
  const rebuild = backend.worker<RecomputeJob>(REBUILD_QUEUE, createRecomputeProcessor(recomputeDeps), {
    concurrency: options.rebuildConcurrency ?? REBUILD_CONCURRENCY,
    ...stall,
  });
  await queues.recompute.upsertJobScheduler(
    RECOMPUTE_SWEEP_SCHEDULER_ID,
    { every: RECOMPUTE_SWEEP_EVERY_MS },
    {
      name: "sweep",
      data: { shopId: 0, reason: "sweep" },
    },
  );
  // The fits run on a thread of their own: minutes of CPU on a large shop would stall every job here.
  const clvThread = createClvThread();
  const clvModel = backend.worker<ClvModelJob>(
    CLV_MODEL_QUEUE,
    createClvModelProcessor({
      prisma,
      compute: clvThread,
      enqueueFit: (shopId) => queues.enqueueClvFit(shopId),
      onFitted: (shopId, fittedAt) => queues.enqueueClvMetafields(shopId, "sync", fittedAt.toISOString()),
    }),
    { concurrency: 1, ...stall },
  );
  // Customer CLV metafields in Shopify: bounded by the shop's Admin API cost bucket, not by this worker.
  const clvMetafields = backend.worker<ClvMetafieldsJob>(
    CLV_METAFIELDS_QUEUE,
    createClvMetafieldsProcessor({ prisma, graphqlFor: (shop) => adminGraphqlFor(shop) }),
    { concurrency: 2, ...stall },
  );
  await queues.clvModel.upsertJobScheduler(
    CLV_MODEL_SCHEDULER_ID,
    { pattern: CLV_MODEL_CRON, tz: "UTC" },
    { name: "nightly", data: {} },
  );

  // Weekly email digest: a scheduler per shop in its time zone, reconciled hourly with installs and settings.
  const digest = backend.worker<DigestJob>(
    DIGEST_QUEUE,
    createDigestProcessor({ prisma, config: digestConfigFromEnv, queue: queues.digest }),
    {
      concurrency: 2,
      ...stall,
    },
  );
  await queues.digest.upsertJobScheduler(
    DIGEST_SYNC_SCHEDULER_ID,
    { pattern: DIGEST_SYNC_CRON, tz: "UTC" },
    { name: "sync-schedules", data: {} },
  );

  // Privacy: the daily retention run and the customer data request notices.
  const privacy = backend.worker(
    PRIVACY_QUEUE,
    createPrivacyProcessor({ prisma, config: digestConfigFromEnv }),
    { concurrency: 1, ...stall },
  );
  await queues.privacy.upsertJobScheduler(
    PRIVACY_RETENTION_SCHEDULER_ID,
    { pattern: PRIVACY_RETENTION_CRON, tz: "UTC" },
    { name: "retention", data: {} },
  );
  await queues.privacy.upsertJobScheduler(
    DATA_REQUEST_NOTICE_SCHEDULER_ID,
    { every: DATA_REQUEST_NOTICE_EVERY_MS },
    { name: "notices", data: {} },
  );

  const workers = [
    ingest,
    sweep,
    backfill,
    reconcile,
    recompute,
    rebuild,
    clvModel,
    clvMetafields,
    digest,
    privacy,
  ] as AppWorker<unknown>[];
  for (const worker of workers) {
    worker.on("failed", (job, error) =>
      log.warn("job failed", { queue: worker.name, jobId: job?.id, attempts: job?.attemptsMade, error }),
    );
    worker.on("error", (error) => log.error("worker error", { queue: worker.name, error }));
  }
  return {
    workers,
    // The producer's queues belong to its owner, who closes them after the workers.
    close: async () => {
      await reconcileSchedulesSynced;
      await Promise.all(workers.map((worker) => worker.close()));
      await clvThread.close();
    },
  };
}
