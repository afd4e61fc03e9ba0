import { describe, expect, it } from "vitest";
import type { RestMoneySet, RestRefundPayload } from "~/kpi/refund-payload";
import { kpiRefundFromRestPayload, refundAmountsFromRestPayload } from "~/kpi/refund-payload";

/** Shop currency EUR, customer paid in USD: the USD figures must never be read. */
const eur = (shop: string, usd: string): RestMoneySet => ({
  shop_money: { amount: shop, currency_code: "EUR" },
  presentment_money: { amount: usd, currency_code: "USD" },
});

const refundWithShipping: RestRefundPayload = {
  id: 909,
  order_id: 450,
  created_at: "2024-03-20T10:00:00+01:00",
  processed_at: "2024-03-20T10:05:00+01:00",
  refund_line_items: [
    { subtotal_set: eur("20.00", "22.00"), total_tax_set: eur("4.00", "4.40") },
    { subtotal_set: eur("5.50", "6.05"), total_tax_set: eur("1.10", "1.21") },
  ],
  // Refunded shipping appears here AND as the shipping_refund adjustment below.
  refund_shipping_lines: [{ subtotal_amount_set: eur("4.95", "5.45"), tax_amount_set: eur("0.99", "1.09") }],
  order_adjustments: [
    { kind: "shipping_refund", amount_set: eur("-4.95", "-5.45"), tax_amount_set: eur("-0.99", "-1.09") },
    { kind: "refund_discrepancy", amount_set: eur("-1.00", "-1.10"), tax_amount_set: eur("0.00", "0.00") },
  ],
  duties: [{ amount_set: eur("2.00", "2.20") }],
};

describe("refundAmountsFromRestPayload", () => {
  it("counts shipping refunded in both places once, in shop money", () => {
    expect(refundAmountsFromRestPayload(refundWithShipping)).toEqual({
      linesSubtotalMinor: 2550, // 20.00 + 5.50 EUR (not 22.00 + 6.05 USD)
      shippingMinor: 495, // 4.95 once, not 4.95 + 4.95
      taxesMinor: 609, // line taxes 4.00 + 1.10, shipping tax 0.99 once
      dutiesMinor: 200,
    });
  });

  it("falls back to the shipping_refund adjustment when there are no refund shipping lines", () => {
    const older: RestRefundPayload = { ...refundWithShipping, refund_shipping_lines: [] };
    expect(refundAmountsFromRestPayload(older)).toMatchObject({ shippingMinor: 495, taxesMinor: 609 }); // |−4.95|, 5.10 + |−0.99|
  });

  it("reads a refund with no shipping and no duties", () => {
    const linesOnly: RestRefundPayload = {
      id: 1,
      order_id: 2,
      created_at: "2024-03-20T10:00:00Z",
      refund_line_items: [{ subtotal_set: eur("10.00", "11.00"), total_tax_set: eur("2.30", "2.53") }],
    };
    expect(refundAmountsFromRestPayload(linesOnly)).toEqual({
      linesSubtotalMinor: 1000,
      shippingMinor: 0,
      taxesMinor: 230,
      dutiesMinor: 0,
    });
  });

  it("reads zero-decimal shop money (JPY)", () => {
    const yen: RestRefundPayload = {
      id: 1,
      order_id: 2,
      created_at: "2024-03-20T10:00:00Z",
      refund_line_items: [
        {
          subtotal_set: {
            shop_money: { amount: "1200", currency_code: "JPY" },
            presentment_money: { amount: "8.10", currency_code: "USD" },
          },
          total_tax_set: { shop_money: { amount: "120.00", currency_code: "JPY" } },
        },
      ],
    };
    expect(refundAmountsFromRestPayload(yen)).toMatchObject({ linesSubtotalMinor: 1200, taxesMinor: 120 });
  });

  it("takes the included tax out of line subtotals for tax-inclusive shops", () => {
    const inclusive: RestRefundPayload = {
      id: 1,
      order_id: 2,
      created_at: "2024-03-20T10:00:00Z",
      refund_line_items: [{ subtotal_set: eur("24.60", "27.00"), total_tax_set: eur("4.60", "5.05") }],
    };
    // 24.60 including 4.60 VAT → 20.00 pre-tax
    expect(refundAmountsFromRestPayload(inclusive, { taxesIncluded: true })).toMatchObject({
      linesSubtotalMinor: 2000,
      taxesMinor: 460,
    });
  });

  it("refuses a refund whose shop money mixes currencies", () => {
    const mixed: RestRefundPayload = {
      id: 1,
      order_id: 2,
      created_at: "2024-03-20T10:00:00Z",
      refund_line_items: [
        {
          subtotal_set: eur("1.00", "1.10"),
          total_tax_set: { shop_money: { amount: "0.10", currency_code: "USD" } },
        },
      ],
    };
    expect(() => refundAmountsFromRestPayload(mixed)).toThrow(RangeError);
  });
});

describe("kpiRefundFromRestPayload", () => {
  it("keeps ids as strings and the processing date", () => {
    const refund = kpiRefundFromRestPayload(refundWithShipping);
    expect(refund).toMatchObject({ id: "909", orderId: "450", linesSubtotalMinor: 2550, shippingMinor: 495 });
    expect(refund.processedAt?.toISOString()).toBe("2024-03-20T09:05:00.000Z");
    expect(refund.createdAt.toISOString()).toBe("2024-03-20T09:00:00.000Z");
    expect(kpiRefundFromRestPayload({ ...refundWithShipping, processed_at: null }).processedAt).toBeNull();
  });
});
