/**
 * The shop's customer-order table (customer-orders-table.server.ts): one row per counted order of an identified customer, with the previous and next
 * order of the same customer, its rank and the customer's first local day. kpi_customer_day holds, per
 * local day, difference arrays derived from those rows (see `contributionsSql`); rebuilding a customer
 * takes its old rows' contributions out and puts the new ones in, so the running sums stay exact.
 *
 * Layer: writing rollups (README.md, "Layers").
 */
import { Prisma } from "@prisma/client";
import type { KpiSettings } from "~/kpi/settings";
import type { Db } from "./sql.server";
import { countedOrder, dayNumberOf } from "./sql.server";
import type { CustomerDayDelta } from "./customer-grid";
import { customerOrders, ensureCustomerOrders, replaceCustomerOrders } from "./customer-orders-table.server";

/** The 365 days of purchase frequency and annual churn (docs/kpi-definitions.md, CLV (formula)). */
export const YEAR_DAYS = 365;

const ROW_COLUMNS = Prisma.raw(
  "shop_id, order_id, customer_key, ordered_at, day, prev_at, prev_day, next_at, next_day, seq, first_day, net_minor",
);

/** The rows of the given customers (or all), as a SELECT over the orders. */
function rowsSql(shopId: number, zone: string, keys: readonly string[] | "all"): Prisma.Sql {
  const filter =
    keys === "all" ? Prisma.empty : Prisma.sql`AND o.customer_key = ANY(${keys as string[]}::text[])`;
  return Prisma.sql`
    SELECT ${shopId}::int, id, customer_key, ordered_at, day,
      lag(ordered_at) OVER w, lag(day) OVER w, lead(ordered_at) OVER w, lead(day) OVER w,
      row_number() OVER w, first_value(day) OVER w, gross_minor - discounts_minor
    FROM (
      SELECT o.id, o.customer_key, o.ordered_at, kpi_local_day(o.ordered_at, ${zone}) AS day, o.gross_minor, o.discounts_minor
      FROM "order" o
      WHERE o.shop_id = ${shopId} AND o.customer_key IS NOT NULL AND ${countedOrder("o")} ${filter}
      -- OFFSET 0 keeps this a subquery, so each row's local day is computed once here: flattened, the
      -- time zone conversion ran once per window function that reads it.
      OFFSET 0
    ) x
    WINDOW w AS (PARTITION BY customer_key ORDER BY ordered_at, id)`;
}

/**
 * Per-day contributions of the rows in `source` (a FROM item aliased r): a row makes its customer active
 * at the local midnights b with day < b ≤ min(day + W, next day) (difference array: +1 at day + 1, −1
 * after the last); retained over [b − 365, b) when its previous order falls in [b − 730, b − 365); and
 * new on its day when it is the customer's first order. One grouped pass per delta column: a per-row
 * VALUES list of six deltas is planned through a Memoize node that made this several times slower.
 */
function contributionsSql(source: Prisma.Sql, windowDays: number, sign: 1 | -1): Prisma.Sql {
  const w = Prisma.sql`${windowDays}::int`;
  const y = Prisma.sql`${YEAR_DAYS}::int`;
  const y2 = Prisma.sql`${2 * YEAR_DAYS}::int`;
  const active = Prisma.sql`(r.next_day IS NULL OR r.next_day > r.day)`;
  const retained = Prisma.sql`(r.prev_day IS NOT NULL AND GREATEST(r.day, r.prev_day + ${y}) < LEAST(r.day + ${y}, r.prev_day + ${y2}))`;
  const n = Prisma.sql`${sign}::int * count(*)::int`;
  const minus = Prisma.sql`${-sign}::int * count(*)::int`;
  return Prisma.sql`
    SELECT r.day + 1 AS day, ${n} AS a, ${n} AS ay, 0 AS ar, 0 AS n FROM ${source} WHERE ${active} GROUP BY 1
    UNION ALL SELECT LEAST(r.day + ${w}, r.next_day) + 1, ${minus}, 0, 0, 0 FROM ${source} WHERE ${active} GROUP BY 1
    UNION ALL SELECT LEAST(r.day + ${y}, r.next_day) + 1, 0, ${minus}, 0, 0 FROM ${source} WHERE ${active} GROUP BY 1
    UNION ALL SELECT GREATEST(r.day, r.prev_day + ${y}) + 1, 0, 0, ${n}, 0 FROM ${source} WHERE ${retained} GROUP BY 1
    UNION ALL SELECT LEAST(r.day + ${y}, r.prev_day + ${y2}) + 1, 0, 0, ${minus}, 0 FROM ${source} WHERE ${retained} GROUP BY 1
    UNION ALL SELECT r.day, 0, 0, 0, ${n} FROM ${source} WHERE r.seq = 1 GROUP BY 1`;
}

