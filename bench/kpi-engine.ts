/**
 * KPI engine benchmark (`npm run bench:kpi`): builds a deterministic store of 1,000,000 orders, 250,000
 * customers and 1,500,000 checkouts over two years (and a 10,000-order one), then measures in one run:
 * full recomputes of every snapshot against full aggregate scans of the shop's orders, an incremental
 * recompute after one new order at both sizes (each pair of series taking turns, as their ratios are
 * targets), recomputes after a margin and an activity window change, the BG/NBD + Gamma-Gamma fit on
 * 250,000 customers (drawn from known parameters, see bench/support/kpi-store.ts, so the fit is printed
 * beside them), the worker's peak memory, and the naive approach (every order through Prisma, reduced in
 * JS). Runs against DATABASE_URL, or a throw-away embedded PostgreSQL when it is unset. Not part of `npm test`.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { applyMigrations } from "~/db/migrate.server";
import { createPrismaClient } from "~/db.server";
import type { BgNbdParams, GammaGammaParams } from "~/clv/types";
import { upsertOrder } from "~/sync/write/orders.server";
import type { KpiSettings } from "~/kpi/settings";
import { resolveSettings } from "~/kpi/settings";
import { runClvModel } from "~/clv/clv-model.server";
import type { RecomputeResult } from "~/kpi-engine/recompute.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import type { SettingsOverrides } from "~/kpi-engine/settings.server";
import { benchDatabase, createBenchRandom } from "./support/bench-database";
import type { StoreSize } from "./support/kpi-store";
import { generateStore, TRUTH_BGNBD, TRUTH_GAMMA_GAMMA } from "./support/kpi-store";

const ZONE = "Europe/Warsaw";
/** Fixed, so every run builds the same store: its history ends just before this instant. */
const NOW = new Date("2026-11-20T10:30:00Z");
const DAYS = 730;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const millis = (ms: number) => `${ms.toFixed(0)} ms`;

async function timedMs<T>(step: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await step();
  return [result, performance.now() - started];
}

/** One pass over the shop's orders, summing what the daily sales rollup sums: the baseline of the ratio. */
async function aggregateScan(client: pg.Client, shopId: number): Promise<number> {
  const started = performance.now();
  await client.query(
    `SELECT kpi_local_day(ordered_at, $2), count(*), sum(units), sum(gross_minor), sum(discounts_minor), sum(shipping_minor),
       sum(taxes_minor), sum(duties_minor)
     FROM "order" WHERE shop_id = $1 AND NOT test AND deleted_at IS NULL AND cancelled_at IS NULL GROUP BY 1`,
    [shopId, ZONE],
  );
  return performance.now() - started;
}

/**
 * Aggregate scans and full recomputes of the big shop taking turns, three of each after a scan that warms
 * the cache: a slow phase of this noisy machine then weighs on both sides of their ratio, and one slow
 * full recompute does not decide the row.
 */
async function scansAndFullRecomputes(
  client: pg.Client,
  prisma: PrismaClient,
  shopId: number,
  settings: KpiSettings,
) {
  await aggregateScan(client, shopId);
  const scans: number[] = [];
  const fulls: number[] = [];
  let result: RecomputeResult | undefined;
  for (let i = 0; i < 3; i++) {
    scans.push(await aggregateScan(client, shopId));
    const [full, ms] = await timedMs(() =>
      recomputeShop(prisma, shopId, { now: NOW, mode: "full", settings }),
    );
    fulls.push(ms);
    result = full;
  }
  return { scans, fulls, result: result! };
}

// Ids above the generated ones, different on every run (a reused store keeps earlier runs' orders).
let orderSeq = 2_000_000_000 + (Date.now() % 1_000_000) * 100;

/** One new order through the real ingest upsert (triggers mark its day and customer), then a recompute: run k of a series. */
async function incrementalAfterOneOrder(prisma: PrismaClient, shop: StoreSize, k: number): Promise<number> {
  const now = new Date(NOW.getTime() + k * 5 * 60_000);
  const at = new Date(now.getTime() - 60_000);
  const customer = 1 + ((k * 7919) % shop.customers);
  const id = BigInt(orderSeq++);
  await prisma.$transaction((tx) =>
    upsertOrder(tx, shop.shopId, {
      id,
      name: `#${id}`,
      customerId: BigInt(customer),
      email: `c${customer}@example.com`,
      orderedAt: at,
      shopifyCreated: at,
      shopifyUpdated: at,
      cancelledAt: null,
      test: false,
      currency: "USD",
      presentmentCurrency: null,
      taxesIncluded: false,
      grossMinor: 2500n,
      discountsMinor: 0n,
      shippingMinor: 500n,
      taxesMinor: 200n,
      dutiesMinor: 0n,
      totalMinor: 3200n,
      units: 1,
      lines: [],
      checkoutToken: null,
      cartToken: null,
      sourceName: null,
    }),
  );
  const [result, ms] = await timedMs(() => recomputeShop(prisma, shop.shopId, { now }));
  if (result.mode !== "incremental") throw new Error("expected an incremental recompute");
  return ms;
}

