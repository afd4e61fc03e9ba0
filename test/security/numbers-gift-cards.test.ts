/**
 * A gift card sold is not a sale (docs/decisions/0025-gift-cards-are-not-sales.md): Shopify books it as
 * a liability until it is spent. Its line stays out of gross sales and units, and its refund out of
 * returns, whether the order came by webhook (REST `gift_card`) or by the history import (GraphQL
 * `isGiftCard`). The figures below are worked out by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrderPayload, buildRefundPayload, type OrderInput } from "../../fake-shopify";
import { orderObject } from "../../fake-shopify/admin-api/objects";
import type { GqlOrder } from "~/sync/wire/graphql-shapes";
import { orderFromGraphql } from "~/sync/records/from-graphql";
import { orderFromRest, refundFromRest } from "~/sync/records/from-rest";
import { orderRows, refundRow } from "~/sync/records/rows";
import type { RestOrder } from "~/sync/wire/rest-payloads";
import type { RestRefundPayload } from "~/kpi/refund-payload";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { deliver } from "./support/numbers-inbox";

// 2 shirts at 25.00 (5.00 off, 3.00 tax) and a 50.00 gift card, 4.00 shipping.
const mixed: OrderInput = {
  id: 4101,
  createdAt: "2026-11-10T10:00:00Z",
  currency: "USD",
  lines: [
    { quantity: 2, unitPriceMinor: 2500, discountMinor: 500, taxMinor: 300 },
    { quantity: 1, unitPriceMinor: 5000, giftCard: true, title: "Gift card" },
  ],
  shippingLines: [{ priceMinor: 400 }],
};
// A 100.00 gift card alone.
const giftCardOnly: OrderInput = {
  id: 4102,
  createdAt: "2026-11-10T11:00:00Z",
  currency: "USD",
  lines: [{ quantity: 1, unitPriceMinor: 10_000, giftCard: true }],
};
// The mixed order's gift card refunded the same day.
const refundedCard = { id: 4901, createdAt: "2026-11-10T15:00:00Z", lines: [{ lineIndex: 1, quantity: 1 }] };

describe("gift cards sold are not sales", () => {
  it("the webhook and history-import normalisers leave gift-card lines out of gross sales and units", () => {
    const rest = orderRows(orderFromRest(buildOrderPayload(mixed) as RestOrder)).order;
    expect([rest.grossMinor, rest.units, rest.discountsMinor]).toEqual([5000n, 2, 500n]); // 2 × 25.00; the card is not a sale
    expect(rest.lines.map((l) => l.giftCard)).toEqual([false, true]);
    const graphql = orderRows(
      orderFromGraphql(
        orderObject(buildOrderPayload({ ...mixed, refunds: [refundedCard] })) as unknown as GqlOrder,
      ),
    );
    expect([graphql.order.grossMinor, graphql.order.units]).toEqual([5000n, 2]);
    expect([graphql.refunds[0]!.linesSubtotalMinor, graphql.refunds[0]!.units]).toEqual([0n, 0]); // a refunded card is no return
    expect(
      refundRow(refundFromRest(buildRefundPayload(mixed, refundedCard) as RestRefundPayload), false),
    ).toMatchObject({
      linesSubtotalMinor: 0n,
      units: 0,
    });
  });

  describe("through the webhooks and the SQL engine", () => {
    let database: TestDatabase;
    let shopId: number;

    beforeAll(async () => {
      database = await createTestDatabase();
      shopId = (
        await database.prisma.shop.create({
          data: { domain: "numbers-gift-cards.myshopify.com", timezone: "UTC" },
        })
      ).id;
    });
    afterAll(() => database.drop());

    it("computes the day's sales without the gift cards", async () => {
      const at = new Date("2026-11-10T16:00:00Z");
      expect(await deliver(database.prisma, shopId, "orders/create", buildOrderPayload(mixed), at)).toBe(
        "processed",
      );
      expect(
        await deliver(database.prisma, shopId, "orders/create", buildOrderPayload(giftCardOnly), at),
      ).toBe("processed");
      expect(
        await deliver(database.prisma, shopId, "refunds/create", buildRefundPayload(mixed, refundedCard), at),
      ).toBe("processed");
      await recomputeShop(database.prisma, shopId, { now: new Date("2026-11-12T00:00:00Z") });
      const rows = await database.prisma.kpiSnapshot.findMany({
        where: { shopId, granularity: "day", periodStart: new Date("2026-11-10T00:00:00Z") },
      });
      const value = Object.fromEntries(rows.map((r) => [r.kpi, r.value]));
      expect(value).toMatchObject({
        orders: 2, // both orders were placed; the gift-card-only one sold nothing
        gross_sales: 5000, // 2 × 25.00
        units: 2,
        discounts: 500,
        returns: 0, // the refunded card was never a sale
        net_sales: 4500, // 50.00 − 5.00
        shipping: 400,
        taxes: 300,
        total_sales: 5200, // 45.00 + 4.00 + 3.00
        aov: 2250, // (50.00 − 5.00) ÷ 2
        aov_incl_shipping_tax: 2600, // (50.00 − 5.00 + 4.00 + 3.00) ÷ 2
        units_per_order: 1, // 2 ÷ 2
      });
    });
  });
});