/** Adds the contributions to kpi_customer_day; returns the local days whose row it wrote. */
async function addContributions(db: Db, shopId: number, parts: Prisma.Sql[]): Promise<number[]> {
  const rows = await db.$queryRaw<{ day: number }[]>`
    INSERT INTO kpi_customer_day AS d (shop_id, day, active_delta, active_year_delta, annual_retained_delta, new_customers)
    SELECT ${shopId}, day, sum(a), sum(ay), sum(ar), sum(n) FROM (${Prisma.join(parts, " UNION ALL ")}) parts GROUP BY day
    ON CONFLICT (shop_id, day) DO UPDATE SET
      active_delta = d.active_delta + EXCLUDED.active_delta,
      active_year_delta = d.active_year_delta + EXCLUDED.active_year_delta,
      annual_retained_delta = d.annual_retained_delta + EXCLUDED.annual_retained_delta,
      new_customers = d.new_customers + EXCLUDED.new_customers
    RETURNING (day - DATE '1970-01-01')::int AS day`;
  const days = rows.map((row) => row.day);
  // A day whose changes cancel out holds nothing, as after a full rebuild, which writes no row for it.
  await db.$executeRaw`
    DELETE FROM kpi_customer_day WHERE shop_id = ${shopId} AND day = ANY(ARRAY(SELECT DATE '1970-01-01' + d FROM unnest(${days}::int[]) AS d))
      AND active_delta = 0 AND active_year_delta = 0 AND annual_retained_delta = 0 AND new_customers = 0`;
  return days;
}

/** Full rebuild of the shop's customer rows (the daily customer sums follow from their histograms). */
export async function rebuildAllCustomerRows(db: Db, shopId: number, settings: KpiSettings): Promise<void> {
  // All of a shop's orders: one sequential scan and an in-memory sort beat walking the customer index,
  // whose heap visits are random.
  await db.$executeRaw`SET LOCAL enable_indexscan = off`;
  await db.$executeRaw`SET LOCAL enable_bitmapscan = off`;
  await replaceCustomerOrders(db, shopId, rowsSql(shopId, settings.timezone, "all"));
  await db.$executeRaw`RESET enable_indexscan`;
  await db.$executeRaw`RESET enable_bitmapscan`;
}

/** Replaces the shop's kpi_customer_day with the per-day changes computed from all of its rows. */
export async function writeCustomerDays(
  db: Db,
  shopId: number,
  deltas: ReadonlyMap<number, CustomerDayDelta>,
): Promise<void> {
  await db.$executeRaw`DELETE FROM kpi_customer_day WHERE shop_id = ${shopId}`;
  // Only days that change something: the rows an incremental recompute keeps (addContributions).
  const days = [...deltas]
    .filter(([, d]) => d.active !== 0 || d.activeYear !== 0 || d.annualRetained !== 0 || d.newCustomers !== 0)
    .map(([day]) => day);
  const column = (key: keyof CustomerDayDelta) => days.map((day) => deltas.get(day)![key]);
  await db.$executeRaw`
    INSERT INTO kpi_customer_day (shop_id, day, active_delta, active_year_delta, annual_retained_delta, new_customers)
    SELECT ${shopId}, DATE '1970-01-01' + d, a, ay, ar, n
    FROM unnest(${days}::int[], ${column("active")}::int[], ${column("activeYear")}::int[], ${column("annualRetained")}::int[],
      ${column("newCustomers")}::int[]) AS x(d, a, ay, ar, n)`;
}

export interface CustomerChanges {
  /** Earliest local day from which a cached period count can differ (null: nothing changed). */
  readonly effectDay: number | null;
  /** Local days whose cohort revenue may change (rows added, removed, re-ranked or moved to another cohort). */
  readonly cohortDays: readonly number[];
  /** Local days whose kpi_customer_day row was written. */
  readonly customerDays: readonly number[];
}

