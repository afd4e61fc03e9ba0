import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no", ""], { error: "must be true or false" })
  .optional()
  .transform((value) => value === "true" || value === "1" || value === "yes");

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((value) => (value === "" ? undefined : value))
    .refine((value) => value === undefined || protocols.some((p) => value.startsWith(`${p}://`)), {
      message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(" or ")}`,
    });

const databaseUrlSchema = optionalUrl(["postgres", "postgresql"]);
const redisUrlSchema = optionalUrl(["redis", "rediss"]);

/**
 * Seed nodes of a Redis Cluster, comma-separated: `host:port`, or `redis://[user:pass@]host:port` /
 * `rediss://…` to give credentials or TLS (taken from the first entry, for every node). Each entry comes
 * out as a URL; any one reachable seed is enough, the client discovers the rest.
 */
const redisClusterNodesSchema = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const entries = (value ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
    if (entries.length === 0) return undefined;
    const urls: string[] = [];
    for (const entry of entries) {
      const url = clusterNodeUrl(entry);
      if (!url) {
        ctx.addIssue({
          code: "custom",
          message: `has "${entry}": each node must be host:port or redis://host:port (rediss:// for TLS)`,
        });
        return z.NEVER;
      }
      urls.push(url);
    }
    return urls;
  });

function clusterNodeUrl(entry: string): string | undefined {
  const text = /^[a-z]+:\/\//.test(entry) ? entry : `redis://${entry}`;
  if (!text.startsWith("redis://") && !text.startsWith("rediss://")) return undefined;
  try {
    const url = new URL(text);
    if (!url.hostname || !/^\d+$/.test(url.port) || (url.pathname !== "" && url.pathname !== "/"))
      return undefined;
    return text;
  } catch {
    return undefined;
  }
}
const logLevelSchema = z
  .enum(["debug", "info", "warn", "error"], { error: "must be debug, info, warn or error" })
  .default("info");
const logFormatSchema = z.enum(["json", "pretty"], { error: "must be json or pretty" }).default("json");

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ error: "must be a positive whole number" })
    .int("must be a positive whole number")
    .positive("must be a positive whole number")
    .default(fallback);

