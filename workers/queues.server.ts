import { ingestJobId, ingestJobOptions, INGEST_QUEUE, type IngestJob } from "./ingest.queue";
import { createQueueBackend, type AppQueue, type QueueBackend, type QueueBackendConfig } from "./queue-backend.server";

/** The producers one process uses, on the backend chosen by its configuration. */
export interface Queues {
  backend: QueueBackend;
  ingest: AppQueue<IngestJob>;
  enqueueIngest(job: IngestJob, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function createQueues(config: QueueBackendConfig): Queues {
  const backend = createQueueBackend(config);
  const ingest = backend.queue<IngestJob>(INGEST_QUEUE, ingestJobOptions);
  return {
    backend,
    ingest,
    async enqueueIngest(job, timeoutMs = 3_000) {
      await withTimeout(ingest.add("ingest", job, { jobId: ingestJobId(job) }), timeoutMs, "queue backend did not answer");
    },
    async close() {
      await ingest.close();
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