/**
 * Rebuilds the rows of some customers from their orders and moves the daily sums by the difference.
 * A row whose only change is its next order (the customer ordered again) affects counts from the
 * earlier of the two next days only; any other change affects them from the row's own day.
 */
export async function rebuildCustomerRows(
  db: Db,
  shopId: number,
  settings: KpiSettings,
  keys: readonly string[],
): Promise<CustomerChanges> {
  if (keys.length === 0) return { effectDay: null, cohortDays: [], customerDays: [] };
  const keyArray = Prisma.sql`${keys as string[]}::text[]`;
  const ofKeys = Prisma.sql`shop_id = ${shopId} AND customer_key = ANY(${keyArray})`;
  const table = customerOrders(shopId);
  await ensureCustomerOrders(db, shopId);
  await db.$executeRaw`CREATE TEMP TABLE kpi_old_rows (LIKE ${table}) ON COMMIT DROP`;
  await db.$executeRaw`CREATE TEMP TABLE kpi_new_rows (LIKE ${table}) ON COMMIT DROP`;
  await db.$executeRaw`WITH gone AS (DELETE FROM ${table} WHERE ${ofKeys} RETURNING *)
    INSERT INTO kpi_old_rows SELECT * FROM gone`;
  await db.$executeRaw`WITH fresh AS (INSERT INTO ${table} (${ROW_COLUMNS}) ${rowsSql(shopId, settings.timezone, keys)} RETURNING *)
    INSERT INTO kpi_new_rows SELECT * FROM fresh`;
  const customerDays = await addContributions(db, shopId, [
    contributionsSql(Prisma.sql`kpi_old_rows AS r`, settings.activityWindowDays, -1),
    contributionsSql(Prisma.sql`kpi_new_rows AS r`, settings.activityWindowDays, 1),
  ]);

  const [effect] = await db.$queryRaw<{ effect_day: number | null }[]>`
    SELECT min(CASE
        WHEN o.order_id IS NOT NULL AND n.order_id IS NOT NULL
          AND (o.customer_key, o.ordered_at, o.day, o.prev_at, o.seq, o.first_day, o.net_minor)
              IS NOT DISTINCT FROM (n.customer_key, n.ordered_at, n.day, n.prev_at, n.seq, n.first_day, n.net_minor)
        THEN ${dayNumberOf(Prisma.sql`LEAST(o.next_day, n.next_day)`)}
        ELSE ${dayNumberOf(Prisma.sql`LEAST(o.day, n.day)`)}
      END)::int AS effect_day
    FROM kpi_old_rows o FULL JOIN kpi_new_rows n ON n.order_id = o.order_id
    WHERE (o.*) IS DISTINCT FROM (n.*)`;
  const cohortDays = await db.$queryRaw<{ day: number }[]>`
    WITH changed AS (
      SELECT o.order_id AS old_id, n.order_id AS new_id, o.day AS old_day, n.day AS new_day
      FROM kpi_old_rows o FULL JOIN kpi_new_rows n ON n.order_id = o.order_id
      WHERE (o.day, o.first_day, o.seq, o.net_minor) IS DISTINCT FROM (n.day, n.first_day, n.seq, n.net_minor)
    )
    SELECT DISTINCT ${dayNumberOf(Prisma.sql`d`)}::int AS day FROM (
      SELECT old_day AS d FROM changed UNION SELECT new_day FROM changed
      -- refunds of those orders book their cohort revenue on their own day
      -- (an index probe per changed order: the temporary tables have no statistics, and a hash join
      -- read every refund of the shop)
      UNION SELECT kpi_local_day(r.refunded_at, ${settings.timezone}) FROM changed
        CROSS JOIN LATERAL (SELECT refunded_at FROM refund
          WHERE shop_id = ${shopId} AND order_id = COALESCE(changed.new_id, changed.old_id) OFFSET 0) r
    ) days WHERE d IS NOT NULL`;
  await db.$executeRaw`DROP TABLE kpi_old_rows, kpi_new_rows`;
  return {
    effectDay: effect?.effect_day ?? null,
    cohortDays: cohortDays.map((row) => row.day),
    customerDays,
  };
}
