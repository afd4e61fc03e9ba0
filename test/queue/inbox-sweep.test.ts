/**
 * The sweeper against a real queue (BullMQ's PostgreSQL backend) and a real inbox: a live job is left
 * alone, a failed one is added again under a fresh id (re-adding its own id would be a no-op), and an
 * event whose job keeps failing ends `failed` with the reason instead of waiting for ever.
 */
import type { Prisma } from "@prisma/client";
import { UnrecoverableError } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INGEST_QUEUE, MAX_INGEST_REDRIVES, ingestJobId, type IngestJob } from "~/jobs/ingest.job";
import { createQueues, type Queues } from "~/jobs/producer.server";
import type { AppWorker } from "~/jobs/queue-backend.server";
import { ensureShop } from "~/shops/ensure-shop.server";
import { explainInboxFailure, inboxCountsByState, inboxHealth } from "~/webhooks/inbox-state.server";
import { storeInboxEvent } from "~/webhooks/inbox.server";
import { sweepInbox } from "../../workers/inbox-sweep.processor";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { SHOP, simpleOrder } from "../support/shop-events";
import { waitWhileProgressing } from "./delivery-support";
import { translatorFor } from "~/i18n/catalog.server";

const en = translatorFor("en");

const NOW = { unqueuedAfterMs: 0, stuckAfterMs: 0 };

describe("inbox sweeper", { timeout: 300_000 }, () => {
  let database: TestDatabase;
  let queues: Queues;
  let shopId: number;
  let failing: AppWorker<IngestJob> | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    queues = createQueues({ databaseUrl: database.url });
    shopId = (await ensureShop(database.prisma, SHOP)).id;
  });
  afterAll(async () => {
    await failing?.close();
    await queues?.close();
    await database?.drop();
  });

  const storeEvent = async (webhookId: string, orderId: number) => {
    await storeInboxEvent(database.prisma, {
      shopId,
      webhookId,
      topic: "orders/create",
      payload: simpleOrder(orderId) as unknown as Prisma.InputJsonValue,
    });
    return { shopId, webhookId };
  };
  const row = (webhookId: string) =>
    database.prisma.webhookEvent.findUniqueOrThrow({
      where: { shopId_webhookId: { shopId, webhookId } },
      select: { status: true, redrives: true, error: true },
    });

  it("leaves an event alone while its job is still to run, and enqueues one never enqueued", async () => {
    const queued = await storeEvent("sweep-live", 1);
    await queues.enqueueIngest(queued);
    await database.prisma.webhookEvent.updateMany({ where: queued, data: { enqueuedAt: new Date() } });
    const never = await storeEvent("sweep-never", 2);

    const result = await sweepInbox(database.prisma, queues, NOW);
    expect(result).toMatchObject({ inQueue: 1, enqueued: 1, redriven: 0, failed: 0 });
    expect(await row("sweep-live")).toMatchObject({ status: "received", redrives: 0 });
    expect((await queues.ingestJobStatus(never, 0)).state).toBe("waiting");
    // Out of the later tests' sweeps (their jobs would meet the failing worker there).
    await database.prisma.webhookEvent.updateMany({
      where: { shopId, webhookId: { in: ["sweep-live", "sweep-never"] } },
      data: { status: "processed" },
    });
  });

  it("re-drives a failed job under a fresh id, then marks the event failed with the reason", async () => {
    const event = await storeEvent("sweep-doomed", 3);
    await queues.enqueueIngest(event);
    await database.prisma.webhookEvent.updateMany({ where: event, data: { enqueuedAt: new Date() } });
    failing = queues.backend.worker<IngestJob>(INGEST_QUEUE, async () => {
      throw new UnrecoverableError("the database is on fire");
    });
    const jobFailed = (redrive: number) =>
      waitWhileProgressing(
        `job ${ingestJobId(event, redrive)} to fail`,
        () => queues.ingestJobStatus(event, redrive),
        (status) => status.state === "failed",
      );

    for (let redrive = 1; redrive <= MAX_INGEST_REDRIVES; redrive++) {
      await jobFailed(redrive - 1);
      expect(await sweepInbox(database.prisma, queues, NOW)).toMatchObject({ redriven: 1, failed: 0 });
      expect(await row("sweep-doomed")).toEqual({
        status: "received",
        redrives: redrive,
        error: "the database is on fire",
      });
    }
    await jobFailed(MAX_INGEST_REDRIVES);
    expect(await sweepInbox(database.prisma, queues, NOW)).toMatchObject({ redriven: 0, failed: 1 });
    const ended = await row("sweep-doomed");
    expect(ended.status).toBe("failed");
    expect(ended.error).toBe(
      `ingest gave up after ${MAX_INGEST_REDRIVES} re-drives; last failure: the database is on fire`,
    );
    // A failed event is final: the next sweep leaves it be.
    expect(await sweepInbox(database.prisma, queues, NOW)).toMatchObject({ redriven: 0, failed: 0 });

    expect((await inboxCountsByState(database.prisma)).failed).toBe(1);
    const health = await inboxHealth(database.prisma, shopId);
    expect(health.failures).toEqual([
      expect.objectContaining({ webhookId: "sweep-doomed", reason: ended.error }),
    ]);
  });

  it("explains stored reasons in plain words", () => {
    expect(
      explainInboxFailure(
        "ingest gave up after 3 re-drives; last failure: job stalled more than allowable limit",
        en,
      ),
    ).toBe("the worker importing it stopped part-way through, more than once");
    expect(explainInboxFailure("unparseable JSON body: Unexpected token", en)).toBe(
      "Shopify sent a body the app could not read",
    );
  });
});
