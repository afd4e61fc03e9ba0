/**
 * `npm run bench:soak`: bounded growth under steady load (decision 0034). Starts the real web process
 * (server.ts on the Remix build) and the real worker (workers/main.ts) on a throw-away embedded
 * PostgreSQL, then sends signed `orders/create` webhooks at SOAK_RATE per second (default 200) spread
 * over SOAK_SHOPS shops (default 100) for SOAK_MINUTES (default 20). Each sample (every
 * SOAK_SAMPLE_SECONDS, default 60) records the resident memory of web and worker and the size of the
 * inbox, the orders and the queue's tables.
 *
 * The retention run prunes on an accelerated clock: the bench calls the daily job's own function
 * (purgeExpired) with a clock moved forward so that the 7-day processed-inbox window becomes
 * SOAK_RETENTION_MINUTES (default a quarter of the run). From then on the inbox should stop growing,
 * while the orders grow by design (they are the record). The verdict reports the RSS slope over the
 * second half and each table's growth rate once pruning has had one window to catch up, against its
 * rate before pruning.
 *
 * SOAK_BACKEND=redis runs the queue on a throw-away redis-server instead of PostgreSQL (its memory is
 * then the queue's size). Linux only (reads /proc). Not part of `npm test`.
 */
import crypto from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "~/db/embedded-postgres.server";
import { createPrismaClient } from "~/db.server";
import { purgeExpired } from "~/privacy/purge.server";
import { PROCESSED_EVENT_RETENTION_DAYS } from "~/privacy/retention";
import { buildOrderPayload, buildWebhookHeaders } from "../fake-shopify";
import { ensureRemixBuild } from "../scripts/lib/remix-build";
import { freePort, waitForPort } from "../test/support/ports";
import { startRedisServer } from "../test/support/redis";

const ROOT = path.resolve(import.meta.dirname, "..");
const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const MINUTES = env("SOAK_MINUTES", 20);
const RATE = env("SOAK_RATE", 200);
const SHOPS = env("SOAK_SHOPS", 100);
const SAMPLE_MS = env("SOAK_SAMPLE_SECONDS", 60) * 1000;
const RETENTION_MS = env("SOAK_RETENTION_MINUTES", Math.max(1, MINUTES / 4)) * 60_000;
const MAX_IN_FLIGHT = env("SOAK_MAX_IN_FLIGHT", 256);
const BACKEND = process.env.SOAK_BACKEND === "redis" ? "redis" : "postgres";
const SECRET = "soak-secret";
const MB = 1024 * 1024;
const DAY_MS = 86_400_000;

function rssOf(pid: number): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(line?.match(/(\d+) kB/)?.[1] ?? Number.NaN) * 1024;
}

interface Sample {
  atMs: number;
  acked: number;
  failed: number;
  p99Ms: number;
  webRss: number;
  workerRss: number;
  inboxBytes: number;
  inboxRows: number;
  waiting: number;
  orderBytes: number;
  orderRows: number;
  queueBytes: number;
  /** PostgreSQL backend: finished jobs kept, and the event stream's rows (both capped by BullMQ). */
  finishedJobs: number;
  events: number;
  pruning: boolean;
}

/** Least-squares slope of y over x (per unit of x). */
function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

function startProcess(args: string[], environment: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(path.join(ROOT, "node_modules/.bin/node"), args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: environment,
  });
  return child;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

