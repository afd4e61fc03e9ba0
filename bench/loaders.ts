/**
 * `npm run bench:loaders`: p95 server time of the dashboard, KPI detail and customers loaders on a shop
 * the size of 1,000,000 orders over two years: every snapshot the engine keeps for it (each day, week,
 * month, quarter and year of two years plus the rolling and in-progress periods, every KPI, cohort CLV
 * rows), 1,000,000 inbox rows (the sync section reads the last one), 300,000 customers with predictions.
 * Loaders run in this process exactly as Remix calls them, with a demo-session cookie. Each line also
 * gives the loader's p50 in `SELECT 1` round trips timed between its calls (the machine is shared: the
 * ratio moves less than the milliseconds), and every loader counts towards the verdict.
 *
 * BENCH_ITERATIONS (default 200): timed calls per loader. BENCH_KEEP=1: leave the database running after.
 * DATABASE_URL (optional): a PostgreSQL to use (one kept by BENCH_KEEP=1 is measured without generating
 * again); otherwise a throw-away embedded one is started. BENCH_ONLY=<text>: only the lines whose name
 * contains it (e.g. "customers").
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createCookie } from "@remix-run/node";
import { ensureDatabase, startEmbeddedPostgres } from "~/db/embedded-postgres.server";
import { applyMigrations } from "~/db/migrate.server";
import { dayNumber, formatCivilDate, fromDayNumber, isoWeekday } from "~/kpi/calendar/civil-date";
import { localDate } from "~/kpi/calendar/zone";
import { KPI_IDS } from "~/kpi/catalog";
import { plannedPeriods } from "~/kpi-engine/periods";
import { demoCookieSecret } from "~/secrets/derived-keys.server";

const SHOP = "bench-loaders.myshopify.com";
const ZONE = "America/New_York";
const ORDERS = 1_000_000;
const CUSTOMERS = 300_000;
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const ONLY = process.env.BENCH_ONLY ?? "";
const SECRET = "bench-secret";

async function database(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulse-bench-loaders-"));
  fs.chmodSync(dir, 0o755);
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, "pg"),
    port: 40_000 + Math.floor(Math.random() * 10_000),
    fast: true,
  });
  const url = await ensureDatabase(server.serverUrl, "bench");
  return { url, stop: async () => (await server.stop(), fs.rmSync(dir, { recursive: true, force: true })) };
}

/** Last names of the benchmark's customers: a search for one matches an eighth of them. */
const SURNAMES = `ARRAY['Müller', 'García', 'Smith', 'Nowak', 'Öztürk', 'Dubois', 'Rossi', 'Kowalski']`;

/** The KPI names one period's snapshot holds, as the engine writes them (cohort rows are added per month). */
const KPI_NAMES: readonly string[] = KPI_IDS;

