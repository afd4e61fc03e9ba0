import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { action as remixWebhookAction } from "~/routes/webhooks";
import { buildWebhookHeaders, sendWebhook } from "../../fake-shopify";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { SHOP, simpleOrder } from "../support/shop-events";
import { startTestWebApp, TEST_API_SECRET, type TestWebApp } from "../support/web-app";

describe("webhook intake over HTTP (PostgreSQL queue backend)", () => {
  let database: TestDatabase;
  let web: TestWebApp;
  const send = (
    options: Omit<Parameters<typeof sendWebhook>[0], "url" | "secret" | "shopDomain"> & {
      shopDomain?: string;
    },
  ) =>
    sendWebhook({
      url: `${web.url}/webhooks`,
      secret: TEST_API_SECRET,
      shopDomain: SHOP,
      ...options,
    } as Parameters<typeof sendWebhook>[0]);

  beforeAll(async () => {
    database = await createTestDatabase();
    web = await startTestWebApp({ databaseUrl: database.url, extra: { WEBHOOK_MAX_BYTES: "16384" } });
  });
  afterAll(async () => {
    await web.close();
    await database.drop();
  });

  it("stores and enqueues a genuine webhook, answering 200", async () => {
    const result = await send({ topic: "orders/create", payload: simpleOrder(1001) });
    expect(result.status).toBe(200);
    const row = await database.prisma.webhookEvent.findFirstOrThrow({
      where: { webhookId: result.webhookId },
    });
    expect(row).toMatchObject({ topic: "orders/create", status: "received", apiVersion: "2026-10" });
    // The job is handed over after the 200, in a batch.
    await vi.waitFor(
      async () => {
        const job = await globalThis.__pulseQueues!.ingest.getJob(`wh-${row.shopId}-${row.webhookId}`);
        expect(job?.data).toEqual({ shopId: row.shopId, webhookId: row.webhookId });
        const marked = await database.prisma.webhookEvent.findFirstOrThrow({
          where: { webhookId: result.webhookId },
        });
        expect(marked.enqueuedAt).not.toBeNull();
      },
      { timeout: 60_000, interval: 50 },
    );
  });

  it("refuses a webhook signed with the wrong secret with 401 and stores nothing", async () => {
    const result = await send({
      topic: "orders/create",
      payload: simpleOrder(1002),
      forgeWithSecret: "not-the-secret",
      shopDomain: "forged.myshopify.com",
    });
    expect(result.status).toBe(401);
    expect(await database.prisma.webhookEvent.count({ where: { webhookId: result.webhookId } })).toBe(0);
    expect(await database.prisma.shop.count({ where: { domain: "forged.myshopify.com" } })).toBe(0);
  });

  it("refuses a webhook without HMAC with 401 and stores nothing", async () => {
    const result = await send({ topic: "orders/create", payload: simpleOrder(1003), omitHmac: true });
    expect(result.status).toBe(401);
    expect(await database.prisma.webhookEvent.count({ where: { webhookId: result.webhookId } })).toBe(0);
  });

  it("refuses a body whose bytes were changed after signing", async () => {
    const payload = simpleOrder(1004);
    const signedFor = JSON.stringify(payload);
    const response = await fetch(`${web.url}/webhooks`, {
      method: "POST",
      headers: (await import("../../fake-shopify")).buildWebhookHeaders({
        topic: "orders/create",
        shopDomain: SHOP,
        rawBody: signedFor,
        secret: TEST_API_SECRET,
      }).headers,
      body: signedFor.replace('"quantity":2', '"quantity":20'),
    });
    expect(response.status).toBe(401);
  });

  it("keeps one inbox row for the same webhook delivered five times", async () => {
    const payload = simpleOrder(1005);
    const webhookId = "5b5a7f0e-0000-4000-8000-000000000005";
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await send({ topic: "orders/create", payload, webhookId })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await database.prisma.webhookEvent.count({ where: { webhookId } })).toBe(1);
    // …and, ingested (as many times as jobs may run), one order.
    const { shopId } = await database.prisma.webhookEvent.findFirstOrThrow({ where: { webhookId } });
    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await applyWebhookEvent(database.prisma, shopId, webhookId));
    expect(outcomes).toEqual(["processed", "skipped", "skipped", "skipped", "skipped"]);
    expect(await database.prisma.order.count({ where: { shopId, id: 1005n } })).toBe(1);
  });

  it("stores a validly signed but unparseable body as failed with its reason, and answers 200", async () => {
    const result = await send({ topic: "orders/create", rawBody: '{"id": 1006, "line_items": [' });
    expect(result.status).toBe(200);
    const row = await database.prisma.webhookEvent.findFirstOrThrow({
      where: { webhookId: result.webhookId },
    });
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/^unparseable JSON body/);
    expect(row.enqueuedAt).toBeNull();
  });

  it("refuses a validly signed body above WEBHOOK_MAX_BYTES with 413 and stores nothing", async () => {
    const payload = { ...simpleOrder(1007), note: "x".repeat(20_000) };
    const result = await send({ topic: "orders/create", payload });
    expect(result.status).toBe(413);
    expect(await database.prisma.webhookEvent.count({ where: { webhookId: result.webhookId } })).toBe(0);
  });

  it("stops reading a body far beyond any real webhook (413) and stores nothing", async () => {
    const result = await send({ topic: "orders/create", rawBody: "x".repeat(16384 * 8 + 1) });
    expect(result.status).toBe(413);
    expect(await database.prisma.webhookEvent.count({ where: { webhookId: result.webhookId } })).toBe(0);
  });

  it("answers 405 to a GET", async () => {
    const response = await fetch(`${web.url}/webhooks`);
    expect(response.status).toBe(405);
  });

  // The web process answers in express ahead of Remix; `remix vite:dev` reaches the route instead.
  it("answers the same through the Remix route: 200 for a signed delivery, 401 for a forged one", async () => {
    const deliver = async (secret: string, orderId: number) => {
      const body = JSON.stringify(simpleOrder(orderId));
      const built = buildWebhookHeaders({ topic: "orders/create", shopDomain: SHOP, rawBody: body, secret });
      const request = new Request(`${web.url}/webhooks`, { method: "POST", headers: built.headers, body });
      const response = await remixWebhookAction({ request, params: {}, context: {} });
      return { status: response.status, webhookId: built.webhookId };
    };
    const genuine = await deliver(TEST_API_SECRET, 1008);
    expect(genuine.status).toBe(200);
    expect(await database.prisma.webhookEvent.count({ where: { webhookId: genuine.webhookId } })).toBe(1);
    const forged = await deliver("not-the-secret", 1009);
    expect(forged.status).toBe(401);
    expect(await database.prisma.webhookEvent.count({ where: { webhookId: forged.webhookId } })).toBe(0);
  });
});
