/**
 * What each predicted customer did up to the fit's calibration end, stored on their prediction row in the
 * run's own transaction: counted orders, spend to date (net sales less the refunds of those orders, as
 * historical CLV counts it), the local day of the last order, and the name and email as of the run with
 * their folded search text. The Customers page filters, sorts and searches on these by index; computing
 * them per request would read every order of the shop.
 */
import { Prisma } from "@prisma/client";
import { customerOrders, customerOrdersExist } from "~/kpi-engine/customer-orders-table.server";
import type { Db } from "~/kpi-engine/sql.server";
import { sqlDay } from "~/kpi-engine/sql.server";

export async function storeCustomerFacts(db: Db, shopId: number, calibrationEndDay: number): Promise<void> {
  if (!(await customerOrdersExist(db, shopId))) return;
  const end = sqlDay(calibrationEndDay);
  // The display name falls back as the page always did: the email, then what the key says.
  await db.$executeRaw`
    WITH refunded AS (
      SELECT order_id, sum(lines_subtotal_minor) AS amount FROM refund WHERE shop_id = ${shopId} GROUP BY order_id
    ), facts AS (
      SELECT k.customer_key, count(*)::int AS orders, sum(k.net_minor - COALESCE(r.amount, 0))::float8 AS spent,
        max(k.day) AS last_day
      FROM ${customerOrders(shopId)} k LEFT JOIN refunded r ON r.order_id = k.order_id
      WHERE k.day <= ${end}
      GROUP BY k.customer_key
    ), named AS (
      SELECT f.*, e.email,
        COALESCE(NULLIF(concat_ws(' ', NULLIF(c.first_name, ''), NULLIF(c.last_name, '')), ''), e.email,
          CASE WHEN f.customer_key LIKE 'anon:%' THEN 'Redacted customer' ELSE 'Customer ' || substring(f.customer_key FROM 3) END) AS name
      FROM facts f
      LEFT JOIN customer c ON c.shop_id = ${shopId}
        AND c.id = CASE WHEN f.customer_key LIKE 'c:%' THEN substring(f.customer_key FROM 3)::bigint END
      CROSS JOIN LATERAL (SELECT COALESCE(c.email, CASE WHEN f.customer_key LIKE 'e:%' THEN substring(f.customer_key FROM 3) END) AS email) e
    )
    UPDATE clv_prediction p SET orders = n.orders, spent_minor = n.spent, last_order_day = n.last_day,
      name = n.name, email = n.email, search_text = lower(unaccent(concat_ws(' ', n.name, n.email)))
    FROM named n
    WHERE p.shop_id = ${shopId} AND p.customer_key = n.customer_key`;
}

/** A search as the stored search text is folded (the same SQL, so both sides always agree). */
export const foldedSearch = (text: string): Prisma.Sql => Prisma.sql`lower(unaccent(${text}::text))`;
