/**
 * Customer counts at an instant c inside local day D (a period in progress ends at now) from the counts at
 * D's midnight plus corrections read from the rows of four single days: D (orders before c), and the days
 * where the windows ending at c start (c − W, c − 365, c − 730). A customer with no order on those days
 * is counted the same at c as at midnight, so nothing else needs reading. Each correction pairs a row on
 * one of those days with its previous or next order (the same customer's neighbour), which is what the
 * prev/next columns are for. Checked against the pure KPIs at non-midnight instants in test/kpi-engine.
 *
 * Layer: reading facts (README.md, "Layers").
 */
import { customerOrders, customerRowOfRefund } from "./customer-orders-table.server";
import { Prisma } from "@prisma/client";
import { addLocalDays } from "~/kpi/calendar/zone";
import type { Db } from "./sql.server";
import { sqlTimestampText } from "./sql.server";
import { dayStart, localDayNumber } from "./spans";
import { YEAR_DAYS } from "./customer-rows.server";

export interface EdgeCounts {
  // Day D, orders before c:
  readonly firstBeforeStart: number; // previous order before a (or none): first order in P
  readonly first: number; // rank 1
  readonly previousInStartWindow: number; // previous order in [a − W, a)
  readonly lastRepeat: number; // no later order before c, rank ≥ 2
  readonly repeatAfterPeriodRow: number; // previous order in [a, midnight), rank ≥ 3
  readonly previousInEndWindow: number; // previous order in [c − W, midnight)
  readonly last: number; // no later order before c
  readonly previousInYearWindow: number; // previous order in [c − 365, midnight)
  readonly previousInPriorYear: number; // previous order in [c − 730, c − 365)
  readonly gainedActiveAtStart: number; // first order of D, previous before D − W: newly active, active at a
  readonly gainedNew: number; // … whose first order is on or after a
  // Day of c − W, orders before c − W:
  readonly droppedAtMidnight: number; // next order at or after midnight D (or none)
  readonly lostActiveAtStart: number; // no order since before c: inactive at c, active at a
  readonly lostNew: number; // … whose first order is on or after a
  // Day of c − 365, orders before c − 365:
  readonly yearDroppedAtMidnight: number;
  readonly yearFirst: number;
  readonly priorYearPrevious: number; // previous order in [midnight D − 730, midnight D − 365)
  readonly priorYearLast: number; // no later order before c − 365
  readonly priorYearPreviousFromC730: number; // previous order in [c − 730, midnight D − 365)
  readonly yearNextBeforeMidnight: number; // next order in [c − 365, midnight D)
  // Day of c − 730, orders before c − 730:
  readonly twoYearsDroppedAtMidnight: number; // next order at or after midnight D − 365 (or none)
  readonly twoYearsNextBeforeMidnight: number; // next order in [c − 365, midnight D)
}

export interface EdgeQuery {
  /** Start of the period: a local day number (periods start at midnight). */
  readonly startDay: number;
  readonly end: Date;
  /** Whether the per-customer "active at the start" and "new" corrections are needed (P longer than W). */
  readonly long: boolean;
}

/**
 * The corrections of many periods in one statement (one row each, in the order asked). Periods ending at
 * the same instant (everything in progress ends at now) share one read of the days of c − 365 and
 * c − 730; the days of c and c − W are read per period start, as their counts depend on it. The
 * statement has the same shape however many ends and starts there are, so planning it does not grow
 * with them as planning one part per end did.
 */
