/**
 * KPI freshness benchmark (`npm run bench:freshness`): many shops at once through the real processes.
 * Builds small shops, a few 100k-order shops and one 1M-order shop (bench/support/kpi-store.ts), starts
 * the web process and one worker process (server.ts, workers/main.ts) on Redis (or BullMQ's PostgreSQL
 * backend), asks for a full rebuild of the 1M shop, then sends signed orders/create webhooks at a steady
 * rate spread over the shops. For every order it measures the time from sending the webhook to the
 * shop's snapshot counting it (today's "orders", polled), and prints percentiles per shop size, split by
 * whether the 1M rebuild was running. Sizes come from the environment (FRESHNESS_*, see `config`), so a
 * smaller run is possible; BENCH_DIR keeps the cluster and its stores between runs; FRESHNESS_CPU_PROF (a
 * directory) has the web and worker processes write CPU profiles there. Not part of `npm test`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import pg from "pg";
import { buildOrderPayload, sendWebhook } from "../fake-shopify";
import { applyMigrations } from "~/db/migrate.server";
import { createPrismaClient } from "~/db.server";
import { createQueues } from "~/jobs/producer.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { ensureRemixBuild } from "../scripts/lib/remix-build";
import { freePort } from "../test/support/ports";
import { findRedisServer, startRedisServer } from "../test/support/redis";
import { benchDatabase, createBenchRandom } from "./support/bench-database";
import { generateStore, type StoreSize } from "./support/kpi-store";

const ROOT = path.resolve(import.meta.dirname, "..");
const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  return value;
};
const config = {
  smallShops: number("FRESHNESS_SHOPS", 996),
  bigShops: number("FRESHNESS_BIG_SHOPS", 3),
  bigOrders: number("FRESHNESS_BIG_ORDERS", 100_000),
  /** 0: no rebuilding shop. */
  hugeOrders: number("FRESHNESS_HUGE_ORDERS", 1_000_000),
  /** Webhooks per second, and for how long. */
  rate: number("FRESHNESS_RATE", 100),
  seconds: number("FRESHNESS_SECONDS", 60),
  /** Shares of the burst's orders for the 100k shops and the 1M shop; the rest go to small shops. */
  bigShare: number("FRESHNESS_BIG_SHARE", 0.05),
  hugeShare: number("FRESHNESS_HUGE_SHARE", 0.01),
  queue: process.env.FRESHNESS_QUEUE ?? (findRedisServer() ? "redis" : "postgres"),
  workerConcurrency: number("FRESHNESS_WORKER_CONCURRENCY", 8),
  /** "http": signed webhooks through the web process; "inbox": rows written as its intake writes them. */
  intake: process.env.FRESHNESS_INTAKE === "inbox" ? "inbox" : "http",
  /** 1: first the same burst without the rebuild, the baseline of this run. */
  baseline: number("FRESHNESS_BASELINE", 1),
};
const SECRET = "bench-api-secret";
const POLL_MS = 250;
const DRAIN_MS = 180_000;

type Size = "small" | "big" | "huge";
interface Sent {
  at: number;
  webhookId?: string;
  acked?: number;
  /** When the worker marked its inbox row processed (the order is stored and its shop marked dirty). */
  ingested?: number;
  seen?: number;
  duringRebuild: boolean;
}
interface Shop {
  id: number;
  domain: string;
  size: Size;
  baseline: number;
  /** Sent orders of this shop, in sending order (wall-clock ms): sent, answered 200, counted by the snapshot. */
  sent: Sent[];
}

const percentile = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const secs = (ms: number) => (Number.isNaN(ms) ? "—" : `${(ms / 1000).toFixed(2)} s`);
const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function timed<T>(what: string, step: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await step();
  log(`${what}: ${secs(performance.now() - started)}`);
  return result;
}

