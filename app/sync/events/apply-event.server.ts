/**
 * Webhook events applied to the database: each REST payload is read into a normalised record
 * (records/from-rest.ts), built into rows (records/rows.ts) and stored by the writers (write/).
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import type { RestRefundPayload } from "~/kpi/refund-payload";
import { log } from "~/logger.server";
import { markUninstalled } from "~/shops/install-state.server";
import { recordBulkOperationFinish } from "~/sync/import/finish-webhook.server";
import type { BackfillWaker } from "~/sync/import/wake.server";
import { isUnreadable, PayloadError, toId } from "~/sync/records/fields";
import {
  cartRowFromRest,
  checkoutFromRest,
  customerFromRest,
  normaliseShop,
  orderFromRest,
  refundFromRest,
} from "~/sync/records/from-rest";
import { checkoutRow, customerRow, orderRows, refundRow } from "~/sync/records/rows";
import type { RestCart, RestCheckout, RestCustomer, RestOrder, RestShop } from "~/sync/wire/rest-payloads";
import { upsertCart, upsertCheckout } from "~/sync/write/checkouts.server";
import { deleteCustomer, upsertCustomer } from "~/sync/write/customers.server";
import { lockOrderForWrite } from "~/sync/write/order-lock.server";
import { deleteOrder, upsertRefund, writeOrderRows } from "~/sync/write/orders.server";
import { payloadNamesForgotten, prismaRows } from "~/sync/write/tombstones.server";
import { exportCustomerData, redactCustomer, redactShop } from "./compliance.server";

type Tx = Prisma.TransactionClient;

interface EventContext {
  tx: Tx;
  shop: { id: number; domain: string; currency: string; taxesIncluded: boolean };
  webhookId: string;
  payload: unknown;
  /** When Shopify says the event happened (falls back to when we received it). */
  at: Date;
  wakeBackfill?: BackfillWaker;
}

const handleOrder = async ({ tx, shop, payload }: EventContext) => {
  await writeOrderRows(tx, shop.id, [orderRows(orderFromRest(payload as RestOrder))]);
};

const handleCustomer = async ({ tx, shop, payload }: EventContext) =>
  upsertCustomer(tx, shop.id, customerRow(customerFromRest(payload as RestCustomer)));

const handleCheckout = async ({ tx, shop, payload }: EventContext) =>
  upsertCheckout(tx, shop.id, checkoutRow(checkoutFromRest(payload as RestCheckout)));

const handlers: Record<string, (context: EventContext) => Promise<void>> = {
  "orders/create": handleOrder,
  "orders/updated": handleOrder,
  "orders/cancelled": handleOrder,
  "orders/delete": async ({ tx, shop, payload, at }) => {
    const orderId = toId((payload as { id: unknown }).id, "order.id");
    await lockOrderForWrite(tx, shop.id, orderId);
    await deleteOrder(tx, shop.id, orderId, at, shop.currency);
  },
  "refunds/create": async ({ tx, shop, payload }) => {
    // A refund that comes alone is read with the shop's tax setting.
    const refund = refundRow(refundFromRest(payload as RestRefundPayload), shop.taxesIncluded);
    await lockOrderForWrite(tx, shop.id, refund.orderId);
    await upsertRefund(tx, shop.id, refund);
  },
  "customers/create": handleCustomer,
  "customers/update": handleCustomer,
  "customers/delete": async ({ tx, shop, payload, webhookId }) => {
    await deleteCustomer(tx, shop.id, toId((payload as { id: unknown }).id, "customer.id"), webhookId);
  },
  "checkouts/create": handleCheckout,
  "checkouts/update": handleCheckout,
  "carts/create": async ({ tx, shop, payload, at }) =>
    upsertCart(tx, shop.id, cartRowFromRest(payload as RestCart), at),
  "carts/update": async ({ tx, shop, payload }) =>
    upsertCart(tx, shop.id, cartRowFromRest(payload as RestCart), null),
  "shop/update": async ({ tx, shop, payload }) => {
    await tx.shop.update({ where: { id: shop.id }, data: normaliseShop(payload as RestShop) });
  },
  "app/uninstalled": async ({ tx, shop, at }) => {
    // Data stays until shop/redact (Shopify sends it 48 hours later); the sessions are dead now.
    if (!(await markUninstalled(tx, shop, at)))
      log.info("app/uninstalled of an earlier install ignored", { shopId: shop.id, at });
  },
  "bulk_operations/finish": async ({ tx, shop, payload, wakeBackfill }) => {
    log.info("bulk operation finished", {
      shopId: shop.id,
      operation: (payload as { admin_graphql_api_id?: string }).admin_graphql_api_id,
    });
    // Advances the history import; polling covers a finish webhook that never comes.
    await recordBulkOperationFinish(tx, shop.id, payload as object, wakeBackfill);
  },
  "customers/data_request": async ({ tx, shop, payload }) =>
    exportCustomerData(tx, shop.id, payload as object),
  "customers/redact": async ({ tx, shop, payload, webhookId }) =>
    redactCustomer(tx, shop.id, payload as object, webhookId),
  "shop/redact": async ({ tx, shop, webhookId }) => redactShop(tx, shop.id, webhookId),
};

