import type { Prisma } from "@prisma/client";
import { log } from "~/logger.server";
import { forgetShopKpis } from "~/kpi-engine/forget.server";
import { lockShopKpis } from "~/kpi-engine/shop-lock.server";
import { eraseCustomer, gatherIdentity } from "~/sync/write/erase-customer.server";
import { normaliseEmail, PayloadError, toId } from "~/sync/records/fields";
import { recordTombstones } from "~/sync/write/tombstones.server";

// customers/data_request lives with the rest of the privacy requests' handling.
export { exportCustomerData } from "~/privacy/data-requests.server";

type Tx = Prisma.TransactionClient;

interface CustomerRef {
  customer?: { id?: number | string | null; email?: string | null; phone?: string | null } | null;
  orders_to_redact?: (number | string)[];
  orders_requested?: (number | string)[];
  data_request?: { id: number | string };
}

/**
 * customers/redact: every trace of the customer goes (ids, every email and phone they were seen with,
 * stored payloads whatever their state), their orders stay under anonymous keys so past KPIs do not
 * move, and a tombstone keeps later webhooks and imports from writing them back.
 */
export async function redactCustomer(
  tx: Tx,
  shopId: number,
  payload: CustomerRef,
  webhookId: string | null = null,
): Promise<void> {
  const customerId = payload.customer?.id != null ? toId(payload.customer.id, "customer.id") : null;
  const orderIds = (payload.orders_to_redact ?? []).map((id) => toId(id, "orders_to_redact"));
  if (
    customerId === null &&
    !normaliseEmail(payload.customer?.email) &&
    !payload.customer?.phone &&
    orderIds.length === 0
  ) {
    throw new PayloadError("customers/redact names no customer (no id, email, phone or order)");
  }
  const who = await gatherIdentity(tx, shopId, {
    customerId,
    emails: [payload.customer?.email],
    phones: [payload.customer?.phone],
    orderIds,
  });
  await eraseCustomer(tx, shopId, who, webhookId);
  await recordTombstones(tx, shopId, { customerIds: [customerId], emails: who.emails, phones: who.phones });
  log.info("customer redacted", {
    shopId,
    orders: orderIds.length,
    emails: who.emails.length,
    phones: who.phones.length,
  });
}

/**
 * shop/redact (48 hours after uninstall): every row of the shop goes, in every table that has a shop_id
 * (read from the catalogue, so a table added later cannot be forgotten), the KPI engine's own tables too.
 * The shop row stays as a bare record (domain, ids, state) so a reinstall is recognised; the event
 * doing this stays too, as the record of the redaction (its payload is cleared when it commits).
 */
export async function redactShop(tx: Tx, shopId: number, keepWebhookId: string): Promise<void> {
  await lockShopKpis(tx, shopId);
  const tables = await tx.$queryRaw<{ name: string }[]>`
    SELECT c.table_name::text AS name FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = current_schema() AND c.column_name = 'shop_id' AND t.table_type = 'BASE TABLE'
      AND c.table_name <> 'webhook_event'
    ORDER BY 1`;
  for (const { name } of tables)
    await tx.$executeRawUnsafe(`DELETE FROM "${name.replace(/"/g, '""')}" WHERE shop_id = $1`, shopId);
  await tx.$executeRaw`DELETE FROM webhook_event WHERE shop_id = ${shopId} AND webhook_id <> ${keepWebhookId}`;
  // Last: deleting orders and checkouts marks their days dirty again.
  await forgetShopKpis(tx, shopId);
  const shop = await tx.shop.update({
    where: { id: shopId },
    data: { state: "redacted", name: null, currency: "USD", timezone: "UTC", taxesIncluded: false },
    select: { domain: true },
  });
  await tx.session.deleteMany({ where: { shop: shop.domain } });
  log.info("shop redacted", { shopId, tables: tables.length });
}
