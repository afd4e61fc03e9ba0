import { BACKFILL_QUEUE, backfillJobOptions, backfillPollDedupId, type BackfillJob } from "./backfill.queue";
import { ingestJobId, ingestJobOptions, INGEST_QUEUE, type IngestJob } from "./ingest.queue";
import { CLV_MODEL_QUEUE, clvFitJobId, clvModelJobOptions, type ClvModelJob } from "./clv-model.queue";
import { RECOMPUTE_QUEUE, recomputeAddOptions, recomputeJobOptions, type RecomputeJob } from "./recompute.queue";
import { RECONCILE_CRON, RECONCILE_QUEUE, reconcileJobOptions, reconcileSchedulerId, type ReconcileJob } from "./reconcile.queue";
import { createQueueBackend, type AppQueue, type QueueBackend, type QueueBackendConfig } from "./queue-backend.server";

/** The producers one process uses, on the backend chosen by its configuration. */
export interface Queues {
  backend: QueueBackend;
  ingest: AppQueue<IngestJob>;
  enqueueIngest(job: IngestJob, timeoutMs?: number): Promise<void>;
  backfill: AppQueue<BackfillJob>;
  /** Now, or (a poll) after `delayMs`, deduplicated to one pending poll per shop. */
  enqueueBackfill(job: BackfillJob, delayMs?: number): Promise<void>;
  reconcile: AppQueue<ReconcileJob>;
  /** The shop's daily reconciliation, at RECONCILE_CRON in its time zone. */
  scheduleReconcile(shopId: number, timeZone?: string): Promise<void>;
  /** One reconciliation of the shop now (a reinstall's catch-up). */
  enqueueReconcile(shopId: number): Promise<void>;
  recompute: AppQueue<RecomputeJob>;
  /** KPI recompute of a shop, debounced and deduplicated per shop (see recompute.queue.ts). */
  enqueueRecompute(job: RecomputeJob): Promise<void>;
  clvModel: AppQueue<ClvModelJob>;
  /** A shop's predictive CLV fit: one per shop and day, or per `occasion` (e.g. each full KPI rebuild). */
  enqueueClvFit(shopId: number, occasion?: string): Promise<void>;
  close(): Promise<void>;
}

export function createQueues(config: QueueBackendConfig): Queues {
  const backend = createQueueBackend(config);
  const ingest = backend.queue<IngestJob>(INGEST_QUEUE, ingestJobOptions);
  // Created on first use: the web process rarely needs them, and each is a backend connection.
  let backfill: AppQueue<BackfillJob> | undefined;
  let reconcile: AppQueue<ReconcileJob> | undefined;
  const backfillQueue = () => (backfill ??= backend.queue<BackfillJob>(BACKFILL_QUEUE, backfillJobOptions));
  const reconcileQueue = () => (reconcile ??= backend.queue<ReconcileJob>(RECONCILE_QUEUE, reconcileJobOptions));
  const recompute = backend.queue<RecomputeJob>(RECOMPUTE_QUEUE, recomputeJobOptions);
  const clvModel = backend.queue<ClvModelJob>(CLV_MODEL_QUEUE, clvModelJobOptions);
  return {
    backend,
    ingest,
    async enqueueIngest(job, timeoutMs = 3_000) {
      await withTimeout(ingest.add("ingest", job, { jobId: ingestJobId(job) }), timeoutMs, "queue backend did not answer");
    },
    get backfill() {
      return backfillQueue();
    },
    async enqueueBackfill(job, delayMs) {
      const options = delayMs ? { delay: delayMs, deduplication: { id: backfillPollDedupId(job.shopId), ttl: delayMs } } : {};
      await withTimeout(backfillQueue().add("advance", job, options), 3_000, "queue backend did not answer");
    },
    get reconcile() {
      return reconcileQueue();
    },
    async scheduleReconcile(shopId, timeZone = "UTC") {
      await reconcileQueue().upsertJobScheduler(reconcileSchedulerId(shopId), { pattern: RECONCILE_CRON, tz: timeZone }, { name: "reconcile", data: { shopId } });
    },
    async enqueueReconcile(shopId) {
      await withTimeout(reconcileQueue().add("reconcile", { shopId }), 3_000, "queue backend did not answer");
    },
    recompute,
    async enqueueRecompute(job) {
      await withTimeout(recompute.add("recompute", job, recomputeAddOptions(job)), 3_000, "queue backend did not answer");
    },
    clvModel,
    async enqueueClvFit(shopId, occasion) {
      const key = occasion ?? new Date().toISOString().slice(0, 10);
      await withTimeout(clvModel.add("fit", { shopId }, { jobId: clvFitJobId(shopId, key) }), 3_000, "queue backend did not answer");
    },
    async close() {
      await ingest.close();
      await recompute.close();
      await clvModel.close();
      await backfill?.close();
      await reconcile?.close();
    },
  };
}

declare global {
  var __pulseQueues: Queues | undefined;
}

/** The process-wide producers (web process), created on first use from the environment. */
export function queues(): Queues {
  globalThis.__pulseQueues ??= createQueues({
    databaseUrl: process.env.DATABASE_URL ?? "",
    redisUrl: process.env.REDIS_URL || undefined,
  });
  return globalThis.__pulseQueues;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