async function generate(client: pg.Client, now: Date): Promise<{ shopId: number; snapshots: number }> {
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO shop (domain, timezone, currency, updated_at) VALUES ($1, $2, 'USD', now()) RETURNING id`,
    [SHOP, ZONE],
  );
  const shopId = rows[0]!.id;
  const firstDay = dayNumber(localDate(now, ZONE)) - 730;
  const planned = plannedPeriods(firstDay, now, ZONE);
  const cohorts = Array.from({ length: 25 }, (_, i) => {
    const d = fromDayNumber(firstDay + i * 30.4);
    return `historical_clv:${d.year}-${String(d.month).padStart(2, "0")}-01`;
  });
  const iso = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");
  let snapshots = 0;
  for (let i = 0; i < planned.length; i += 500) {
    const part = planned.slice(i, i + 500).map((p) => ({
      g: p.period.granularity,
      s: iso(p.period.start),
      e: iso(p.period.end),
      l: p.period.label,
      p: p.partial,
      days: Math.max(1, (p.period.end.getTime() - p.period.start.getTime()) / 86_400_000),
      cohorts: p.live || !(p.period.granularity === "day" || p.period.granularity === "week"),
    }));
    const result = await client.query(
      `INSERT INTO kpi_snapshot_period (shop_id, granularity, period_start, period_end, kpi, label, partial, value, numerator, denominator, computed_at)
       SELECT $1, x.g, x.s, x.e, k.kpi, x.l, x.p, random() * 1370 * x.days, random() * 1000, 1 + random() * 1000, $2
       FROM json_to_recordset($3::json) AS x(g text, s timestamp, e timestamp, l text, p boolean, days float8, cohorts boolean)
       CROSS JOIN LATERAL unnest(CASE WHEN x.cohorts THEN $4::text[] || $5::text[] ELSE $4::text[] END) AS k(kpi)`,
      [shopId, now, JSON.stringify(part), KPI_NAMES, cohorts],
    );
    snapshots += result.rowCount ?? 0;
  }
  // The periods depending on `now` (partial or rolling) live a row per period, as the engine writes them.
  await client.query(
    `WITH moved AS (DELETE FROM kpi_snapshot_period WHERE shop_id = $1 AND (partial OR granularity = 'rolling') RETURNING *)
     INSERT INTO kpi_snapshot_live (shop_id, granularity, period_start, period_end, label, partial, kpis, "values", numerators, denominators, computed_at)
     SELECT shop_id, granularity, period_start, period_end, min(label), bool_or(partial), array_agg(kpi ORDER BY kpi),
       array_agg(value ORDER BY kpi), array_agg(numerator ORDER BY kpi), array_agg(denominator ORDER BY kpi), max(computed_at)
     FROM moved GROUP BY shop_id, granularity, period_start, period_end`,
    [shopId],
  );
  await client.query(
    `INSERT INTO kpi_engine_state (shop_id, settings_key, computed_at, rebuilt_at) VALUES ($1, 'bench', $2, $2)`,
    [shopId, now],
  );
  await client.query(
    `INSERT INTO sync_state (shop_id, resource, status, rows_done, lines_done, finished_at, updated_at)
     SELECT $1, r, 'completed', 1000, 1000, now(), now() FROM unnest(ARRAY['customers','orders','checkouts']) r`,
    [shopId],
  );
  // The inbox keeps a row per webhook (payload cleared): one per order.
  await client.query(
    `INSERT INTO webhook_event (shop_id, webhook_id, topic, received_at, processed_at, status)
     SELECT $1, 'wh-' || g, 'orders/create', now() - (g || ' seconds')::interval * 60, now(), 'processed' FROM generate_series(1, $2) g`,
    [shopId, ORDERS],
  );
  await client.query(
    `INSERT INTO customer (shop_id, id, email, first_name, last_name, shopify_created_at, shopify_updated_at)
     SELECT $1, g, 'c' || g || '@example.com', 'First' || g, (${SURNAMES})[1 + g % 8], now(), now() FROM generate_series(1, $2) g`,
    [shopId, CUSTOMERS],
  );
  // With what the model run stores beside each prediction (app/clv/customer-facts.server.ts): orders,
  // spend to date, last order day, name, email and search text; 1,000,000 orders over the customers.
  await client.query(
    `INSERT INTO clv_prediction (shop_id, customer_key, frequency, recency_days, age_days, p_alive, expected_orders, expected_order_value, predicted_clv, churn_risk,
       orders, spent_minor, last_order_day, name, email, search_text)
     SELECT $1, 'c:' || g, (g % 7), 100, 400, p, p * 3, 5000, p * 30000 * random(),
       CASE WHEN g % 7 = 0 THEN CASE WHEN p >= 0.3 THEN 'promising' ELSE 'lapsed' END
         WHEN p >= 0.7 THEN 'active' WHEN p >= 0.3 THEN 'at-risk' WHEN p >= 0.1 THEN 'lapsed' ELSE 'lost' END,
       1 + (g % 7), round((1 + (g % 7)) * 5000 * (0.2 + random() * 1.6)), current_date - (random() * 730)::int,
       'First' || g || ' ' || (${SURNAMES})[1 + g % 8], 'c' || g || '@example.com',
       lower(unaccent('First' || g || ' ' || (${SURNAMES})[1 + g % 8] || ' c' || g || '@example.com'))
     FROM (SELECT g, CASE WHEN g % 7 = 0 THEN 1.0 ELSE random() END AS p FROM generate_series(1, $2) g) s`,
    [shopId, CUSTOMERS],
  );
  await client.query(
    `INSERT INTO clv_model_run (shop_id, status, calibration_end, customers, repeat_customers, history_days, summary, fitted_at)
     VALUES ($1, 'ok', now()::date, $2, $3, 730, '{"horizonDays":365,"meanClv":12000,"quantiles":{"p50":8000}}', now())`,
    [shopId, CUSTOMERS, Math.round(CUSTOMERS * 0.6)],
  );
  // As autovacuum leaves a live shop's tables (the visibility map set), not as just loaded: the first
  // measurement starts seconds after these inserts, before autovacuum has run.
  await client.query("VACUUM (ANALYZE)");
  return { shopId, snapshots };
}

type Loader = (args: {
  request: Request;
  params: Record<string, string>;
  context: object;
}) => Promise<unknown>;

const route =
  (loader: Loader, url: string | (() => string), params: Record<string, string>, cookie: string) =>
  async () => {
    const href = typeof url === "string" ? url : url();
    try {
      return await loader({
        request: new Request(`http://localhost${href}`, { headers: { cookie } }),
        params,
        context: {},
      });
    } catch (error) {
      // A thrown Response (a redirect, a 404) says little on its own: name the URL and the status.
      if (error instanceof Response)
        throw new Error(`${href}: ${error.status} ${(await error.text()).slice(0, 300)}`, { cause: error });
      throw error;
    }
  };