/**
 * Incremental recomputes at both sizes, taking turns (and each size going first in every other round), so
 * a slow phase of this noisy machine weighs on both sides of their ratio instead of on one series.
 */
async function interleavedIncrementals(
  prisma: PrismaClient,
  big: StoreSize,
  small: StoreSize,
  runs: number,
): Promise<{ big: number[]; small: number[] }> {
  const times = { big: [] as number[], small: [] as number[] };
  for (let k = 1; k <= runs; k++) {
    const order = k % 2 === 1 ? (["big", "small"] as const) : (["small", "big"] as const);
    for (const size of order)
      times[size].push(await incrementalAfterOneOrder(prisma, size === "big" ? big : small, k));
  }
  return times;
}

/** The fitted parameters (as the CLV job stored them) beside those the store was drawn from (per day; spend in dollars vs cents). */
function recovered(params: unknown): string {
  const fit = params as { model?: string; bgnbd?: BgNbdParams; gammaGamma?: GammaGammaParams } | null;
  // The store is drawn from BG/NBD, but the nightly backtest may prefer another model for it.
  if (fit?.model && fit.model !== "bg-nbd")
    return `the backtest chose ${fit.model}; no BG/NBD parameters to compare`;
  if (!fit?.bgnbd || !fit.gammaGamma) return "no fit";
  const f = (x: number) => x.toPrecision(3);
  const { r, alpha, a, b } = fit.bgnbd;
  const { p, q, gamma } = fit.gammaGamma;
  const t = TRUTH_BGNBD;
  const g = TRUTH_GAMMA_GAMMA;
  return `r ${f(r)} (${t.r}), α ${f(alpha)} (${t.alpha}), a ${f(a)} (${t.a}), b ${f(b)} (${t.b}); p ${f(p)} (${g.p}), q ${f(q)} (${g.q}), γ ${f(gamma / 100)} (${g.gamma})`;
}

/** The naive approach in a child process without the worker's heap cap (see bench/support/naive.ts). */
function naiveInChild(
  url: string,
  shopId: number,
): { loadMs: number; reduceMs: number; orders: number; rssMb: number } {
  const out = execFileSync(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(import.meta.dirname, "support", "naive.ts"),
      url,
      String(shopId),
      NOW.toISOString(),
    ],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split("\n").pop()!) as {
    loadMs: number;
    reduceMs: number;
    orders: number;
    rssMb: number;
  };
}

