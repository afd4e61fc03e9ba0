import { describe, expect, test } from "vitest";
import { buildOrderDeletePayload, buildOrderPayload } from "../../fake-shopify/payloads/order";
import type { OrderInput } from "../../fake-shopify/payloads/order-input";

/**
 * Hand-computed order: 3 × 12.99 with 1.00 off, 3.04 tax, shipping 5.00 + 0.40 tax.
 *   line items 38.97, discounts 1.00, subtotal 37.97, tax 3.44, total 37.97 + 5.00 + 3.44 = 46.41
 */
const order: OrderInput = {
  id: 820982911946154,
  orderNumber: 1042,
  createdAt: "2026-01-10T00:00:17Z",
  updatedAt: "2026-01-10T00:05:00Z",
  currency: "USD",
  presentment: { currency: "EUR", rate: "0.9213" },
  timeZone: "America/New_York",
  customer: {
    id: 207119551,
    email: "Bob.Norman@Example.com",
    firstName: "Bob",
    lastName: "Norman",
    createdAt: "2025-12-01T12:00:00Z",
  },
  checkoutToken: "c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6",
  cartToken: "hWN1234",
  lines: [
    {
      title: "Jazz CD",
      quantity: 3,
      unitPriceMinor: 1299,
      discountMinor: 100,
      taxMinor: 304,
      taxRate: "0.08",
      taxTitle: "State tax",
    },
    { title: "Sticker", quantity: 1, unitPriceMinor: 0 },
  ],
  shippingLines: [
    { title: "Standard", priceMinor: 500, taxMinor: 40, taxRate: "0.08", taxTitle: "State tax" },
  ],
};

