import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCustomerPayload,
  buildCustomersDataRequestPayload,
  buildCustomersRedactPayload,
  buildOrderDeletePayload,
  buildOrderPayload,
  buildRefundPayload,
  buildShopPayload,
  buildShopRedactPayload,
} from "../../fake-shopify";
import type { OrderInput } from "../../fake-shopify/payloads/order-input";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { shopIdFor, storeInboxEvent } from "~/webhooks/inbox.server";
import { createTestDatabase, type TestDatabase } from "../support/database";

const SHOP = "ingest-test.myshopify.com";
// Redaction keys its tombstones' hashes with a key derived from the app secret (app/env.server.ts).
process.env.SHOPIFY_API_KEY ??= "test-api-key";
process.env.SHOPIFY_API_SECRET ??= "test-api-secret";

describe("ingest: applying inbox events", () => {
  let database: TestDatabase;
  let shopId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    shopId = await shopIdFor(database.prisma, SHOP);
  });
  afterAll(() => database.drop());

  async function deliver(topic: string, payload: unknown, triggeredAt = new Date("2026-11-10T12:00:00Z")) {
    const webhookId = crypto.randomUUID();
    await storeInboxEvent(database.prisma, {
      shopId,
      webhookId,
      topic,
      payload: payload as object,
      triggeredAt,
    });
    return { webhookId, outcome: await applyWebhookEvent(database.prisma, shopId, webhookId) };
  }
  const order = (id: number) =>
    database.prisma.order.findUnique({ where: { shopId_id: { shopId, id: BigInt(id) } } });

  const baseOrder = (id: number, overrides: Partial<OrderInput> = {}): OrderInput => ({
    id,
    createdAt: "2026-11-02T10:00:00Z",
    updatedAt: "2026-11-02T10:00:00Z",
    currency: "USD",
    lines: [{ quantity: 2, unitPriceMinor: 1250, discountMinor: 250, taxMinor: 180 }],
    shippingLines: [{ priceMinor: 500, taxMinor: 40 }],
    ...overrides,
  });

  it("stores an order's amounts exactly, in shop money", async () => {
    // Presentment in EUR at 0.9; every stored amount must be the USD shop money.
    const { outcome } = await deliver(
      "orders/create",
      buildOrderPayload(baseOrder(1, { presentment: { currency: "EUR", rate: "0.9" } })),
    );
    expect(outcome).toBe("processed");
    expect(await order(1)).toMatchObject({
      currency: "USD",
      presentmentCurrency: "EUR",
      grossMinor: 2500n, // 2 × 12.50
      discountsMinor: 250n,
      shippingMinor: 500n,
      taxesMinor: 220n, // 1.80 on the line + 0.40 on shipping
      totalMinor: 2970n, // 25.00 − 2.50 + 5.00 + 2.20
      units: 2,
    });
  });

  it("takes included taxes out of gross sales for a tax-inclusive shop", async () => {
    // Prices include tax: 2 × 12.30 = 24.60 of which 4.10 is tax → gross 20.50.
    await deliver(
      "orders/create",
      buildOrderPayload(
        baseOrder(2, {
          taxesIncluded: true,
          lines: [{ quantity: 2, unitPriceMinor: 1230, taxMinor: 410 }],
          shippingLines: [],
        }),
      ),
    );
    expect(await order(2)).toMatchObject({ grossMinor: 2050n, taxesMinor: 410n });
  });

  it("applies an event once: a second run of the same event is skipped", async () => {
    const { webhookId } = await deliver("orders/create", buildOrderPayload(baseOrder(3)));
    expect(await applyWebhookEvent(database.prisma, shopId, webhookId)).toBe("skipped");
    const event = await database.prisma.webhookEvent.findUniqueOrThrow({
      where: { shopId_webhookId: { shopId, webhookId } },
    });
    expect(event).toMatchObject({ status: "processed", attempts: 1, payload: null });
  });

  it("keeps the newest version whatever the delivery order (orders/updated before orders/create)", async () => {
    const newer = buildOrderPayload(
      baseOrder(4, { updatedAt: "2026-11-03T09:00:00Z", cancelledAt: "2026-11-03T09:00:00Z" }),
    );
    const older = buildOrderPayload(baseOrder(4));
    await deliver("orders/updated", newer);
    await deliver("orders/create", older);
    expect((await order(4))?.cancelledAt?.toISOString()).toBe("2026-11-03T09:00:00.000Z");
    // And an even older duplicate of an intermediate version changes nothing either.
    await deliver("orders/updated", buildOrderPayload(baseOrder(4, { updatedAt: "2026-11-02T11:00:00Z" })));
    expect((await order(4))?.shopifyUpdated.toISOString()).toBe("2026-11-03T09:00:00.000Z");
  });

  it("keeps a deleted order deleted, even when the delete overtakes the create", async () => {
    await deliver("orders/delete", buildOrderDeletePayload(5), new Date("2026-11-04T00:00:00Z"));
    await deliver("orders/create", buildOrderPayload(baseOrder(5)));
    const row = await order(5);
    expect(row?.deletedAt?.toISOString()).toBe("2026-11-04T00:00:00.000Z");
    expect(row?.grossMinor).toBe(2500n);
  });

  it("joins a guest order to the customer holding its email, even one created later", async () => {
    await deliver("orders/create", buildOrderPayload(baseOrder(6, { email: "  Guest@Example.COM " })));
    expect((await order(6))?.customerKey).toBe("e:guest@example.com");
    await deliver(
      "customers/create",
      buildCustomerPayload({ id: 900, email: "guest@example.com", createdAt: "2026-11-05T00:00:00Z" }),
    );
    expect((await order(6))?.customerKey).toBe("c:900");
    // A guest order with neither customer nor email counts in no customer KPI.
    await deliver("orders/create", buildOrderPayload(baseOrder(7, { email: null })));
    expect((await order(7))?.customerKey).toBeNull();
  });

  it("stores refunds with refunded shipping counted once", async () => {
    const input = baseOrder(8);
    await deliver("orders/create", buildOrderPayload(input));
    const refund = buildRefundPayload(input, {
      id: 8001,
      createdAt: "2026-11-06T08:00:00Z",
      lines: [{ lineIndex: 0, quantity: 1 }],
      shipping: [{ amountMinor: 500, taxMinor: 40 }],
      legacyShippingAdjustment: true,
    });
    await deliver("refunds/create", refund);
    const row = await database.prisma.refund.findUniqueOrThrow({
      where: { shopId_id: { shopId, id: 8001n } },
    });
    // One of two units: (25.00 − 2.50) / 2 = 11.25 subtotal, 0.90 line tax; shipping 5.00 (+0.40 tax), once.
    expect(row).toMatchObject({
      orderId: 8n,
      linesSubtotalMinor: 1125n,
      shippingMinor: 500n,
      taxesMinor: 130n,
      units: 1,
    });
    expect(row.refundedAt.toISOString()).toBe("2026-11-06T08:00:00.000Z");
  });

  it("redacts a customer's personal data but keeps their orders under one anonymous key", async () => {
    const customer = { id: 901, email: "ann@example.com", createdAt: "2026-10-01T00:00:00Z" };
    await deliver("customers/create", buildCustomerPayload(customer));
    await deliver("orders/create", buildOrderPayload(baseOrder(10, { customer })));
    await deliver(
      "orders/create",
      buildOrderPayload(
        baseOrder(11, { customer, createdAt: "2026-11-07T10:00:00Z", updatedAt: "2026-11-07T10:00:00Z" }),
      ),
    );
    const keysBefore = await database.prisma.order.groupBy({
      by: ["customerKey"],
      where: { shopId },
      _count: true,
    });

    await deliver(
      "customers/redact",
      buildCustomersRedactPayload(
        { shopId: 1, shopDomain: SHOP },
        { id: 901, email: "ann@example.com" },
        [10, 11],
      ),
    );
    const [a, b] = [await order(10), await order(11)];
    expect(a?.customerKey).toMatch(/^anon:/);
    expect(b?.customerKey).toBe(a?.customerKey);
    expect([a?.email, a?.customerId, b?.email, b?.customerId]).toEqual([null, null, null, null]);
    expect(await database.prisma.customer.count({ where: { shopId, id: 901n } })).toBe(0);
    // Same number of orders per identity: past customer KPIs do not move.
    const keysAfter = await database.prisma.order.groupBy({
      by: ["customerKey"],
      where: { shopId },
      _count: true,
    });
    expect(keysAfter.map((k) => k._count).sort()).toEqual(keysBefore.map((k) => k._count).sort());
    // A later version of the order cannot bring the identity back.
    await deliver(
      "orders/updated",
      buildOrderPayload(baseOrder(10, { customer, updatedAt: "2026-11-20T00:00:00Z" })),
    );
    expect((await order(10))?.customerKey).toBe(a?.customerKey);
    expect((await order(10))?.email).toBeNull();
  });

  it("exports what it holds on a customer for customers/data_request", async () => {
    const customer = { id: 902, email: "bo@example.com", createdAt: "2026-10-01T00:00:00Z" };
    await deliver("orders/create", buildOrderPayload(baseOrder(12, { customer })));
    await deliver(
      "customers/data_request",
      buildCustomersDataRequestPayload(
        { shopId: 1, shopDomain: SHOP },
        { id: 902, email: "bo@example.com" },
        [12],
        555,
      ),
    );
    const request = await database.prisma.dataRequest.findUniqueOrThrow({
      where: { shopId_id: { shopId, id: 555n } },
    });
    const data = request.data as {
      customer: { email: string };
      orders: { id: string; totalMinor: string }[];
    };
    expect(data.customer.email).toBe("bo@example.com");
    expect(data.orders.map((o) => o.id)).toEqual(["12"]);
  });

  it("updates the shop's currency and timezone from shop/update", async () => {
    await deliver(
      "shop/update",
      buildShopPayload({
        id: 1,
        myshopifyDomain: SHOP,
        currency: "EUR",
        ianaTimezone: "Europe/Warsaw",
        createdAt: "2020-01-01T00:00:00Z",
      }),
    );
    expect(await database.prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).toMatchObject({
      currency: "EUR",
      timezone: "Europe/Warsaw",
    });
  });

  it("marks a payload it cannot read as failed with the reason, without retrying", async () => {
    const { outcome, webhookId } = await deliver("orders/create", {
      id: "not-an-id",
      created_at: "2026-11-01T00:00:00Z",
      currency: "USD",
    });
    expect(outcome).toBe("failed");
    const event = await database.prisma.webhookEvent.findUniqueOrThrow({
      where: { shopId_webhookId: { shopId, webhookId } },
    });
    expect(event.error).toBe('order.id is not a Shopify id: "not-an-id"');
  });

  it("ends the sessions on app/uninstalled and purges the shop on shop/redact", async () => {
    await database.prisma.session.create({
      data: { id: "offline_" + SHOP, shop: SHOP, state: "", accessToken: "token" },
    });
    await deliver(
      "app/uninstalled",
      buildShopPayload({ id: 1, myshopifyDomain: SHOP, createdAt: "2020-01-01T00:00:00Z" }),
    );
    expect(await database.prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).toMatchObject({
      state: "uninstalled",
    });
    expect(await database.prisma.session.count({ where: { shop: SHOP } })).toBe(0);
    expect(await database.prisma.order.count({ where: { shopId } })).toBeGreaterThan(0);
    await recomputeShop(database.prisma, shopId, { now: new Date("2026-11-20T00:00:00Z") });
    const customerTable = async () =>
      (
        await database.prisma.$queryRawUnsafe<{ name: string | null }[]>(
          `SELECT to_regclass('kpi_customer_order_${shopId}')::text AS name`,
        )
      )[0]?.name;
    expect(await customerTable()).toBe(`kpi_customer_order_${shopId}`);

    const { webhookId } = await deliver(
      "shop/redact",
      buildShopRedactPayload({ shopId: 1, shopDomain: SHOP }),
    );
    for (const count of [
      database.prisma.order.count({ where: { shopId } }),
      database.prisma.refund.count({ where: { shopId } }),
      database.prisma.customer.count({ where: { shopId } }),
      database.prisma.dataRequest.count({ where: { shopId } }),
    ]) {
      expect(await count).toBe(0);
    }
    expect(
      await database.prisma.webhookEvent.findMany({ where: { shopId }, select: { webhookId: true } }),
    ).toEqual([{ webhookId }]);
    expect((await database.prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).state).toBe("redacted");
    // the KPI engine's per-shop customer-order table (customer keys include e:<email>) is dropped
    expect(await customerTable()).toBeNull();
    expect(await database.prisma.kpiSnapshot.count({ where: { shopId } })).toBe(0);
  });
});
