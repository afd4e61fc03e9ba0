/**
 * The calibration summary of a shop's identified customers, aggregated in SQL the way app/clv/summary.ts
 * builds it from transactions: one purchase per customer per local day (spend net of that day's orders'
 * refunds), x = purchase days − 1, tx = first → last purchase day, T = first purchase day → calibration
 * end (inclusive), zbar = mean spend of the repeat days. Times in days.
 */
import { customerOrders } from "./customer-orders-table.server";
import type { CustomerSummary } from "../clv/types";
import type { Db } from "./sql.server";
import { sqlDay } from "./sql.server";

export async function customerSummaries(db: Db, shopId: number, calibrationEndDay: number): Promise<CustomerSummary[]> {
  const rows = await db.$queryRaw<{ id: string; x: number; tx: number; t: number; zbar: number }[]>`
    WITH refunded AS (
      SELECT order_id, sum(lines_subtotal_minor) AS amount FROM refund WHERE shop_id = ${shopId} GROUP BY order_id
    ), days AS (
      SELECT k.customer_key, k.day, sum(k.net_minor - COALESCE(r.amount, 0))::float8 AS spend
      FROM ${customerOrders(shopId)} k LEFT JOIN refunded r ON r.order_id = k.order_id
      WHERE k.shop_id = ${shopId} AND k.day <= ${sqlDay(calibrationEndDay)}
      GROUP BY k.customer_key, k.day
    ), ranked AS (
      SELECT customer_key, day, spend, min(day) OVER (PARTITION BY customer_key) AS first FROM days
    )
    SELECT customer_key AS id, (count(*) - 1)::int AS x, (max(day) - first)::int AS tx,
      (${sqlDay(calibrationEndDay)} - first)::int AS t,
      COALESCE(avg(spend) FILTER (WHERE day > first), 0)::float8 AS zbar
    FROM ranked GROUP BY customer_key, first`;
  return rows.map((r) => ({ id: r.id, x: r.x, tx: r.tx, T: r.t, zbar: r.zbar }));
}
