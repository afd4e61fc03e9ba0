/**
 * `npm run bench:storage`: bytes per order across every table and index of one shop, for docs/scaling.md.
 * Builds a store with bench:kpi's generator (STORAGE_ORDERS orders, default 200,000, with a quarter as
 * many customers and half as many abandoned checkouts: the 1M-order benchmark shop's proportions) on a
 * throw-away embedded PostgreSQL, runs a full KPI recompute and the CLV fit, vacuums, then prints
 * pg_total_relation_size (heap, TOAST and indexes) of each table and the total per order, and the same
 * extrapolated to 1,000,000 orders. The generated orders carry one line each; real orders with more
 * lines take more (the soak's two-line webhook orders show the difference). Not part of `npm test`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { runClvModel } from "~/clv/clv-model.server";
import { ensureDatabase, startEmbeddedPostgres } from "~/db/embedded-postgres.server";
import { applyMigrations } from "~/db/migrate.server";
import { createPrismaClient } from "~/db.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { resolveSettings } from "~/kpi/settings";
import { freePort } from "../test/support/ports";
import { generateStore, installBenchRandom } from "./support/kpi-store";

const ORDERS = Number(process.env.STORAGE_ORDERS ?? 200_000);
const NOW = new Date("2026-11-20T10:30:00Z");
const ZONE = "Europe/Warsaw";
const MB = 1024 * 1024;

async function main() {
  if (!Number.isInteger(ORDERS) || ORDERS < 1_000) throw new Error("STORAGE_ORDERS must be ≥ 1000");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-bench-storage-"));
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: await freePort(),
    fast: true,
  });
  const url = await ensureDatabase(server.serverUrl, "storage");
  await applyMigrations(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const prisma = createPrismaClient(url, 4);
  try {
    await installBenchRandom(client);
    const store = await generateStore(client, {
      domain: "bench-storage.myshopify.com",
      zone: ZONE,
      end: NOW,
      days: 730,
      orders: ORDERS,
      customers: Math.round(ORDERS / 4),
      abandonedCheckouts: Math.round(ORDERS / 2),
    });
    await client.query("VACUUM ANALYZE");
    await recomputeShop(prisma, store.shopId, {
      now: NOW,
      mode: "full",
      settings: resolveSettings({ timezone: ZONE }),
    });
    await runClvModel(prisma, store.shopId, { now: NOW });
    await client.query("VACUUM ANALYZE");
    const { rows } = await client.query<{ name: string; bytes: string; rows: string }>(`
      SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes, c.reltuples::bigint AS rows
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      WHERE c.relkind = 'r' AND EXISTS (
        SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'shop_id' AND NOT a.attisdropped)
      ORDER BY pg_total_relation_size(c.oid) DESC`);
    const total = rows.reduce((sum, row) => sum + Number(row.bytes), 0);
    console.log(
      `storage: one shop of ${store.orders} orders, ${store.customers} customers, ${store.abandonedCheckouts} abandoned checkouts, after a full KPI recompute and the CLV fit`,
    );
    for (const row of rows.filter((r) => Number(r.bytes) >= 64 * 1024))
      console.log(
        `  ${row.name.padEnd(34)} ${(Number(row.bytes) / MB).toFixed(1).padStart(8)} MiB  ${String(row.rows).padStart(9)} rows  ${(Number(row.bytes) / store.orders).toFixed(0).padStart(5)} B/order`,
      );
    console.log(
      `  total (shop-keyed tables)          ${(total / MB).toFixed(1).padStart(8)} MiB  ${(total / store.orders).toFixed(0)} B/order → ${((total / store.orders) * 1e6) / 1024 ** 3 >= 1 ? `${(((total / store.orders) * 1e6) / 1024 ** 3).toFixed(2)} GiB` : `${(((total / store.orders) * 1e6) / MB).toFixed(0)} MiB`} per 1,000,000 orders (linear extrapolation)`,
    );
  } finally {
    await prisma.$disconnect();
    await client.end();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
