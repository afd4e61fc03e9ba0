import crypto from "node:crypto";
import type { Prisma } from "@prisma/client";
import { dropCustomerOrders } from "../kpi-engine/customer-orders-table.server";
import { dropSalesSlotsBuiltAside } from "../kpi-engine/sales-rollup.server";
import { normaliseEmail, toId } from "./normalise";

// customers/data_request lives with the rest of the privacy requests' handling.
export { exportCustomerData } from "../privacy/data-requests.server";

type Tx = Prisma.TransactionClient;

interface CustomerRef {
  customer?: { id?: number | string | null; email?: string | null } | null;
  orders_to_redact?: (number | string)[];
  orders_requested?: (number | string)[];
  data_request?: { id: number | string };
}

/**
 * customers/redact: personal data goes, the orders stay under one anonymous key so past KPIs (orders,
 * sales, retention) do not move. Pending inbox payloads naming the customer are scrubbed too.
 */
export async function redactCustomer(tx: Tx, shopId: number, payload: CustomerRef): Promise<void> {
  const customerId = payload.customer?.id != null ? toId(payload.customer.id, "customer.id") : null;
  const email = normaliseEmail(payload.customer?.email);
  const orderIds = (payload.orders_to_redact ?? []).map((id) => toId(id, "orders_to_redact"));
  const anonymousKey = `anon:${crypto.randomUUID()}`;

  // One key for every order that was this customer's, whichever way it was identified; an order that
  // counted in no customer KPI (no key) keeps counting in none.
  await tx.$executeRaw`
    UPDATE "order"
    SET customer_key = CASE WHEN customer_key IS NULL THEN NULL ELSE ${anonymousKey} END,
        customer_id = NULL, email = NULL
    WHERE shop_id = ${shopId}
      AND COALESCE(customer_key, '') NOT LIKE 'anon:%'
      AND (customer_id = ${customerId} OR (${email}::text IS NOT NULL AND email = ${email}) OR id = ANY(${orderIds}::bigint[]))`;
  await tx.$executeRaw`
    UPDATE checkout SET email = NULL, customer_id = NULL
    WHERE shop_id = ${shopId} AND (customer_id = ${customerId} OR (${email}::text IS NOT NULL AND email = ${email}))`;
  if (customerId !== null) await tx.$executeRaw`DELETE FROM customer WHERE shop_id = ${shopId} AND id = ${customerId}`;
  // The customer's CLV prediction is keyed by who they were; their KPI rows are re-keyed by the next recompute.
  await tx.$executeRaw`DELETE FROM clv_prediction WHERE shop_id = ${shopId}
    AND customer_key IN (${customerId === null ? null : `c:${customerId}`}, ${email === null ? null : `e:${email}`})`;
  await tx.$executeRaw`DELETE FROM data_request WHERE shop_id = ${shopId} AND (customer_id = ${customerId} OR email = ${email})`;
  await tx.$executeRaw`
    UPDATE webhook_event SET payload = NULL
    WHERE shop_id = ${shopId} AND payload IS NOT NULL AND topic <> 'customers/redact'
      AND ((${customerId}::bigint IS NOT NULL AND (payload->'customer'->>'id') = ${customerId === null ? null : String(customerId)})
           OR (${email}::text IS NOT NULL AND lower(trim(payload->>'email')) = ${email}))`;
}

const KPI_ENGINE_TABLES = [
  "kpi_dirty_day", "kpi_dirty_customer", "kpi_sales_slot", "kpi_sales_day", "kpi_customer_day", "kpi_cohort_day",
  "kpi_period_customers", "kpi_snapshot", "kpi_engine_state", "clv_prediction", "clv_segment_count", "clv_model_run",
] as const;

/** shop/redact (48 hours after uninstall): every row of the shop goes; the shop row stays as a record. */
export async function redactShop(tx: Tx, shopId: number, keepWebhookId: string): Promise<void> {
  for (const table of ["refund", "order", "checkout", "cart", "customer", "data_request"] as const) {
    await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE shop_id = $1`, shopId);
  }
  // KPI rollups, snapshots and predictions (issue 3) go too; some hold customer keys (e:<email>).
  for (const table of KPI_ENGINE_TABLES) await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE shop_id = $1`, shopId);
  await dropCustomerOrders(tx, shopId);
  await dropSalesSlotsBuiltAside(tx, shopId);
  await tx.$executeRaw`DELETE FROM webhook_event WHERE shop_id = ${shopId} AND webhook_id <> ${keepWebhookId}`;
  const shop = await tx.shop.update({
    where: { id: shopId },
    data: { state: "redacted", name: null },
    select: { domain: true },
  });
  await tx.session.deleteMany({ where: { shop: shop.domain } });
}
