import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveryFromRequest } from "~/webhooks/delivery";
import { InboxWriter } from "~/webhooks/inbox-writer.server";
import { IntakeBudget } from "~/webhooks/read-body.server";
import { receiveWebhook } from "~/webhooks/receive.server";
import { buildWebhookHeaders } from "../../fake-shopify";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { freePort } from "../support/ports";
import { SHOP, simpleOrder } from "../support/shop-events";

const SECRET = "db-down-secret";

describe("webhook intake when the inbox database is away", () => {
  let database: TestDatabase;
  let deadPool: pg.Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Nothing listens there: every inbox write fails to connect.
    deadPool = new pg.Pool({ connectionString: `postgresql://x:y@127.0.0.1:${await freePort()}/none` });
  });
  afterAll(async () => {
    await deadPool.end();
    await database.drop();
  });

  it("answers 503 with Retry-After, so Shopify delivers again, and hands nothing to the queue", async () => {
    const body = JSON.stringify(simpleOrder(3001));
    const { headers } = buildWebhookHeaders({
      topic: "orders/create",
      shopDomain: SHOP,
      rawBody: body,
      secret: SECRET,
    });
    const enqueued: unknown[] = [];
    const answer = await receiveWebhook(
      deliveryFromRequest(new Request("http://localhost/webhooks", { method: "POST", headers, body })),
      {
        prisma: database.prisma,
        inbox: new InboxWriter(() => deadPool),
        secret: SECRET,
        enqueueIngest: (job) => enqueued.push(job),
        maxBytes: 1024 * 1024,
        budget: new IntakeBudget(4 * 1024 * 1024),
      },
    );
    expect(answer.status).toBe(503);
    expect(answer.headers?.["Retry-After"]).toBe("5");
    expect(enqueued).toEqual([]);
    expect(await database.prisma.webhookEvent.count()).toBe(0);
  });
});
