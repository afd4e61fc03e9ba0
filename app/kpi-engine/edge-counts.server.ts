/**
 * Customer counts at an instant c inside local day D (a period in progress ends at now) from the counts at
 * D's midnight plus corrections read from the rows of four single days: D (orders before c), and the days
 * where the windows ending at c start (c − W, c − 365, c − 730). A customer with no order on those days
 * is counted the same at c as at midnight, so nothing else needs reading. Each correction pairs a row on
 * one of those days with its previous or next order (the same customer's neighbour), which is what the
 * prev/next columns are for. Checked against the pure KPIs at non-midnight instants in test/kpi-engine.
 */
import { customerOrders } from "./customer-orders-table.server";
import { Prisma } from "@prisma/client";
import { addLocalDays } from "../kpi/calendar/zone";
import type { Db } from "./sql.server";
import { sqlInstant } from "./sql.server";
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

/** The corrections of many periods in one statement (one row each, in the order asked). */
export async function edgeCounts(db: Db, shopId: number, zone: string, windowDays: number, queries: readonly EdgeQuery[]): Promise<EdgeCounts[]> {
  if (queries.length === 0) return [];
  const parts = queries.map((q, i) => Prisma.sql`SELECT ${i}::int AS i, e.* FROM (${edgeSql(shopId, zone, windowDays, q)}) e`);
  const rows = await db.$queryRaw<(EdgeCounts & { i: number })[]>`${Prisma.join(parts, " UNION ALL ")}`;
  const byIndex = new Map(rows.map((row) => [row.i, row]));
  return queries.map((_, i) => {
    const row = byIndex.get(i);
    if (!row) throw new Error("edge counts query returned no row");
    return row;
  });
}

function edgeSql(shopId: number, zone: string, windowDays: number, query: EdgeQuery): Prisma.Sql {
  const c = query.end;
  const day = localDayNumber(c, zone);
  const midnight = dayStart(day, zone);
  const cw = addLocalDays(c, -windowDays, zone);
  const c365 = addLocalDays(c, -YEAR_DAYS, zone);
  const c730 = addLocalDays(c365, -YEAR_DAYS, zone);
  const midnight365 = dayStart(localDayNumber(c365, zone), zone);
  const midnight730 = dayStart(localDayNumber(c730, zone), zone);
  const windowStartOfD = dayStart(day - windowDays, zone);
  const a = query.startDay;
  const aDate = Prisma.sql`(DATE '1970-01-01' + ${a}::int)`;
  const w = Prisma.sql`${windowDays}::int`;
  const I = sqlInstant;
  const next = (t: Date) => Prisma.sql`(r.next_at IS NULL OR r.next_at >= ${I(t)})`;
  const activeAtStart = Prisma.sql`EXISTS (SELECT 1 FROM ${customerOrders(shopId)} s
    WHERE s.shop_id = ${shopId} AND s.customer_key = r.customer_key AND s.day >= ${aDate} - ${w} AND s.day < ${aDate}
      AND (s.next_day IS NULL OR s.next_day >= ${aDate}))`;
  const onDay = (instant: Date) => Prisma.sql`r.shop_id = ${shopId} AND r.day = kpi_local_day(${I(instant)}, ${zone}) AND r.ordered_at < ${I(instant)}`;
  const gained = Prisma.sql`(r.prev_at IS NULL OR r.prev_at < ${I(windowStartOfD)})`;
  const zero = Prisma.sql`0`;

  return Prisma.sql`
    SELECT d.*, dw.*, dy.*, d2.* FROM
      (SELECT
         count(*) FILTER (WHERE r.prev_day IS NULL OR r.prev_day < ${aDate})::int AS "firstBeforeStart",
         count(*) FILTER (WHERE r.seq = 1)::int AS "first",
         count(*) FILTER (WHERE r.prev_day >= ${aDate} - ${w} AND r.prev_day < ${aDate})::int AS "previousInStartWindow",
         count(*) FILTER (WHERE ${next(c)} AND r.seq >= 2)::int AS "lastRepeat",
         count(*) FILTER (WHERE r.prev_at < ${I(midnight)} AND r.prev_day >= ${aDate} AND r.seq >= 3)::int AS "repeatAfterPeriodRow",
         count(*) FILTER (WHERE r.prev_at >= ${I(cw)} AND r.prev_at < ${I(midnight)})::int AS "previousInEndWindow",
         count(*) FILTER (WHERE ${next(c)})::int AS "last",
         count(*) FILTER (WHERE r.prev_at >= ${I(c365)} AND r.prev_at < ${I(midnight)})::int AS "previousInYearWindow",
         count(*) FILTER (WHERE r.prev_at >= ${I(c730)} AND r.prev_at < ${I(c365)})::int AS "previousInPriorYear",
         ${query.long ? Prisma.sql`count(*) FILTER (WHERE ${gained} AND ${activeAtStart})::int` : zero} AS "gainedActiveAtStart",
         ${query.long ? Prisma.sql`count(*) FILTER (WHERE ${gained} AND r.first_day >= ${aDate})::int` : zero} AS "gainedNew"
       FROM ${customerOrders(shopId)} r WHERE ${onDay(c)}) d,
      (SELECT
         count(*) FILTER (WHERE ${next(midnight)})::int AS "droppedAtMidnight",
         ${query.long ? Prisma.sql`count(*) FILTER (WHERE ${next(c)} AND ${activeAtStart})::int` : zero} AS "lostActiveAtStart",
         ${query.long ? Prisma.sql`count(*) FILTER (WHERE ${next(c)} AND r.first_day >= ${aDate})::int` : zero} AS "lostNew"
       FROM ${customerOrders(shopId)} r WHERE ${onDay(cw)}) dw,
      (SELECT
         count(*) FILTER (WHERE ${next(midnight)})::int AS "yearDroppedAtMidnight",
         count(*) FILTER (WHERE r.seq = 1)::int AS "yearFirst",
         count(*) FILTER (WHERE r.prev_at >= ${I(midnight730)} AND r.prev_at < ${I(midnight365)})::int AS "priorYearPrevious",
         count(*) FILTER (WHERE ${next(c365)})::int AS "priorYearLast",
         count(*) FILTER (WHERE r.prev_at >= ${I(c730)} AND r.prev_at < ${I(midnight365)})::int AS "priorYearPreviousFromC730",
         count(*) FILTER (WHERE r.next_at >= ${I(c365)} AND r.next_at < ${I(midnight)})::int AS "yearNextBeforeMidnight"
       FROM ${customerOrders(shopId)} r WHERE ${onDay(c365)}) dy,
      (SELECT
         count(*) FILTER (WHERE ${next(midnight365)})::int AS "twoYearsDroppedAtMidnight",
         count(*) FILTER (WHERE r.next_at >= ${I(c365)} AND r.next_at < ${I(midnight)})::int AS "twoYearsNextBeforeMidnight"
       FROM ${customerOrders(shopId)} r WHERE ${onDay(c730)}) d2`;
}

