/**
 * kpi_cohort_day: per local day and acquisition cohort (local month of the customer's first counted
 * order), the net revenue that becomes part of historical CLV that day: orders' gross − discounts on their
 * day, refunds on the later of the order's day and the refund's booking day (CLV is net of refunds up to
 * the end: docs/kpi-definitions.md, Ground rules), and the customers whose first order is that day.
 *
 * Layer: writing rollups (README.md, "Layers").
 */
import { customerOrders, customerRowOfRefund } from "./customer-orders-table.server";
import { Prisma } from "@prisma/client";
import type { KpiSettings } from "~/kpi/settings";
import type { DayScope } from "./day-scope.server";
import { dayInScope, isEmptyScope, rowsOnScopeDays } from "./day-scope.server";
import type { Db } from "./sql.server";

export async function refreshCohortDays(
  db: Db,
  shopId: number,
  settings: KpiSettings,
  scope: DayScope,
): Promise<void> {
  if (isEmptyScope(scope)) return;
  const zone = settings.timezone;
  const booked =
    settings.refundAttribution === "refund-date"
      ? Prisma.sql`kpi_local_day(r.refunded_at, ${zone})`
      : Prisma.sql`k.day`;
  // Refunds whose revenue lands on a scope day: booked on one, or of an order dated on one; each
  // candidate then read by primary key (a hash join over every refund of the shop otherwise).
  const refunds =
    scope.kind === "all"
      ? Prisma.sql`(SELECT * FROM refund WHERE shop_id = ${shopId}) r`
      : Prisma.sql`(
          SELECT br.id FROM ${rowsOnScopeDays(scope, "refund", "br", "refunded_at", shopId, zone)}
          UNION
          -- one scan of the refunds' order index over those days' sorted order ids (as cohort edges do),
          -- not a hash of every refund nor a probe per order, both of which read many more pages
          SELECT id FROM refund WHERE shop_id = ${shopId} AND order_id = ANY(ARRAY(
            SELECT ko.order_id FROM ${customerOrders(shopId)} ko WHERE ko.shop_id = ${shopId} ${dayInScope(scope, Prisma.sql`ko.day`)}))
        ) candidate
        CROSS JOIN LATERAL (SELECT * FROM refund WHERE shop_id = ${shopId} AND id = candidate.id OFFSET 0) r`;

  // The customer row of each refund's order: for a full rebuild, a hash join on its order id; for a few
  // days, a primary-key probe per candidate refund through its order.
  const orderRow =
    scope.kind === "all"
      ? Prisma.sql`JOIN ${customerOrders(shopId)} k ON k.order_id = r.order_id`
      : customerRowOfRefund(shopId, "r");
  // First day of the first order's month, by date arithmetic: date_trunc goes through timestamptz and
  // the session time zone, a third of this statement's time over a million rows.
  const cohort = Prisma.sql`(k.first_day - (date_part('day', k.first_day)::int - 1))`;

  await db.$executeRaw`DELETE FROM kpi_cohort_day WHERE shop_id = ${shopId} ${dayInScope(scope, Prisma.sql`day`)}`;
  // Each part summed per (day, cohort) before the two are added up: far fewer rows to re-sum.
  await db.$executeRaw`
    INSERT INTO kpi_cohort_day (shop_id, day, cohort, net_minor, new_customers)
    SELECT ${shopId}, day, cohort, sum(net), sum(fresh) FROM (
      SELECT k.day, ${cohort} AS cohort, sum(k.net_minor) AS net, count(*) FILTER (WHERE k.seq = 1) AS fresh
      FROM ${customerOrders(shopId)} k WHERE k.shop_id = ${shopId} ${dayInScope(scope, Prisma.sql`k.day`)}
      GROUP BY 1, 2
      UNION ALL
      SELECT GREATEST(k.day, ${booked}), ${cohort}, -sum(r.lines_subtotal_minor), 0
      FROM ${refunds} ${orderRow}
      GROUP BY 1, 2
    ) parts
    WHERE true ${dayInScope(scope, Prisma.sql`day`)}
    GROUP BY day, cohort`;
}
