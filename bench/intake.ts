/**
 * `npm run bench:intake`: how fast the web process acknowledges webhooks, measured as Shopify sees it.
 *
 * Starts the real web process (`server.ts` on the Remix build, as `npm start` does) on a throw-away
 * embedded PostgreSQL with its default, durable settings (fsync on), and no worker. Sends signed ~6 KB
 * `orders/create` deliveries, each with its own webhook id, at concurrency 64, and, taking turns in
 * the same run, the same number of requests to the process's trivial `/healthz`. Runs once per queue
 * backend: PostgreSQL, then Redis (a redis-server it starts itself, when one is installed).
 * Prints acks/s and p50/p99 latency for both, their ratio, and checks that every acknowledged
 * delivery is in the inbox exactly once.
 *
 * Targets (a 2-core machine): ≥ 2,000 acks/s, p99 < 50 ms, ≥ 50 % of /healthz's throughput.
 * BENCH_COUNT (requests per turn, default 3,000), BENCH_ROUNDS (turns, default 3), BENCH_CONCURRENCY
 * (default 64), BENCH_BACKENDS (default "postgres,redis"), BENCH_CPU_PROF (a directory: the web process
 * writes a V8 CPU profile there). Not part of `npm test`.
 */
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureDatabase, startEmbeddedPostgres } from "~/db/embedded-postgres.server";
import { applyMigrations } from "~/db/migrate.server";
import { buildOrderPayload, buildWebhookHeaders } from "../fake-shopify";
import { ensureRemixBuild } from "../scripts/lib/remix-build";
import { freePort, waitForPort } from "../test/support/ports";
import { findRedisServer, startRedisServer } from "../test/support/redis";

const ROOT = path.resolve(import.meta.dirname, "..");
const COUNT = Number(process.env.BENCH_COUNT ?? 3_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const BACKENDS = (process.env.BENCH_BACKENDS ?? "postgres,redis").split(",").map((name) => name.trim());
const CPU_PROF_DIR = process.env.BENCH_CPU_PROF;
const SECRET = "bench-secret";
const SHOPS = 8;
const TARGET = { acksPerSecond: 2_000, p99Ms: 50, ofTrivial: 0.5 };

interface Delivery {
  headers: Record<string, string>;
  body: Buffer;
  webhookId: string;
}

interface Turn {
  seconds: number;
  latenciesMs: number[];
  ok: number;
  failed: number;
  /** CPU used meanwhile by the web process and by PostgreSQL. */
  webCpuMs: number;
  postgresCpuMs: number;
}

interface Result {
  backend: string;
  webhooks: Turn;
  healthz: Turn;
  acknowledged: string[];
  databaseUrl: string;
}

const TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU time (user + system) a process has used, from /proc; 0 where there is no /proc. With
 * `children`, that of its children that have exited too (PostgreSQL backends come and go).
 */
function cpuMs(pid: number, children = false): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const own = Number(fields[11]) + Number(fields[12]);
    return (children ? own + Number(fields[13]) + Number(fields[14]) : own) * TICK_MS;
  } catch {
    return 0;
  }
}

/** CPU time of the PostgreSQL server: the postmaster and every backend it forked. */
function postgresCpuMs(dataDir: string): number {
  let postmaster: number;
  try {
    postmaster = Number(fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
  } catch {
    return 0;
  }
  let total = cpuMs(postmaster, true);
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = Number(fs.readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      if (ppid === postmaster) total += cpuMs(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

/** ~6 KB, like a real three-line order with its customer. */
function delivery(orderId: number): Delivery {
  const shopDomain = `bench-${orderId % SHOPS}.myshopify.com`;
  const payload = buildOrderPayload({
    id: orderId,
    createdAt: "2026-11-02T10:00:00Z",
    currency: "USD",
    lines: [1, 2, 3].map((quantity) => ({ quantity, unitPriceMinor: 1250 })),
  });
  const body = Buffer.from(JSON.stringify(payload));
  const built = buildWebhookHeaders({ topic: "orders/create", shopDomain, rawBody: body, secret: SECRET });
  return {
    headers: { ...built.headers, "Content-Length": String(body.byteLength) },
    body,
    webhookId: built.webhookId,
  };
}

function request(
  agent: http.Agent,
  port: number,
  options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer },
): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        agent,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(options.body);
  });
}

