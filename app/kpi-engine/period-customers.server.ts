/**
 * Customer counts of whole-day periods [a, b) that need per-customer set logic, as range counts over
 * kpi_customer_order (each customer has exactly one "first row in P", one "last row before b", …):
 *   customers      rows in P whose previous order is before P
 *   new            rows in P that are the customer's first order
 *   orderedActive  rows in P whose previous order is in [a − W, a): ordered in P and active at a
 *   returning      last row before b lies in P and has rank ≥ 2
 * For P no longer than W everyone who ordered in P is active at b, so R = orderedActive + E − customers and
 * Nₑ = N; for longer P, R joins the sets active at a and at b, and Nₑ counts last rows of new customers
 * in [b − W, b). A full rebuild's hundreds of periods are counted from per-day histograms (customer-grid.ts),
 * a recompute's few missing ones by one range scan. Results are cached in kpi_period_customers.
 *
 * Layer: reading facts, with two crossings: it writes its cache, and loads the grid the recompute
 * writes customer days from (README.md, "Layers").
 */
import { customerOrders } from "./customer-orders-table.server";
import { Prisma } from "@prisma/client";
import { CustomerGrid, NO_NEXT, NO_PREVIOUS } from "./customer-grid";
import type { Db } from "./sql.server";
import { sqlDay } from "./sql.server";
import { timed } from "./profile";

export interface PeriodCustomers {
  readonly customers: number;
  readonly newCustomers: number;
  readonly orderedActive: number;
  readonly returning: number;
  /** Only for periods longer than W. */
  readonly retained: number | null;
  readonly newActiveEnd: number | null;
}

export const pairKey = (a: number, b: number): string => `${a}:${b}`;

/** P = [a, b) is longer than W: some who ordered in P may be inactive again at its end. */
export const isLongerThanWindow = (a: number, b: number, windowDays: number): boolean => b - windowDays > a;

type Row = {
  // mutable: fillRetained completes it
  a: number;
  b: number;
  customers: number;
  new_customers: number;
  ordered_active: number;
  returning_customers: number;
  retained: number | null;
  new_active_end: number | null;
};

const fromRow = (row: Row): PeriodCustomers => ({
  customers: row.customers,
  newCustomers: row.new_customers,
  orderedActive: row.ordered_active,
  returning: row.returning_customers,
  retained: row.retained,
  newActiveEnd: row.new_active_end,
});

/** Counts for every pair, from the cache where present, computed (and cached) otherwise. */
export async function periodCustomers(
  db: Db,
  shopId: number,
  windowDays: number,
  pairs: readonly (readonly [a: number, b: number])[],
  grid?: CustomerGrid,
  options: { readOnly?: boolean } = {},
): Promise<Map<string, PeriodCustomers>> {
  const wanted = new Map(pairs.map(([a, b]) => [pairKey(a, b), [a, Math.max(a, b)] as const]));
  const out = new Map<string, PeriodCustomers>();
  if (wanted.size === 0) return out;
  const as = [...wanted.values()].map(([a]) => a);
  const bs = [...wanted.values()].map(([, b]) => b);
  const cached = await db.$queryRaw<Row[]>`
    SELECT (start_day - DATE '1970-01-01')::int AS a, (end_day - DATE '1970-01-01')::int AS b, customers, new_customers,
      ordered_active, returning_customers, retained, new_active_end
    FROM kpi_period_customers p
    JOIN unnest(${as}::int[], ${bs}::int[]) AS w(a, b) ON p.start_day = DATE '1970-01-01' + w.a AND p.end_day = DATE '1970-01-01' + w.b
    WHERE p.shop_id = ${shopId}`;
  for (const row of cached) out.set(pairKey(row.a, row.b), fromRow(row));
  const missing = [...wanted.values()].filter(([a, b]) => !out.has(pairKey(a, b)));
  if (missing.length === 0) return mapRequested(pairs, out);

  const computed = await timed("period counts", () =>
    computePeriodCustomers(db, shopId, windowDays, missing, grid),
  );
  await timed("long periods", () => fillLongPeriods(db, shopId, windowDays, computed));
  if (!options.readOnly) await timed("store period counts", () => storePeriodCustomers(db, shopId, computed));
  for (const row of computed) out.set(pairKey(row.a, row.b), fromRow(row));
  return mapRequested(pairs, out);
}

function mapRequested(
  pairs: readonly (readonly [number, number])[],
  byKey: Map<string, PeriodCustomers>,
): Map<string, PeriodCustomers> {
  const out = new Map<string, PeriodCustomers>();
  for (const [a, b] of pairs) {
    const value = byKey.get(pairKey(a, Math.max(a, b)));
    if (value) out.set(pairKey(a, b), value);
  }
  return out;
}

