/**
 * kpi_sales_day: per local day, the counted orders dated that day, the refunds booked that day (on the
 * refund date or the order date, per the setting) and the checkouts and carts created that day with how
 * many of them were completed. Rebuilt day by day from the raw rows, so it is idempotent.
 */
import { Prisma } from "@prisma/client";
import type { KpiSettings } from "../kpi/settings";
import type { DayScope } from "./day-scope.server";
import { dayInScope, isEmptyScope, rowsOnScopeDays } from "./day-scope.server";
import type { Db } from "./sql.server";
import { countedOrder } from "./sql.server";

export async function refreshSalesDays(db: Db, shopId: number, settings: KpiSettings, scope: DayScope): Promise<void> {
  if (isEmptyScope(scope)) return;
  const zone = settings.timezone;
  await db.$executeRaw`DELETE FROM kpi_sales_day WHERE shop_id = ${shopId} ${dayInScope(scope, Prisma.sql`day`)}`;

  const orders = rowsOnScopeDays(scope, `"order"`, "o", "ordered_at", shopId, zone);
  const refunds =
    settings.refundAttribution === "refund-date"
      ? Prisma.sql`SELECT kpi_local_day(r.refunded_at, ${zone}) AS day, r.*
          FROM ${rowsOnScopeDays(scope, "refund", "r", "refunded_at", shopId, zone)}
          JOIN "order" o ON o.shop_id = r.shop_id AND o.id = r.order_id AND ${countedOrder("o")}`
      : Prisma.sql`SELECT kpi_local_day(o.ordered_at, ${zone}) AS day, r.*
          FROM ${orders} JOIN refund r ON r.shop_id = o.shop_id AND r.order_id = o.id
          WHERE ${countedOrder("o")}`;

  await db.$executeRaw`
    INSERT INTO kpi_sales_day (shop_id, day, orders, identified_orders, units, gross_minor, discounts_minor, shipping_minor,
      taxes_minor, duties_minor, returns_minor, shipping_refunded_minor, taxes_refunded_minor, duties_refunded_minor,
      checkouts_created, checkouts_completed, carts_created, carts_completed)
    SELECT ${shopId}, day, sum(orders), sum(identified), sum(units), sum(gross), sum(discounts), sum(shipping), sum(taxes),
      sum(duties), sum(returns), sum(shipping_refunded), sum(taxes_refunded), sum(duties_refunded),
      sum(checkouts), sum(checkouts_completed), sum(carts), sum(carts_completed)
    FROM (
      SELECT kpi_local_day(o.ordered_at, ${zone}) AS day, count(*) AS orders, count(o.customer_key) AS identified,
        sum(o.units) AS units, sum(o.gross_minor) AS gross, sum(o.discounts_minor) AS discounts,
        sum(o.shipping_minor) AS shipping, sum(o.taxes_minor) AS taxes, sum(o.duties_minor) AS duties,
        0 AS returns, 0 AS shipping_refunded, 0 AS taxes_refunded, 0 AS duties_refunded,
        0 AS checkouts, 0 AS checkouts_completed, 0 AS carts, 0 AS carts_completed
      FROM ${orders} WHERE ${countedOrder("o")} GROUP BY 1
      UNION ALL
      SELECT b.day, 0, 0, 0, 0, 0, 0, 0, 0, sum(b.lines_subtotal_minor), sum(b.shipping_minor), sum(b.taxes_minor),
        sum(b.duties_minor), 0, 0, 0, 0
      FROM (${refunds}) b GROUP BY 1
      UNION ALL
      SELECT kpi_local_day(k.shopify_created_at, ${zone}), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*),
        -- completed once any order carries its token or completed_at is set (a recovered checkout counts)
        count(*) FILTER (WHERE k.completed_at IS NOT NULL OR ${carried(scope, shopId, "checkout_token", "k")}), 0, 0
      FROM ${rowsOnScopeDays(scope, "checkout", "k", "shopify_created_at", shopId, zone)} ${tokensJoin(scope, shopId, "checkout_token", "k")}
      GROUP BY 1
      UNION ALL
      SELECT kpi_local_day(c.shopify_created_at, ${zone}), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*),
        count(*) FILTER (WHERE ${carried(scope, shopId, "cart_token", "c")})
      FROM ${rowsOnScopeDays(scope, "cart", "c", "shopify_created_at", shopId, zone)} ${tokensJoin(scope, shopId, "cart_token", "c")}
      GROUP BY 1
    ) parts
    GROUP BY day`;
}

/**
 * Whether an order carries the token of checkout/cart `alias`. For all of a shop's days, one hash of the
 * orders' tokens (a join) beats a probe per checkout; for a few days, the probes read less.
 */
function tokensJoin(scope: DayScope, shopId: number, column: "checkout_token" | "cart_token", alias: string): Prisma.Sql {
  if (scope.kind !== "all") return Prisma.empty;
  return Prisma.sql`LEFT JOIN (SELECT DISTINCT ${Prisma.raw(column)} AS token FROM "order"
    WHERE shop_id = ${shopId} AND ${Prisma.raw(column)} IS NOT NULL) carried ON carried.token = ${Prisma.raw(alias)}.token`;
}

function carried(scope: DayScope, shopId: number, column: "checkout_token" | "cart_token", alias: string): Prisma.Sql {
  if (scope.kind === "all") return Prisma.sql`carried.token IS NOT NULL`;
  return Prisma.sql`EXISTS (SELECT 1 FROM "order" x WHERE x.shop_id = ${shopId} AND x.${Prisma.raw(column)} = ${Prisma.raw(alias)}.token)`;
}
