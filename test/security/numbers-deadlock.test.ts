/**
 * A refund (refunds/create) and an update of the same order (orders/updated, which carries the refund too)
 * applied at the same time must never deadlock (PostgreSQL 40P01). Events are applied directly, without
 * the queue, so no retry can hide one: every attempt must succeed the first time.
 */
import type { PrismaClient } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrderPayload, buildRefundPayload, type OrderInput } from "../../fake-shopify";
import { orderObject } from "../../fake-shopify/admin-api/objects";
import { writeRecords } from "~/sync/write/graphql-records.server";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { createPrismaClient } from "~/db.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { deliver, storeEvent } from "./support/numbers-inbox";

const AT = new Date("2026-11-20T12:00:00Z");

function isDeadlock(error: unknown): boolean {
  const seen = new Set<unknown>();
  const text = (e: unknown): string => {
    if (e === null || typeof e !== "object" || seen.has(e)) return String(e);
    seen.add(e);
    const o = e as { message?: unknown; code?: unknown; meta?: unknown; cause?: unknown };
    return [o.message, o.code, JSON.stringify(o.meta ?? null), text(o.cause)].join(" ");
  };
  return /40P01|deadlock/i.test(text(error));
}

/** The order (created on 1 Nov, customer 7000 + id) and, with `refunded`, its refund processed on 20 Nov. */
function orderInput(id: number, refunded: boolean): OrderInput {
  return {
    id,
    createdAt: "2026-11-01T10:00:00Z",
    updatedAt: refunded ? "2026-11-20T11:00:00Z" : "2026-11-01T10:00:00Z",
    currency: "USD",
    customer: { id: 7000 + id, email: `buyer${id}@example.com`, createdAt: "2026-10-01T10:00:00Z" },
    lines: [{ quantity: 2, unitPriceMinor: 1500 }],
    refunds: refunded
      ? [{ id: 80_000 + id, createdAt: "2026-11-20T11:00:00Z", lines: [{ lineIndex: 0, quantity: 1 }] }]
      : [],
  };
}

/** Backends of this database waiting for a lock (a state, polled; not a timing). */
async function waitForLockWaiters(prisma: PrismaClient, count: number): Promise<void> {
  for (;;) {
    const [row] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if ((row?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a refund and an update of the same order, ingested together", () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let shopId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrismaClient(database.url, 12);
    shopId = (
      await prisma.shop.create({ data: { domain: "numbers-deadlock.myshopify.com", timezone: "UTC" } })
    ).id;
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  async function createOrders(ids: readonly number[]) {
    for (const id of ids)
      expect(
        await deliver(prisma, shopId, "orders/create", buildOrderPayload(orderInput(id, false)), AT),
      ).toBe("processed");
  }

  /**
   * The refund is held between inserting itself and marking what it changed (another writer is marking
   * the refund's day), while `second` writes the same order with its refund. The order's day is already
   * marked; the refund's day and the customer are not, as after a recompute took the marks.
   */
  async function holdRefundWhile(id: number, second: (full: OrderInput) => Promise<unknown>) {
    await createOrders([id]);
    await prisma.$executeRaw`DELETE FROM kpi_dirty_customer WHERE shop_id = ${shopId}`;
    await prisma.$executeRaw`DELETE FROM kpi_dirty_day WHERE shop_id = ${shopId} AND day = DATE '2026-11-20'`;
    const full = orderInput(id, true);
    const refundEvent = await storeEvent(
      prisma,
      shopId,
      "refunds/create",
      buildRefundPayload(full, full.refunds![0]!),
      AT,
    );
    const blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
    try {
      await blocker.query("BEGIN");
      await blocker.query("INSERT INTO kpi_dirty_day (shop_id, day) VALUES ($1, DATE '2026-11-20')", [
        shopId,
      ]);
      const settle = (p: Promise<unknown>) =>
        p.then(
          (r) => ({ ok: r }),
          (error: unknown) => ({ error }),
        );
      const refund = settle(applyWebhookEvent(prisma, shopId, refundEvent));
      await waitForLockWaiters(prisma, 1);
      const other = settle(second(full));
      await waitForLockWaiters(prisma, 2);
      await blocker.query("ROLLBACK");
      const outcomes = await Promise.all([refund, other]);
      expect(outcomes.filter((o) => "error" in o && isDeadlock(o.error))).toEqual([]);
      expect(outcomes.filter((o) => "error" in o)).toEqual([]);
    } finally {
      await blocker.end();
    }
    const refund = await prisma.refund.findUniqueOrThrow({
      where: { shopId_id: { shopId, id: BigInt(80_000 + id) } },
    });
    expect(refund.linesSubtotalMinor).toBe(1500n);
    expect(await prisma.kpiDirtyCustomer.count({ where: { shopId, customerKey: `c:${7000 + id}` } })).toBe(1);
  }

  it("cannot deadlock with orders/updated, even when the refund is held between inserting and marking", async () => {
    await holdRefundWhile(1, async (full) => {
      const update = await storeEvent(prisma, shopId, "orders/updated", buildOrderPayload(full), AT);
      expect(await applyWebhookEvent(prisma, shopId, update)).toBe("processed");
    });
  });

  it("cannot deadlock with the daily reconciliation writing the same order and refund", async () => {
    await holdRefundWhile(2, (full) =>
      prisma.$transaction((tx) =>
        writeRecords(tx, { id: shopId, currency: "USD" }, "orders", [orderObject(buildOrderPayload(full))]),
      ),
    );
  });

  it("applies many such pairs in parallel with no deadlock and no retry", async () => {
    const ids = Array.from({ length: 60 }, (_, i) => 100 + i);
    await createOrders(ids);
    await prisma.$executeRaw`DELETE FROM kpi_dirty_customer WHERE shop_id = ${shopId}`;
    await prisma.$executeRaw`DELETE FROM kpi_dirty_day WHERE shop_id = ${shopId}`;
    const pairs: [string, string][] = [];
    for (const id of ids) {
      const full = orderInput(id, true);
      pairs.push([
        await storeEvent(prisma, shopId, "refunds/create", buildRefundPayload(full, full.refunds![0]!), AT),
        await storeEvent(prisma, shopId, "orders/updated", buildOrderPayload(full), AT),
      ]);
    }
    const apply = (webhookId: string) =>
      applyWebhookEvent(prisma, shopId, webhookId).then(
        (r) => ({ ok: r }),
        (error: unknown) => ({ error }),
      );
    // Five workers, each applying both events of a pair at once: ten transactions for a pool of twelve,
    // so none waits for a connection.
    const outcomes: Awaited<ReturnType<typeof apply>>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        while (next < pairs.length) {
          const [refund, update] = pairs[next++]!;
          outcomes.push(...(await Promise.all([apply(refund), apply(update)])));
        }
      }),
    );
    expect(outcomes).toHaveLength(2 * ids.length);
    expect(outcomes.filter((o) => "error" in o && isDeadlock(o.error)).length).toBe(0);
    expect(outcomes.filter((o) => !("ok" in o) || o.ok !== "processed")).toEqual([]);
    expect(await prisma.refund.count({ where: { shopId, orderId: { in: ids.map(BigInt) } } })).toBe(
      ids.length,
    );
  });
});
