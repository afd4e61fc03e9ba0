import { Redis, type RedisOptions } from "ioredis";
import { log } from "~/logger.server";
import {
  Queue,
  Worker,
  createPostgresBackend,
  createRedisBackend,
  type BackendFactory,
  type IQueueBackend,
  type JobsOptions,
  type Processor,
  type WorkerOptions,
} from "bullmq";

export type QueueBackendKind = "redis" | "postgres";

export interface QueueBackend {
  kind: QueueBackendKind;
  /** A producer; its `add` fails fast rather than waiting forever when the backend is down. */
  queue<T>(name: string, defaultJobOptions?: JobsOptions): AppQueue<T>;
  worker<T>(name: string, processor: Processor<T>, options?: Omit<WorkerOptions, "connection">): AppWorker<T>;
}

// The queue classes are generic in the backend; above this module nothing depends on which one it is.
export type AppQueue<T> = Queue<T, unknown, string, T, unknown, string, IQueueBackend, unknown>;
export type AppWorker<T> = Worker<T, unknown, string, IQueueBackend>;

export interface QueueBackendConfig {
  databaseUrl: string;
  redisUrl?: string;
}

/**
 * BullMQ on Redis when REDIS_URL is set (production at scale), otherwise on its PostgreSQL backend in
 * the app's own database (the demo and small installs need nothing but Node). Same Queue/Worker API.
 */
export function createQueueBackend(config: QueueBackendConfig): QueueBackend {
  return config.redisUrl ? redisBackend(config.redisUrl) : postgresBackend(config.databaseUrl);
}

function postgresBackend(databaseUrl: string): QueueBackend {
  // `migrate: true` creates BullMQ's own schema ("bullmq") on first use; without it every call fails.
  const connection = { connectionString: databaseUrl, migrate: true, max: 5 };
  const factory = createPostgresBackend as unknown as BackendFactory<IQueueBackend, unknown>;
  return {
    kind: "postgres",
    queue: <T>(name: string, defaultJobOptions?: JobsOptions) =>
      new Queue<T>(
        name,
        { connection, defaultJobOptions } as never,
        factory as never,
      ) as unknown as AppQueue<T>,
    worker: <T>(name: string, processor: Processor<T>, options?: Omit<WorkerOptions, "connection">) =>
      new Worker<T>(
        name,
        processor,
        { ...options, connection } as never,
        factory as never,
      ) as unknown as AppWorker<T>,
  };
}

function redisBackend(redisUrl: string): QueueBackend {
  const factory = createRedisBackend as unknown as BackendFactory<IQueueBackend, unknown>;
  // We build the ioredis clients ourselves (BullMQ cannot load ioredis lazily under native ESM); the
  // backend leaves caller-owned clients open, so each Queue/Worker closes its own on close().
  const client = (options: RedisOptions) => {
    const connection = new Redis(redisUrl, { lazyConnect: false, ...options });
    // Outages are expected and handled (producers fail fast, workers wait); log instead of crashing.
    connection.on("error", (error: Error) => log.debug("redis connection error", { error: error.message }));
    return connection;
  };
  return {
    kind: "redis",
    // Producers must not queue commands while Redis is away: the web process answers Shopify quickly
    // and leaves the event to the inbox sweeper instead.
    queue: <T>(name: string, defaultJobOptions?: JobsOptions) => {
      const connection = client({ enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      const queue = new Queue<T>(
        name,
        { connection, defaultJobOptions },
        factory as never,
      ) as unknown as AppQueue<T>;
      return closingClient(queue, connection);
    },
    // Workers wait out Redis outages (BullMQ requires maxRetriesPerRequest: null for blocking calls).
    worker: <T>(name: string, processor: Processor<T>, options?: Omit<WorkerOptions, "connection">) => {
      const connection = client({ maxRetriesPerRequest: null });
      const worker = new Worker<T>(
        name,
        processor,
        { ...options, connection },
        factory as never,
      ) as unknown as AppWorker<T>;
      return closingClient(worker, connection);
    },
  };
}

function closingClient<
  Q extends { close(): Promise<void>; on(event: "error", listener: (error: Error) => void): unknown },
>(owner: Q, connection: Redis): Q {
  owner.on("error", (error) => log.debug("queue backend error", { error: error.message }));
  const close = owner.close.bind(owner);
  owner.close = async () => {
    await close();
    connection.disconnect();
  };
  return owner;
}
