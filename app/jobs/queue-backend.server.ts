import { Cluster, Redis, type ClusterOptions, type RedisOptions } from "ioredis";
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

export type QueueBackendKind = "redis" | "redis-cluster" | "postgres";

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
  /** Seed nodes of a Redis Cluster (redis:// or rediss:// URLs); used instead of redisUrl. */
  redisClusterNodes?: string[];
}

/**
 * BullMQ on a Redis Cluster when REDIS_CLUSTER_NODES is set, on one Redis when REDIS_URL is, otherwise
 * on its PostgreSQL backend in the app's own database (the demo and small installs need nothing but
 * Node). Same Queue/Worker API on all three.
 */
export function createQueueBackend(config: QueueBackendConfig): QueueBackend {
  if (config.redisUrl && config.redisClusterNodes?.length)
    throw new Error("queue backend: give a Redis URL or Redis Cluster nodes, not both");
  if (config.redisClusterNodes?.length) return redisBackend(clusterClients(config.redisClusterNodes));
  if (config.redisUrl) return redisBackend(singleClients(config.redisUrl));
  return postgresBackend(config.databaseUrl);
}

/**
 * Every key of a BullMQ queue must hash to one slot (its Lua scripts touch several keys at once), so on a
 * cluster each queue's prefix carries its own hash tag: one queue lives on one node, and the queues spread
 * over the nodes. On a single Redis the keys keep BullMQ's default prefix, so an upgrade finds its jobs.
 */
export const clusterQueuePrefix = (queue: string): string => `bull:{${queue}}`;

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

/** How the Redis backend opens its clients: one Redis, or a Redis Cluster. */
interface RedisClients {
  kind: "redis" | "redis-cluster";
  /** A producer's client: fails a command fast rather than queueing it while Redis is away. */
  producer(): Redis | Cluster;
  /** A worker's client: waits out outages (BullMQ requires maxRetriesPerRequest: null for blocking calls). */
  worker(): Redis | Cluster;
  prefix(queue: string): string | undefined;
}

function singleClients(redisUrl: string): RedisClients {
  const client = (options: RedisOptions) =>
    loggingErrors(new Redis(redisUrl, { lazyConnect: false, ...options }));
  return {
    kind: "redis",
    producer: () => client({ enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
    worker: () => client({ maxRetriesPerRequest: null }),
    prefix: () => undefined,
  };
}

function clusterClients(nodeUrls: string[]): RedisClients {
  const seeds = nodeUrls.map((text) => new URL(text));
  const first = seeds[0]!;
  // Credentials and TLS are the same on every node of a cluster: the first seed gives them.
  const auth: RedisOptions = {
    ...(first.username ? { username: decodeURIComponent(first.username) } : {}),
    ...(first.password ? { password: decodeURIComponent(first.password) } : {}),
    ...(first.protocol === "rediss:" ? { tls: {} } : {}),
  };
  const client = (options: ClusterOptions) =>
    loggingErrors(
      new Cluster(
        seeds.map((seed) => ({ host: seed.hostname, port: Number(seed.port) })),
        {
          // "ready" only once CLUSTER INFO says cluster_state:ok, so no command meets a half-formed cluster.
          enableReadyCheck: true,
          // Behind TLS, nodes must be reached by the names their certificates carry, not resolved IPs.
          ...(auth.tls ? { dnsLookup: (address, callback) => callback(null, address) } : {}),
          ...options,
          redisOptions: { ...auth, ...options.redisOptions },
        },
      ),
    );
  return {
    kind: "redis-cluster",
    producer: () => client({ enableOfflineQueue: false, redisOptions: { maxRetriesPerRequest: 1 } }),
    // BullMQ reads maxRetriesPerRequest of a cluster from its redisOptions.
    worker: () => client({ redisOptions: { maxRetriesPerRequest: null } }),
    prefix: clusterQueuePrefix,
  };
}

/** Outages are expected and handled (producers fail fast, workers wait): log them instead of crashing. */
function loggingErrors<C extends Redis | Cluster>(connection: C): C {
  connection.on("error", (error: Error) => log.debug("redis connection error", { error: error.message }));
  if (connection instanceof Cluster)
    connection.on("node error", (error: Error, node: string) =>
      log.debug("redis cluster node error", { node, error: error.message }),
    );
  return connection;
}

function redisBackend(clients: RedisClients): QueueBackend {
  const factory = createRedisBackend as unknown as BackendFactory<IQueueBackend, unknown>;
  // We build the ioredis clients ourselves (BullMQ cannot load ioredis lazily under native ESM); the
  // backend leaves caller-owned clients open, so each Queue/Worker closes its own on close().
  const prefixOf = (name: string) => {
    const prefix = clients.prefix(name);
    return prefix ? { prefix } : {};
  };
  return {
    kind: clients.kind,
    // Producers must not queue commands while Redis is away: the web process answers Shopify quickly
    // and leaves the event to the inbox sweeper instead.
    queue: <T>(name: string, defaultJobOptions?: JobsOptions) => {
      const connection = clients.producer();
      const queue = new Queue<T>(
        name,
        { connection, defaultJobOptions, ...prefixOf(name) },
        factory as never,
      ) as unknown as AppQueue<T>;
      return closingClient(queue, connection);
    },
    worker: <T>(name: string, processor: Processor<T>, options?: Omit<WorkerOptions, "connection">) => {
      const connection = clients.worker();
      const worker = new Worker<T>(
        name,
        processor,
        { ...options, connection, ...prefixOf(name) },
        factory as never,
      ) as unknown as AppWorker<T>;
      return closingClient(worker, connection);
    },
  };
}

function closingClient<
  Q extends { close(): Promise<void>; on(event: "error", listener: (error: Error) => void): unknown },
>(owner: Q, connection: Redis | Cluster): Q {
  owner.on("error", (error) => log.debug("queue backend error", { error: error.message }));
  const close = owner.close.bind(owner);
  owner.close = async () => {
    await close();
    connection.disconnect();
  };
  return owner;
}