/** Free from–to ranges in the benchmark's two years (days as YYYY-MM-DD in the shop's zone). */
function customRanges(now: Date) {
  const today = dayNumber(localDate(now, ZONE));
  const text = (day: number) => formatCivilDate(fromDayNumber(day));
  const range = (from: number, to: number) => `range=custom&from=${text(from)}&to=${text(to)}`;
  // The latest Black Friday (fourth Thursday of November) already over, Monday to Monday around it.
  let year = fromDayNumber(today).year;
  const blackFriday = (y: number) => {
    const first = dayNumber({ year: y, month: 11, day: 1 });
    return first + ((4 - isoWeekday({ year: y, month: 11, day: 1 }) + 7) % 7) + 21 + 1;
  };
  if (blackFriday(year) + 3 > today) year -= 1;
  const friday = blackFriday(year);
  return {
    random37: () => {
      const from = today - 700 + Math.floor(Math.random() * (700 - 37));
      return range(from, from + 36);
    },
    blackFridayWeek: range(friday - 4, friday + 3),
    twoYears: range(today - 730, today),
  };
}

/** A trivial round trip through the same Prisma pool: the unit the loaders are compared with. */
let roundTrip: () => Promise<unknown> = async () => {};

/**
 * p50/p95/max of `call`, with a `SELECT 1` round trip timed after each call: the machine is shared and
 * noisy, so "round trips" (loader p50 / SELECT 1 p50, same moments) compares runs better than milliseconds.
 */
async function measure(name: string, call: () => Promise<unknown>, iterations = ITERATIONS) {
  if (ONLY && !name.includes(ONLY)) return { name, p95: 0 };
  for (let i = 0; i < 10; i++) await call(); // warm-up: JIT, connection pool, plan cache
  const times: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
    const probe = performance.now();
    await roundTrip();
    baseline.push(performance.now() - probe);
  }
  const q = (values: number[], p: number) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  };
  const p95 = q(times, 0.95);
  const ms = (v: number) => v.toFixed(1).padStart(6);
  console.log(
    `${name.padEnd(50)} p50 ${ms(q(times, 0.5))} ms   p95 ${ms(p95)} ms   max ${ms(Math.max(...times))} ms   ` +
      `${(q(times, 0.5) / q(baseline, 0.5)).toFixed(1).padStart(5)} round trips (SELECT 1 p50 ${q(baseline, 0.5).toFixed(2)} ms, p95 ${q(baseline, 0.95).toFixed(2)} ms)`,
  );
  return { name, p95 };
}