export async function edgeCounts(
  db: Db,
  shopId: number,
  zone: string,
  windowDays: number,
  queries: readonly EdgeQuery[],
): Promise<EdgeCounts[]> {
  if (queries.length === 0) return [];
  const endIndex = new Map<number, number>();
  for (const query of queries)
    if (!endIndex.has(query.end.getTime())) endIndex.set(query.end.getTime(), endIndex.size);
  const ends = [...endIndex.keys()].map((time) => endInstants(new Date(time), zone, windowDays));
  const column = (key: keyof EndInstants) => ends.map((end) => sqlTimestampText(end[key]));
  const w = Prisma.sql`${windowDays}::int`;
  const table = customerOrders(shopId);
  const n = (condition: Prisma.Sql) => Prisma.sql`count(*) FILTER (WHERE ${condition})::int`;
  const next = (t: Prisma.Sql) => Prisma.sql`(r.next_at IS NULL OR r.next_at >= ${t})`;
  // The rows of the local day of `before`, ordered before it.
  const dayRows = (before: Prisma.Sql) => Prisma.sql`FROM ${table} r
    WHERE r.shop_id = ${shopId} AND r.day = kpi_local_day(${before}, ${zone}) AND r.ordered_at < ${before}`;
  // r's customer was active at a: their last order before a lies in [a − W, a). For a row on or after a
  // whose previous order is before a (or missing), that previous order is the last one; only otherwise is
  // the customer's history probed (a probe per row made this statement much slower).
  const activeAtStart = Prisma.sql`(CASE
    WHEN r.day >= st.a AND r.prev_day IS NULL THEN false
    WHEN r.day >= st.a AND r.prev_day < st.a THEN r.prev_day >= st.a - ${w}
    ELSE EXISTS (SELECT 1 FROM ${table} s
      WHERE s.shop_id = ${shopId} AND s.customer_key = r.customer_key AND s.day >= st.a - ${w} AND s.day < st.a
        AND (s.next_day IS NULL OR s.next_day >= st.a)) END)`;
  const gained = Prisma.sql`(r.prev_at IS NULL OR r.prev_at < e.window_start_of_d)`;

  const rows = await db.$queryRaw<(EdgeCounts & { i: number })[]>`
    WITH e AS (
      SELECT * FROM unnest(${ends.map((_, i) => i)}::int[], ${column("c")}::timestamp[], ${column("midnight")}::timestamp[],
        ${column("cw")}::timestamp[], ${column("c365")}::timestamp[], ${column("c730")}::timestamp[], ${column("midnight365")}::timestamp[],
        ${column("midnight730")}::timestamp[], ${column("windowStartOfD")}::timestamp[])
        AS e(k, c, midnight, cw, c365, c730, midnight365, midnight730, window_start_of_d)
    ),
    -- Per end: the days of c − 365 and c − 730. MATERIALIZED, or it is inlined into the join and read
    -- once per period start instead of once per end.
    years AS MATERIALIZED (
      SELECT e.k, dy.*, d2.* FROM e
      CROSS JOIN LATERAL (SELECT
          ${n(next(Prisma.sql`e.midnight`))} AS "yearDroppedAtMidnight",
          ${n(Prisma.sql`r.seq = 1`)} AS "yearFirst",
          ${n(Prisma.sql`r.prev_at >= e.midnight730 AND r.prev_at < e.midnight365`)} AS "priorYearPrevious",
          ${n(next(Prisma.sql`e.c365`))} AS "priorYearLast",
          ${n(Prisma.sql`r.prev_at >= e.c730 AND r.prev_at < e.midnight365`)} AS "priorYearPreviousFromC730",
          ${n(Prisma.sql`r.next_at >= e.c365 AND r.next_at < e.midnight`)} AS "yearNextBeforeMidnight"
        ${dayRows(Prisma.sql`e.c365`)}) dy
      CROSS JOIN LATERAL (SELECT
          ${n(next(Prisma.sql`e.midnight365`))} AS "twoYearsDroppedAtMidnight",
          ${n(Prisma.sql`r.next_at >= e.c365 AND r.next_at < e.midnight`)} AS "twoYearsNextBeforeMidnight"
        ${dayRows(Prisma.sql`e.c730`)}) d2
    )
    SELECT st.i, d.*, dw.*, years.* FROM
      (SELECT i, k, DATE '1970-01-01' + a AS a, long
        FROM unnest(${queries.map((_, i) => i)}::int[], ${queries.map((q) => endIndex.get(q.end.getTime())!)}::int[],
          ${queries.map((q) => q.startDay)}::int[], ${queries.map((q) => q.long)}::bool[]) AS x(i, k, a, long)) st
      JOIN e ON e.k = st.k
      JOIN years ON years.k = st.k
      -- Day D, orders before c.
      CROSS JOIN LATERAL (SELECT
          ${n(Prisma.sql`r.prev_day IS NULL OR r.prev_day < st.a`)} AS "firstBeforeStart",
          ${n(Prisma.sql`r.seq = 1`)} AS "first",
          ${n(Prisma.sql`r.prev_day >= st.a - ${w} AND r.prev_day < st.a`)} AS "previousInStartWindow",
          ${n(Prisma.sql`${next(Prisma.sql`e.c`)} AND r.seq >= 2`)} AS "lastRepeat",
          ${n(Prisma.sql`r.prev_at < e.midnight AND r.prev_day >= st.a AND r.seq >= 3`)} AS "repeatAfterPeriodRow",
          ${n(Prisma.sql`r.prev_at >= e.cw AND r.prev_at < e.midnight`)} AS "previousInEndWindow",
          ${n(next(Prisma.sql`e.c`))} AS "last",
          ${n(Prisma.sql`r.prev_at >= e.c365 AND r.prev_at < e.midnight`)} AS "previousInYearWindow",
          ${n(Prisma.sql`r.prev_at >= e.c730 AND r.prev_at < e.c365`)} AS "previousInPriorYear",
          ${n(Prisma.sql`st.long AND ${gained} AND ${activeAtStart}`)} AS "gainedActiveAtStart",
          ${n(Prisma.sql`st.long AND ${gained} AND r.first_day >= st.a`)} AS "gainedNew"
        ${dayRows(Prisma.sql`e.c`)}) d
      -- Day of c − W, orders before c − W.
      CROSS JOIN LATERAL (SELECT
          ${n(next(Prisma.sql`e.midnight`))} AS "droppedAtMidnight",
          ${n(Prisma.sql`st.long AND ${next(Prisma.sql`e.c`)} AND ${activeAtStart}`)} AS "lostActiveAtStart",
          ${n(Prisma.sql`st.long AND ${next(Prisma.sql`e.c`)} AND r.first_day >= st.a`)} AS "lostNew"
        ${dayRows(Prisma.sql`e.cw`)}) dw`;
  const byIndex = new Map(rows.map((row) => [row.i, row]));
  return queries.map((_, i) => {
    const row = byIndex.get(i);
    if (!row) throw new Error("edge counts query returned no row");
    return row;
  });
}

