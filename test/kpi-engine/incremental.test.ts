/**
 * Incremental recomputes (after new orders, a late cancellation, refunds, out-of-order and deleted
 * orders, a guest joining a customer created later, a recovered checkout, midnight passing) leave exactly
 * the snapshots a full rebuild computes, and both agree with app/kpi.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { upsertCheckout } from "~/sync/write/checkouts.server";
import { upsertCustomer } from "~/sync/write/customers.server";
import { deleteOrder, upsertOrder, upsertRefund } from "~/sync/write/orders.server";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput, KpiOrder } from "~/kpi/types";
import { plannedPeriods } from "~/kpi-engine/periods";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { order } from "../kpi/support/builders";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { differencesFromPure } from "./support/compare";
import { randomStore } from "./support/random-store";
import { createShop, orderRow, seedInput } from "./support/seed";
import { rollupLines, snapshotLines } from "./support/snapshot-rows";

const ZONE = "Europe/Warsaw";
const settings = resolveSettings({ timezone: ZONE, activityWindowDays: 60 });
const minutes = (t: Date, m: number) => new Date(t.getTime() + m * 60_000);

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("incremental recompute", () => {
  const base = randomStore({ seed: 21, customers: 60, from: new Date("2023-01-10T00:00:00Z"), days: 440 });
  const input: { -readonly [K in keyof KpiInput]: KpiInput[K][number][] } = {
    orders: [...base.orders],
    refunds: [...base.refunds],
    checkouts: [...base.checkouts],
    carts: [...base.carts],
    customers: [...base.customers],
  };
  let shopId: number;
  let now = new Date("2024-03-28T10:15:00Z");
  const ids = { current: undefined as Awaited<ReturnType<typeof seedInput>> | undefined };

  const ingest = async (orders: KpiOrder[]) => {
    await database.prisma.$transaction(async (tx) => {
      for (const o of orders) {
        await upsertOrder(tx, shopId, orderRow(o, ids.current!));
        if (o.deleted) await deleteOrder(tx, shopId, ids.current!.id(`order:${o.id}`), o.updatedAt, "USD");
      }
    });
    input.orders.push(...orders);
  };

  beforeAll(async () => {
    shopId = await createShop(database.prisma, "incremental.myshopify.com", ZONE);
    ids.current = await seedInput(database.prisma, shopId, input);
    expect((await recomputeShop(database.prisma, shopId, { now, settings })).mode).toBe("full");
  });

  it("refreshes only what changed and ends with the snapshots of a full rebuild", async () => {
    // 1. New orders this morning: a new customer, a returning one, a guest with an email, a guest without.
    await ingest([
      order({ id: "n1", at: minutes(now, -50).toISOString(), customerId: "fresh-1" }),
      order({ id: "n2", at: minutes(now, -30).toISOString(), customerId: "c3" }),
      order({ id: "n3", at: minutes(now, -20).toISOString(), email: "walk-in@example.com" }),
      order({ id: "n4", at: minutes(now, -5).toISOString() }),
    ]);
    now = minutes(now, 20);
    const step1 = await recomputeShop(database.prisma, shopId, { now, settings });
    expect(step1).toMatchObject({ mode: "incremental", dirtyCustomers: 3 });
    expect(step1.periods).toBeLessThan(60); // the periods depending on now, not the whole history

    // 2. Past midnight: an old order cancelled late, a refund of another, an old order deleted.
    const old = input.orders.find(
      (o) =>
        o.customerId !== null &&
        !o.cancelledAt &&
        !o.test &&
        !o.deleted &&
        o.createdAt < new Date("2023-09-01"),
    )!;
    const refunded = input.orders.find(
      (o) => o !== old && !o.cancelledAt && !o.test && !o.deleted && o.createdAt > new Date("2023-11-01"),
    )!;
    const gone = input.orders.find(
      (o) => o !== old && o !== refunded && !o.deleted && o.createdAt > new Date("2023-06-01"),
    )!;
    now = new Date("2024-03-29T08:05:00Z");
    await ingest([
      { ...old, cancelledAt: now, updatedAt: now },
      { ...gone, deleted: true, updatedAt: now },
    ]);
    const refund = {
      id: "late-refund",
      orderId: refunded.id,
      processedAt: minutes(now, -1),
      createdAt: minutes(now, -1),
      linesSubtotalMinor: 50,
      shippingMinor: 10,
      taxesMinor: 5,
      dutiesMinor: 0,
    };
    await database.prisma.$transaction((tx) =>
      upsertRefund(tx, shopId, {
        id: ids.current!.id("refund:late-refund"),
        orderId: ids.current!.id(`order:${refunded.id}`),
        refundedAt: refund.processedAt,
        shopifyCreated: refund.createdAt,
        linesSubtotalMinor: 50n,
        shippingMinor: 10n,
        taxesMinor: 5n,
        dutiesMinor: 0n,
        units: 0,
      }),
    );
    input.refunds.push(refund);
    input.orders.splice(input.orders.indexOf(gone), 1, { ...gone, deleted: true, updatedAt: now });
    expect((await recomputeShop(database.prisma, shopId, { now, settings })).mode).toBe("incremental");

    // 3. Out of order: a stale version of the cancelled order arrives; the walk-in guest becomes a
    //    customer (identity resolved with what is known now); a checkout completes after being abandoned.
    await ingest([{ ...old, cancelledAt: null, updatedAt: minutes(old.updatedAt, 1) }]);
    input.orders.pop(); // the stale version changes nothing, in the database as in the reference
    await database.prisma.$transaction(async (tx) => {
      await upsertCustomer(tx, shopId, {
        id: ids.current!.id("customer:walk-in"),
        email: "walk-in@example.com",
        firstName: null,
        lastName: null,
        state: null,
        shopifyCreated: minutes(now, 5),
        shopifyUpdated: minutes(now, 5),
      });
      await upsertCheckout(tx, shopId, {
        token: "lost9",
        id: null,
        cartToken: null,
        email: null,
        customerId: null,
        shopifyCreated: input.checkouts.find((k) => k.token === "lost9")!.createdAt,
        shopifyUpdated: minutes(now, 6),
        completedAt: minutes(now, 6),
        totalMinor: null,
      });
    });
    input.customers.push({ id: "walk-in", email: "walk-in@example.com", createdAt: minutes(now, 5) });
    const k9 = input.checkouts.findIndex((k) => k.token === "lost9");
    input.checkouts[k9] = {
      ...input.checkouts[k9]!,
      updatedAt: minutes(now, 6),
      completedAt: minutes(now, 6),
    };
    // 4. An order this morning refunded in part before now: its cohort revenue and the refund both land
    //    on today's partial day, once each.
    const sameDay = order({
      id: "same-day",
      at: minutes(now, 5).toISOString(),
      customerId: "c5",
      lines: [{ quantity: 2, priceMinor: 1500 }],
    });
    // …and a customer's second order ever (the first arrives late, from December): returning today.
    const secondEver = [
      order({ id: "second-ever-1", at: "2023-12-05T10:00:00Z", customerId: "two-orders" }),
      order({ id: "second-ever-2", at: minutes(now, 10).toISOString(), customerId: "two-orders" }),
    ];
    await ingest([sameDay, ...secondEver]);
    await database.prisma.$transaction((tx) =>
      upsertRefund(tx, shopId, {
        id: ids.current!.id("refund:same-day"),
        orderId: ids.current!.id("order:same-day"),
        refundedAt: minutes(now, 15),
        shopifyCreated: minutes(now, 15),
        linesSubtotalMinor: 700n,
        shippingMinor: 0n,
        taxesMinor: 0n,
        dutiesMinor: 0n,
        units: 0,
      }),
    );
    input.refunds.push({
      id: "same-day",
      orderId: "same-day",
      processedAt: minutes(now, 15),
      createdAt: minutes(now, 15),
      linesSubtotalMinor: 700,
      shippingMinor: 0,
      taxesMinor: 0,
      dutiesMinor: 0,
    });
    now = minutes(now, 30);
    expect((await recomputeShop(database.prisma, shopId, { now, settings })).mode).toBe("incremental");
    const incremental = await snapshotLines(database.prisma, shopId);
    const incrementalRollups = await rollupLines(database.prisma, shopId);

    // The same state, rebuilt from scratch: the same snapshots from the same rollup rows.
    expect((await recomputeShop(database.prisma, shopId, { now, settings, mode: "full" })).mode).toBe("full");
    const full = await snapshotLines(database.prisma, shopId);
    expect(incremental.length).toBeGreaterThan(10_000);
    expect(incremental).toEqual(full);
    expect(incrementalRollups).toEqual(await rollupLines(database.prisma, shopId));

    const periods = plannedPeriods(null, now, ZONE).map((p) => p.period);
    expect(await differencesFromPure(database.prisma, shopId, input, settings, now, periods)).toEqual([]);
  });

  it("is idempotent: a recompute with nothing new rewrites the same snapshots", async () => {
    const before = await snapshotLines(database.prisma, shopId);
    const result = await recomputeShop(database.prisma, shopId, { now, settings });
    expect(result).toMatchObject({ mode: "incremental", dirtyDays: 0, dirtyCustomers: 0 });
    expect(await snapshotLines(database.prisma, shopId)).toEqual(before);
  });

  it("keeps a row per period depending on `now`, of the latest run only", async () => {
    const later = minutes(now, 7);
    await recomputeShop(database.prisma, shopId, { now: later, settings });
    const live = plannedPeriods(null, later, ZONE).filter((p) => p.live);
    const rows = await database.prisma.kpiSnapshotLive.findMany({
      where: { shopId },
      select: { granularity: true, periodStart: true, periodEnd: true },
    });
    const key = (g: string, s: Date, e: Date) => `${g} ${s.toISOString()} ${e.toISOString()}`;
    expect(rows.map((r) => key(r.granularity, r.periodStart, r.periodEnd)).sort()).toEqual(
      live.map((p) => key(p.period.granularity, p.period.start, p.period.end)).sort(),
    );
    // None of them is also stored a row per KPI.
    expect(
      await database.prisma.kpiSnapshotPeriod.count({
        where: { shopId, OR: [{ partial: true }, { granularity: "rolling" }] },
      }),
    ).toBe(0);
    now = later;
  });
});

describe("incremental recompute with rollups cached in several workers", () => {
  it("re-reads every rollup row when another worker recomputed since this one cached them", async () => {
    const store = randomStore({ seed: 5, customers: 30, from: new Date("2023-06-01T00:00:00Z"), days: 300 });
    const shopId = await createShop(database.prisma, "two-workers.myshopify.com", ZONE);
    const ids = await seedInput(database.prisma, shopId, store);
    // A second copy of the engine's modules: its own rollup cache, as in another worker process.
    vi.resetModules();
    const otherWorker = await import("~/kpi-engine/recompute.server");
    const place = async (id: string, at: Date, customerId: string) =>
      database.prisma.$transaction((tx) =>
        upsertOrder(tx, shopId, orderRow(order({ id, at: at.toISOString(), customerId }), ids)),
      );

    let now = new Date("2024-03-20T12:00:00Z");
    expect((await recomputeShop(database.prisma, shopId, { now, settings })).mode).toBe("full"); // this worker caches its rows
    await place("w1", minutes(now, -30 * 24 * 60), "c1"); // arrives late, on a day the next change does not touch
    now = minutes(now, 20);
    expect((await otherWorker.recomputeShop(database.prisma, shopId, { now, settings })).mode).toBe(
      "incremental",
    );
    await place("w2", minutes(now, 5), "c2");
    now = minutes(now, 20);
    // This worker's cache predates w1's rollups: using it would lose them.
    expect((await recomputeShop(database.prisma, shopId, { now, settings })).mode).toBe("incremental");
    const incremental = await snapshotLines(database.prisma, shopId);
    await recomputeShop(database.prisma, shopId, { now, settings, mode: "full" });
    expect(incremental).toEqual(await snapshotLines(database.prisma, shopId));
  });
});

describe("incremental recompute with refunds booked on the order date", () => {
  it("keeps a refund's cohort revenue on its order's day when another order lands there", async () => {
    const orderDate = resolveSettings({
      timezone: ZONE,
      activityWindowDays: 60,
      refundAttribution: "order-date",
    });
    const store = randomStore({ seed: 17, customers: 40, from: new Date("2023-06-01T00:00:00Z"), days: 300 });
    const shopId = await createShop(database.prisma, "order-date-refunds.myshopify.com", ZONE);
    const ids = await seedInput(database.prisma, shopId, store);
    let now = new Date("2024-04-02T12:00:00Z");
    expect((await recomputeShop(database.prisma, shopId, { now, settings: orderDate })).mode).toBe("full");
    // A counted customer order refunded on a later local day: under this setting the refund's revenue
    // lands on the order's day, which the new order below marks dirty; the refund itself is untouched.
    const localDay = (t: Date) => t.toLocaleDateString("en-CA", { timeZone: ZONE });
    const refunded = store.orders.find((o) => {
      const r = store.refunds.find((x) => x.orderId === o.id);
      return (
        r &&
        o.customerId !== null &&
        !o.test &&
        !o.deleted &&
        !o.cancelledAt &&
        localDay(r.processedAt ?? r.createdAt) !== localDay(o.createdAt)
      );
    })!;
    expect(refunded).toBeDefined();
    await database.prisma.$transaction((tx) =>
      upsertOrder(
        tx,
        shopId,
        orderRow(
          order({ id: "same-day", at: minutes(refunded.createdAt, 1).toISOString(), customerId: "c1" }),
          ids,
        ),
      ),
    );
    now = minutes(now, 20);
    expect((await recomputeShop(database.prisma, shopId, { now, settings: orderDate })).mode).toBe(
      "incremental",
    );
    const incremental = [
      await snapshotLines(database.prisma, shopId),
      await rollupLines(database.prisma, shopId),
    ];
    await recomputeShop(database.prisma, shopId, { now, settings: orderDate, mode: "full" });
    expect(incremental).toEqual([
      await snapshotLines(database.prisma, shopId),
      await rollupLines(database.prisma, shopId),
    ]);
  });
});

describe("full rebuild without a connection of its own", () => {
  it("builds the sales slots inside its transaction and gives the same snapshots", async () => {
    const store = randomStore({ seed: 9, customers: 25, from: new Date("2023-09-01T00:00:00Z"), days: 200 });
    const shopId = await createShop(database.prisma, "one-connection.myshopify.com", ZONE);
    await seedInput(database.prisma, shopId, store);
    const now = new Date("2024-03-10T09:00:00Z");
    // Built by createPrismaClient: the slots are computed on a second connection.
    await recomputeShop(database.prisma, shopId, { now, settings, mode: "full" });
    const aside = await snapshotLines(database.prisma, shopId);
    // A client made elsewhere (its URL unknown to the engine): everything in the one transaction.
    const plain = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 2 }) });
    try {
      await recomputeShop(plain, shopId, { now, settings, mode: "full" });
    } finally {
      await plain.$disconnect();
    }
    expect(aside.length).toBeGreaterThan(1_000);
    expect(await snapshotLines(database.prisma, shopId)).toEqual(aside);
    const [built] = await database.prisma.$queryRaw<{ tables: number }[]>`
      SELECT count(*)::int AS tables FROM pg_class WHERE relname LIKE 'kpi_sales_slot_build_%'`;
    expect(built?.tables).toBe(0); // the slot table built aside is dropped once used
  });
});
