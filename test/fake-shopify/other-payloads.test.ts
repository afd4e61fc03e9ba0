import { describe, expect, test } from "vitest";
import { buildBulkOperationFinishPayload } from "../../fake-shopify/payloads/bulk-operation";
import { buildCartPayload } from "../../fake-shopify/payloads/cart";
import { buildCheckoutPayload } from "../../fake-shopify/payloads/checkout";
import {
  buildCustomersDataRequestPayload,
  buildCustomersRedactPayload,
  buildShopRedactPayload,
} from "../../fake-shopify/payloads/compliance";
import { buildCustomerDeletePayload, buildCustomerPayload } from "../../fake-shopify/payloads/customer";
import { buildShopPayload } from "../../fake-shopify/payloads/shop";

const shop = { shopId: 954889, shopDomain: "pulse-demo.myshopify.com" };

describe("customer payloads", () => {
  test("customers/create|update: 2026-10 fields, no purchasing summary", () => {
    const payload = buildCustomerPayload({
      id: 706405506930370,
      email: "bob@example.com",
      firstName: "Bob",
      lastName: "Biller",
      createdAt: "2026-03-01T08:00:00Z",
      timeZone: "Europe/Warsaw",
    });
    expect(payload).toMatchObject({
      id: 706405506930370,
      admin_graphql_api_id: "gid://shopify/Customer/706405506930370",
      email: "bob@example.com",
      first_name: "Bob",
      last_name: "Biller",
      created_at: "2026-03-01T09:00:00+01:00",
      updated_at: "2026-03-01T09:00:00+01:00",
      state: "disabled",
    });
    for (const removed of [
      "orders_count",
      "total_spent",
      "last_order_id",
      "tags",
      "email_marketing_consent",
    ]) {
      expect(payload).not.toHaveProperty(removed);
    }
  });

  test("customers/delete", () => {
    expect(buildCustomerDeletePayload(42)).toMatchObject({
      id: 42,
      admin_graphql_api_id: "gid://shopify/Customer/42",
    });
  });
});

describe("checkout and cart payloads", () => {
  test("checkouts/create: tokens, completion and presentment-currency strings", () => {
    const payload = buildCheckoutPayload({
      id: 981820079255243,
      token: "ck-token",
      cartToken: "cart-token",
      email: "buyer@example.com",
      createdAt: "2026-04-01T12:00:00Z",
      currency: "USD",
      presentment: { currency: "JPY", rate: "151.2" },
      lines: [{ variantId: 1, productId: 2, title: "CD", quantity: 3, unitPriceMinor: 1299 }],
    });
    expect(payload).toMatchObject({
      id: 981820079255243,
      token: "ck-token",
      cart_token: "cart-token",
      email: "buyer@example.com",
      completed_at: null,
      currency: "USD",
      presentment_currency: "JPY",
      subtotal_price: "5892", // 38.97 USD × 151.2
      total_price: "5892",
      customer: null,
    });
    expect(payload.line_items[0]).toMatchObject({ quantity: 3, price: "1964", line_price: "5892" });
    const completed = buildCheckoutPayload({
      id: 1,
      createdAt: "2026-04-01T12:00:00Z",
      completedAt: "2026-04-01T12:09:00Z",
      currency: "USD",
      lines: [],
    });
    expect(completed.completed_at).toBe("2026-04-01T12:09:00+00:00");
    expect(completed.token).toMatch(/^[0-9a-f]{32}$/);
  });

  test("carts/create: the token is the id", () => {
    const payload = buildCartPayload({
      token: "eeafa272cebfd4b22385bc4b645e762c",
      createdAt: "2026-04-01T12:00:00Z",
      currency: "USD",
      lines: [{ variantId: 7, productId: 8, quantity: 2, unitPriceMinor: 1299 }],
    });
    expect(payload).toMatchObject({
      id: "eeafa272cebfd4b22385bc4b645e762c",
      token: "eeafa272cebfd4b22385bc4b645e762c",
    });
    expect(payload.line_items[0]).toMatchObject({
      quantity: 2,
      price: "12.99",
      line_price: "25.98",
      line_price_set: { shop_money: { amount: "25.98", currency_code: "USD" } },
    });
  });
});

describe("shop, bulk operation and compliance payloads", () => {
  test("app/uninstalled and shop/update carry the shop object", () => {
    const payload = buildShopPayload({
      id: 690933842,
      myshopifyDomain: "pulse-demo.myshopify.com",
      ianaTimezone: "America/New_York",
      currency: "CAD",
      createdAt: "2026-01-15T12:00:00Z",
    });
    expect(payload).toMatchObject({
      id: 690933842,
      myshopify_domain: "pulse-demo.myshopify.com",
      iana_timezone: "America/New_York",
      timezone: "(GMT-05:00) America/New_York",
      currency: "CAD",
      created_at: "2026-01-15T07:00:00-05:00",
      taxes_included: false,
    });
  });

  test("bulk_operations/finish", () => {
    expect(
      buildBulkOperationFinishPayload({
        id: 1234,
        createdAt: "2026-05-01T10:00:00Z",
        completedAt: "2026-05-01T10:03:12.500Z",
      }),
    ).toEqual({
      admin_graphql_api_id: "gid://shopify/BulkOperation/1234",
      completed_at: "2026-05-01T10:03:12Z",
      created_at: "2026-05-01T10:00:00Z",
      error_code: null,
      status: "completed",
      type: "query",
    });
  });

  test("compliance topics have Shopify's exact shapes", () => {
    const customer = { id: 191167, email: "john@example.com", phone: "555-625-1199" };
    expect(buildCustomersDataRequestPayload(shop, customer, [299938, 280263], 9999)).toEqual({
      shop_id: 954889,
      shop_domain: "pulse-demo.myshopify.com",
      orders_requested: [299938, 280263],
      customer: { id: 191167, email: "john@example.com", phone: "555-625-1199" },
      data_request: { id: 9999 },
    });
    expect(buildCustomersRedactPayload(shop, { id: 191167, email: "john@example.com" }, [299938])).toEqual({
      shop_id: 954889,
      shop_domain: "pulse-demo.myshopify.com",
      customer: { id: 191167, email: "john@example.com", phone: null },
      orders_to_redact: [299938],
    });
    expect(buildShopRedactPayload(shop)).toEqual({
      shop_id: 954889,
      shop_domain: "pulse-demo.myshopify.com",
    });
  });
});
