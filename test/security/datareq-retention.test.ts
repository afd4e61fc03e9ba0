/**
 * The daily privacy retention job: a data request's copy expires, failed events lose their payloads
 * and then their rows, processed inbox rows go after a week, and a row still waiting for processing is
 * never touched; old reconciliation runs and digest deliveries go too, except the runs the app still reads.
 * Numbers come from app/privacy/retention.ts.
 */
import type { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadDataRequest, listDataRequests } from "~/privacy/data-requests.server";
import {
  DATA_REQUEST_RETENTION_DAYS,
  DIGEST_DELIVERY_RETENTION_DAYS,
  FAILED_EVENT_RETENTION_DAYS,
  FAILED_PAYLOAD_RETENTION_DAYS,
  PROCESSED_EVENT_RETENTION_DAYS,
  RECONCILE_RUN_RETENTION_DAYS,
} from "~/privacy/retention";
import { createPrivacyProcessor } from "../../workers/privacy.processor";
import { PRIVACY_QUEUE, PRIVACY_RETENTION_CRON, PRIVACY_RETENTION_SCHEDULER_ID } from "~/jobs/privacy.job";
import { createQueues } from "~/jobs/producer.server";
import { startWorkers } from "../../workers/worker.server";
import { useDemoEnvironment } from "../pages/support/routes";
import { createTestDatabase, type TestDatabase } from "../support/database";

const NOW = new Date("2026-12-07T02:20:00Z");
const daysAgo = (days: number, extraMs = 0) => new Date(NOW.getTime() - days * 86_400_000 - extraMs);
const PII = {
  id: 4_242,
  email: "kept.too.long@example.com",
  phone: "+48600700800",
  first_name: "Long",
  last_name: "Kept",
};

