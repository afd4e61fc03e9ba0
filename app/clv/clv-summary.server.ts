/**
 * The calibration summary of a shop's identified customers, aggregated in SQL the way app/clv/summary.ts
 * builds it from transactions: one purchase per customer per local day (spend net of that day's orders'
 * refunds), x = purchase days − 1, tx = first → last purchase day, T = first purchase day → calibration
 * end (inclusive), zbar = mean spend of the repeat days. Times in days.
 */
import { Prisma } from "@prisma/client";
import { customerOrders, customerOrdersExist } from "~/kpi-engine/customer-orders-table.server";
import type { Db } from "~/kpi-engine/sql.server";
import { sqlDay } from "~/kpi-engine/sql.server";
import type { CustomerSummary } from "./types";

const CHUNK = 5_000;

export async function customerSummaries(
  db: Db,
  shopId: number,
  calibrationEndDay: number,
): Promise<CustomerSummary[]> {
  // No table yet: the shop's KPIs were never computed, so there is no customer history to fit.
  if (!(await customerOrdersExist(db, shopId))) return [];
  const end = sqlDay(calibrationEndDay);
  // One grouping per customer over the customer-order rows, which already know the customer's first day
  // and each order's previous one: a row opens a purchase day when its previous order is on another day
  // (a customer's days follow the order of their orders). The mean spend of the repeat days is their
  // total over their number, the same division as averaging per-day sums (integer sums, exact in
  // float8). Grouping by customer and day first, then by customer, would be a second pass over every row.
  const purchaseDays = Prisma.sql`count(*) FILTER (WHERE k.prev_day IS DISTINCT FROM k.day)`;
  // Rows of parallel arrays, 5,000 customers each: a shop's 250,000 customers decode in a fraction of the
  // time and memory of 250,000 result rows, and in chunks the decoding's garbage goes as it comes (one row
  // of arrays for all customers would hold it all at once, raising the worker's peak memory).
  const chunks = await db.$queryRaw<
    { id: string[]; x: number[]; tx: number[]; t: number[]; zbar: number[] }[]
  >`
    WITH refunded AS (
      SELECT order_id, sum(lines_subtotal_minor) AS amount FROM refund WHERE shop_id = ${shopId} GROUP BY order_id
    )
    SELECT array_agg(id) AS id, array_agg(x) AS x, array_agg(tx) AS tx, array_agg(t) AS t, array_agg(zbar) AS zbar FROM (
      SELECT *, row_number() OVER () / ${CHUNK}::int AS chunk FROM (
        SELECT k.customer_key AS id, (${purchaseDays} - 1)::int AS x, (max(k.day) - k.first_day)::int AS tx,
          (${end} - k.first_day)::int AS t,
          COALESCE((sum(k.net_minor - COALESCE(r.amount, 0)) FILTER (WHERE k.day > k.first_day))::float8
            / NULLIF(${purchaseDays} - 1, 0), 0)::float8 AS zbar
        FROM ${customerOrders(shopId)} k LEFT JOIN refunded r ON r.order_id = k.order_id
        WHERE k.shop_id = ${shopId} AND k.day <= ${end}
        GROUP BY k.customer_key, k.first_day
      ) per_customer
    ) numbered GROUP BY chunk`;
  return chunks.flatMap(({ id: ids, x, tx, t, zbar }) =>
    ids.map((id, i) => ({ id, x: x[i] ?? 0, tx: tx[i] ?? 0, T: t[i] ?? 0, zbar: zbar[i] ?? 0 })),
  );
}
