/**
 * A settings change rebuilds only the rollups the changed settings shape, yet leaves exactly the
 * snapshots a full rebuild with the new settings computes, with or without new orders marked since.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upsertOrder, upsertRefund } from "~/sync/write/orders.server";
import type { KpiSettings } from "~/kpi/settings";
import { resolveSettings } from "~/kpi/settings";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { settingsChange, settingsKey } from "~/kpi-engine/settings.server";
import { order } from "../kpi/support/builders";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { randomStore } from "./support/random-store";
import { createShop, orderRow, seedInput } from "./support/seed";
import { rollupLines, snapshotLines } from "./support/snapshot-rows";

const ZONE = "America/New_York";
const before = resolveSettings({ timezone: ZONE, activityWindowDays: 90 });

describe("settingsChange", () => {
  const key = settingsKey(before);
  const change = (overrides: Partial<KpiSettings>) =>
    settingsChange(key, resolveSettings({ ...before, ...overrides }));

  it("rebuilds nothing extra for the same settings", () => {
    expect(settingsChange(key, before)).toBe("none");
  });

  it("rebuilds no rollup when only the margin, the spend or the grace time changed (the margin also shapes the CLV predictions)", () => {
    expect(change({ grossMarginPct: 40 })).toEqual({ refunds: false, window: false, margin: true });
    expect(change({ marketingSpendByMonth: { "2024-01": 10_000 } })).toEqual({
      refunds: false,
      window: false,
      margin: false,
    });
    expect(change({ graceMinutes: 60 })).toEqual({ refunds: false, window: false, margin: false });
  });

  it("names the rollups the activity window and the refund setting shape", () => {
    expect(change({ activityWindowDays: 120 })).toEqual({ refunds: false, window: true, margin: false });
    expect(change({ refundAttribution: "order-date" })).toEqual({
      refunds: true,
      window: false,
      margin: false,
    });
    expect(change({ refundAttribution: "order-date", activityWindowDays: 30, grossMarginPct: 10 })).toEqual({
      refunds: true,
      window: true,
      margin: true,
    });
  });

  it("rebuilds everything after a time zone change, a model change or an unreadable key", () => {
    expect(change({ timezone: "Europe/Warsaw" })).toBe("all");
    expect(settingsChange(key.replace('"v":1', '"v":0'), before)).toBe("all");
    expect(settingsChange("not json", before)).toBe("all");
    expect(settingsChange("null", before)).toBe("all");
  });
});

describe("recompute after a settings change", () => {
  let database: TestDatabase;
  let shopId: number;
  let now = new Date("2024-05-14T15:20:00Z");
  const minutes = (t: Date, m: number) => new Date(t.getTime() + m * 60_000);
  const store = randomStore({ seed: 33, customers: 50, from: new Date("2023-02-01T00:00:00Z"), days: 460 });
  let ids: Awaited<ReturnType<typeof seedInput>>;

  beforeAll(async () => {
    database = await createTestDatabase();
    shopId = await createShop(database.prisma, "settings-change.myshopify.com", ZONE);
    ids = await seedInput(database.prisma, shopId, store);
    expect((await recomputeShop(database.prisma, shopId, { now, settings: before })).mode).toBe("full");
  });
  afterAll(() => database.drop());

  /** Recomputes with `settings` (expecting `mode`), then checks rollups and snapshots against a full rebuild's. */
  const expectFullRebuildSnapshots = async (
    settings: Partial<KpiSettings>,
    mode: "settings" | "incremental",
  ) => {
    now = minutes(now, 45);
    expect((await recomputeShop(database.prisma, shopId, { now, settings })).mode).toBe(mode);
    const recomputed = await snapshotLines(database.prisma, shopId);
    const rollups = await rollupLines(database.prisma, shopId);
    expect((await recomputeShop(database.prisma, shopId, { now, settings, mode: "full" })).mode).toBe("full");
    expect(recomputed.length).toBeGreaterThan(1_000);
    expect(recomputed).toEqual(await snapshotLines(database.prisma, shopId));
    expect(rollups).toEqual(await rollupLines(database.prisma, shopId));
  };
  const place = (id: string, at: Date, customerId: string | null) =>
    database.prisma.$transaction((tx) =>
      upsertOrder(tx, shopId, orderRow(order({ id, at: at.toISOString(), customerId }), ids)),
    );

  it("margin, spend and grace time: every snapshot rewritten from the stored rollups", async () => {
    await expectFullRebuildSnapshots(
      {
        ...before,
        grossMarginPct: 35,
        marketingSpendByMonth: { "2024-04": 250_000, "2024-05": 90_000 },
        graceMinutes: 90,
      },
      "settings",
    );
  });

  it("the activity window, with new and late orders marked since", async () => {
    await place("late-1", new Date("2023-11-03T04:30:00Z"), "c4");
    await place("today-1", minutes(now, -10), "c9");
    await place("today-guest", minutes(now, -5), null);
    await expectFullRebuildSnapshots({ ...before, grossMarginPct: 35, activityWindowDays: 45 }, "settings");
  });

  it("the refund setting, with an order and a zero-amount refund marked since", async () => {
    await place("late-2", new Date("2024-01-20T23:45:00Z"), "c12");
    // A refund that moves no money (a restock, say) at a quarter hour of its own: under the refund date
    // its slot holds nothing but it, which a rebuild still writes.
    await database.prisma.$transaction((tx) =>
      upsertRefund(tx, shopId, {
        id: ids.id("refund:restock"),
        orderId: ids.id("order:late-2"),
        refundedAt: new Date("2024-02-03T03:07:00Z"),
        shopifyCreated: new Date("2024-02-03T03:07:00Z"),
        linesSubtotalMinor: 0n,
        shippingMinor: 0n,
        taxesMinor: 0n,
        dutiesMinor: 0n,
        units: 0,
      }),
    );
    await expectFullRebuildSnapshots(
      { ...before, activityWindowDays: 45, refundAttribution: "order-date" },
      "settings",
    );
  });

  it("two changes in a row: window and refund date back, then the grace time with an order marked since", async () => {
    now = minutes(now, 30);
    const first = { ...before, activityWindowDays: 200, refundAttribution: "refund-date" } as const;
    expect((await recomputeShop(database.prisma, shopId, { now, settings: first })).mode).toBe("settings");
    await place("today-3", minutes(now, 20), "c7");
    await expectFullRebuildSnapshots(
      { ...before, activityWindowDays: 200, refundAttribution: "refund-date", graceMinutes: 5 },
      "settings",
    );
  });

  it("then back to incremental recomputes", async () => {
    await place("today-2", minutes(now, -1), "c2");
    await expectFullRebuildSnapshots(
      { ...before, activityWindowDays: 200, refundAttribution: "refund-date", graceMinutes: 5 },
      "incremental",
    );
  });
});
