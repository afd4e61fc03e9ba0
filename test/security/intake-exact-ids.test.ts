import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { startIntake, type IntakeHarness } from "./support/intake";

const SHOP = "test-notification.myshopify.com";

const money = (amount: string) =>
  `{"shop_money":{"amount":"${amount}","currency_code":"USD"},"presentment_money":{"amount":"${amount}","currency_code":"USD"}}`;

/**
 * The shape of the orders/create body Shopify sends for "Send test notification" (and
 * `shopify app webhook trigger`): its ids are above 2^53, written as bare JSON integers. Written as
 * text because a JavaScript object cannot hold these numbers.
 */
const TEST_NOTIFICATION_ORDER = `{
  "id": 820982911946154508,
  "admin_graphql_api_id": "gid://shopify/Order/820982911946154508",
  "app_id": null,
  "cancel_reason": "customer",
  "cancelled_at": "2021-12-31T19:00:00-05:00",
  "created_at": "2021-12-31T19:00:00-05:00",
  "updated_at": "2021-12-31T19:00:00-05:00",
  "processed_at": null,
  "currency": "USD",
  "presentment_currency": "USD",
  "email": "jon@example.com",
  "financial_status": "voided",
  "name": "#9999",
  "order_number": 1234,
  "test": true,
  "taxes_included": false,
  "token": "123456abcd",
  "total_discounts_set": ${money("0.00")},
  "total_shipping_price_set": ${money("10.00")},
  "total_tax_set": ${money("0.00")},
  "total_price_set": ${money("408.00")},
  "customer": {
    "id": 115310627314723954,
    "email": "john@example.com",
    "created_at": null,
    "updated_at": null,
    "first_name": "John",
    "last_name": "Smith",
    "state": "disabled",
    "admin_graphql_api_id": "gid://shopify/Customer/115310627314723954"
  },
  "line_items": [
    { "id": 866550311766439020, "product_id": 632910392, "variant_id": 808950810, "quantity": 1, "price": "199.00",
      "price_set": ${money("199.00")}, "total_discount_set": ${money("0.00")}, "tax_lines": [] },
    { "id": 141249953214522974, "product_id": 632910392, "variant_id": 49148385, "quantity": 1, "price": "199.00",
      "price_set": ${money("199.00")}, "total_discount_set": ${money("0.00")}, "tax_lines": [] }
  ],
  "shipping_lines": [{ "id": 271878346596884015, "price": "10.00", "price_set": ${money("10.00")}, "tax_lines": [] }],
  "refunds": []
}`;

describe("intake: ids above 2^53 arrive exact", () => {
  let h: IntakeHarness;
  beforeAll(async () => {
    h = await startIntake();
  });
  afterAll(() => h.close());

  it("ingests Shopify's test-notification order with its exact order, customer and line ids", async () => {
    const result = await h.send({
      topic: "orders/create",
      shopDomain: SHOP,
      rawBody: TEST_NOTIFICATION_ORDER,
    });
    expect(result.status).toBe(200);
    const event = await h.database.prisma.webhookEvent.findFirstOrThrow({
      where: { webhookId: result.webhookId },
    });
    expect(event.status).toBe("received");
    // The stored payload names the same order, not its nearest double (820982911946154500).
    const [stored] = await h.database.prisma.$queryRaw<{ id: string; customer: string; line: string }[]>`
      SELECT payload->>'id' AS id, payload->'customer'->>'id' AS customer, payload->'line_items'->0->>'id' AS line
      FROM webhook_event WHERE webhook_id = ${result.webhookId}`;
    expect(stored).toEqual({
      id: "820982911946154508",
      customer: "115310627314723954",
      line: "866550311766439020",
    });

    expect(await applyWebhookEvent(h.database.prisma, event.shopId, event.webhookId)).toBe("processed");
    const order = await h.database.prisma.order.findUniqueOrThrow({
      where: { shopId_id: { shopId: event.shopId, id: 820982911946154508n } },
    });
    expect(order.customerId).toBe(115310627314723954n);
    expect((order.lines as { id: string }[]).map((line) => line.id)).toEqual([
      "866550311766439020",
      "141249953214522974",
    ]);
    expect(order.totalMinor).toBe(40800n);
  });
});