/** Small shops in one statement each: 20–419 orders over the last year, customers ordering about three times. */
async function generateSmallShops(client: pg.Client, count: number): Promise<void> {
  await client.query(
    `INSERT INTO shop (domain, timezone, currency, updated_at)
     SELECT 'fresh-small-' || i || '.myshopify.com', 'UTC', 'USD', now() FROM generate_series(1, $1::int) i
     ON CONFLICT (domain) DO NOTHING`,
    [count],
  );
  const { rows } = await client.query<{ id: number }>(
    `SELECT s.id FROM shop s WHERE s.domain LIKE 'fresh-small-%'
       AND NOT EXISTS (SELECT 1 FROM "order" o WHERE o.shop_id = s.id)`,
  );
  if (rows.length === 0) return;
  const ids = rows.map((r) => r.id);
  for (const table of ["order", "customer"])
    await client.query(`ALTER TABLE "${table}" DISABLE TRIGGER USER`);
  await client.query(
    `INSERT INTO "order" (shop_id, id, name, customer_id, email, customer_key, ordered_at, shopify_created_at,
       shopify_updated_at, currency, gross_minor, discounts_minor, shipping_minor, taxes_minor, duties_minor,
       total_minor, units, lines)
     SELECT s.id, n, '#' || n, c, 'c' || c || '@example.com', 'c:' || c, at, at, at, 'USD', g, 0, 500, 0, 0, g + 500, 1,
       '[]'::jsonb
     FROM unnest($1::int[]) AS s(id)
     CROSS JOIN LATERAL generate_series(1, 20 + (s.id * 7919) % 400) n
     CROSS JOIN LATERAL (SELECT
       1 + floor(bench_random(s.id * 100000 + n, 1) * (7 + ((s.id * 7919) % 400) / 3))::bigint AS c,
       (now() AT TIME ZONE 'UTC') - make_interval(secs => 86400 + 364 * 86400 * bench_random(s.id * 100000 + n, 2)) AS at,
       1000 + floor(9000 * bench_random(s.id * 100000 + n, 3))::bigint AS g) x`,
    [ids],
  );
  await client.query(
    `INSERT INTO customer (shop_id, id, email, shopify_created_at, shopify_updated_at)
     SELECT shop_id, customer_id, min(email), min(ordered_at), min(ordered_at) FROM "order"
     WHERE shop_id = ANY($1::int[]) GROUP BY shop_id, customer_id`,
    [ids],
  );
  for (const table of ["order", "customer"]) await client.query(`ALTER TABLE "${table}" ENABLE TRIGGER USER`);
}

/** Recomputes (in this process, a few at a time) every listed shop that has never been built. */
async function buildUnbuilt(url: string, shopIds: number[]): Promise<void> {
  const prisma = createPrismaClient(url, 3);
  const built = new Set(
    (await prisma.kpiEngineState.findMany({ select: { shopId: true } })).map((s) => s.shopId),
  );
  const todo = shopIds.filter((id) => !built.has(id));
  let next = 0;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (next < todo.length) await recomputeShop(prisma, todo[next++]!);
    }),
  );
  await prisma.$disconnect();
}

/** A directory: the web and worker processes write V8 CPU profiles there when they exit. */
const CPU_PROF_DIR = process.env.FRESHNESS_CPU_PROF;