/** Enough periods that reading the whole shop's histograms beats a range scan (a full rebuild has hundreds). */
const GRID_THRESHOLD = 40;

/** The counts of each [a, b); `retained` and `new_active_end` are left for fillLongPeriods. */
async function computePeriodCustomers(
  db: Db,
  shopId: number,
  windowDays: number,
  pairs: readonly (readonly [number, number])[],
  given: CustomerGrid | undefined,
): Promise<Row[]> {
  if (!given && pairs.length < GRID_THRESHOLD) return rangeCounts(db, shopId, windowDays, pairs);
  const grid = given ?? (await timed("load grid", () => loadCustomerGrid(db, shopId)));
  return pairs.map(([a, b]) => {
    const c = grid.counts(a, b, windowDays);
    return {
      a,
      b,
      customers: c.customers,
      new_customers: c.newCustomers,
      ordered_active: c.orderedActive,
      returning_customers: c.returning,
      retained: null,
      new_active_end: null,
    };
  });
}

/** The shop's customer-order histograms (customer-grid.ts): one statement, two passes over the rows. */
export async function loadCustomerGrid(db: Db, shopId: number): Promise<CustomerGrid> {
  const table = customerOrders(shopId);
  const rows = await db.$queryRaw<{ kind: "p" | "n" | "f"; day: number; vs: number[]; ns: number[] }[]>`
    SELECT kind, day, array_agg(v ORDER BY v) AS vs, array_agg(n ORDER BY v) AS ns FROM (
      SELECT 'p' AS kind, (day - DATE '1970-01-01')::int AS day,
        COALESCE((prev_day - DATE '1970-01-01')::int, ${NO_PREVIOUS}::int) AS v, count(*)::int AS n
      FROM ${table} GROUP BY 2, 3
      UNION ALL
      SELECT CASE WHEN seq = 1 THEN 'f' ELSE 'n' END, (day - DATE '1970-01-01')::int,
        COALESCE((next_day - DATE '1970-01-01')::int, ${NO_NEXT}::int), count(*)::int
      FROM ${table} GROUP BY 1, 2, 3
    ) h GROUP BY kind, day`;
  const of = (kind: "p" | "n" | "f") =>
    rows.filter((r) => r.kind === kind).map((r) => [r.day, { values: r.vs, counts: r.ns }] as const);
  return new CustomerGrid(of("p"), of("n"), of("f"));
}

