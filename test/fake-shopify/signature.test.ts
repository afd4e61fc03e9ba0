import "@shopify/shopify-api/adapters/web-api";
import { createHmac } from "node:crypto";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { describe, expect, test } from "vitest";
import { signWebhook } from "../../fake-shopify/sign";
import { buildWebhookHeaders } from "../../fake-shopify/webhook-headers";

const SECRET = "shpss_test_secret_0123456789";
const shopify = shopifyApi({
  apiKey: "test-api-key",
  apiSecretKey: SECRET,
  scopes: [],
  hostName: "localhost",
  apiVersion: ApiVersion.October26,
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
});

// Non-ASCII on purpose: the signature covers UTF-8 bytes, not JS characters.
const rawBody = JSON.stringify({ id: 820982911946154, email: "zoë@example.com", total_price: "38.97" });

function requestWith(headers: Record<string, string>, body: string): Request {
  return new Request("https://localhost/webhooks", { method: "POST", headers, body });
}

describe("signWebhook", () => {
  test("is base64 HMAC-SHA256 of the raw bytes, as computed independently", () => {
    const expected = createHmac("sha256", Buffer.from(SECRET, "utf8"))
      .update(Buffer.from(rawBody, "utf8"))
      .digest("base64");
    expect(signWebhook(rawBody, SECRET)).toBe(expected);
    expect(signWebhook(Buffer.from(rawBody, "utf8"), SECRET)).toBe(expected);
  });

  test("a known vector stays fixed", () => {
    // printf '{"a":1}' | openssl dgst -sha256 -hmac secret -binary | base64
    expect(signWebhook('{"a":1}', "secret")).toBe("qp4uNXX11wmLbKzNeQiIw21f22M0KnO62i1qUXR6hJQ=");
  });
});

describe("@shopify/shopify-api accepts what the fake sends", () => {
  test("a genuine delivery validates with topic, shop, ids and version", async () => {
    const { headers, webhookId, eventId } = buildWebhookHeaders({
      topic: "orders/create",
      shopDomain: "pulse-demo.myshopify.com",
      rawBody,
      secret: SECRET,
    });
    const result = await shopify.webhooks.validate({ rawBody, rawRequest: requestWith(headers, rawBody) });
    expect(result).toMatchObject({
      valid: true,
      topic: "ORDERS_CREATE",
      domain: "pulse-demo.myshopify.com",
      apiVersion: "2026-10",
      webhookId,
      eventId,
    });
  });

  test("a delivery signed with another secret is rejected", async () => {
    const { headers } = buildWebhookHeaders({
      topic: "orders/create",
      shopDomain: "pulse-demo.myshopify.com",
      rawBody,
      secret: SECRET,
      signingSecret: "not-the-app-secret",
    });
    const result = await shopify.webhooks.validate({ rawBody, rawRequest: requestWith(headers, rawBody) });
    expect(result).toMatchObject({ valid: false, reason: "invalid_hmac" });
  });

  test("a body changed after signing is rejected", async () => {
    const { headers } = buildWebhookHeaders({
      topic: "orders/create",
      shopDomain: "a.myshopify.com",
      rawBody,
      secret: SECRET,
    });
    const tampered = rawBody.replace("38.97", "0.01");
    const result = await shopify.webhooks.validate({
      rawBody: tampered,
      rawRequest: requestWith(headers, tampered),
    });
    expect(result).toMatchObject({ valid: false, reason: "invalid_hmac" });
  });

  test("a delivery without the HMAC header is rejected", async () => {
    const { headers } = buildWebhookHeaders({
      topic: "orders/create",
      shopDomain: "a.myshopify.com",
      rawBody,
      secret: SECRET,
      omitHmac: true,
    });
    const result = await shopify.webhooks.validate({ rawBody, rawRequest: requestWith(headers, rawBody) });
    expect(result).toMatchObject({ valid: false, reason: "missing_hmac" });
  });
});