async function main() {
  const db = await database();
  try {
    await applyMigrations(db.url);
    Object.assign(process.env, {
      NODE_ENV: "test",
      SHOPIFY_API_KEY: "bench",
      SHOPIFY_API_SECRET: SECRET,
      DATABASE_URL: db.url,
      DEMO_MODE: "true",
      LOG_LEVEL: "error",
    });
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const now = new Date();
    const started = performance.now();
    // A database kept by an earlier run (BENCH_KEEP=1, then DATABASE_URL) already holds the shop.
    const kept = await client.query(`SELECT 1 FROM shop WHERE domain = $1`, [SHOP]);
    if (kept.rowCount) console.log(`shop ${SHOP} found in DATABASE_URL: measuring it as it is`);
    else {
      const { snapshots } = await generate(client, now);
      console.log(
        `shop of ${ORDERS.toLocaleString("en")} orders: ${snapshots.toLocaleString("en")} snapshot rows, ${ORDERS.toLocaleString("en")} inbox rows, ${CUSTOMERS.toLocaleString("en")} predicted customers (generated in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
    }
    await client.end();
    const cookie = (
      await createCookie("pulse_demo", { secrets: [demoCookieSecret(SECRET)] }).serialize({ shop: SHOP })
    ).split(";")[0]!;
    const dashboard = (await import("~/routes/app._index")).loader as Loader;
    const detail = (await import("~/routes/app.kpi.$kpi")).loader as Loader;
    const customers = (await import("~/routes/app.customers")).loader as Loader;
    const { db: prisma } = await import("~/db.server");
    roundTrip = () => prisma().$queryRaw`SELECT 1`;
    const custom = customRanges(now);
    const results = [
      await measure("dashboard, last 30 days (by day)", route(dashboard, "/app", {}, cookie)),
      await measure(
        "dashboard, year to date (by day)",
        route(dashboard, "/app?range=year-to-date&granularity=day", {}, cookie),
      ),
      await measure(
        "dashboard, 2025 (by month)",
        route(dashboard, "/app?range=custom&period=2025", {}, cookie),
      ),
      await measure(
        "KPI detail AOV, last 90 days (by week)",
        route(detail, "/app/kpi/aov?range=last-90-days", { kpi: "aov" }, cookie),
      ),
      await measure(
        "KPI detail CLV, YTD vs last year (by day)",
        route(detail, "/app/kpi/clv?range=year-to-date&compare=year&granularity=day", { kpi: "clv" }, cookie),
      ),
      await measure(
        "KPI detail sales, last month (by day)",
        route(detail, "/app/kpi/total-sales?range=last-month", { kpi: "total-sales" }, cookie),
      ),
      await measure("dashboard, today (live)", route(dashboard, "/app?range=today", {}, cookie)),
      await measure(
        "dashboard, a random 37-day range (by day)",
        route(dashboard, () => `/app?${custom.random37()}`, {}, cookie),
      ),
      await measure(
        "dashboard, Black-Friday week, vs last year",
        route(dashboard, `/app?${custom.blackFridayWeek}&compare=year`, {}, cookie),
      ),
      await measure(
        "dashboard, two-year range (by month)",
        route(dashboard, `/app?${custom.twoYears}`, {}, cookie),
      ),
      await measure(
        "KPI detail sales, random 37 days, vs last year",
        route(
          detail,
          () => `/app/kpi/total-sales?${custom.random37()}&compare=year`,
          { kpi: "total-sales" },
          cookie,
        ),
      ),
      await measure(
        "KPI detail AOV, two-year range (by day)",
        route(detail, `/app/kpi/aov?${custom.twoYears}&granularity=day`, { kpi: "aov" }, cookie),
      ),
    ];
    // Where the dashboard's time goes: its snapshot reads, and the sync section (app/sync/status.server.ts).
    const { loadDashboard } = await import("~/pages/dashboard.server");
    const { readViewState } = await import("~/pages/view-state");
    const { translatorFor } = await import("~/i18n/catalog.server");
    const { syncStatus } = await import("~/sync/status.server");
    const shop = await prisma().shop.findUniqueOrThrow({ where: { domain: SHOP } });
    await measure("  of which snapshots (loadDashboard)", () =>
      loadDashboard(prisma(), shop.id, shop, readViewState(new URLSearchParams()), translatorFor("en")),
    );
    await measure("  of which sync section (syncStatus)", () => syncStatus(prisma(), shop.id));
    // Customers: Next and Previous carry a cursor (the row next to the page); a page number alone (a typed
    // or old URL) skips the rows before it. Page 20 of the at-risk list is reached by clicking Next 19 times.
    const { loadCustomers, readCustomerQuery } = await import("~/pages/customers.server");
    const english = (await import("~/i18n/catalog.server")).translatorFor("en");
    let page = await loadCustomers(
      prisma(),
      shop.id,
      shop.timezone,
      readCustomerQuery(new URLSearchParams("segment=at-risk&sort=risk"), "USD", english),
      english,
    );
    for (let n = 2; n <= 20; n++) {
      page = await loadCustomers(
        prisma(),
        shop.id,
        shop.timezone,
        readCustomerQuery(
          new URLSearchParams(`segment=at-risk&sort=risk&page=${n}&after=${page.nextCursor}`),
          "USD",
          english,
        ),
        english,
      );
    }
    const page20 = `/app/customers?segment=at-risk&sort=risk&page=20&after=${page.nextCursor}`;
    results.push(
      await measure(
        "customers, first page (sorted by value)",
        route(customers, "/app/customers", {}, cookie),
      ),
      await measure("customers, at risk, page 20 (Next, cursor)", route(customers, page20, {}, cookie)),
      await measure(
        "customers, at risk, page 20 (page number)",
        route(customers, "/app/customers?segment=at-risk&sort=risk&page=20", {}, cookie),
      ),
      await measure(
        "customers, promising, by risk (index filter)",
        route(customers, "/app/customers?segment=promising&sort=risk", {}, cookie),
      ),
      await measure(
        "customers, all by orders, page 200 (number)",
        route(customers, "/app/customers?sort=orders&page=200", {}, cookie),
      ),
    );
    // Search, filters and sorts as a merchant combines them; each lists a page and counts its customers.
    const daysAgo = (days: number) => formatCivilDate(fromDayNumber(dayNumber(localDate(now, ZONE)) - days));
    const customerCase = (name: string, search: string) =>
      measure(name, route(customers, `/app/customers?${search}`, {}, cookie));
    results.push(
      await customerCase("customers, search a name (first12345)", "q=first12345"),
      await customerCase("customers, search an email (c98765@)", "q=c98765%40"),
      await customerCase("customers, search a common name, by name", "q=garcia&sort=name"),
      await customerCase(
        "customers, at risk, spend 100–500, by spend",
        "segment=at-risk&spent_min=100&spent_max=500&sort=spent",
      ),
      await customerCase(
        "customers, predicted ≥ 200, last order in 90 days",
        `predicted_min=200&last_from=${daysAgo(300)}&last_to=${daysAgo(210)}&sort=last-order`,
      ),
      await customerCase("customers, 5+ orders, by orders, page 20", "orders_min=5&sort=orders&page=20"),
      await customerCase(
        "customers, every filter, by name Z to A",
        `q=smith&segment=active&spent_min=50&predicted_max=250&orders_min=2&last_from=${daysAgo(500)}&sort=name-desc`,
      ),
      await customerCase("customers, lost, by last order (oldest)", "segment=lost&sort=last-order-asc"),
    );
    // A page number without a cursor skips the rows before it in the index (O(page)); Next and Previous
    // never produce one this deep. Shown for what it costs, outside the verdict.
    await measure(
      "  (page 2000 typed into the URL, not in verdict)",
      route(customers, "/app/customers?sort=orders&page=2000", {}, cookie),
    );
    const worst = results.reduce((a, b) => (b.p95 > a.p95 ? b : a));
    console.log(
      `worst loader p95: ${worst.p95.toFixed(1)} ms, ${worst.name.trim()} (target ≤ 100 ms): ${worst.p95 <= 100 ? "OK" : "OVER TARGET"}`,
    );
    const { disconnectDb } = await import("~/db.server");
    await disconnectDb();
    process.exitCode = worst.p95 <= 100 ? 0 : 1;
    if (process.env.BENCH_KEEP === "1") {
      console.log(`BENCH_KEEP=1: database left running at ${db.url}; press Ctrl-C to stop it`);
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
    }
  } finally {
    await db.stop();
  }
}

await main();