/** `count` requests made by `CONCURRENCY` callers, each starting its next as soon as one is answered. */
async function turn(
  count: number,
  send: (index: number) => Promise<number>,
  cpu: { web: () => number; postgres: () => number },
  acked?: (i: number) => void,
): Promise<Turn> {
  const latenciesMs: number[] = [];
  const webBefore = cpu.web();
  const postgresBefore = cpu.postgres();
  let next = 0;
  let ok = 0;
  let failed = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const index = next++;
        const sent = process.hrtime.bigint();
        const status = await send(index);
        latenciesMs.push(Number(process.hrtime.bigint() - sent) / 1e6);
        if (status === 200) {
          ok += 1;
          acked?.(index);
        } else failed += 1;
      }
    }),
  );
  return {
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    latenciesMs,
    ok,
    failed,
    webCpuMs: cpu.web() - webBefore,
    postgresCpuMs: cpu.postgres() - postgresBefore,
  };
}

function merge(turns: Turn[]): Turn {
  return {
    seconds: turns.reduce((sum, t) => sum + t.seconds, 0),
    latenciesMs: turns.flatMap((t) => t.latenciesMs),
    ok: turns.reduce((sum, t) => sum + t.ok, 0),
    failed: turns.reduce((sum, t) => sum + t.failed, 0),
    webCpuMs: turns.reduce((sum, t) => sum + t.webCpuMs, 0),
    postgresCpuMs: turns.reduce((sum, t) => sum + t.postgresCpuMs, 0),
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function runBackend(
  backend: string,
  postgres: { serverUrl: string; dataDir: string },
  redisUrl: string | undefined,
): Promise<Result> {
  const databaseUrl = await ensureDatabase(postgres.serverUrl, `bench_${backend}`);
  await applyMigrations(databaseUrl);
  const port = await freePort();
  const profile = CPU_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(CPU_PROF_DIR)}`] : [];
  const web = spawn(path.join(ROOT, "node_modules/.bin/node"), [...profile, "--import", "tsx", "server.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
      SHOPIFY_API_KEY: "bench-key",
      SHOPIFY_API_SECRET: SECRET,
      SHOPIFY_APP_URL: "https://bench.example.com",
      SESSION_ENCRYPTION_KEYS: crypto.randomBytes(32).toString("base64"),
      LOG_LEVEL: "error",
    },
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    await waitForPort(port, 180_000);
    const cpu = { web: () => cpuMs(web.pid!), postgres: () => postgresCpuMs(postgres.dataDir) };
    let orderId = backend === "redis" ? 5_000_000 : 1_000_000;
    const prepare = (n: number) => Array.from({ length: n }, () => delivery(orderId++));
    const post = (d: Delivery) => request(agent, port, { method: "POST", path: "/webhooks", ...d });
    const healthz = () => request(agent, port, { method: "GET", path: "/healthz" });

    // Warm-up: shop rows, connection pools, JIT; not measured.
    const acknowledged: string[] = [];
    const warm = prepare(CONCURRENCY * 8);
    await turn(
      warm.length,
      (i) => post(warm[i]!),
      cpu,
      (i) => acknowledged.push(warm[i]!.webhookId),
    );
    await turn(warm.length, () => healthz(), cpu);

    const webhookTurns: Turn[] = [];
    const healthzTurns: Turn[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const batch = prepare(COUNT);
      webhookTurns.push(
        await turn(
          COUNT,
          (i) => post(batch[i]!),
          cpu,
          (i) => acknowledged.push(batch[i]!.webhookId),
        ),
      );
      healthzTurns.push(await turn(COUNT, () => healthz(), cpu));
    }
    return {
      backend,
      webhooks: merge(webhookTurns),
      healthz: merge(healthzTurns),
      acknowledged,
      databaseUrl,
    };
  } finally {
    agent.destroy();
    web.kill("SIGTERM");
    await new Promise((resolve) => web.once("exit", resolve));
  }
}

/** Every acknowledged delivery has exactly one inbox row. */
async function checkInbox(result: Result): Promise<{ ok: boolean; line: string }> {
  const client = new pg.Client({ connectionString: result.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ webhook_id: string; n: string }>(
      `SELECT webhook_id, count(*) AS n FROM webhook_event WHERE webhook_id = ANY($1) GROUP BY webhook_id`,
      [result.acknowledged],
    );
    const once = rows.filter((row) => row.n === "1").length;
    const doubled = rows.length - once;
    const missing = result.acknowledged.length - rows.length;
    const ok = missing === 0 && doubled === 0;
    return {
      ok,
      line: `${result.acknowledged.length} acknowledged, ${once} in the inbox once, ${missing} missing, ${doubled} more than once ${ok ? "✅" : "❌"}`,
    };
  } finally {
    await client.end();
  }
}

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });

async function main() {
  ensureRemixBuild();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-bench-intake-"));
  fs.chmodSync(scratch, 0o755);
  const dataDir = path.join(scratch, "pg");
  const postgres = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  const redisBinary = findRedisServer();
  const redis = BACKENDS.includes("redis") && redisBinary ? await startRedisServer(redisBinary) : undefined;
  const results: Result[] = [];
  let allOk = true;
  try {
    for (const backend of BACKENDS) {
      if (backend === "redis" && !redis) {
        console.log(
          "redis-server not installed: the Redis backend is skipped (apt-get install redis-server)",
        );
        continue;
      }
      results.push(
        await runBackend(
          backend,
          { serverUrl: postgres.serverUrl, dataDir },
          backend === "redis" ? redis?.url : undefined,
        ),
      );
    }
    console.log(
      `intake: ${ROUNDS} × ${fmt(COUNT)} signed ~6 KB orders/create at concurrency ${CONCURRENCY}, taking turns with /healthz; ${os.cpus().length} cores`,
    );
    console.log(
      "backend  | route     | req/s  | p50 ms | p99 ms | non-200 | of /healthz | CPU ms/req web | CPU ms/req PostgreSQL",
    );
    for (const result of results) {
      const row = (name: string, turn: Turn, ratio: string) => {
        const perSecond = turn.ok / turn.seconds;
        return `${result.backend.padEnd(8)} | ${name.padEnd(9)} | ${fmt(perSecond).padStart(6)} | ${fmt(percentile(turn.latenciesMs, 50), 1).padStart(6)} | ${fmt(percentile(turn.latenciesMs, 99), 1).padStart(6)} | ${String(turn.failed).padStart(7)} | ${ratio.padStart(11)} | ${(turn.webCpuMs / turn.ok).toFixed(3).padStart(14)} | ${(turn.postgresCpuMs / turn.ok).toFixed(3)}`;
      };
      const acks = result.webhooks.ok / result.webhooks.seconds;
      const trivial = result.healthz.ok / result.healthz.seconds;
      const p99 = percentile(result.webhooks.latenciesMs, 99);
      const ratio = acks / trivial;
      console.log(row("/webhooks", result.webhooks, ratio.toFixed(2)));
      console.log(row("/healthz", result.healthz, "1.00"));
      const met = acks >= TARGET.acksPerSecond && p99 < TARGET.p99Ms && ratio >= TARGET.ofTrivial;
      console.log(
        `  targets (≥ ${fmt(TARGET.acksPerSecond)} acks/s, p99 < ${TARGET.p99Ms} ms, ≥ ${TARGET.ofTrivial * 100} % of /healthz): ${met ? "✅" : "❌"}`,
      );
      const inbox = await checkInbox(result);
      console.log(`  inbox: ${inbox.line}`);
      allOk &&= inbox.ok;
    }
  } finally {
    await redis?.stop();
    await postgres.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  if (!allOk) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
