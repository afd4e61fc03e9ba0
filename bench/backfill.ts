/**
 * `npm run bench:backfill [-- --orders 1000000 --sample 5000 --batch 2000]`: imports a bulk-export JSONL
 * file of N orders (Admin GraphQL shapes, line items as `__parentId` child lines) through the real import
 * path (HTTP download, streaming parse, COPY batches upserted with per-batch checkpoints, the KPI hand-off)
 * into a fresh embedded PostgreSQL, and compares it with writing one order per transaction (the webhook
 * path), measured on a sample and extrapolated. Prints orders/s and peak RSS, and the CPU each side used
 * per order and the WAL written, which say more than wall time on a machine other jobs share.
 * Not part of `npm test`.
 */
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from "node:fs";
import { once } from "node:events";
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { closeBulkWritePools } from "~/sync/write/bulk-orders.server";
import { importResultFile } from "~/sync/import/import-file.server";
import { orderFromGraphql } from "~/sync/records/from-graphql";
import { orderRows, type OrderRow } from "~/sync/records/rows";
import type { GqlOrder } from "~/sync/wire/graphql-shapes";
import { ensureDatabase, startEmbeddedPostgres } from "~/db/embedded-postgres.server";
import { applyMigrations } from "~/db/migrate.server";
import { createPrismaClient } from "~/db.server";
import { upsertOrder } from "~/sync/write/orders.server";

const arg = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
};
const ORDERS = arg("orders", 1_000_000);
const SAMPLE = arg("sample", 5_000);
const BATCH = arg("batch", 2_000);
/** fsync off, as the test database runs; durable (the default) is what production sees. */
const FAST = process.argv.includes("--fast");
/**
 * Without the KPI engine's dirty-marking triggers on "order" and refund (diagnosis only: the import's
 * inserts skip their work anyway, so this shows what capturing their transition tables still costs).
 */
const NO_TRIGGERS = process.argv.includes("--no-kpi-triggers");

const money = (amount: string) => ({ shopMoney: { amount, currencyCode: "USD" } });