interface EndInstants {
  readonly c: Date;
  readonly midnight: Date;
  readonly cw: Date;
  readonly c365: Date;
  readonly c730: Date;
  readonly midnight365: Date;
  readonly midnight730: Date;
  readonly windowStartOfD: Date;
}

/** The instants the corrections of periods ending at c compare with (in `zone`). */
function endInstants(c: Date, zone: string, windowDays: number): EndInstants {
  const day = localDayNumber(c, zone);
  const c365 = addLocalDays(c, -YEAR_DAYS, zone);
  const c730 = addLocalDays(c365, -YEAR_DAYS, zone);
  return {
    c,
    midnight: dayStart(day, zone),
    cw: addLocalDays(c, -windowDays, zone),
    c365,
    c730,
    midnight365: dayStart(localDayNumber(c365, zone), zone),
    midnight730: dayStart(localDayNumber(c730, zone), zone),
    windowStartOfD: dayStart(day - windowDays, zone),
  };
}

type CohortEdge = Map<number, { net: number; customers: number }>;

/**
 * Cohort revenue and first orders of day D before c, for several ends c at once (orders, and refunds
 * whose later date of order and refund falls there). One statement of fixed shape: each end's day rows
 * are read once, their refunds in one scan of the refunds' order index; refunds booked that day on
 * orders of other days come from the refund-date index.
 */
export async function cohortEdges(
  db: Db,
  shopId: number,
  zone: string,
  refundOnOrderDate: boolean,
  ends: readonly Date[],
): Promise<CohortEdge[]> {
  if (ends.length === 0) return [];
  const days = ends.map((end) => localDayNumber(end, zone));
  const table = customerOrders(shopId);
  const booked = (orderedAt: Prisma.Sql) => (refundOnOrderDate ? orderedAt : Prisma.sql`r.refunded_at`);
  const rows = await db.$queryRaw<{ i: number; cohort: number; net: bigint; customers: number }[]>`
    WITH e AS (
      SELECT * FROM unnest(${ends.map((_, i) => i)}::int[], ${days}::int[], ${days.map((day) => sqlTimestampText(dayStart(day, zone)))}::timestamp[],
        ${ends.map((end) => sqlTimestampText(end))}::timestamp[]) AS e(i, day, s, e)
    ),
    day_rows AS (
      SELECT e.i, e.s, e.e, k.* FROM e
      CROSS JOIN LATERAL (SELECT * FROM ${table} k
        WHERE k.shop_id = ${shopId} AND k.day = DATE '1970-01-01' + e.day AND k.ordered_at < e.e OFFSET 0) k
    ),
    -- the refunds of those orders in one index scan over their sorted ids: a day's order ids lie close
    -- together, so a probe per order would read the same index pages again and again
    day_refunds AS (
      SELECT * FROM refund WHERE shop_id = ${shopId} AND order_id = ANY(ARRAY(SELECT order_id FROM day_rows))
    )
    SELECT i, (date_trunc('month', first_day::timestamp)::date - DATE '1970-01-01')::int AS cohort, sum(net)::bigint AS net,
      sum(fresh)::int AS customers
    FROM (
      SELECT d.i, d.first_day, d.net_minor AS net, (d.seq = 1)::int AS fresh FROM day_rows d
      UNION ALL
      -- refunds of those orders
      SELECT d.i, d.first_day, -r.lines_subtotal_minor, 0 FROM day_rows d JOIN day_refunds r ON r.order_id = d.order_id
      WHERE GREATEST(d.ordered_at, ${booked(Prisma.sql`d.ordered_at`)}) >= d.s AND GREATEST(d.ordered_at, ${booked(Prisma.sql`d.ordered_at`)}) < d.e
      UNION ALL
      -- refunds booked on day D before c, of orders not counted above: their customer row by primary key
      SELECT e.i, k.first_day, -r.lines_subtotal_minor, 0 FROM e
      CROSS JOIN LATERAL (SELECT * FROM refund WHERE shop_id = ${shopId} AND refunded_at >= e.s AND refunded_at < e.e OFFSET 0) r
      ${customerRowOfRefund(shopId, "r")}
      WHERE NOT (k.day = DATE '1970-01-01' + e.day AND k.ordered_at < e.e)
        AND GREATEST(k.ordered_at, ${booked(Prisma.sql`k.ordered_at`)}) >= e.s AND GREATEST(k.ordered_at, ${booked(Prisma.sql`k.ordered_at`)}) < e.e
    ) parts GROUP BY 1, 2`;
  const out: CohortEdge[] = ends.map(() => new Map());
  for (const row of rows) out[row.i]!.set(row.cohort, { net: Number(row.net), customers: row.customers });
  return out;
}
