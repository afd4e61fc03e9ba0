import { databaseUrlOf, db } from "~/db.server";
import { databaseUrl, redisClusterNodes, redisUrl } from "~/env.server";
import { backfillJob, backfillPollDedupId, type BackfillJob } from "./backfill.job";
import { clvMetafieldsJob, clvMetafieldsJobId, type ClvMetafieldsJob } from "./clv-metafields.job";
import { clvFitJobId, clvModelJob, type ClvModelJob } from "./clv-model.job";
import { checkedPayload, type JobContract } from "./contract";
import { digestJob, type DigestJob } from "./digest.job";
import { inboxSweepJob } from "./inbox-sweep.job";
import { ingestJob, ingestJobId, type IngestJob } from "./ingest.job";
import { privacyJob } from "./privacy.job";
import {
  createQueueBackend,
  type AppQueue,
  type QueueBackend,
  type QueueBackendConfig,
} from "./queue-backend.server";
import {
  REBUILD_QUEUE,
  rebuildJob,
  recomputeAddOptions,
  recomputeJob,
  type RecomputeJob,
} from "./recompute.job";
import { RECONCILE_CRON, reconcileJob, reconcileSchedulerId, type ReconcileJob } from "./reconcile.job";

/** The producers one process uses, on the backend chosen by its configuration. */
export interface Queues {
  backend: QueueBackend;
  ingest: AppQueue<IngestJob>;
  enqueueIngest(job: IngestJob, timeoutMs?: number): Promise<void>;
  /** The state of an event's ingest job of its `redrive`-th re-drive ("unknown": no such job). */
  ingestJobStatus(job: IngestJob, redrive: number): Promise<IngestJobStatus>;
  /** Adds the event's ingest job again under the fresh id of its `redrive`-th re-drive. */
  redriveIngest(job: IngestJob, redrive: number): Promise<void>;
  /** Several ingest jobs in one call to the backend (the webhook intake's batches). */
  enqueueIngestBulk(jobs: IngestJob[], timeoutMs?: number): Promise<void>;
  backfill: AppQueue<BackfillJob>;
  /** Now, or (a poll) after `delayMs`, deduplicated to one pending poll per shop. */
  enqueueBackfill(job: BackfillJob, delayMs?: number): Promise<void>;
  reconcile: AppQueue<ReconcileJob>;
  /** The shop's daily reconciliation, at RECONCILE_CRON in its time zone. */
  scheduleReconcile(shopId: number, timeZone?: string): Promise<void>;
  /** One reconciliation of the shop now (a reinstall's catch-up). */
  enqueueReconcile(shopId: number): Promise<void>;
  recompute: AppQueue<RecomputeJob>;
  /**
   * KPI recompute of a shop, debounced and deduplicated per shop (see recompute.job.ts); a `full` one
   * goes to the rebuild queue.
   */
  enqueueRecompute(job: RecomputeJob): Promise<void>;
  rebuild: AppQueue<RecomputeJob>;
  /** A recompute on the rebuild queue (full, or whatever path the engine picks): long work, apart. */
  enqueueRebuild(job: RecomputeJob): Promise<void>;
  clvModel: AppQueue<ClvModelJob>;
  /** A shop's predictive CLV fit: one per shop and day, or per `occasion` (e.g. each full KPI rebuild). */
  enqueueClvFit(shopId: number, occasion?: string): Promise<void>;
  clvMetafields: AppQueue<ClvMetafieldsJob>;
  /**
   * Customer CLV metafields of a shop: "definitions" on install, "sync" after a model run; one job per
   * shop, kind and `occasion` (e.g. the model run's time).
   */
  enqueueClvMetafields(shopId: number, name: "definitions" | "sync", occasion: string): Promise<void>;
  /** The weekly digest's schedulers (see digest-schedule.server.ts). */
  digest: AppQueue<DigestJob>;
  privacy: AppQueue<Record<string, never>>;
  inboxSweep: AppQueue<Record<string, never>>;
  close(): Promise<void>;
}

export interface IngestJobStatus {
  state: Awaited<ReturnType<AppQueue<IngestJob>["getJobState"]>>;
  /** Why its last attempt failed, if it did. */
  failedReason: string | null;
}