function spawnProcess(script: string[], env: Record<string, string>): ChildProcess {
  const profile = CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROF_DIR)}`] : [];
  return spawn(path.join(ROOT, "node_modules/.bin/node"), [...profile, "--import", "tsx", ...script], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, ...env },
  });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main() {
  const loadBefore = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  log(`config ${JSON.stringify(config)}`);
  const db = await benchDatabase("freshness", 45_432);
  await applyMigrations(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await createBenchRandom(client);

  // The stores (kept in BENCH_DIR's cluster between runs).
  const end = new Date(Date.now() - 86_400_000);
  const spec = { zone: "UTC", end, days: 730 };
  const huge = config.hugeOrders
    ? await timed(`store of ${config.hugeOrders} orders`, () =>
        generateStore(client, {
          ...spec,
          domain: `fresh-huge-${config.hugeOrders}.myshopify.com`,
          orders: config.hugeOrders,
          customers: Math.ceil(config.hugeOrders / 4),
          abandonedCheckouts: Math.ceil(config.hugeOrders / 2),
        }),
      )
    : null;
  const bigs: StoreSize[] = [];
  for (let i = 1; i <= config.bigShops; i++)
    bigs.push(
      await timed(`store ${i} of ${config.bigOrders} orders`, () =>
        generateStore(client, {
          ...spec,
          domain: `fresh-big${i}-${config.bigOrders}.myshopify.com`,
          orders: config.bigOrders,
          customers: Math.ceil(config.bigOrders / 4),
          abandonedCheckouts: Math.ceil(config.bigOrders / 2),
        }),
      ),
    );
  await timed(`${config.smallShops} small shops`, () => generateSmallShops(client, config.smallShops));
  const { rows: smallRows } = await client.query<{ id: number; domain: string }>(
    `SELECT id, domain FROM shop WHERE domain LIKE 'fresh-small-%' ORDER BY id LIMIT $1`,
    [config.smallShops],
  );
  await client.query("VACUUM ANALYZE");
  // Every shop but the 1M one starts built, so the burst's recomputes are incremental.
  await timed("initial builds", () =>
    buildUnbuilt(db.url, [...bigs.map((b) => b.shopId), ...smallRows.map((s) => s.id)]),
  );

  // Queue backend, then the web and worker processes.
  const redis = config.queue === "redis" ? await startRedisServer() : null;
  await client.query("DROP SCHEMA IF EXISTS bullmq CASCADE");
  await client.query("DELETE FROM webhook_event");
  await client.query("DELETE FROM kpi_dirty_day");
  await client.query("DELETE FROM kpi_dirty_customer");
  ensureRemixBuild();
  const port = await freePort();
  const env = {
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: db.url,
    REDIS_URL: redis?.url ?? "",
    SHOPIFY_API_KEY: "bench-api-key",
    SHOPIFY_API_SECRET: SECRET,
    SESSION_ENCRYPTION_KEYS: crypto.randomBytes(32).toString("base64"),
    SHOPIFY_APP_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "info",
    WORKER_CONCURRENCY: String(config.workerConcurrency),
  };
  const web = spawnProcess(["server.ts"], { ...env, LOG_LEVEL: "warn" });
  web.stdout!.resume();
  const worker = spawnProcess(["workers/main.ts"], env);
  const recomputes = { incremental: 0, deferred: 0, other: 0 };
  let rebuildEnded: number | undefined;
  let workerStarted = false;
  readline.createInterface({ input: worker.stdout! }).on("line", (line) => {
    let entry: { msg?: string; shopId?: number; mode?: string; to?: string };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      return;
    }
    if (entry.msg === "worker started") workerStarted = true;
    if (entry.msg === "kpi recompute deferred") recomputes.deferred++;
    if (entry.msg !== "kpi recompute") return;
    if (entry.mode === "incremental") recomputes.incremental++;
    else recomputes.other++;
    if (huge && entry.shopId === huge.shopId && entry.mode === "full") rebuildEnded ??= Date.now();
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil(async () => (await fetch(`${url}/healthz`)).ok, 120_000, "the web process");
    await waitUntil(async () => workerStarted, 120_000, "the worker process");

    const shops: Shop[] = [
      ...smallRows.map((s) => ({ id: s.id, domain: s.domain, size: "small" as const })),
      ...bigs.map((b, i) => ({
        id: b.shopId,
        domain: `fresh-big${i + 1}-${config.bigOrders}.myshopify.com`,
        size: "big" as const,
      })),
      ...(huge
        ? [
            {
              id: huge.shopId,
              domain: `fresh-huge-${config.hugeOrders}.myshopify.com`,
              size: "huge" as const,
            },
          ]
        : []),
    ].map((s) => ({ ...s, baseline: 0, sent: [] }));
    const today = new Date(new Date().toISOString().slice(0, 10) + "T00:00:00Z");
    const counted = async (ids: number[]) => {
      const { rows } = await client.query<{ shop_id: number; value: number | null }>(
        `SELECT shop_id, value FROM kpi_snapshot
         WHERE shop_id = ANY($1::int[]) AND granularity = 'day' AND period_start = $2 AND kpi = 'orders'`,
        [ids, today],
      );
      return new Map(rows.map((r) => [r.shop_id, r.value ?? 0]));
    };
    const producer = createQueues({ databaseUrl: db.url, redisUrl: redis?.url });
    const inboxPool = new pg.Pool({ connectionString: db.url, max: 4 });
    const bySize = (size: Size) => shops.filter((s) => s.size === size);
    const small = bySize("small");
    const big = bySize("big");
    const hugeShops = bySize("huge");
    let random = 12345;
    const uniform = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = (): Shop => {
      const r = uniform();
      if (r < config.hugeShare && hugeShops.length) return hugeShops[0]!;
      if (r < config.hugeShare + config.bigShare && big.length)
        return big[Math.floor(uniform() * big.length)]!;
      return small[Math.floor(uniform() * small.length)]!;
    };
    let orderId = 5_000_000_000 + (Date.now() % 1_000_000) * 1_000;

    /** Through the web process (signed webhook), or straight into the inbox as its intake writes it. */
    const deliver = async (shop: Shop, payload: object): Promise<{ status: number; webhookId: string }> => {
      if (config.intake === "http")
        return sendWebhook({
          url: `${url}/webhooks`,
          topic: "orders/create",
          shopDomain: shop.domain,
          secret: SECRET,
          payload,
        });
      const webhookId = crypto.randomUUID();
      await inboxPool.query(
        `INSERT INTO webhook_event (shop_id, webhook_id, topic, payload, received_at, enqueued_at)
         VALUES ($1, $2, 'orders/create', $3, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')`,
        [shop.id, webhookId, JSON.stringify(payload)],
      );
      await producer.enqueueIngest({ shopId: shop.id, webhookId });
      return { status: 200, webhookId };
    };

    /** One burst; with `rebuild`, the 1M shop's full rebuild is queued as it starts. */
    const burst = async (rebuild: boolean): Promise<string[]> => {
      for (const shop of shops) shop.sent = [];
      const baselines = await counted(shops.map((s) => s.id));
      for (const shop of shops) shop.baseline = baselines.get(shop.id) ?? 0;
      const counts = { ...recomputes };
      rebuildEnded = undefined;
      const started = Date.now();
      if (rebuild && huge)
        await producer.enqueueRecompute({ shopId: huge.shopId, full: true, reason: "bench rebuild" });
      const rebuilding = () => rebuild && huge !== null && rebuildEnded === undefined;
      const acks: { status: number; ms: number }[] = [];
      const sendOne = async (shop: Shop) => {
        const id = orderId++;
        const at = Date.now();
        const payload = buildOrderPayload({
          id,
          createdAt: new Date(),
          currency: "USD",
          email: `w${id}@example.com`,
          lines: [{ quantity: 1, unitPriceMinor: 2500 }],
        });
        const sent: Sent = { at, duringRebuild: rebuilding() };
        shop.sent.push(sent);
        const { status, webhookId } = await deliver(shop, payload);
        acks.push({ status, ms: Date.now() - at });
        sent.webhookId = webhookId;
        if (status === 200) sent.acked = Date.now();
      };

      // The poller: a shop's k-th sent order counts as seen once its snapshot counts k more orders.
      let polling = true;
      const poller = (async () => {
        while (polling) {
          const pending = shops.filter((s) => s.sent.some((o) => o.seen === undefined));
          if (pending.length) {
            const values = await counted(pending.map((s) => s.id));
            const now = Date.now();
            for (const shop of pending) {
              const seen = (values.get(shop.id) ?? 0) - shop.baseline;
              for (let k = 0; k < Math.min(seen, shop.sent.length); k++) shop.sent[k]!.seen ??= now;
            }
          }
          await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        }
      })();

      const total = Math.round(config.rate * config.seconds);
      log(`${rebuild ? "burst with the rebuild" : "baseline burst"}: ${total} orders at ${config.rate}/s …`);
      const sends: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / config.rate;
        const wait = due - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        sends.push(sendOne(pick()));
      }
      await Promise.all(sends);
      const burstEnded = Date.now();
      log(`sent; waiting for the snapshots (up to ${DRAIN_MS / 1000} s) …`);
      const allSeen = () => shops.every((s) => s.sent.every((o) => o.seen !== undefined));
      await waitUntil(async () => allSeen(), DRAIN_MS, "every order in its snapshot").catch((error: Error) =>
        log(error.message),
      );
      if (rebuild && huge && rebuildEnded === undefined)
        await waitUntil(async () => rebuildEnded !== undefined, 900_000, "the 1M rebuild").catch(() => {});
      polling = false;
      await poller;
      const all = shops.flatMap((s) => s.sent);
      const { rows: inbox } = await client.query<{ webhook_id: string; processed: number }>(
        `SELECT webhook_id, (extract(epoch FROM processed_at) * 1000)::float8 AS processed FROM webhook_event
         WHERE webhook_id = ANY($1::text[]) AND processed_at IS NOT NULL`,
        [all.map((o) => o.webhookId).filter(Boolean)],
      );
      const processed = new Map(inbox.map((r) => [r.webhook_id, r.processed]));
      for (const o of all) o.ingested = o.webhookId ? processed.get(o.webhookId) : undefined;

      const latencies = (list: Shop[], filter: (o: Sent) => boolean = () => true) =>
        list.flatMap((s) =>
          s.sent.filter((o) => o.seen !== undefined && filter(o)).map((o) => o.seen! - o.at),
        );
      const unseen = (list: Shop[]) => list.reduce((n, s) => n + s.sent.filter((o) => !o.seen).length, 0);
      const row = (label: string, xs: number[], missing: number | string, target = "") =>
        `| ${label} | ${xs.length} | ${secs(percentile(xs, 50))} | ${secs(percentile(xs, 95))} | ${secs(percentile(xs, 99))} | ${secs(percentile(xs, 100))} | ${missing} | ${target} |`;
      const stage = (
        label: string,
        from: (o: Sent) => number | undefined,
        to: (o: Sent) => number | undefined,
      ) => {
        const xs = all.flatMap((o) => {
          const a = from(o);
          const b = to(o);
          return a === undefined || b === undefined ? [] : [b - a];
        });
        return row(label, xs, "");
      };
      const smallDuring = latencies(small, (o) => o.duringRebuild);
      const p95 = percentile(smallDuring, 95);
      const p99 = percentile(smallDuring, 99);
      const pass = (ok: boolean) => (ok ? "✅" : "❌");
      const ackMs = acks.map((a) => a.ms);
      const statuses = Object.entries(
        acks.reduce<Record<number, number>>((m, a) => ({ ...m, [a.status]: (m[a.status] ?? 0) + 1 }), {}),
      )
        .map(([status, n]) => `${n}× ${status}`)
        .join(", ");
      const title = rebuild
        ? `With the ${config.hugeOrders.toLocaleString("en")}-order shop rebuilding from the start (rebuild finished ${rebuildEnded === undefined ? "— not within the wait" : `${secs(rebuildEnded - started)} after the burst began`})`
        : "Baseline: the same burst, no rebuild running";
      return [
        `### ${title}`,
        ``,
        `${acks.length} orders at ${config.rate}/s for ${config.seconds} s, sent in ${secs(burstEnded - started)}: ${statuses}; ${config.intake === "http" ? "ack" : "inbox insert + enqueue"} p50 ${secs(percentile(ackMs, 50))}, p99 ${secs(percentile(ackMs, 99))}. Worker: ${recomputes.incremental - counts.incremental} incremental recomputes, ${recomputes.other - counts.other} other, ${recomputes.deferred - counts.deferred} deferred.`,
        ``,
        `| from ${config.intake === "http" ? "webhook sent" : "inbox insert"} to the shop's snapshot counting the order | orders | p50 | p95 | p99 | max | not seen | target |`,
        `| --- | --- | --- | --- | --- | --- | --- | --- |`,
        ...(rebuild && huge
          ? [
              row(
                "small shops, sent while the 1M rebuild ran",
                smallDuring,
                unseen(small),
                `p95 < 5 s ${pass(p95 < 5_000)}, p99 < 15 s ${pass(p99 < 15_000)}`,
              ),
              row(
                "small shops, sent after it",
                latencies(small, (o) => !o.duringRebuild),
                "",
              ),
            ]
          : [row("small shops", latencies(small), unseen(small))]),
        row(`${config.bigOrders.toLocaleString("en")}-order shops`, latencies(big), unseen(big)),
        ...(huge
          ? [
              row(
                `the ${config.hugeOrders.toLocaleString("en")}-order shop`,
                latencies(hugeShops),
                unseen(hugeShops),
              ),
            ]
          : []),
        stage(
          `stage: ${config.intake === "http" ? "sent → 200 (web process, inbox row committed)" : "inbox insert + enqueue"}`,
          (o) => o.at,
          (o) => o.acked,
        ),
        stage(
          "stage: → ingested (queue, ingest job)",
          (o) => o.acked,
          (o) => o.ingested,
        ),
        stage(
          "stage: ingested → counted (debounce, recompute, poll)",
          (o) => o.ingested,
          (o) => o.seen,
        ),
        ``,
      ];
    };

    const baseline = config.baseline ? await burst(false) : [];
    const withRebuild = await burst(true);
    await producer.close();
    await inboxPool.end();
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const lines = [
      `## KPI freshness benchmark`,
      ``,
      `${new Date().toISOString().slice(0, 16)}Z · ${os.cpus().length} × ${cpu} · Node ${process.version} · queue backend ${config.queue} · intake ${config.intake === "http" ? "signed webhooks through the web process" : "inbox rows written by the benchmark"} · one worker process (WORKER_CONCURRENCY ${config.workerConcurrency}) · load average before ${loadBefore}, after ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
      `Shops: ${small.length} small (20–419 orders), ${big.length} of ${config.bigOrders.toLocaleString("en")} orders${huge ? `, one of ${config.hugeOrders.toLocaleString("en")} orders` : ""}. Snapshots polled every ${POLL_MS} ms.`,
      ``,
      ...baseline,
      ...withRebuild,
    ];
    process.stdout.write(lines.join("\n") + "\n");
  } finally {
    for (const child of [web, worker]) child.kill("SIGTERM");
    await Promise.all(
      [web, worker].map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve(null);
            child.once("exit", resolve);
            setTimeout(() => {
              child.kill("SIGKILL");
              resolve(null);
            }, 15_000);
          }),
      ),
    );
    await redis?.stop();
    await client.end();
    await db.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