async function main() {
  ensureRemixBuild();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-bench-soak-"));
  fs.chmodSync(scratch, 0o755);
  const postgres = await startEmbeddedPostgres({
    dataDir: path.join(scratch, "pg"),
    port: await freePort(),
    fast: true,
  });
  const redis = BACKEND === "redis" ? await startRedisServer() : undefined;
  const databaseUrl = await ensureDatabase(postgres.serverUrl, "soak");
  const port = await freePort();
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    ...(redis ? { REDIS_URL: redis.url } : {}),
    SHOPIFY_API_KEY: "soak-key",
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_APP_URL: "https://soak.example.com",
    SESSION_ENCRYPTION_KEYS: crypto.randomBytes(32).toString("base64"),
    LOG_LEVEL: "error",
  };
  const web = startProcess(["--import", "tsx", "server.ts"], environment);
  const worker = startProcess(
    ["--max-old-space-size=384", "--import", "tsx", "workers/main.ts"],
    environment,
  );
  const client = new pg.Client({ connectionString: databaseUrl });
  const prisma = createPrismaClient(databaseUrl, 2);
  const redisClient = redis ? new Redis(redis.url) : undefined;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    await waitForPort(port, 120_000);
    await client.connect();

    let orderSeq = 0;
    let inFlight = 0;
    let skipped = 0;
    let window = { acked: 0, failed: 0, latencies: [] as number[] };
    const send = () => {
      const id = ++orderSeq;
      const shop = `soak-${id % SHOPS}.myshopify.com`;
      const customer = (id * 7919) % (SHOPS * 500);
      const body = Buffer.from(
        JSON.stringify(
          buildOrderPayload({
            id: 1_000_000 + id,
            createdAt: new Date(),
            currency: "USD",
            customer: { id: 5_000_000 + customer, email: `c${customer}@example.com`, createdAt: new Date() },
            lines: [
              { quantity: 1 + (id % 3), unitPriceMinor: 1250 + (id % 7) * 100 },
              { quantity: 1, unitPriceMinor: 499 },
            ],
          }),
        ),
      );
      const { headers } = buildWebhookHeaders({
        topic: "orders/create",
        shopDomain: shop,
        rawBody: body,
        secret: SECRET,
      });
      const started = performance.now();
      inFlight += 1;
      const request = http.request(
        {
          host: "127.0.0.1",
          port,
          path: "/webhooks",
          method: "POST",
          agent,
          headers: { ...headers, "Content-Length": String(body.byteLength) },
        },
        (response) => {
          response.resume();
          response.on("end", () => {
            inFlight -= 1;
            if (response.statusCode === 200) {
              window.acked += 1;
              window.latencies.push(performance.now() - started);
            } else window.failed += 1;
          });
        },
      );
      request.on("error", () => {
        inFlight -= 1;
        window.failed += 1;
      });
      request.end(body);
    };

    // Paced by the clock, not by ticks (a loaded machine fires timers late); a delivery due while too
    // many are unanswered is skipped and counted.
    const TICK_MS = 100;
    const startedAt = Date.now();
    let issued = 0;
    const pacer = setInterval(() => {
      const due = Math.floor(((Date.now() - startedAt) * RATE) / 1000);
      for (; issued < due; issued++) {
        if (inFlight >= MAX_IN_FLIGHT) skipped += 1;
        else send();
      }
    }, TICK_MS);

    let pruned = 0;
    let pruning = false;
    const prune = async () => {
      if (Date.now() - startedAt < RETENTION_MS) return;
      pruning = true;
      // The daily job's own step, with the clock moved so that "7 days ago" is RETENTION_MS ago.
      const now = new Date(Date.now() + PROCESSED_EVENT_RETENTION_DAYS * DAY_MS - RETENTION_MS);
      pruned += (await purgeExpired(prisma, now)).processedEvents;
    };
    const pruner = setInterval(
      () => void prune().catch((error) => console.error("prune failed", error)),
      15_000,
    );

    const size = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
    const samples: Sample[] = [];
    const sample = async () => {
      const taken = window;
      window = { acked: 0, failed: 0, latencies: [] };
      const queueBytes = redisClient
        ? Number(((await redisClient.info("memory")).match(/used_memory:(\d+)/) ?? [])[1])
        : await size(
            `SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) AS n FROM pg_class c
             JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'bullmq' WHERE c.relkind = 'r'`,
          );
      const s: Sample = {
        atMs: Date.now() - startedAt,
        acked: taken.acked,
        failed: taken.failed,
        p99Ms: percentile(taken.latencies, 99),
        webRss: rssOf(web.pid!),
        workerRss: rssOf(worker.pid!),
        inboxBytes: await size(`SELECT pg_total_relation_size('webhook_event') AS n`),
        inboxRows: await size(`SELECT count(*) AS n FROM webhook_event`),
        waiting: await size(`SELECT count(*) AS n FROM webhook_event WHERE status = 'received'`),
        orderBytes: await size(`SELECT pg_total_relation_size('"order"') AS n`),
        orderRows: await size(`SELECT count(*) AS n FROM "order"`),
        queueBytes,
        finishedJobs: redisClient
          ? Number.NaN
          : await size(`SELECT count(*) AS n FROM bullmq.job WHERE state IN ('completed', 'failed')`),
        events: redisClient ? Number.NaN : await size(`SELECT count(*) AS n FROM bullmq.event`),
        pruning,
      };
      samples.push(s);
      const minute = (s.atMs / 60_000).toFixed(1).padStart(5);
      console.log(
        `${minute} min  acks ${String(Math.round((s.acked * 1000) / SAMPLE_MS)).padStart(4)}/s  fail ${String(s.failed).padStart(5)}  p99 ${s.p99Ms.toFixed(0).padStart(5)} ms  ` +
          `RSS web ${(s.webRss / MB).toFixed(0).padStart(4)} MiB worker ${(s.workerRss / MB).toFixed(0).padStart(4)} MiB  ` +
          `inbox ${(s.inboxBytes / MB).toFixed(1).padStart(6)} MiB ${String(s.inboxRows).padStart(7)} rows (${s.waiting} waiting)  ` +
          `orders ${(s.orderBytes / MB).toFixed(1).padStart(6)} MiB ${String(s.orderRows).padStart(7)}  ` +
          `queue ${(s.queueBytes / MB).toFixed(1).padStart(6)} MiB` +
          (redisClient ? "" : ` (${s.finishedJobs} finished jobs, ${s.events} events)`) +
          (s.pruning ? "  (pruning)" : ""),
      );
    };
    console.log(
      `soak: ${MINUTES} min at ${RATE} webhooks/s over ${SHOPS} shops, ${BACKEND} queue, inbox retention ${(RETENTION_MS / 60_000).toFixed(1)} min (accelerated), sample every ${SAMPLE_MS / 1000} s`,
    );
    const sampler = setInterval(
      () => void sample().catch((error) => console.error("sample failed", error)),
      SAMPLE_MS,
    );
    await new Promise((resolve) => setTimeout(resolve, MINUTES * 60_000));
    clearInterval(pacer);
    clearInterval(sampler);
    clearInterval(pruner);
    report(samples, { skipped, pruned, sent: orderSeq });
  } finally {
    agent.destroy();
    await client.end().catch(() => undefined);
    await prisma.$disconnect();
    redisClient?.disconnect();
    await stopProcess(worker);
    await stopProcess(web);
    await redis?.stop();
    await postgres.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function report(samples: Sample[], totals: { skipped: number; pruned: number; sent: number }) {
  const minutes = (s: Sample) => s.atMs / 60_000;
  const secondHalf = samples.filter((s) => s.atMs >= (MINUTES * 60_000) / 2);
  const rssSlope = (pick: (s: Sample) => number) =>
    slope(secondHalf.map((s) => [minutes(s), pick(s) / MB] as [number, number]));
  const webSlope = rssSlope((s) => s.webRss);
  const workerSlope = rssSlope((s) => s.workerRss);
  // Growth per minute before pruning, against growth once pruning had one retention window to catch up.
  const before = samples.filter((s) => !s.pruning);
  const settled = samples.filter((s) => s.atMs >= 2 * RETENTION_MS);
  const rate = (list: Sample[], pick: (s: Sample) => number) =>
    slope(list.map((s) => [minutes(s), pick(s) / MB] as [number, number]));
  const table = (label: string, pick: (s: Sample) => number, expectFlat: boolean) => {
    const early = rate(before, pick);
    const late = rate(settled, pick);
    // Flat: under a tenth of the growth before pruning, and under 0.05 MiB/min whatever it was.
    const flat = Number.isNaN(early) ? late <= 0.05 : late <= Math.max(0.1 * early, 0.05);
    console.log(
      `  ${label.padEnd(7)} ${early.toFixed(2).padStart(7)} MiB/min before pruning, ${late.toFixed(2).padStart(7)} MiB/min after ` +
        `(${settled.length} samples)  ${expectFlat ? (flat ? "✅ stopped growing" : "❌ still growing") : "(the record: grows by design)"}`,
    );
    return !expectFlat || flat;
  };
  const acked = samples.reduce((s, x) => s + x.acked, 0);
  const failed = samples.reduce((s, x) => s + x.failed, 0);
  const last = samples.at(-1);
  console.log(`\nverdict (${samples.length} samples; other processes may be loading this machine)`);
  console.log(
    `  sent ${totals.sent}, acknowledged ${acked} (${((acked * 1000) / (MINUTES * 60_000)).toFixed(0)}/s), not 200: ${failed}, skipped at ${MAX_IN_FLIGHT} in flight: ${totals.skipped}; inbox rows pruned: ${totals.pruned}`,
  );
  if (last && last.orderRows > 0)
    console.log(
      `  order table: ${(last.orderBytes / last.orderRows).toFixed(0)} bytes per order (heap, TOAST and indexes)`,
    );
  const rssFlat = (value: number) => Math.abs(value) < 1;
  console.log(
    `  RSS slope over the second half: web ${webSlope.toFixed(2)} MiB/min, worker ${workerSlope.toFixed(2)} MiB/min  ${rssFlat(webSlope) && rssFlat(workerSlope) ? "✅ flat (< 1 MiB/min)" : "❌ not flat"}`,
  );
  const flat = [
    table("inbox", (s) => s.inboxBytes, true),
    table("queue", (s) => s.queueBytes, true),
    table("orders", (s) => s.orderBytes, false),
  ].every(Boolean);
  // Rows still waiting for the worker are never pruned: a backlog that grows means the load is past what
  // the worker keeps up with on this machine, and the inbox cannot level off until it does.
  const backlog = slope(settled.map((s) => [minutes(s), s.waiting] as [number, number]));
  console.log(
    `  backlog: ${last?.waiting ?? 0} rows waiting for the worker at the end, ${backlog.toFixed(0)} rows/min over the settled samples${backlog > RATE * 6 ? " (the worker is not keeping up)" : ""}`,
  );
  if (last && !Number.isNaN(last.finishedJobs))
    console.log(
      `  queue: ${last.finishedJobs} finished jobs kept (each contract's removeOnComplete/removeOnFail count caps them), ${last.events} events (BullMQ caps ~10,000 per queue); the queue levels off once those caps fill`,
    );
  console.log(`  tables: ${flat ? "✅ bounded once pruning runs" : "❌ not bounded"}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