type CohortEdge = Map<number, { net: number; customers: number }>;

/**
 * Cohort revenue and first orders of day D before c, for several ends c at once (orders, and refunds
 * whose later date of order and refund falls there).
 */
export async function cohortEdges(db: Db, shopId: number, zone: string, refundOnOrderDate: boolean, ends: readonly Date[]): Promise<CohortEdge[]> {
  if (ends.length === 0) return [];
  const booked = refundOnOrderDate ? Prisma.sql`k.ordered_at` : Prisma.sql`r.refunded_at`;
  const parts = ends.map((end, i) => {
    const day = localDayNumber(end, zone);
    const onDay = Prisma.sql`day = (DATE '1970-01-01' + ${day}::int)`;
    const s = sqlInstant(dayStart(day, zone));
    const e = sqlInstant(end);
    return Prisma.sql`
      SELECT ${i}::int AS i, k.first_day, k.net_minor AS net, (k.seq = 1)::int AS fresh FROM ${customerOrders(shopId)} k
      WHERE k.shop_id = ${shopId} AND k.${onDay} AND k.ordered_at < ${e}
      UNION ALL
      SELECT ${i}::int, k.first_day, -r.lines_subtotal_minor, 0
      -- A few dozen candidate refunds, each followed by primary-key probes (LATERAL … OFFSET 0, so the
      -- planner does not hash every refund or customer row of the shop instead).
      FROM (SELECT id FROM refund WHERE shop_id = ${shopId} AND refunded_at >= ${s} AND refunded_at < ${e}
            UNION SELECT rr.id FROM ${customerOrders(shopId)} kk
              CROSS JOIN LATERAL (SELECT id FROM refund WHERE shop_id = ${shopId} AND order_id = kk.order_id OFFSET 0) rr
              WHERE kk.shop_id = ${shopId} AND kk.${onDay} AND kk.ordered_at < ${e}) candidate
      CROSS JOIN LATERAL (SELECT * FROM refund WHERE shop_id = ${shopId} AND id = candidate.id OFFSET 0) r
      JOIN "order" ro ON ro.shop_id = r.shop_id AND ro.id = r.order_id
      CROSS JOIN LATERAL (SELECT * FROM ${customerOrders(shopId)} k
        WHERE k.customer_key = ro.customer_key AND k.ordered_at = ro.ordered_at AND k.order_id = ro.id OFFSET 0) k
      WHERE true
        AND GREATEST(k.ordered_at, ${booked}) >= ${s} AND GREATEST(k.ordered_at, ${booked}) < ${e}`;
  });
  const rows = await db.$queryRaw<{ i: number; cohort: number; net: bigint; customers: number }[]>`
    SELECT i, (date_trunc('month', first_day::timestamp)::date - DATE '1970-01-01')::int AS cohort, sum(net)::bigint AS net,
      sum(fresh)::int AS customers
    FROM (${Prisma.join(parts, " UNION ALL ")}) parts GROUP BY 1, 2`;
  const out: CohortEdge[] = ends.map(() => new Map());
  for (const row of rows) out[row.i]!.set(row.cohort, { net: Number(row.net), customers: row.customers });
  return out;
}
