import { describe, expect, test } from "vitest";
import { signWebhook } from "../../fake-shopify/sign";
import { buildWebhookHeaders, PINNED_API_VERSION } from "../../fake-shopify/webhook-headers";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("buildWebhookHeaders", () => {
  const rawBody = '{"id":1}';
  const triggeredAt = new Date("2026-11-23T10:15:30.123Z");
  const { headers, webhookId, eventId } = buildWebhookHeaders({
    topic: "refunds/create",
    shopDomain: "pulse-demo.myshopify.com",
    rawBody,
    secret: "s3cret",
    triggeredAt,
  });

  test("uses exactly the header names Shopify documents", () => {
    expect(Object.keys(headers).sort()).toEqual(
      [
        "Content-Type",
        "X-Shopify-API-Version",
        "X-Shopify-Event-Id",
        "X-Shopify-Hmac-Sha256",
        "X-Shopify-Shop-Domain",
        "X-Shopify-Topic",
        "X-Shopify-Triggered-At",
        "X-Shopify-Webhook-Id",
      ].sort(),
    );
  });

  test("fills them with the delivery's facts", () => {
    expect(headers).toMatchObject({
      "Content-Type": "application/json",
      "X-Shopify-Topic": "refunds/create",
      "X-Shopify-Shop-Domain": "pulse-demo.myshopify.com",
      "X-Shopify-API-Version": "2026-10",
      "X-Shopify-Triggered-At": "2026-11-23T10:15:30.123Z",
      "X-Shopify-Hmac-Sha256": signWebhook(rawBody, "s3cret"),
    });
    expect(PINNED_API_VERSION).toBe("2026-10");
  });

  test("webhook and event ids are fresh uuids unless given", () => {
    expect(webhookId).toMatch(UUID);
    expect(eventId).toMatch(UUID);
    expect(headers["X-Shopify-Webhook-Id"]).toBe(webhookId);
    expect(headers["X-Shopify-Event-Id"]).toBe(eventId);
    const again = buildWebhookHeaders({ topic: "t", shopDomain: "d", rawBody, secret: "s" });
    expect(again.webhookId).not.toBe(webhookId);
    const redelivery = buildWebhookHeaders({
      topic: "t",
      shopDomain: "d",
      rawBody,
      secret: "s",
      webhookId,
      eventId,
    });
    expect(redelivery.headers["X-Shopify-Webhook-Id"]).toBe(webhookId);
    expect(redelivery.headers["X-Shopify-Event-Id"]).toBe(eventId);
  });

  test("can forge or omit the signature", () => {
    const forged = buildWebhookHeaders({
      topic: "t",
      shopDomain: "d",
      rawBody,
      secret: "s3cret",
      signingSecret: "x",
    });
    expect(forged.headers["X-Shopify-Hmac-Sha256"]).toBe(signWebhook(rawBody, "x"));
    const unsigned = buildWebhookHeaders({
      topic: "t",
      shopDomain: "d",
      rawBody,
      secret: "s3cret",
      omitHmac: true,
    });
    expect(unsigned.headers).not.toHaveProperty("X-Shopify-Hmac-Sha256");
  });
});
