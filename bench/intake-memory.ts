/**
 * `npm run bench:intake-memory`: starts the real web process (`server.ts` on the Remix build, a
 * throw-away embedded PostgreSQL), fires 50 concurrent webhook deliveries of WEBHOOK_MAX_BYTES each
 * with a wrong HMAC at /webhooks, and prints the web process's resident memory before and at its peak
 * (sampled from /proc every 5 ms, and the kernel's own high-water mark). Target: a rise under 100 MB.
 *
 * BENCH_CONCURRENCY (default 50), WEBHOOK_MAX_BYTES and WEBHOOK_INTAKE_BUFFER_BYTES (the web process's
 * defaults unless set) shape the run. Linux only (reads /proc). Not part of `npm test`.
 */
import crypto from "node:crypto";
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { ensureDatabase, startEmbeddedPostgres } from "~/db/embedded-postgres.server";
import { envSchema } from "~/env.server";
import { buildWebhookHeaders } from "../fake-shopify";
import { ensureRemixBuild } from "../scripts/lib/remix-build";
import { freePort, waitForPort } from "../test/support/ports";

const ROOT = path.resolve(import.meta.dirname, "..");
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);
const TARGET_MB = 100;
const defaults = envSchema.parse({ SHOPIFY_API_KEY: "k", SHOPIFY_API_SECRET: "s", ...process.env });
const MAX_BYTES = defaults.WEBHOOK_MAX_BYTES;
const MB = 1024 * 1024;

/** A field of /proc/<pid>/status in bytes (VmRSS: resident now, VmHWM: resident at its peak). */
function procStatus(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = fs
    .readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.match(/(\d+) kB/)?.[1] ?? Number.NaN) * 1024;
}

function post(port: number, headers: Record<string, string>, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const request = http.request(
      { host: "127.0.0.1", port, path: "/webhooks", method: "POST", headers, agent: false },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    // A refused body may be cut off mid-write once the answer is out; the answer is what counts.
    request.on("error", () => resolve(0));
    request.end(body);
  });
}

async function main() {
  ensureRemixBuild();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-bench-intake-"));
  fs.chmodSync(scratch, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(scratch, "pg"),
    port: await freePort(),
    fast: true,
  });
  const databaseUrl = await ensureDatabase(pg.serverUrl, "bench");
  const port = await freePort();
  const web = spawn(path.join(ROOT, "node_modules/.bin/node"), ["--import", "tsx", "server.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      SHOPIFY_API_KEY: "bench-key",
      SHOPIFY_API_SECRET: "bench-secret",
      SHOPIFY_APP_URL: "https://bench.example.com",
      // Production requires its own token key; any valid one will do for a process that stores no session.
      SESSION_ENCRYPTION_KEYS: crypto.randomBytes(32).toString("base64"),
      LOG_LEVEL: "error",
    },
  });
  try {
    await waitForPort(port, 60_000);
    const shopDomain = "bench-intake.myshopify.com";
    const body = Buffer.alloc(MAX_BYTES, "x");
    const headersFor = () => ({
      ...buildWebhookHeaders({
        topic: "orders/create",
        shopDomain,
        rawBody: body,
        secret: "bench-secret",
        signingSecret: "not-the-secret",
      }).headers,
      "Content-Length": String(body.byteLength),
    });
    // Warm up: the routes, the Prisma client and the first requests' allocations are not the intake's.
    for (let i = 0; i < 3; i++) await post(port, headersFor(), body);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const baseline = procStatus(web.pid!, "VmRSS");
    // Resets the kernel's high-water mark to the current RSS (Linux clear_refs, value 5).
    fs.writeFileSync(`/proc/${web.pid}/clear_refs`, "5");

    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, procStatus(web.pid!, "VmRSS"));
    }, 5);
    const started = Date.now();
    const statuses = await Promise.all(
      Array.from({ length: CONCURRENCY }, () => post(port, headersFor(), body)),
    );
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    const highWater = procStatus(web.pid!, "VmHWM");
    peak = Math.max(peak, highWater);

    const counts = new Map<number, number>();
    for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
    const rise = (peak - baseline) / MB;
    console.log(
      `intake memory: ${CONCURRENCY} concurrent bodies of ${(MAX_BYTES / MB).toFixed(1)} MiB with a wrong HMAC (budget ${(defaults.WEBHOOK_INTAKE_BUFFER_BYTES / MB).toFixed(0)} MiB)`,
    );
    console.log(
      `  answers:        ${[...counts].map(([status, n]) => `${n} × ${status === 0 ? "connection cut" : status}`).join(", ")} in ${seconds.toFixed(2)} s`,
    );
    console.log(`  web RSS before: ${(baseline / MB).toFixed(1)} MiB`);
    console.log(
      `  web RSS peak:   ${(peak / MB).toFixed(1)} MiB (kernel high-water mark ${(highWater / MB).toFixed(1)} MiB)`,
    );
    console.log(
      `  rise:           ${rise.toFixed(1)} MiB (target < ${TARGET_MB} MB) ${rise * 1.048576 < TARGET_MB ? "✅" : "❌"}`,
    );
  } finally {
    web.kill("SIGTERM");
    await new Promise((resolve) => web.once("exit", resolve));
    await pg.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