async function main() {
  const loadBefore = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
  const db = await benchDatabase("bench", 45_431);
  await applyMigrations(db.url);
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await createBenchRandom(client);
  // Each line with the process's peak RSS so far, to tell which step sets the worker's peak.
  const log = (line: string) =>
    process.stderr.write(`${line} [peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB]\n`);

  log("generating 1,000,000 orders, 250,000 customers, 1,500,000 checkouts …");
  const spec = { zone: ZONE, end: NOW, days: DAYS };
  const [big, genBigMs] = await timedMs(() =>
    generateStore(client, {
      ...spec,
      domain: "bench-1m.myshopify.com",
      orders: 1_000_000,
      customers: 250_000,
      abandonedCheckouts: 500_000,
    }),
  );
  const [small, genSmallMs] = await timedMs(() =>
    generateStore(client, {
      ...spec,
      domain: "bench-10k.myshopify.com",
      orders: 10_000,
      customers: 2_500,
      abandonedCheckouts: 5_000,
    }),
  );
  await client.query("VACUUM ANALYZE");
  log(`generated in ${seconds(genBigMs + genSmallMs)}`);

  const prisma = createPrismaClient(db.url, 4);
  const settings = resolveSettings({ timezone: ZONE });
  const {
    scans,
    fulls,
    result: fullBig,
  } = await scansAndFullRecomputes(client, prisma, big.shopId, settings);
  log(
    `aggregate scans ${scans.map(millis).join(", ")}; full recomputes ${fulls.map(seconds).join(", ")} (${fullBig.periods} periods, ${fullBig.rows} rows)`,
  );
  const scanMs = median(scans);
  const fullBigMs = median(fulls);
  await recomputeShop(prisma, small.shopId, { now: NOW, mode: "full", settings });
  const { big: incBig, small: incSmall } = await interleavedIncrementals(prisma, big, small, 5);
  log(`incremental at 1M: ${incBig.map(millis).join(", ")}`);
  log(`incremental at 10k: ${incSmall.map(millis).join(", ")}`);
  // Settings changes as the settings page queues them: only what each setting shapes is rebuilt.
  const afterSettings = async (overrides: SettingsOverrides) => {
    const [result, ms] = await timedMs(() =>
      recomputeShop(prisma, big.shopId, { now: NOW, settings: { ...settings, ...overrides } }),
    );
    if (result.mode !== "settings") throw new Error(`expected a settings recompute, got ${result.mode}`);
    return ms;
  };
  const marginMs = await afterSettings({ grossMarginPct: 40 });
  const windowMs = await afterSettings({ grossMarginPct: 40, activityWindowDays: 90 });
  log(`after a margin change ${seconds(marginMs)}, after an activity window change ${seconds(windowMs)}`);

  // The nightly CLV job as the worker runs it (its fit timed inside), so the process does a worker's work only.
  const [clvRun, clvRunMs] = await timedMs(() => runClvModel(prisma, big.shopId, { now: NOW }));
  const fitMs = clvRun.fitMs ?? NaN;
  const model = await prisma.clvModelRun.findUniqueOrThrow({ where: { shopId: big.shopId } });
  log(
    `CLV job ${seconds(clvRunMs)}, fit ${seconds(fitMs)} on ${clvRun.customers} customers (${clvRun.status}${clvRun.reason ? `: ${clvRun.reason}` : ""})`,
  );
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const naiveRun = naiveInChild(db.url, big.shopId);
  const naiveRssMb = naiveRun.rssMb;

  const { rows: version } = await client.query<{ server_version: string }>("SHOW server_version");
  await client.end();
  await prisma.$disconnect();
  await db.stop();

  const incBigMs = median(incBig);
  const incSmallMs = median(incSmall);
  const ratio = fullBigMs / scanMs;
  const pass = (ok: boolean) => (ok ? "✅" : "❌");
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    `## KPI engine benchmark`,
    ``,
    `${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${cpu} · ${Math.round(os.totalmem() / 2 ** 30)} GB · Node ${process.version} · PostgreSQL ${version[0]?.server_version} (${process.env.DATABASE_URL ? "DATABASE_URL" : "embedded, shared_buffers 1 GB"}) · load average before the run ${loadBefore}`,
    `Store: ${big.orders.toLocaleString("en")} orders, ${big.customers.toLocaleString("en")} customers, ${(big.orders + big.abandonedCheckouts).toLocaleString("en")} checkouts over ${DAYS} days, ${ZONE}; generated in ${seconds(genBigMs)}.`,
    ``,
    `| measure | result | target | |`,
    `| --- | --- | --- | --- |`,
    `| one full aggregate scan of the shop's orders (median of 3, taking turns with the full recomputes) | ${millis(scanMs)} (${scans.map(millis).join(", ")}) | — | |`,
    `| full recompute of all snapshots (${fullBig.periods} periods, ${fullBig.rows.toLocaleString("en")} rows; median of 3) | ${seconds(fullBigMs)} (${fulls.map(seconds).join(", ")}) | ≤ 15 s | ${pass(fullBigMs <= 15_000)} |`,
    `| full recompute ÷ aggregate scan (medians) | ${ratio.toFixed(1)} × | ≤ 5 × | ${pass(ratio <= 5)} |`,
    `| recompute after a margin change (snapshots from the stored rollups) | ${seconds(marginMs)} | — | |`,
    `| recompute after an activity window change (daily active counts rebuilt) | ${seconds(windowMs)} | — | |`,
    `| incremental recompute after one new order, 1,000,000 orders (median of 5) | ${millis(incBigMs)} | ≤ 250 ms | ${pass(incBigMs <= 250)} |`,
    `| incremental recompute after one new order, 10,000 orders (median of 5) | ${millis(incSmallMs)} | ≤ 250 ms | ${pass(incSmallMs <= 250)} |`,
    `| incremental ratio 1M ÷ 10k | ${(incBigMs / incSmallMs).toFixed(2)} | ≤ 2 | ${pass(incBigMs / incSmallMs <= 2)} |`,
    `| BG/NBD + Gamma-Gamma fit, ${clvRun.customers.toLocaleString("en")} customers | ${seconds(fitMs)} | ≤ 10 s | ${pass(fitMs <= 10_000)} |`,
    `| fitted vs drawn (store's truth) | ${recovered(model.params)} | close | |`,
    `| nightly CLV job (summary + fit + predictions + store) | ${seconds(clvRunMs)} (${clvRun.status}) | — | |`,
    `| worker peak RSS (all of the above, one process) | ${peakRssMb.toFixed(0)} MB | ≤ 512 MB | ${pass(peakRssMb <= 512)} |`,
    `| naive: load every order through Prisma | ${seconds(naiveRun.loadMs)} (${naiveRun.orders.toLocaleString("en")} orders) | — | |`,
    `| naive: reduce in JS (pure KPIs of one month) | ${seconds(naiveRun.reduceMs)} | — | |`,
    `| naive: peak RSS | ${naiveRssMb.toFixed(0)} MB | — | |`,
  ];
  process.stdout.write(lines.join("\n") + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
