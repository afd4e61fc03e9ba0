import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sendWebhook } from "../../fake-shopify";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { SHOP, simpleOrder } from "../support/shop-events";
import { startTestWebApp, TEST_API_SECRET, type TestWebApp } from "../support/web-app";

/**
 * An ingest job holds its inbox row FOR UPDATE for the whole job, and a slow one may hold it for
 * long. Each test holds that lock in a transaction of its own, as such a job would, and sends
 * deliveries meanwhile: their answers must come while the lock is still held. The order of the two
 * events is what is asserted; the release after a minute only keeps a broken intake from hanging
 * the test, and then shows up as the wrong order.
 */
// Minutes of slack: a loaded machine may slow the test, never fail it.
describe("webhook intake never waits for an ingest job's lock on the inbox row", { timeout: 180_000 }, () => {
  let database: TestDatabase;
  let web: TestWebApp;
  let holder: pg.Client;

  const send = (payload: object, webhookId?: string) =>
    sendWebhook({
      url: `${web.url}/webhooks`,
      secret: TEST_API_SECRET,
      shopDomain: SHOP,
      topic: "orders/create",
      payload,
      ...(webhookId ? { webhookId } : {}),
    });

  const row = (webhookId: string) => database.prisma.webhookEvent.findFirstOrThrow({ where: { webhookId } });

  /** Runs `deliveries` while another transaction holds the row as applyWebhookEvent does. */
  async function whileLocked(webhookId: string, deliveries: () => Promise<number[]>) {
    const { shopId } = await row(webhookId);
    await holder.query("BEGIN");
    const locked = await holder.query(
      "SELECT status FROM webhook_event WHERE shop_id = $1 AND webhook_id = $2 FOR UPDATE",
      [shopId, webhookId],
    );
    expect(locked.rowCount).toBe(1);
    const order: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const safety = setTimeout(() => release(), 60_000);
    const answered = deliveries().then((statuses) => {
      order.push("answered");
      release();
      return statuses;
    });
    await released;
    order.push("released");
    clearTimeout(safety);
    await holder.query("ROLLBACK");
    const statuses = await answered;
    return { order, statuses };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    web = await startTestWebApp({ databaseUrl: database.url });
    holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
  });
  afterAll(async () => {
    await holder.end();
    await web.close();
    await database.drop();
  });

  it("answers a redelivery of an event not yet enqueued, and a new delivery, while its row is locked", async () => {
    const webhookId = "6a2b0c4e-0000-4000-8000-000000000001";
    const payload = simpleOrder(2001);
    expect((await send(payload, webhookId)).status).toBe(200);
    // As if the queue had been away when it arrived: a redelivery then nudges the queue again.
    await vi.waitFor(async () => expect((await row(webhookId)).enqueuedAt).not.toBeNull(), {
      timeout: 60_000,
      interval: 50,
    });
    await database.prisma.webhookEvent.updateMany({ where: { webhookId }, data: { enqueuedAt: null } });

    const { order, statuses } = await whileLocked(webhookId, () =>
      Promise.all([send(payload, webhookId), send(simpleOrder(2002))]).then((r) => r.map((x) => x.status)),
    );
    expect(order).toEqual(["answered", "released"]);
    expect(statuses).toEqual([200, 200]);
    expect(await database.prisma.webhookEvent.count({ where: { webhookId } })).toBe(1);
  });

  it("answers a duplicate of an enqueued event while its row is locked", async () => {
    const webhookId = "6a2b0c4e-0000-4000-8000-000000000003";
    const payload = simpleOrder(2003);
    expect((await send(payload, webhookId)).status).toBe(200);
    await vi.waitFor(async () => expect((await row(webhookId)).enqueuedAt).not.toBeNull(), {
      timeout: 60_000,
      interval: 50,
    });

    const { order, statuses } = await whileLocked(webhookId, async () => [
      (await send(payload, webhookId)).status,
    ]);
    expect(order).toEqual(["answered", "released"]);
    expect(statuses).toEqual([200]);
    expect(await database.prisma.webhookEvent.count({ where: { webhookId } })).toBe(1);
  });
});
