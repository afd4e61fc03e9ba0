import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { requestBackfill } from "~/sync/import/request.server";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { generateHistory, putOrder } from "../../fake-shopify/admin-api";
import { buildOrderPayload } from "../../fake-shopify/payloads/order";
import type { OrderInput } from "../../fake-shopify/payloads/order-input";
import { runBackfill, startHarness, type BackfillHarness } from "./support";

let h: BackfillHarness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

/** One version of an order: its quantity tells the versions apart, its updatedAt decides which wins. */
const version = (order: OrderInput, minutes: number, quantity: number): OrderInput => ({
  ...order,
  updatedAt: new Date(new Date(order.createdAt).getTime() + minutes * 60_000),
  lines: [{ ...order.lines[0]!, quantity }],
  refunds: [],
});

test("backfill and webhooks racing on the same orders converge to the newest version", async () => {
  const shop = await h.newShop();
  const orders = generateHistory({ orders: 120, now: new Date("2026-11-20T00:00:00Z") }).orders;
  // Shopify holds version 2; webhooks bring version 1 (older) and, for half the orders, version 3 (newer).
  for (const order of orders) putOrder(shop.store, version(order, 20, 2));
  const deliveries = orders.flatMap((order, i) => [
    version(order, 10, 1),
    ...(i % 2 === 0 ? [version(order, 30, 3)] : []),
  ]);
  const webhookIds: string[] = [];
  for (const input of deliveries) {
    const webhookId = randomUUID();
    webhookIds.push(webhookId);
    await h.db.prisma.webhookEvent.create({
      data: {
        shopId: shop.shopId,
        webhookId,
        topic: "orders/updated",
        payload: JSON.parse(JSON.stringify(buildOrderPayload(input))) as object,
      },
    });
  }
  await requestBackfill(h.db.prisma, shop.shopId);
  // Both run at once, interleaving their writes (batches of 10 give the webhooks room in between).
  await Promise.all([
    runBackfill(h.deps({ options: { batchSize: 10 } }), shop.shopId),
    (async () => {
      for (const webhookId of webhookIds.sort()) await applyWebhookEvent(h.db.prisma, shop.shopId, webhookId);
    })(),
  ]);
  const rows = await h.db.prisma.order.findMany({
    where: { shopId: shop.shopId },
    select: { id: true, units: true },
  });
  expect(rows).toHaveLength(orders.length);
  for (const [i, order] of orders.entries()) {
    const row = rows.find((r) => r.id === BigInt(order.id))!;
    expect(row.units, `order ${i}`).toBe(i % 2 === 0 ? 3 : 2);
  }
});