/** Counts of rows in [a, b); `r` has the row columns plus the period's a and b (dates). */
function countsSql(w: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    count(*) FILTER (WHERE r.prev_day IS NULL OR r.prev_day < r.a)::int AS customers,
    count(*) FILTER (WHERE r.seq = 1)::int AS new_customers,
    count(*) FILTER (WHERE r.prev_day >= r.a - ${w} AND r.prev_day < r.a)::int AS ordered_active,
    count(*) FILTER (WHERE (r.next_day IS NULL OR r.next_day >= r.b) AND r.seq >= 2)::int AS returning_customers,
    NULL::int AS retained, NULL::int AS new_active_end`;
}

/**
 * Other periods (rolling windows, the part of a unit before today): one pass over the rows they span,
 * each row counted in every period containing it (a handful of periods, so a nested loop is cheap).
 */
async function rangeCounts(
  db: Db,
  shopId: number,
  windowDays: number,
  pairs: readonly (readonly [number, number])[],
): Promise<Row[]> {
  const w = Prisma.sql`${windowDays}::int`;
  const from = Math.min(...pairs.map(([a]) => a));
  const to = Math.max(...pairs.map(([, b]) => b));
  const found = await db.$queryRaw<Row[]>`
    SELECT (r.a - DATE '1970-01-01')::int AS a, (r.b - DATE '1970-01-01')::int AS b, ${countsSql(w)}
    FROM (
      SELECT k.*, p.a, p.b
      FROM ${customerOrders(shopId)} k
      JOIN (SELECT DATE '1970-01-01' + an AS a, DATE '1970-01-01' + bn AS b
            FROM unnest(${pairs.map(([a]) => a)}::int[], ${pairs.map(([, b]) => b)}::int[]) AS x(an, bn)) p
        ON k.day >= p.a AND k.day < p.b
      WHERE k.shop_id = ${shopId} AND k.day >= DATE '1970-01-01' + ${from}::int AND k.day < DATE '1970-01-01' + ${to}::int
    ) r
    GROUP BY r.a, r.b`;
  const have = new Set(found.map((r) => pairKey(r.a, r.b)));
  // Periods without any row (no identified orders) are all zero.
  const empty = (a: number, b: number): Row => ({
    a,
    b,
    customers: 0,
    new_customers: 0,
    ordered_active: 0,
    returning_customers: 0,
    retained: null,
    new_active_end: null,
  });
  return [...found, ...pairs.filter(([a, b]) => !have.has(pairKey(a, b))).map(([a, b]) => empty(a, b))];
}

/**
 * R and Nₑ for periods longer than W. A customer is active at t when their last order before t is in
 * [t − W, t): exactly one of their rows then lies in that day range with no next order before t. Each
 * distinct instant is read once (one year's end is the next one's start) into a bit per instant and
 * customer; R counts the customers with both bits of a period, Nₑ those active at b whose first order is
 * in P. Half the rows of reading both ends of every period and grouping per period and customer.
 */
async function fillLongPeriods(db: Db, shopId: number, windowDays: number, rows: Row[]): Promise<void> {
  const long = rows.filter((row) => isLongerThanWindow(row.a, row.b, windowDays));
  // At most 31 periods (62 instants) per statement: the bits live in a bigint.
  for (let from = 0; from < long.length; from += 31)
    await fillLongPeriodsChunk(db, shopId, windowDays, long.slice(from, from + 31));
}

async function fillLongPeriodsChunk(db: Db, shopId: number, windowDays: number, long: Row[]): Promise<void> {
  if (long.length === 0) return;
  const instants = [...new Set(long.flatMap((row) => [row.a, row.b]))];
  const bit = new Map(instants.map((day, k) => [day, k] as const));
  const found = await db.$queryRaw<{ i: number; retained: number; new_active_end: number }[]>`
    WITH active AS (
      SELECT r.customer_key, bit_or(1::bigint << t.k) AS mask, min(r.first_day) AS first_day
      FROM unnest(${instants}::int[], ${instants.map((_, k) => k)}::int[]) AS t(day, k)
      JOIN ${customerOrders(shopId)} r ON r.day >= DATE '1970-01-01' + (t.day - ${windowDays}::int) AND r.day < DATE '1970-01-01' + t.day
        AND (r.next_day IS NULL OR r.next_day >= DATE '1970-01-01' + t.day)
      GROUP BY r.customer_key
    )
    SELECT p.i,
      count(*) FILTER (WHERE a.mask & (1::bigint << p.ka) <> 0 AND a.mask & (1::bigint << p.kb) <> 0)::int AS retained,
      count(*) FILTER (WHERE a.mask & (1::bigint << p.kb) <> 0 AND a.first_day >= DATE '1970-01-01' + p.a)::int AS new_active_end
    FROM unnest(${long.map((_, i) => i)}::int[], ${long.map((row) => row.a)}::int[], ${long.map((row) => bit.get(row.a)!)}::int[],
      ${long.map((row) => bit.get(row.b)!)}::int[]) AS p(i, a, ka, kb)
    CROSS JOIN active a
    GROUP BY p.i`;
  const byIndex = new Map(found.map((r) => [r.i, r]));
  long.forEach((row, i) => {
    row.retained = byIndex.get(i)?.retained ?? 0;
    row.new_active_end = byIndex.get(i)?.new_active_end ?? 0;
  });
}

async function storePeriodCustomers(db: Db, shopId: number, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof Row>(k: K) => rows.map((r) => r[k]);
  await db.$executeRaw`
    INSERT INTO kpi_period_customers (shop_id, start_day, end_day, customers, new_customers, ordered_active, returning_customers, retained, new_active_end)
    SELECT ${shopId}, DATE '1970-01-01' + a, DATE '1970-01-01' + b, c, n, oa, rt, r, ne
    FROM unnest(${col("a")}::int[], ${col("b")}::int[], ${col("customers")}::int[], ${col("new_customers")}::int[],
      ${col("ordered_active")}::int[], ${col("returning_customers")}::int[], ${col("retained")}::int[], ${col("new_active_end")}::int[])
      AS x(a, b, c, n, oa, rt, r, ne)
    ON CONFLICT (shop_id, start_day, end_day) DO UPDATE SET customers = EXCLUDED.customers, new_customers = EXCLUDED.new_customers,
      ordered_active = EXCLUDED.ordered_active, returning_customers = EXCLUDED.returning_customers, retained = EXCLUDED.retained,
      new_active_end = EXCLUDED.new_active_end`;
}

/** Drops cached counts a change from `day` on can affect (every period ending after it). */
export async function invalidatePeriodCustomers(db: Db, shopId: number, fromDay: number): Promise<void> {
  await db.$executeRaw`DELETE FROM kpi_period_customers WHERE shop_id = ${shopId} AND end_day > ${sqlDay(fromDay)}`;
}

export async function clearPeriodCustomers(db: Db, shopId: number): Promise<void> {
  await db.$executeRaw`DELETE FROM kpi_period_customers WHERE shop_id = ${shopId}`;
}
