/**
 * A redacted customer cannot come back through the daily reconciliation or a history import (the
 * merchant's "import again"), which write through their own paths (GraphQL records, COPY batches), not
 * through webhooks. Shopify is the local fake Admin API; the redaction comes through the inbox and the
 * worker's ingest step.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, expect, test } from "vitest";
import { reconcileShop } from "~/sync/reconcile.server";
import { requestBackfill } from "~/sync/import/request.server";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { storeInboxEvent } from "~/webhooks/inbox.server";
import { buildCustomersRedactPayload } from "../../fake-shopify";
import { putCheckout, putCustomer, putOrder } from "../../fake-shopify/admin-api";
import type { CustomerInput } from "../../fake-shopify/payloads/customer";
import type { OrderInput } from "../../fake-shopify/payloads/order-input";
import { runBackfill, startHarness, type BackfillHarness, type TestShop } from "../sync/support";
import { rowsContaining } from "./support/privacy-catalogue";

let h: BackfillHarness;
let shop: TestShop;

const FORGOTTEN: CustomerInput = {
  id: 7_471_000_000_001,
  email: "hedda.forgotten@example.com",
  firstName: "Hedda",
  lastName: "Vanishwell",
  createdAt: "2026-09-01T00:00:00Z",
};
const KEPT: CustomerInput = {
  id: 7_471_000_000_002,
  email: "kept.buyer@example.com",
  firstName: "Kasimir",
  createdAt: "2026-09-02T00:00:00Z",
};
const NEEDLES = [String(FORGOTTEN.id), FORGOTTEN.email!, "Hedda", "Vanishwell"];

const order = (id: number, overrides: Partial<OrderInput>): OrderInput => ({
  id,
  createdAt: "2026-10-02T10:00:00Z",
  currency: "USD",
  lines: [{ quantity: 1, unitPriceMinor: 4000 }],
  ...overrides,
});
const ORDERS = [
  order(7_472_000_000_001, { customer: FORGOTTEN }),
  order(7_472_000_000_002, { customer: FORGOTTEN, createdAt: "2026-10-09T10:00:00Z" }),
  order(7_472_000_000_003, { email: FORGOTTEN.email, createdAt: "2026-10-10T10:00:00Z" }), // as a guest
  order(7_472_000_000_004, { customer: KEPT, createdAt: "2026-10-11T10:00:00Z" }),
];

beforeAll(async () => {
  h = await startHarness();
  shop = await h.newShop();
  for (const customer of [FORGOTTEN, KEPT]) putCustomer(shop.store, customer);
  for (const o of ORDERS) putOrder(shop.store, o);
  putCheckout(shop.store, {
    id: 7_473_000_000_001,
    createdAt: "2026-10-12T09:00:00Z",
    currency: "USD",
    customer: FORGOTTEN,
    lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }],
  });
  await requestBackfill(h.db.prisma, shop.shopId);
  await runBackfill(h.deps(), shop.shopId);
  expect(await rowsContaining(h.db.prisma, NEEDLES)).not.toEqual([]);

  const webhookId = crypto.randomUUID();
  const payload = buildCustomersRedactPayload(
    { shopId: 1, shopDomain: shop.domain },
    { id: FORGOTTEN.id, email: FORGOTTEN.email },
    [7_472_000_000_001],
  );
  await storeInboxEvent(h.db.prisma, {
    shopId: shop.shopId,
    webhookId,
    topic: "customers/redact",
    payload,
    triggeredAt: new Date(),
  });
  expect(await applyWebhookEvent(h.db.prisma, shop.shopId, webhookId)).toBe("processed");
});
afterAll(async () => h?.close());

/** Shopify still answering with the customer (a stale replica, a redaction it has not finished). */
function changeOnShopify(at: Date) {
  putCustomer(shop.store, { ...FORGOTTEN, updatedAt: at });
  for (const o of ORDERS) putOrder(shop.store, { ...o, updatedAt: at });
  putCheckout(shop.store, {
    id: 7_473_000_000_001,
    createdAt: "2026-10-12T09:00:00Z",
    updatedAt: at,
    currency: "USD",
    customer: FORGOTTEN,
    lines: [{ productId: 1, variantId: 2, quantity: 1, unitPriceMinor: 1000 }],
  });
}

async function expectForgotten() {
  expect(await rowsContaining(h.db.prisma, NEEDLES)).toEqual([]);
  const orders = await h.db.prisma.order.findMany({ where: { shopId: shop.shopId }, orderBy: { id: "asc" } });
  expect(orders).toHaveLength(4);
  for (const row of orders.slice(0, 3))
    expect(row).toMatchObject({
      customerId: null,
      email: null,
      customerKey: expect.stringMatching(/^anon:/),
    });
  expect(orders[3]).toMatchObject({
    customerId: BigInt(KEPT.id),
    email: KEPT.email,
    customerKey: `c:${KEPT.id}`,
  });
}

test("the daily reconciliation stores a redacted customer's records anonymised", async () => {
  changeOnShopify(new Date(Date.now() - 60_000));
  const summary = await reconcileShop({ prisma: h.db.prisma, graphqlFor: h.deps().graphqlFor }, shop.shopId);
  expect(summary.fetched).toBeGreaterThan(0);
  await expectForgotten();
});

test("a fresh history import stores a redacted customer's records anonymised", async () => {
  changeOnShopify(new Date(Date.now() - 30_000));
  expect(await requestBackfill(h.db.prisma, shop.shopId, { force: true })).toBe(true);
  await runBackfill(h.deps(), shop.shopId);
  expect(
    (await h.db.prisma.syncState.findMany({ where: { shopId: shop.shopId } })).map((s) => s.status),
  ).toEqual(["completed", "completed", "completed"]);
  await expectForgotten();
});
