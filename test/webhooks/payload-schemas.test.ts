import { describe, expect, it } from "vitest";
import {
  buildBulkOperationFinishPayload,
  buildCartPayload,
  buildCheckoutPayload,
  buildCustomerDeletePayload,
  buildCustomerPayload,
  buildCustomersDataRequestPayload,
  buildCustomersRedactPayload,
  buildOrderDeletePayload,
  buildRefundPayload,
  buildShopPayload,
  buildShopRedactPayload,
} from "../../fake-shopify";
import { checkPayload, PAYLOAD_SCHEMAS } from "~/webhooks/payload-schemas";
import { simpleOrder } from "../support/shop-events";

const shop = { shopId: 548380009, shopDomain: "fit.myshopify.com" };
const customer = { id: 207119551, email: "bob@example.com", phone: "+16136120707" };
const order = simpleOrder(450789469, {
  customer: { id: 207119551, email: "bob@example.com", createdAt: "2026-01-01T00:00:00Z" },
});
const refundInput = {
  id: 509562969,
  createdAt: "2026-11-03T00:00:00Z",
  lines: [{ lineIndex: 0, quantity: 1 }],
};
const at = "2026-11-02T10:00:00Z";

// Every body the fake Shopify sends, one per supported topic.
const genuine: Record<string, unknown> = {
  "orders/create": order,
  "orders/updated": simpleOrder(450789469, { refunds: [refundInput] }),
  "orders/cancelled": order,
  "orders/delete": buildOrderDeletePayload(450789469),
  "refunds/create": buildRefundPayload(
    { id: 450789469, createdAt: at, currency: "USD", lines: [{ quantity: 2, unitPriceMinor: 1250 }] },
    refundInput,
  ),
  "customers/create": buildCustomerPayload({ id: 207119551, email: "bob@example.com", createdAt: at }),
  "customers/update": buildCustomerPayload({ id: 207119551, email: null, createdAt: at }),
  "customers/delete": buildCustomerDeletePayload(207119551),
  "checkouts/create": buildCheckoutPayload({
    id: 1,
    token: "c1",
    createdAt: at,
    currency: "USD",
    lines: [{ variantId: 2, productId: 1, quantity: 1, unitPriceMinor: 100 }],
  }),
  "checkouts/update": buildCheckoutPayload({
    id: 1,
    token: "c1",
    createdAt: at,
    completedAt: at,
    currency: "USD",
    lines: [{ variantId: 2, productId: 1, quantity: 1, unitPriceMinor: 100 }],
  }),
  "carts/create": buildCartPayload({
    token: "k1",
    createdAt: at,
    currency: "USD",
    lines: [{ variantId: 2, productId: 1, quantity: 2, unitPriceMinor: 100 }],
  }),
  "carts/update": buildCartPayload({ token: "k1", createdAt: at, currency: "USD", lines: [] }),
  "shop/update": buildShopPayload({ id: shop.shopId, myshopifyDomain: shop.shopDomain, createdAt: at }),
  "app/uninstalled": buildShopPayload({ id: shop.shopId, myshopifyDomain: shop.shopDomain, createdAt: at }),
  "bulk_operations/finish": buildBulkOperationFinishPayload({ id: 1, createdAt: at, completedAt: at }),
  "customers/data_request": buildCustomersDataRequestPayload(shop, customer, [450789469], 9999),
  "customers/redact": buildCustomersRedactPayload(shop, customer, [450789469]),
  "shop/redact": buildShopRedactPayload(shop),
};

describe("payload schemas", () => {
  it("cover every topic the fake Shopify sends", () => {
    expect(Object.keys(genuine).sort()).toEqual(Object.keys(PAYLOAD_SCHEMAS).sort());
  });

  it.each(Object.entries(genuine))("accept Shopify's own %s body", (topic, body) => {
    expect(checkPayload(topic, body)).toMatchObject({ ok: true });
  });

  it("accept ids above 2^53 as the digits parseJsonExact keeps", () => {
    expect(checkPayload("orders/delete", { id: "820982911946154508" })).toMatchObject({ ok: true });
    // What a plain JSON.parse makes of 820982911946154508: another, rounded id.
    expect(checkPayload("orders/delete", JSON.parse('{"id": 820982911946154508}'))).toMatchObject({
      ok: false,
    });
  });

  it("refuse every other topic's genuine body, whose keys the handler would misread", () => {
    // Bodies of the same shape under two topics (orders/*, shop/update and app/uninstalled, the
    // pairs of create/update, and the bare {id} of orders/delete) cannot be told apart by their bytes.
    const sameShape = [
      ["orders/delete", "customers/delete"],
      ["orders/create", "orders/updated", "orders/cancelled"],
      ["customers/create", "customers/update"],
      ["checkouts/create", "checkouts/update"],
      ["carts/create", "carts/update"],
      ["shop/update", "app/uninstalled"],
    ];
    const alike = (a: string, b: string) =>
      a === b || sameShape.some((group) => group.includes(a) && group.includes(b));
    const destructive = [
      "app/uninstalled",
      "shop/redact",
      "customers/redact",
      "customers/data_request",
      "orders/delete",
      "customers/delete",
    ];
    for (const topic of destructive) {
      for (const [source, body] of Object.entries(genuine)) {
        if (alike(topic, source)) continue;
        expect({ topic, source, fits: checkPayload(topic, body).ok }).toEqual({ topic, source, fits: false });
      }
    }
  });
});