describe("order payload (orders/create, 2026-10 REST shape)", () => {
  const payload = buildOrderPayload(order);

  test("identity, timestamps in shop offset, links to checkout and cart", () => {
    expect(payload).toMatchObject({
      id: 820982911946154,
      admin_graphql_api_id: "gid://shopify/Order/820982911946154",
      name: "#1042",
      order_number: 1042,
      number: 42,
      created_at: "2026-01-09T19:00:17-05:00",
      processed_at: "2026-01-09T19:00:17-05:00",
      updated_at: "2026-01-09T19:05:00-05:00",
      cancelled_at: null,
      cancel_reason: null,
      test: false,
      currency: "USD",
      presentment_currency: "EUR",
      taxes_included: false,
      financial_status: "paid",
      checkout_token: "c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6",
      cart_token: "hWN1234",
      email: "Bob.Norman@Example.com",
      source_name: "web",
    });
    expect(payload.customer).toMatchObject({
      id: 207119551,
      email: "Bob.Norman@Example.com",
      first_name: "Bob",
      last_name: "Norman",
      created_at: "2025-12-01T07:00:00-05:00",
    });
  });

  test("totals are hand-computed strings in both currencies", () => {
    const shop = (field: keyof typeof payload) =>
      (payload[field] as { shop_money: { amount: string } }).shop_money.amount;
    expect(shop("total_line_items_price_set")).toBe("38.97");
    expect(shop("total_discounts_set")).toBe("1.00");
    expect(shop("subtotal_price_set")).toBe("37.97");
    expect(shop("total_shipping_price_set")).toBe("5.00");
    expect(shop("total_tax_set")).toBe("3.44");
    expect(shop("total_price_set")).toBe("46.41");
    expect(payload.total_price).toBe("46.41");
    expect(shop("current_total_price_set")).toBe("46.41");
    // 46.41 × 0.9213 = 42.757533 → 42.76 EUR
    expect(payload.total_price_set.presentment_money).toEqual({ amount: "42.76", currency_code: "EUR" });
    expect(payload.tax_lines).toEqual([
      expect.objectContaining({ title: "State tax", rate: 0.08, price: "3.44" }),
    ]);
  });

  test("line items carry price, discount and tax in both currencies", () => {
    const [cd, sticker] = payload.line_items;
    expect(cd).toMatchObject({
      quantity: 3,
      current_quantity: 3,
      title: "Jazz CD",
      price: "12.99",
      price_set: {
        shop_money: { amount: "12.99", currency_code: "USD" },
        presentment_money: { amount: "11.97", currency_code: "EUR" },
      },
      total_discount_set: { shop_money: { amount: "1.00", currency_code: "USD" } },
      tax_lines: [
        {
          title: "State tax",
          rate: 0.08,
          price: "3.04",
          price_set: { shop_money: { amount: "3.04", currency_code: "USD" } },
        },
      ],
    });
    expect(cd!.admin_graphql_api_id).toBe(`gid://shopify/LineItem/${cd!.id}`);
    expect(sticker).toMatchObject({ price: "0.00", tax_lines: [], discount_allocations: [] });
    expect(payload.shipping_lines[0]).toMatchObject({
      price_set: { shop_money: { amount: "5.00" } },
      discounted_price_set: { shop_money: { amount: "5.00" } },
      tax_lines: [{ price: "0.40" }],
    });
  });

  test("refunds show up in refunds[] and in current_* fields", () => {
    // 1 of 3 CDs (subtotal 37.97 / 3 = 12.66, tax 3.04 / 3 = 1.01) and all shipping (5.00 + 0.40).
    const refunded = buildOrderPayload({
      ...order,
      refunds: [
        {
          id: 929361483,
          createdAt: "2026-01-12T15:00:00Z",
          lines: [{ lineIndex: 0, quantity: 1 }],
          shipping: [{ amountMinor: 500, taxMinor: 40 }],
        },
      ],
    });
    expect(refunded.financial_status).toBe("partially_refunded");
    expect(refunded.refunds).toHaveLength(1);
    expect(refunded.refunds[0]!.transactions[0]!.amount).toBe("17.57"); // 19.07 USD × 0.9213 = 17.569191 → 17.57 EUR
    expect(refunded.line_items[0]!.current_quantity).toBe(2);
    expect(refunded.current_subtotal_price_set.shop_money.amount).toBe("25.31"); // 37.97 − 12.66
    expect(refunded.current_total_discounts_set.shop_money.amount).toBe("0.67"); // 1.00 − (12.99 − 12.66)
    expect(refunded.current_total_tax_set.shop_money.amount).toBe("2.03"); // 3.44 − 1.01 − 0.40
    expect(refunded.current_total_price_set.shop_money.amount).toBe("27.34"); // 25.31 + 0 shipping + 2.03
    expect(refunded.total_price_set.shop_money.amount).toBe("46.41"); // the original stays
  });

  test("zero-decimal and three-decimal shop currencies", () => {
    const yen = buildOrderPayload({
      id: 1,
      createdAt: "2026-01-01T00:00:00Z",
      currency: "JPY",
      lines: [{ quantity: 3, unitPriceMinor: 1200 }],
    });
    expect(yen.total_price).toBe("3600");
    expect(yen.line_items[0]!.price_set.shop_money).toEqual({ amount: "1200", currency_code: "JPY" });
    const dinar = buildOrderPayload({
      id: 2,
      createdAt: "2026-01-01T00:00:00Z",
      currency: "KWD",
      lines: [{ quantity: 2, unitPriceMinor: 4125 }],
    });
    expect(dinar.total_price_set.shop_money).toEqual({ amount: "8.250", currency_code: "KWD" });
    expect(dinar.presentment_currency).toBe("KWD");
  });

  test("cancelled, guest, test and tax-inclusive orders", () => {
    const guest = buildOrderPayload({
      id: 3,
      createdAt: "2026-01-01T00:00:00Z",
      cancelledAt: "2026-01-02T00:00:00Z",
      cancelReason: "customer",
      test: true,
      taxesIncluded: true,
      currency: "EUR",
      email: "guest@example.com",
      lines: [{ quantity: 1, unitPriceMinor: 1200, taxMinor: 200, taxRate: "0.2" }],
    });
    expect(guest).toMatchObject({
      customer: null,
      email: "guest@example.com",
      cancelled_at: "2026-01-02T00:00:00+00:00",
      cancel_reason: "customer",
      test: true,
      taxes_included: true,
      financial_status: "voided",
      total_price: "12.00", // tax is inside the price
      total_tax: "2.00",
    });
  });

  test("orders/delete has only the id", () => {
    expect(buildOrderDeletePayload(820982911946154)).toEqual({ id: 820982911946154 });
  });
});
