/**
 * The one read of the CLV model's per-customer output (clv_prediction) for the code that takes it out of
 * the app: the metafield sync and the admin block's route. Identified customers only: a guest ("e:…")
 * has no Shopify customer to attach anything to. When the model's output changes shape, this is the one
 * function to change.
 */
import type { PrismaClient } from "@prisma/client";
import { currencyExponent } from "~/kpi/money";
import type { CustomerSegment } from "./customer-segment";
import { storedSegment } from "./customer-segment";

export type ClvSegment = CustomerSegment;

export interface CustomerClv {
  /** Shopify's numeric customer id. */
  readonly customerId: bigint;
  readonly segment: ClvSegment;
  /** Chance the customer is still active, 0–1. */
  readonly pAlive: number;
  /** Expected orders over the model's horizon. */
  readonly expectedOrders: number;
  /** Predicted value over the model's horizon, in the shop's currency (major units: 123.45). */
  readonly predictedValue: number;
}

/**
 * The segment of a stored prediction: its churn_risk column holds the segment (older rows a churn-risk
 * bucket). The Customers page's segmentOf, app/pages/customer-segments.ts, says the same; a test keeps them equal.
 */
export function clvSegmentOf(churnRisk: string, frequency: number): ClvSegment {
  return storedSegment(churnRisk, frequency);
}

interface Row {
  customer_key: string;
  churn_risk: string;
  frequency: number;
  p_alive: number;
  expected_orders: number;
  predicted_clv: number;
}

/**
 * Either one customer's prediction, or a page of them in key order after `afterKey` (keyset paging on
 * the primary key, so a large shop is read in bounded pages). `nextKey` continues the page.
 */
export async function readCustomerClv(
  prisma: PrismaClient,
  shopId: number,
  which: { customerId: bigint } | { afterKey: string | null; limit: number },
): Promise<{ customers: CustomerClv[]; nextKey: string | null }> {
  const rows =
    "customerId" in which
      ? await prisma.$queryRaw<Row[]>`
          SELECT customer_key, churn_risk, frequency, p_alive, expected_orders, predicted_clv
          FROM clv_prediction WHERE shop_id = ${shopId} AND customer_key = ${`c:${which.customerId}`}`
      : await prisma.$queryRaw<Row[]>`
          SELECT customer_key, churn_risk, frequency, p_alive, expected_orders, predicted_clv
          FROM clv_prediction
          WHERE shop_id = ${shopId} AND customer_key LIKE 'c:%'
            AND (${which.afterKey}::text IS NULL OR customer_key > ${which.afterKey})
          ORDER BY customer_key LIMIT ${which.limit}`;
  // Stored in minor units, as every amount the app keeps; what leaves the app is in major units.
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { currency: true } });
  const perUnit = 10 ** currencyExponent(shop?.currency ?? "USD");
  const customers = rows
    .filter((row) => /^c:\d+$/.test(row.customer_key))
    .map((row) => ({
      customerId: BigInt(row.customer_key.slice(2)),
      segment: clvSegmentOf(row.churn_risk, row.frequency),
      pAlive: row.p_alive,
      expectedOrders: row.expected_orders,
      predictedValue: row.predicted_clv / perUnit,
    }));
  const full = !("customerId" in which) && rows.length === which.limit;
  return { customers, nextKey: full ? rows.at(-1)!.customer_key : null };
}
