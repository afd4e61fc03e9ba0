import { db } from "../db.server";

export interface StoreOverview {
  orders: number;
  customers: number;
  checkouts: number;
  webhooksWaiting: number;
  webhooksFailed: number;
  lastWebhookAt: string | null;
}

/** Row counts and inbox state for the overview page; all scoped to one shop. */
export async function storeOverview(shopId: number): Promise<StoreOverview> {
  const [row] = await db().$queryRaw<
    { orders: number; customers: number; checkouts: number; waiting: number; failed: number; last: Date | null }[]
  >`
    SELECT
      (SELECT count(*)::int FROM "order" WHERE shop_id = ${shopId} AND deleted_at IS NULL AND NOT test) AS orders,
      (SELECT count(DISTINCT customer_key)::int FROM "order" WHERE shop_id = ${shopId} AND customer_key IS NOT NULL) AS customers,
      (SELECT count(*)::int FROM checkout WHERE shop_id = ${shopId}) AS checkouts,
      (SELECT count(*)::int FROM webhook_event WHERE shop_id = ${shopId} AND status = 'received') AS waiting,
      (SELECT count(*)::int FROM webhook_event WHERE shop_id = ${shopId} AND status = 'failed') AS failed,
      (SELECT max(received_at) FROM webhook_event WHERE shop_id = ${shopId}) AS last`;
  return {
    orders: row?.orders ?? 0,
    customers: row?.customers ?? 0,
    checkouts: row?.checkouts ?? 0,
    webhooksWaiting: row?.waiting ?? 0,
    webhooksFailed: row?.failed ?? 0,
    lastWebhookAt: row?.last ? row.last.toISOString() : null,
  };
}