export const envSchema = z
  .object({
    NODE_ENV: z
      .enum(["development", "test", "production"], { error: "must be development, test or production" })
      .default("development"),
    PORT: positiveInt(3000),
    SHOPIFY_API_KEY: z.string().min(1, "is required (the app's client id)"),
    SHOPIFY_API_SECRET: z.string().min(1, "is required (signs webhooks and session tokens)"),
    /** Required in production, where it ends up in emails; elsewhere http://localhost:3000 (set after validation). */
    SHOPIFY_APP_URL: z.url({ message: "must be the app's public https URL" }).optional(),
    SCOPES: z.string().optional(),
    /**
     * Where Admin API calls go instead of https://<shop>: the local fake Admin API in tests and the demo.
     * Unset in production (refused there).
     */
    SHOPIFY_ADMIN_API_ORIGIN: optionalUrl(["http", "https"]),
    /** Unset: an embedded PostgreSQL is started from npm (development and demo only). */
    DATABASE_URL: databaseUrlSchema,
    /** Unset: BullMQ runs on its PostgreSQL backend in DATABASE_URL. */
    REDIS_URL: redisUrlSchema,
    /** Unset: no cluster. Else BullMQ runs on this Redis Cluster (host:port,host:port,…); not with REDIS_URL. */
    REDIS_CLUSTER_NODES: redisClusterNodesSchema,
    DATA_DIR: z.string().default(".data"),
    EMBEDDED_POSTGRES_PORT: positiveInt(54329),
    DEMO_MODE: booleanFlag,
    WORKER_CONCURRENCY: positiveInt(8),
    /** A job whose worker died is retried after about this long (BullMQ lock duration). */
    WORKER_LOCK_DURATION_MS: positiveInt(30_000),
    /** A webhook body above this is answered 413, unread past the limit. */
    WEBHOOK_MAX_BYTES: positiveInt(5 * 1024 * 1024),
    /** Bytes of not yet verified webhook bodies held at once; past it a delivery is answered 503. */
    WEBHOOK_INTAKE_BUFFER_BYTES: positiveInt(32 * 1024 * 1024),
    /** The weekly digest's SMTP server, e.g. smtp://user:pass@host:587 or smtps://…; unset: no digest is sent. */
    SMTP_URL: optionalUrl(["smtp", "smtps"]),
    /** The digest's From header. */
    DIGEST_FROM: z
      .string()
      .min(3, "must be a sender address, e.g. Pulse KPI <digest@example.com>")
      .default("Pulse KPI <digest@localhost>"),
    /**
     * Keys the hashes that recognise a redacted customer again (customer tombstones). Unset: derived from
     * SHOPIFY_API_SECRET, so rotating that secret would make existing tombstones unrecognisable: set this
     * before rotating, and never change it afterwards.
     */
    CUSTOMER_HASH_KEY: z
      .string()
      .optional()
      .transform((value) => (value === "" ? undefined : value))
      .refine((value) => value === undefined || value.length >= 32, {
        message: "must be at least 32 characters",
      }),
    /**
     * Keys that encrypt offline access tokens at rest: comma-separated base64, 32 bytes each. The first
     * encrypts, every one decrypts (rotation). Required in production; elsewhere derived from the API secret.
     */
    SESSION_ENCRYPTION_KEYS: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? "")
          .split(",")
          .map((key) => key.trim())
          .filter((key) => key !== ""),
      )
      .refine(
        (keys) =>
          keys.every((key) => /^[A-Za-z0-9+/]+={0,2}$/.test(key) && Buffer.from(key, "base64").length === 32),
        {
          message: "must be comma-separated base64 keys of 32 bytes each (e.g. openssl rand -base64 32)",
        },
      ),
    LOG_LEVEL: logLevelSchema,
    /** json: one JSON object a line (production, log shippers); pretty: short coloured lines for a terminal. */
    LOG_FORMAT: logFormatSchema,
    /**
     * The worker process's HTTP port for /healthz, /readyz and /metrics (orchestrator probes, Prometheus).
     * Unset: the worker listens on no port, so several workers can run on one machine without clashing.
     */
    WORKER_HTTP_PORT: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.coerce
        .number({ error: "must be a port number" })
        .int("must be a port number")
        .min(1, "must be a port number")
        .max(65_535, "must be a port number")
        .optional(),
    ),
    /**
     * When set, the web process's /metrics answers only requests bearing it (Authorization: Bearer …),
     * since the web port faces the internet. Unset: /metrics is open (e.g. behind a private network).
     */
    METRICS_TOKEN: z
      .string()
      .optional()
      .transform((value) => (value === "" ? undefined : value))
      .refine((value) => value === undefined || value.length >= 16, {
        message: "must be at least 16 characters",
      }),
    /**
     * On SIGTERM a process drains for at most this long: the web process finishes requests in flight, the
     * worker lets active jobs finish (unfinished ones are retried elsewhere once their lock expires).
     */
    SHUTDOWN_GRACE_MS: positiveInt(20_000),
    /** Prints the KPI engine's step timings to stderr (benchmarks, diagnosing a slow recompute). */
    KPI_PROFILE: booleanFlag,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: "is required in production (no embedded database there)",
      });
    }
    if (env.NODE_ENV === "production" && env.SHOPIFY_ADMIN_API_ORIGIN) {
      ctx.addIssue({
        code: "custom",
        path: ["SHOPIFY_ADMIN_API_ORIGIN"],
        message: "cannot be set in production (Admin API calls go to the shop)",
      });
    }
    if (env.REDIS_URL && env.REDIS_CLUSTER_NODES) {
      ctx.addIssue({
        code: "custom",
        path: ["REDIS_CLUSTER_NODES"],
        message: "cannot be set together with REDIS_URL (one queue backend: a Redis or a Redis Cluster)",
      });
    }
    if (env.WEBHOOK_INTAKE_BUFFER_BYTES < env.WEBHOOK_MAX_BYTES) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_INTAKE_BUFFER_BYTES"],
        message: "must be at least WEBHOOK_MAX_BYTES (one largest body must fit)",
      });
    }
    if (env.NODE_ENV === "production" && env.DEMO_MODE) {
      ctx.addIssue({ code: "custom", path: ["DEMO_MODE"], message: "cannot be on in production" });
    }
    if (env.NODE_ENV === "production" && !env.SHOPIFY_APP_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["SHOPIFY_APP_URL"],
        message: "is required in production (it is the address in every email link)",
      });
    }
    if (env.NODE_ENV === "production" && env.SESSION_ENCRYPTION_KEYS.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_ENCRYPTION_KEYS"],
        message: "is required in production (it encrypts the shops' access tokens)",
      });
    }
  })
  .transform((env) => ({ ...env, SHOPIFY_APP_URL: env.SHOPIFY_APP_URL ?? "http://localhost:3000" }));

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses the environment, or throws one line naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const name = String(issue.path[0] ?? "environment");
  const problem = source[name] === undefined && issue.code === "invalid_type" ? "is required" : issue.message;
  throw new EnvError(`Invalid configuration: ${name} ${problem}`);
}

