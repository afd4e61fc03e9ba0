import { createServer } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sendWebhook } from "../../fake-shopify/send";
import { signWebhook } from "../../fake-shopify/sign";

interface Received {
  method: string | undefined;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const SECRET = "app-secret";
const received: Received[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ method: req.method, headers: req.headers, body: Buffer.concat(chunks) });
      res.statusCode = received.length === 3 ? 401 : 200;
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
});

afterAll(async () => {
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
});

describe("sendWebhook against a local server", () => {
  test("delivers the exact serialized bytes with Shopify's headers", async () => {
    const payload = { id: 450789469, email: "zoë@example.com", total_price: "38.97" };
    const result = await sendWebhook({
      url,
      topic: "orders/create",
      shopDomain: "pulse-demo.myshopify.com",
      payload,
      secret: SECRET,
    });
    expect(result.status).toBe(200);
    const got = received[0]!;
    const expectedBytes = Buffer.from(JSON.stringify(payload), "utf8");
    expect(got.method).toBe("POST");
    expect(got.body.equals(expectedBytes)).toBe(true);
    // Node lower-cases incoming header names.
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["x-shopify-topic"]).toBe("orders/create");
    expect(got.headers["x-shopify-shop-domain"]).toBe("pulse-demo.myshopify.com");
    expect(got.headers["x-shopify-api-version"]).toBe("2026-10");
    expect(got.headers["x-shopify-webhook-id"]).toBe(result.webhookId);
    expect(got.headers["x-shopify-event-id"]).toBe(result.eventId);
    expect(Date.parse(String(got.headers["x-shopify-triggered-at"]))).not.toBeNaN();
    expect(got.headers["x-shopify-hmac-sha256"]).toBe(signWebhook(expectedBytes, SECRET));
  });

  test("sends a raw malformed body byte for byte, still signed", async () => {
    const rawBody = Buffer.from('{"id": 1, "total_price": "1.0', "utf8");
    const result = await sendWebhook({
      url,
      topic: "orders/updated",
      shopDomain: "a.myshopify.com",
      rawBody,
      secret: SECRET,
      webhookId: "fixed-webhook-id",
    });
    expect(result.webhookId).toBe("fixed-webhook-id");
    const got = received[1]!;
    expect(got.body.equals(rawBody)).toBe(true);
    expect(got.headers["x-shopify-hmac-sha256"]).toBe(signWebhook(rawBody, SECRET));
  });

  test("can forge the signature, drop it, and reports the receiver's status", async () => {
    const forged = await sendWebhook({
      url,
      topic: "orders/create",
      shopDomain: "a.myshopify.com",
      payload: { id: 2 },
      secret: SECRET,
      forgeWithSecret: "wrong",
    });
    expect(forged.status).toBe(401);
    expect(received[2]!.headers["x-shopify-hmac-sha256"]).toBe(signWebhook('{"id":2}', "wrong"));

    await sendWebhook({
      url,
      topic: "orders/create",
      shopDomain: "a.myshopify.com",
      payload: { id: 3 },
      secret: SECRET,
      omitHmac: true,
    });
    expect(received[3]!.headers).not.toHaveProperty("x-shopify-hmac-sha256");
  });
});