describe("privacy retention", () => {
  let database: TestDatabase;
  let shopId: number;
  let quietShopId: number;
  const retention = () =>
    createPrivacyProcessor({
      prisma: database.prisma,
      config: () => {
        throw new Error("not used");
      },
      now: () => NOW,
    })({ name: "retention" });

  const event = (
    shop: number,
    webhookId: string,
    status: "received" | "processed" | "failed",
    receivedAt: Date,
    payload: object | null,
  ) =>
    database.prisma.webhookEvent.create({
      data: {
        shopId: shop,
        webhookId,
        topic: "customers/update",
        status,
        receivedAt,
        processedAt: status === "processed" ? receivedAt : null,
        error: status === "failed" ? "customer.id is not a Shopify id" : null,
        ...(payload ? { payload: payload as Prisma.InputJsonValue } : {}),
      },
    });

  beforeAll(async () => {
    database = await createTestDatabase();
    shopId = (await database.prisma.shop.create({ data: { domain: "datareq-retention.myshopify.com" } })).id;
    quietShopId = (await database.prisma.shop.create({ data: { domain: "datareq-quiet.myshopify.com" } })).id;
    const request = (id: bigint, createdAt: Date) =>
      database.prisma.dataRequest.create({
        data: {
          shopId,
          id,
          customerId: 4_242n,
          email: PII.email,
          data: { customer: { email: PII.email } },
          ordersCount: 0,
          createdAt,
        },
      });
    await request(1n, daysAgo(DATA_REQUEST_RETENTION_DAYS, 1)); // expired a moment ago
    await request(2n, daysAgo(DATA_REQUEST_RETENTION_DAYS - 1)); // one more day to go

    await event(shopId, "waiting-old", "received", daysAgo(400), PII); // waits for processing: never touched
    await event(shopId, "failed-young", "failed", daysAgo(FAILED_PAYLOAD_RETENTION_DAYS - 1), PII);
    await event(shopId, "failed-old", "failed", daysAgo(FAILED_PAYLOAD_RETENTION_DAYS, 1), PII);
    await event(shopId, "failed-ancient", "failed", daysAgo(FAILED_EVENT_RETENTION_DAYS, 1), PII);
    await event(shopId, "processed-old", "processed", daysAgo(PROCESSED_EVENT_RETENTION_DAYS, 1), null);
    await event(shopId, "processed-young", "processed", daysAgo(PROCESSED_EVENT_RETENTION_DAYS - 1), null);
    await event(shopId, "processed-newest", "processed", daysAgo(0.5), null);
    // A shop whose only webhook is old: it stays, so "last webhook received" still has an answer.
    await event(quietShopId, "quiet-older", "processed", daysAgo(60), null);
    await event(quietShopId, "quiet-last", "processed", daysAgo(40), null);

    const run = (shop: number, since: number, status: "succeeded" | "failed") =>
      database.prisma.reconcileRun.create({
        data: { shopId: shop, since: daysAgo(since + 2), startedAt: daysAgo(since), status },
      });
    const R = RECONCILE_RUN_RETENTION_DAYS;
    await run(shopId, R + 110, "succeeded"); // old, and a newer run succeeded: deleted
    await run(shopId, R + 10, "succeeded"); // old, but the newest success: the next run starts from it
    await run(shopId, R + 5, "failed"); // old: deleted
    await run(shopId, R - 1, "failed"); // young
    await run(shopId, 1, "failed"); // the newest: the status shows it
    await run(quietShopId, R + 200, "succeeded"); // the shop's only run stays

    const delivery = (isoWeek: string, createdAt: Date) =>
      database.prisma.digestDelivery.create({
        data: { shopId, isoWeek, status: "sent", sentTo: ["owner@example.com"], createdAt },
      });
    await delivery("2026-W20", daysAgo(DIGEST_DELIVERY_RETENTION_DAYS, 1));
    await delivery("2026-W21", daysAgo(DIGEST_DELIVERY_RETENTION_DAYS - 1));
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("an expired request is neither listed nor downloadable, even before the purge runs", async () => {
    expect((await listDataRequests(database.prisma, shopId, NOW)).map((r) => r.id)).toEqual(["2"]);
    expect(await downloadDataRequest(database.prisma, shopId, 1n, NOW)).toBeNull();
    expect(await downloadDataRequest(database.prisma, shopId, 2n, NOW)).not.toBeNull();
  });

  it("deletes expired copies and old inbox rows, strips old failed payloads, and leaves waiting rows alone", async () => {
    expect(await retention()).toEqual({
      dataRequests: 1,
      failedPayloads: 1,
      failedEvents: 1,
      processedEvents: 2,
      reconcileRuns: 2,
      digestDeliveries: 1,
    });

    expect((await database.prisma.dataRequest.findMany({ where: { shopId } })).map((r) => r.id)).toEqual([
      2n,
    ]);
    const rows = await database.prisma.webhookEvent.findMany({ orderBy: { webhookId: "asc" } });
    expect(
      rows.map((row) => ({ id: row.webhookId, status: row.status, payload: row.payload !== null })),
    ).toEqual([
      { id: "failed-old", status: "failed", payload: false },
      { id: "failed-young", status: "failed", payload: true },
      { id: "processed-newest", status: "processed", payload: false },
      { id: "processed-young", status: "processed", payload: false },
      { id: "quiet-last", status: "processed", payload: false },
      { id: "waiting-old", status: "received", payload: true },
    ]);
    expect(rows.find((row) => row.webhookId === "waiting-old")!.payload).toEqual(PII);
    expect(rows.find((row) => row.webhookId === "failed-old")!.error).toBe("customer.id is not a Shopify id");
    // What is gone leaves no trace of the customer in the inbox beyond the row waiting for processing.
    const holding = await database.prisma.$queryRaw<{ webhook_id: string }[]>`
      SELECT webhook_id FROM webhook_event WHERE payload::text LIKE ${"%" + PII.email + "%"} ORDER BY webhook_id`;
    expect(holding.map((row) => row.webhook_id)).toEqual(["failed-young", "waiting-old"]);

    const runs = await database.prisma.reconcileRun.findMany({
      orderBy: [{ shopId: "asc" }, { startedAt: "asc" }],
    });
    const ageInDays = (date: Date) => Math.round((NOW.getTime() - date.getTime()) / 86_400_000);
    expect(runs.map((r) => [r.shopId, ageInDays(r.startedAt), r.status])).toEqual([
      [shopId, RECONCILE_RUN_RETENTION_DAYS + 10, "succeeded"],
      [shopId, RECONCILE_RUN_RETENTION_DAYS - 1, "failed"],
      [shopId, 1, "failed"],
      [quietShopId, RECONCILE_RUN_RETENTION_DAYS + 200, "succeeded"],
    ]);
    const weeks = await database.prisma.digestDelivery.findMany({ select: { isoWeek: true } });
    expect(weeks.map((w) => w.isoWeek)).toEqual(["2026-W21"]);
  });

  it("a second run finds nothing more to do", async () => {
    expect(await retention()).toEqual({
      dataRequests: 0,
      failedPayloads: 0,
      failedEvents: 0,
      processedEvents: 0,
      reconcileRuns: 0,
      digestDeliveries: 0,
    });
  });

  it("the worker process schedules the retention run daily", async () => {
    useDemoEnvironment(database.url);
    const queues = createQueues({ databaseUrl: database.url });
    const workers = await startWorkers(queues.backend, queues, database.prisma, { concurrency: 1 });
    try {
      const queue = queues.backend.queue(PRIVACY_QUEUE);
      expect((await queue.getJobScheduler(PRIVACY_RETENTION_SCHEDULER_ID))?.pattern).toBe(
        PRIVACY_RETENTION_CRON,
      );
      await queue.close();
    } finally {
      await workers.close();
      await queues.close();
    }
  });
});