/** One order as bulk JSONL lines: the order, then its line items (1–3) naming it as parent. */
function orderLines(i: number): string {
  const id = `gid://shopify/Order/${5_000_000_000_000 + i}`;
  const created = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const lineCount = 1 + (i % 3);
  const price = 500 + (i % 9_500);
  const order = {
    id,
    name: `#${1001 + i}`,
    email: `buyer-${i % 300_000}@example.com`,
    createdAt: created,
    updatedAt: created,
    processedAt: created,
    cancelledAt: null,
    test: false,
    currencyCode: "USD",
    presentmentCurrencyCode: "USD",
    taxesIncluded: false,
    sourceName: "web",
    checkoutToken: `ck${i.toString(16).padStart(30, "0")}`,
    cartToken: null,
    customer: { id: `gid://shopify/Customer/${7_000_000_000_000 + (i % 300_000)}` },
    totalDiscountsSet: money("0.00"),
    totalShippingPriceSet: money("4.99"),
    totalTaxSet: money("1.00"),
    originalTotalDutiesSet: null,
    totalPriceSet: money(((price * lineCount + 599) / 100).toFixed(2)),
    refunds: [],
  };
  const lines = [JSON.stringify(order)];
  for (let l = 0; l < lineCount; l++) {
    lines.push(
      JSON.stringify({
        id: `gid://shopify/LineItem/${9_000_000_000_000 + i * 3 + l}`,
        quantity: 1,
        originalUnitPriceSet: money((price / 100).toFixed(2)),
        totalDiscountSet: money("0.00"),
        taxLines: [],
        product: { id: "gid://shopify/Product/1" },
        variant: { id: "gid://shopify/ProductVariant/1" },
        __parentId: id,
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

async function writeJsonl(file: string, count: number): Promise<number> {
  const out = createWriteStream(file);
  let lines = 0;
  for (let i = 0; i < count; i++) {
    const text = orderLines(i);
    lines += 2 + (i % 3);
    if (!out.write(text)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return lines;
}

/** CPU seconds of a process (and of its reaped children), from /proc: Linux only, null elsewhere. */
function cpuSeconds(pid: number, withChildren: boolean): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const ticks =
      Number(fields[11]) + Number(fields[12]) + (withChildren ? Number(fields[13]) + Number(fields[14]) : 0);
    return ticks / 100; // USER_HZ
  } catch {
    return null;
  }
}

/** CPU seconds the whole PostgreSQL server has used: the postmaster, its live and its finished processes. */
function postgresCpuSeconds(postmaster: number): number | null {
  let total = cpuSeconds(postmaster, true);
  if (total === null) return null;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      if (Number(fields[1]) === postmaster) total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function serve(file: string) {
  const server = createServer((req, res) => {
    const size = statSync(file).size;
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    const start = range ? Number(range[1]) : 0;
    res.writeHead(range ? 206 : 200, { "Content-Length": size - start });
    createReadStream(file, { start }).pipe(res);
  });
  return new Promise<{ url: string; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/result.jsonl`,
        close: () => server.close(),
      }),
    ),
  );
}

/**
 * Writes the file in a child process: the strings of a million orders would otherwise stay in this
 * process's heap and count in the import's peak RSS.
 */
async function writeJsonlApart(file: string, count: number): Promise<number> {
  const child = spawn(
    process.execPath,
    [...process.execArgv, fileURLToPath(import.meta.url), "--write-jsonl", file, String(count)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`writing the JSONL file failed (exit ${code})`);
  return Number(output.trim());
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pulse-bench-"));
  const { chmodSync } = await import("node:fs");
  chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: 40_000 + Math.floor(Math.random() * 10_000),
    fast: FAST,
  });
  console.log(
    `PostgreSQL ${FAST ? "with fsync off (--fast)" : "durable (fsync on)"}, ${os.cpus().length} CPU cores shared with this process`,
  );
  try {
    const url = await ensureDatabase(pg.serverUrl, "bench");
    await applyMigrations(url);
    const prisma = createPrismaClient(url, 4);
    if (NO_TRIGGERS) {
      await prisma.$executeRawUnsafe(`ALTER TABLE "order" DISABLE TRIGGER USER`);
      await prisma.$executeRawUnsafe(`ALTER TABLE refund DISABLE TRIGGER USER`);
      console.log("KPI dirty-marking triggers disabled (diagnosis run)");
    }
    const file = path.join(dir, "orders.jsonl");
    let t = Date.now();
    const lines = await writeJsonlApart(file, ORDERS);
    console.log(
      `wrote ${ORDERS.toLocaleString("en")} orders (${lines.toLocaleString("en")} JSONL lines, ${(statSync(file).size / 1e6).toFixed(0)} MB) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );

    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
    const server = await serve(file);
    const shop = await prisma.shop.create({ data: { domain: "bench.myshopify.com" } });
    const state = await prisma.syncState.create({
      data: {
        shopId: shop.id,
        resource: "orders",
        status: "importing",
        resultUrl: server.url,
        objectCount: BigInt(lines),
        leaseOwner: "bench",
        leaseUntil: new Date(Date.now() + 3_600_000),
      },
    });
    const rssBefore = process.memoryUsage().rss;
    const backend = (await prisma.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`)[0]!.pid;
    const postmaster = Number(readFileSync(`/proc/${backend}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
    const walLsn = async () =>
      (await prisma.$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_lsn()::text AS lsn`)[0]!.lsn;
    const walBytes = async (from: string) =>
      Number(
        (
          await prisma.$queryRaw<
            { bytes: string }[]
          >`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ${from}::pg_lsn)::text AS bytes`
        )[0]!.bytes,
      );
    const walBefore = await walLsn();
    const pgCpuBefore = postgresCpuSeconds(postmaster);
    const nodeCpuBefore = process.cpuUsage();
    t = performance.now();
    const result = await importResultFile(prisma, { id: shop.id, currency: "USD" }, state, "bench", {
      batchSize: BATCH,
      leaseMs: 3_600_000,
      fetchFile: fetch,
      databaseUrl: url,
    });
    const seconds = (performance.now() - t) / 1000;
    const nodeCpu = process.cpuUsage(nodeCpuBefore);
    const pgCpuAfter = postgresCpuSeconds(postmaster);
    clearInterval(sampler);
    server.close();
    const stored = await prisma.order.count({ where: { shopId: shop.id } });
    if (stored !== ORDERS || result.records !== ORDERS)
      throw new Error(`imported ${result.records} orders and stored ${stored}, not ${ORDERS}`);
    console.log(
      `batch import: ${result.records.toLocaleString("en")} orders in ${seconds.toFixed(1)} s = ${Math.round(result.records / seconds).toLocaleString("en")} orders/s; ${stored.toLocaleString("en")} rows stored; peak RSS ${(peakRss / 1e6).toFixed(0)} MB (${(rssBefore / 1e6).toFixed(0)} MB before the import)`,
    );
    const wal = await walBytes(walBefore);
    const perOrder = (cpu: number) => `${((cpu * 1e6) / result.records).toFixed(0)} µs/order`;
    const nodeSeconds = (nodeCpu.user + nodeCpu.system) / 1e6;
    console.log(
      `  CPU during the import: this process ${nodeSeconds.toFixed(1)} s (${perOrder(nodeSeconds)}: file server, download, parse, COPY text)` +
        (pgCpuBefore !== null && pgCpuAfter !== null
          ? `, PostgreSQL ${(pgCpuAfter - pgCpuBefore).toFixed(1)} s (${perOrder(pgCpuAfter - pgCpuBefore)})`
          : "") +
        `; WAL ${(wal / 1e6).toFixed(0)} MB (${Math.round(wal / result.records)} bytes/order); load average ${os.loadavg()[0]!.toFixed(1)} (other jobs share the cores)`,
    );

    // The same orders one at a time, each in its own transaction as a webhook is applied.
    const shop2 = await prisma.shop.create({ data: { domain: "bench-single.myshopify.com" } });
    const sample: OrderRow[] = [];
    for (let i = 0; i < SAMPLE; i++) {
      const [root, ...children] = orderLines(i)
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      sample.push(orderRows(orderFromGraphql({ ...root, lineItems: children } as unknown as GqlOrder)).order);
    }
    t = performance.now();
    for (const order of sample) await prisma.$transaction((tx) => upsertOrder(tx, shop2.id, order));
    const singleSeconds = (performance.now() - t) / 1000;
    const singleRate = SAMPLE / singleSeconds;
    console.log(
      `one row at a time: ${SAMPLE.toLocaleString("en")}-order sample in ${singleSeconds.toFixed(1)} s = ${Math.round(singleRate).toLocaleString("en")} orders/s; extrapolated to ${ORDERS.toLocaleString("en")} orders: ${(ORDERS / singleRate / 60).toFixed(1)} min (vs ${(seconds / 60).toFixed(1)} min batched, ${(ORDERS / singleRate / seconds).toFixed(1)}x)`,
    );
    await prisma.$disconnect();
    await closeBulkWritePools();
  } finally {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const writeOnly = process.argv.indexOf("--write-jsonl");
if (writeOnly > 0)
  console.log(await writeJsonl(process.argv[writeOnly + 1]!, Number(process.argv[writeOnly + 2])));
else await main();
