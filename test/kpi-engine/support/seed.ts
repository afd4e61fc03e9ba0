/**
 * Puts the pure tests' KpiInput fixtures into a test database through the real ingest upserts (newer
 * updated_at wins, identity resolved by the database), so the SQL engine sees exactly what the pure
 * reference implementation sees.
 */
import type { PrismaClient } from "@prisma/client";
import { upsertCart, upsertCheckouts } from "~/sync/write/checkouts.server";
import { upsertCustomer } from "~/sync/write/customers.server";
import type { OrderRow } from "~/sync/records/rows";
import { deleteOrder, upsertOrders, upsertRefunds } from "~/sync/write/orders.server";
import { normaliseEmail } from "~/kpi/identity";
import { orderDate, orderGrossSalesMinor, orderUnits } from "~/kpi/order-amounts";
import type { KpiInput, KpiOrder } from "~/kpi/types";

export async function createShop(prisma: PrismaClient, domain: string, timezone: string): Promise<number> {
  const shop = await prisma.shop.create({ data: { domain, timezone, currency: "USD" } });
  return shop.id;
}

/** Fixture ids ("o1a", "c6") → stable numeric Shopify ids. */
export class IdMap {
  private readonly ids = new Map<string, bigint>();
  id(name: string): bigint {
    let id = this.ids.get(name);
    if (id === undefined) this.ids.set(name, (id = BigInt(this.ids.size + 1000)));
    return id;
  }
}

export function orderRow(order: KpiOrder, ids: IdMap): OrderRow {
  return {
    id: ids.id(`order:${order.id}`),
    name: order.id,
    customerId: order.customerId === null ? null : ids.id(`customer:${order.customerId}`),
    email: normaliseEmail(order.email),
    orderedAt: orderDate(order),
    shopifyCreated: order.createdAt,
    shopifyUpdated: order.updatedAt,
    cancelledAt: order.cancelledAt,
    test: order.test,
    currency: "USD",
    presentmentCurrency: null,
    taxesIncluded: order.taxesIncluded,
    grossMinor: BigInt(orderGrossSalesMinor(order)),
    discountsMinor: BigInt(order.discountsMinor),
    shippingMinor: BigInt(order.shippingMinor),
    taxesMinor: BigInt(order.taxesMinor),
    dutiesMinor: BigInt(order.dutiesMinor),
    totalMinor: 0n,
    units: orderUnits(order),
    lines: [],
    checkoutToken: order.checkoutToken,
    cartToken: order.cartToken,
    sourceName: null,
  };
}

/**
 * Inserts every record through the batch upserts the webhooks and the backfill share (newer updated_at
 * wins, so versions of an order may come in any order).
 */
export async function seedInput(
  prisma: PrismaClient,
  shopId: number,
  input: KpiInput,
  ids = new IdMap(),
): Promise<IdMap> {
  await prisma.$transaction(
    async (tx) => {
      for (const c of input.customers) {
        await upsertCustomer(tx, shopId, {
          id: ids.id(`customer:${c.id}`),
          email: normaliseEmail(c.email),
          firstName: null,
          lastName: null,
          state: null,
          shopifyCreated: c.createdAt,
          shopifyUpdated: c.createdAt,
        });
      }
      await upsertOrders(
        tx,
        shopId,
        input.orders.map((order) => orderRow(order, ids)),
      );
      for (const order of input.orders) {
        if (order.deleted) await deleteOrder(tx, shopId, ids.id(`order:${order.id}`), order.updatedAt, "USD");
      }
      await upsertRefunds(
        tx,
        shopId,
        input.refunds.map((r) => ({
          id: ids.id(`refund:${r.id}`),
          orderId: ids.id(`order:${r.orderId}`),
          refundedAt: r.processedAt ?? r.createdAt,
          shopifyCreated: r.createdAt,
          linesSubtotalMinor: BigInt(r.linesSubtotalMinor),
          shippingMinor: BigInt(r.shippingMinor),
          taxesMinor: BigInt(r.taxesMinor),
          dutiesMinor: BigInt(r.dutiesMinor),
          units: 0,
        })),
      );
      await upsertCheckouts(
        tx,
        shopId,
        input.checkouts.map((k) => ({
          token: k.token,
          id: null,
          cartToken: null,
          email: null,
          customerId: null,
          shopifyCreated: k.createdAt,
          shopifyUpdated: k.updatedAt,
          completedAt: k.completedAt,
          totalMinor: null,
        })),
      );
      for (const c of input.carts) {
        await upsertCart(
          tx,
          shopId,
          { token: c.token, shopifyCreated: c.createdAt, shopifyUpdated: c.updatedAt, units: 0 },
          c.fromCreate ? c.updatedAt : null,
        );
      }
    },
    { timeout: 120_000 },
  );
  return ids;
}