let cached: Env | undefined;

/** The validated environment of this process (parsed once, on first use). */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** For entry points: validate at start-up, print one clear line and exit on a bad value. */
export function loadEnvOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

/*
 * Single variables, validated by the same rules as envSchema but read when called. For code that runs
 * before or without the whole environment (the logger during start-up, benchmarks and scripts that set
 * only a few variables), and for DATABASE_URL, which the start-up sets after validation when it starts the
 * embedded database (publishDatabaseUrl).
 */
function readOne<T>(name: string, schema: z.ZodType<T>, source: Record<string, string | undefined>): T {
  const result = schema.safeParse(source[name]);
  if (result.success) return result.data;
  throw new EnvError(`Invalid configuration: ${name} ${result.error.issues[0]!.message}`);
}

/** DATABASE_URL as this process knows it now; undefined until the embedded database is started. */
export const databaseUrl = (source: Record<string, string | undefined> = process.env): string | undefined =>
  readOne("DATABASE_URL", databaseUrlSchema, source);

/** REDIS_URL; undefined: BullMQ runs on its PostgreSQL backend. */
export const redisUrl = (source: Record<string, string | undefined> = process.env): string | undefined =>
  readOne("REDIS_URL", redisUrlSchema, source);

/** REDIS_CLUSTER_NODES as node URLs; undefined: no Redis Cluster. */
export const redisClusterNodes = (
  source: Record<string, string | undefined> = process.env,
): string[] | undefined => readOne("REDIS_CLUSTER_NODES", redisClusterNodesSchema, source);

/** KPI_PROFILE: whether the KPI engine prints its step timings. */
export const kpiProfileOn = (source: Record<string, string | undefined> = process.env): boolean =>
  readOne("KPI_PROFILE", booleanFlag, source);

export type LogLevel = z.infer<typeof logLevelSchema>;

/**
 * LOG_LEVEL for the logger, which must never throw: a bad value falls back to info here, and the start-up
 * validation (loadEnvOrExit) is what reports it.
 */
export function logLevel(source: Record<string, string | undefined> = process.env): LogLevel {
  const result = logLevelSchema.safeParse(source.LOG_LEVEL);
  return result.success ? result.data : "info";
}

export type LogFormat = z.infer<typeof logFormatSchema>;

/** LOG_FORMAT for the logger; like logLevel, a bad value falls back (to json) instead of throwing. */
export function logFormat(source: Record<string, string | undefined> = process.env): LogFormat {
  const result = logFormatSchema.safeParse(source.LOG_FORMAT);
  return result.success ? result.data : "json";
}

/**
 * Makes the URL of the database the start-up prepared (the embedded one) this process's DATABASE_URL,
 * where db() and child processes (tests' workers, the demo's) read it.
 */
export function publishDatabaseUrl(url: string): void {
  const valid = readOne("DATABASE_URL", databaseUrlSchema, { DATABASE_URL: url });
  if (valid === undefined) throw new EnvError("Invalid configuration: DATABASE_URL is empty");
  process.env.DATABASE_URL = valid;
}