export const SUPPORTED_TOPICS = Object.keys(handlers);

export type ApplyOutcome = "processed" | "failed" | "skipped";

/**
 * Applies one inbox event exactly once: the row is locked, its effect and its "processed" mark commit
 * together, so a retry after a crash either sees it done or does it again from scratch.
 */
export async function applyWebhookEvent(
  prisma: PrismaClient,
  shopId: number,
  webhookId: string,
  hooks: { wakeBackfill?: BackfillWaker } = {},
): Promise<ApplyOutcome> {
  try {
    return await prisma.$transaction(
      async (tx) => {
        const [event] = await tx.$queryRaw<
          { topic: string; payload: unknown; status: string; triggered_at: Date | null; received_at: Date }[]
        >`SELECT topic, payload, status, triggered_at, received_at FROM webhook_event
          WHERE shop_id = ${shopId} AND webhook_id = ${webhookId} FOR UPDATE`;
        if (!event || event.status !== "received") return "skipped";
        const handler = handlers[event.topic];
        if (!handler) throw new PayloadError(`unsupported topic ${event.topic}`);
        if (event.payload === null || typeof event.payload !== "object")
          throw new PayloadError("payload is not a JSON object");
        const shop = await tx.shop.findUniqueOrThrow({
          where: { id: shopId },
          select: { id: true, domain: true, currency: true, taxesIncluded: true },
        });
        await handler({
          tx,
          shop,
          webhookId,
          payload: event.payload,
          at: event.triggered_at ?? event.received_at,
          wakeBackfill: hooks.wakeBackfill,
        });
        await tx.webhookEvent.updateMany({
          where: { shopId, webhookId },
          data: {
            status: "processed",
            processedAt: new Date(),
            payload: Prisma.DbNull,
            attempts: { increment: 1 },
            error: null,
          },
        });
        return "processed";
      },
      { timeout: 60_000 },
    );
  } catch (error) {
    if (!isUnreadable(error)) throw error;
    // A body no retry can fix: keep it (with the reason) for a human, and do not retry; unless it is
    // about a customer the shop had us forget.
    const event = await prisma.webhookEvent.findUnique({
      where: { shopId_webhookId: { shopId, webhookId } },
      select: { topic: true, payload: true },
    });
    const forget =
      event !== null && (await payloadNamesForgotten(prismaRows(prisma), shopId, event.topic, event.payload));
    await prisma.webhookEvent.updateMany({
      where: { shopId, webhookId },
      data: {
        status: "failed",
        error: error.message,
        attempts: { increment: 1 },
        ...(forget ? { payload: Prisma.DbNull } : {}),
      },
    });
    log.error("webhook payload rejected", { shopId, webhookId, error });
    return "failed";
  }
}