export function createQueues(config: QueueBackendConfig): Queues {
  const backend = createQueueBackend(config);
  // Every queue carries its contract's options as defaults, so scheduler-made jobs get them too.
  const open = <T>(contract: Pick<JobContract<never>, "queue" | "options">) =>
    backend.queue<T>(contract.queue, contract.options);
  const ingest = open<IngestJob>(ingestJob);
  // Created on first use: the web process rarely needs them, and each is a backend connection.
  let backfill: AppQueue<BackfillJob> | undefined;
  let reconcile: AppQueue<ReconcileJob> | undefined;
  let digest: AppQueue<DigestJob> | undefined;
  let privacy: AppQueue<Record<string, never>> | undefined;
  let inboxSweep: AppQueue<Record<string, never>> | undefined;
  let clvMetafields: AppQueue<ClvMetafieldsJob> | undefined;
  const clvMetafieldsQueue = () => (clvMetafields ??= open<ClvMetafieldsJob>(clvMetafieldsJob));
  const backfillQueue = () => (backfill ??= open<BackfillJob>(backfillJob));
  const reconcileQueue = () => (reconcile ??= open<ReconcileJob>(reconcileJob));
  const recompute = open<RecomputeJob>(recomputeJob);
  const rebuild = open<RecomputeJob>(rebuildJob);
  const enqueueRebuild = async (job: RecomputeJob) => {
    const data = checkedPayload(rebuildJob, "rebuild", job);
    await withTimeout(
      rebuild.add("rebuild", data, recomputeAddOptions(data, REBUILD_QUEUE)),
      3_000,
      "queue backend did not answer",
    );
  };
  const clvModel = open<ClvModelJob>(clvModelJob);
  return {
    backend,
    ingest,
    async enqueueIngest(job, timeoutMs = 3_000) {
      const data = checkedPayload(ingestJob, "ingest", job);
      await withTimeout(
        ingest.add("ingest", data, { jobId: ingestJobId(data) }),
        timeoutMs,
        "queue backend did not answer",
      );
    },
    async ingestJobStatus(job, redrive) {
      const found = await withTimeout(
        ingest.getJob(ingestJobId(job, redrive)),
        3_000,
        "queue backend did not answer",
      );
      if (!found) return { state: "unknown", failedReason: null };
      return { state: await found.getState(), failedReason: found.failedReason || null };
    },
    async redriveIngest(job, redrive) {
      const data = checkedPayload(ingestJob, "ingest", job);
      await withTimeout(
        ingest.add("ingest", data, { jobId: ingestJobId(data, redrive) }),
        3_000,
        "queue backend did not answer",
      );
    },
    async enqueueIngestBulk(jobs, timeoutMs = 3_000) {
      const entries = jobs.map((job) => {
        const data = checkedPayload(ingestJob, "ingest", job);
        return { name: "ingest", data, opts: { jobId: ingestJobId(data) } };
      });
      await withTimeout(ingest.addBulk(entries), timeoutMs, "queue backend did not answer");
    },
    get backfill() {
      return backfillQueue();
    },
    async enqueueBackfill(job, delayMs) {
      const options = delayMs
        ? { delay: delayMs, deduplication: { id: backfillPollDedupId(job.shopId), ttl: delayMs } }
        : {};
      await withTimeout(
        backfillQueue().add("advance", checkedPayload(backfillJob, "advance", job), options),
        3_000,
        "queue backend did not answer",
      );
    },
    get reconcile() {
      return reconcileQueue();
    },
    async scheduleReconcile(shopId, timeZone = "UTC") {
      await reconcileQueue().upsertJobScheduler(
        reconcileSchedulerId(shopId),
        { pattern: RECONCILE_CRON, tz: timeZone },
        {
          name: "reconcile",
          data: checkedPayload(reconcileJob, "reconcile", { shopId }),
        },
      );
    },
    async enqueueReconcile(shopId) {
      await withTimeout(
        reconcileQueue().add("reconcile", checkedPayload(reconcileJob, "reconcile", { shopId })),
        3_000,
        "queue backend did not answer",
      );
    },
    recompute,
    async enqueueRecompute(job) {
      if (job.full) return enqueueRebuild(job);
      const data = checkedPayload(recomputeJob, "recompute", job);
      await withTimeout(
        recompute.add("recompute", data, recomputeAddOptions(data)),
        3_000,
        "queue backend did not answer",
      );
    },
    rebuild,
    enqueueRebuild,
    clvModel,
    async enqueueClvFit(shopId, occasion) {
      const key = occasion ?? new Date().toISOString().slice(0, 10);
      await withTimeout(
        clvModel.add("fit", checkedPayload(clvModelJob, "fit", { shopId }), {
          jobId: clvFitJobId(shopId, key),
        }),
        3_000,
        "queue backend did not answer",
      );
    },
    get clvMetafields() {
      return clvMetafieldsQueue();
    },
    async enqueueClvMetafields(shopId, name, occasion) {
      await withTimeout(
        clvMetafieldsQueue().add(name, checkedPayload(clvMetafieldsJob, name, { shopId }), {
          jobId: clvMetafieldsJobId(shopId, name, occasion),
        }),
        3_000,
        "queue backend did not answer",
      );
    },
    get digest() {
      return (digest ??= open<DigestJob>(digestJob));
    },
    get privacy() {
      return (privacy ??= open<Record<string, never>>(privacyJob));
    },
    get inboxSweep() {
      return (inboxSweep ??= open<Record<string, never>>(inboxSweepJob));
    },
    async close() {
      await ingest.close();
      await recompute.close();
      await rebuild.close();
      await clvModel.close();
      await backfill?.close();
      await reconcile?.close();
      await digest?.close();
      await privacy?.close();
      await inboxSweep?.close();
      await clvMetafields?.close();
    },
  };
}

declare global {
  var __pulseQueues: Queues | undefined;
}

/**
 * The process's one producer, created on first use from the validated environment: BullMQ on a Redis
 * Cluster when REDIS_CLUSTER_NODES is set, on Redis when REDIS_URL is, otherwise in the app's database. A global keeps one set of connections across Remix
 * dev reloads.
 */
export function queues(): Queues {
  globalThis.__pulseQueues ??= createProcessQueues();
  return globalThis.__pulseQueues;
}

function createProcessQueues(): Queues {
  const redis = redisUrl();
  const cluster = redisClusterNodes();
  if (redis || cluster) return createQueues({ databaseUrl: "", redisUrl: redis, redisClusterNodes: cluster });
  // Read now, not from the env validated at start: without DATABASE_URL the entry point starts the
  // embedded database afterwards and publishes its URL; the process's Prisma client has it too.
  const database = databaseUrl() ?? databaseUrlOf(db());
  if (!database) throw new Error("no database for the queue backend: set DATABASE_URL (or REDIS_URL)");
  return createQueues({ databaseUrl: database });
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
