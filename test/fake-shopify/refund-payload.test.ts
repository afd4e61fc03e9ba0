import { describe, expect, test } from "vitest";
import { buildRefundPayload, refundTotals } from "../../fake-shopify/payloads/refund";
import { lineItemIdOf, shippingLineIdOf } from "../../fake-shopify/payloads/order-input";
import type { OrderInput, RefundInput } from "../../fake-shopify/payloads/order-input";

const order: OrderInput = {
  id: 450789469,
  orderNumber: 1001,
  createdAt: "2026-02-01T10:00:00Z",
  currency: "USD",
  lines: [{ title: "CD", quantity: 2, unitPriceMinor: 1000, taxMinor: 160, taxRate: "0.08" }],
  shippingLines: [{ title: "Standard", priceMinor: 599, taxMinor: 48 }],
};

// One CD back (10.00 + 0.80 tax) and all the shipping (5.99 + 0.48 tax): 17.27 returned.
const refund: RefundInput = {
  id: 509562969,
  createdAt: "2026-02-03T09:00:00Z",
  processedAt: "2026-02-03T09:30:00Z",
  note: "wrong size",
  lines: [{ lineItemId: lineItemIdOf(order, 0), quantity: 1 }],
  shipping: [{ amountMinor: 599, taxMinor: 48 }],
};

describe("refund payload (refunds/create)", () => {
  test("refund line items carry subtotal and tax, exact strings beside REST's numbers", () => {
    const payload = buildRefundPayload(order, refund);
    expect(payload).toMatchObject({
      id: 509562969,
      admin_graphql_api_id: "gid://shopify/Refund/509562969",
      order_id: 450789469,
      created_at: "2026-02-03T09:00:00+00:00",
      processed_at: "2026-02-03T09:30:00+00:00",
      note: "wrong size",
      restock: true,
    });
    expect(payload.refund_line_items).toEqual([
      expect.objectContaining({
        line_item_id: lineItemIdOf(order, 0),
        quantity: 1,
        restock_type: "return",
        subtotal: 10,
        subtotal_set: {
          shop_money: { amount: "10.00", currency_code: "USD" },
          presentment_money: { amount: "10.00", currency_code: "USD" },
        },
        total_tax: 0.8,
        total_tax_set: expect.objectContaining({ shop_money: { amount: "0.80", currency_code: "USD" } }),
        line_item: expect.objectContaining({ id: lineItemIdOf(order, 0), price: "10.00" }),
      }),
    ]);
    expect(payload.transactions).toEqual([
      expect.objectContaining({
        kind: "refund",
        status: "success",
        amount: "17.27",
        currency: "USD",
        order_id: 450789469,
      }),
    ]);
    expect(refundTotals(order, refund).transactionMinor).toBe(1727);
  });

  test("2026-10 shape: refunded shipping only in refund_shipping_lines", () => {
    const payload = buildRefundPayload(order, refund);
    expect(payload.refund_shipping_lines).toEqual([
      expect.objectContaining({
        shipping_line_id: shippingLineIdOf(order, 0),
        subtotal_amount_set: expect.objectContaining({
          shop_money: { amount: "5.99", currency_code: "USD" },
        }),
        tax_amount_set: expect.objectContaining({ shop_money: { amount: "0.48", currency_code: "USD" } }),
      }),
    ]);
    expect(payload.order_adjustments).toEqual([]);
  });

  test("legacy shape: the same shipping in both places, as a negative shipping_refund adjustment", () => {
    const payload = buildRefundPayload(order, { ...refund, legacyShippingAdjustment: true });
    expect(payload.refund_shipping_lines[0]!.subtotal_amount_set.shop_money.amount).toBe("5.99");
    expect(payload.order_adjustments).toEqual([
      expect.objectContaining({
        kind: "shipping_refund",
        order_id: 450789469,
        refund_id: 509562969,
        amount: "-5.99",
        tax_amount: "-0.48",
        amount_set: expect.objectContaining({ shop_money: { amount: "-5.99", currency_code: "USD" } }),
      }),
    ]);
    // The money returned is the same: the adjustment only repeats the shipping.
    expect(payload.transactions[0]!.amount).toBe("17.27");
  });

  test("explicit amounts override the proportional defaults; empty refunds have no transaction", () => {
    const custom = buildRefundPayload(order, {
      id: 1,
      createdAt: "2026-02-04T00:00:00Z",
      lines: [{ lineIndex: 0, quantity: 2, subtotalMinor: 1500, taxMinor: 0, restockType: "no_restock" }],
    });
    expect(custom.refund_line_items[0]!.subtotal_set.shop_money.amount).toBe("15.00");
    expect(custom.restock).toBe(false);
    expect(custom.transactions[0]!.amount).toBe("15.00");
    const empty = buildRefundPayload(order, { id: 2, createdAt: "2026-02-04T00:00:00Z" });
    expect(empty.transactions).toEqual([]);
    expect(() =>
      buildRefundPayload(order, {
        id: 3,
        createdAt: "2026-02-04T00:00:00Z",
        lines: [{ lineIndex: 0, quantity: 3 }],
      }),
    ).toThrow(RangeError);
  });
});
