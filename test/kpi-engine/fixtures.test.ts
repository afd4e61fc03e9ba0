/**
 * The SQL engine on the pure tests' hand-computed fixtures: the same literal values (refunds on the refund
 * date or the order date, cancelled / test / deleted / out-of-order orders, guests, 23:30 local time, a
 * DST week, presentment currency, the grace time and recovered checkouts, zero denominators).
 */
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOrderPayload } from "../../fake-shopify/payloads/order";
import { applyWebhookEvent } from "~/sync/events/apply-event.server";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import type { KpiSettings } from "~/kpi/settings";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput } from "~/kpi/types";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { readSnapshots } from "~/kpi-engine/snapshots.server";
import { at, cart, order } from "../kpi/support/builders";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { differencesFromPure, snapshotOf } from "./support/compare";
import { abandonmentStore, salesStore } from "./support/fixtures";
import { createShop, seedInput } from "./support/seed";

let database: TestDatabase;
let prisma: PrismaClient;
let shops = 0;
beforeAll(async () => {
  database = await createTestDatabase();
  prisma = database.prisma;
});
afterAll(() => database.drop());

async function computed(input: KpiInput, settings: KpiSettings, now: Date): Promise<number> {
  const shopId = await createShop(prisma, `fixture-${++shops}.myshopify.com`, settings.timezone);
  await seedInput(prisma, shopId, input);
  await recomputeShop(prisma, shopId, { now, settings });
  return shopId;
}

const values = async (shopId: number, period: Parameters<typeof snapshotOf>[2]) => {
  const snapshot = await snapshotOf(prisma, shopId, period);
  return (kpi: string) => snapshot.get(kpi)?.value;
};

const WAW = "Europe/Warsaw";
const NOW = at("2024-04-10T12:00:00Z");
const MARCH = parsePeriod("2024-03", WAW, NOW);
const FEBRUARY = parsePeriod("2024-02", WAW, NOW);

describe("sales, refunds booked on the refund date", () => {
  const settings = resolveSettings({ timezone: WAW });
  let shopId: number;
  beforeAll(async () => {
    shopId = await computed(salesStore, settings, NOW);
  });

  it("counts counted orders of the local month and nets refunds processed in it", async () => {
    const v = await values(shopId, MARCH);
    expect([v("orders"), v("units"), v("gross_sales"), v("discounts"), v("returns"), v("net_sales")]).toEqual(
      [5, 7, 12_200, 500, 3500, 8200],
    );
    expect([v("shipping"), v("taxes"), v("duties"), v("total_sales")]).toEqual([1000, 1100, 200, 10_500]);
    const march = await snapshotOf(prisma, shopId, MARCH);
    expect(march.get("aov")).toEqual({ value: 2340, numerator: 11_700, denominator: 5 });
    expect(march.get("aov_incl_shipping_tax")).toEqual({ value: 3000, numerator: 15_000, denominator: 5 });
    expect(march.get("units_per_order")).toEqual({ value: 1.4, numerator: 7, denominator: 5 });
    const feb = await values(shopId, FEBRUARY);
    expect([feb("orders"), feb("gross_sales"), feb("returns"), feb("net_sales")]).toEqual([1, 6000, 0, 6000]);
  });

  it("reads a period with its comparisons from snapshots only", async () => {
    const { current, previous, yearAgo } = await readSnapshots(prisma, shopId, MARCH, [
      "net_sales",
      "sales_growth",
    ]);
    expect(current.get("net_sales")?.value).toBe(8200);
    expect(previous.get("net_sales")?.value).toBe(6000);
    expect(current.get("sales_growth")?.value).toBeCloseTo(2200 / 6000, 12);
    expect(yearAgo.size).toBe(0); // March 2023 is before the shop's first order: nothing to compare with
  });
});

describe("sales, refunds booked on the order date", () => {
  it("moves each refund to its order's period", async () => {
    const shopId = await computed(
      salesStore,
      resolveSettings({ timezone: WAW, refundAttribution: "order-date" }),
      NOW,
    );
    const march = await values(shopId, MARCH);
    expect([
      march("returns"),
      march("shipping"),
      march("taxes"),
      march("net_sales"),
      march("total_sales"),
    ]).toEqual([1500, 1300, 1500, 10_200, 13_200]);
    const feb = await values(shopId, FEBRUARY);
    expect([feb("returns"), feb("shipping"), feb("net_sales")]).toEqual([2000, -300, 4000]);
  });
});

describe("edge cases of single orders", () => {
  it("books a fully refunded order's refund on the refund date, and AOV of a month without orders is null", async () => {
    const input: KpiInput = {
      ...salesStore,
      orders: [
        order({
          id: "F",
          at: "2024-03-30T10:00:00Z",
          customerId: "c1",
          lines: [{ quantity: 2, priceMinor: 2500 }],
          shippingMinor: 500,
          taxesMinor: 1000,
        }),
      ],
      refunds: [
        {
          id: "rf",
          orderId: "F",
          processedAt: at("2024-04-02T10:00:00Z"),
          createdAt: at("2024-04-02T10:00:00Z"),
          linesSubtotalMinor: 5000,
          shippingMinor: 500,
          taxesMinor: 1000,
          dutiesMinor: 0,
        },
      ],
    };
    const shopId = await computed(input, resolveSettings({ timezone: WAW }), NOW);
    const march = await values(shopId, MARCH);
    expect([march("net_sales"), march("total_sales")]).toEqual([5000, 6500]);
    const april = await snapshotOf(prisma, shopId, parsePeriod("2024-04", WAW, NOW));
    expect([
      april.get("returns")?.value,
      april.get("net_sales")?.value,
      april.get("total_sales")?.value,
    ]).toEqual([5000, -5000, -6500]);
    expect(april.get("aov")).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it("books an order at 23:30 local time on the local day", async () => {
    const LA = "America/Los_Angeles";
    const shopId = await computed(
      { ...salesStore, refunds: [], orders: [order({ id: "L", at: "2024-03-15T06:30:00Z" })] },
      resolveSettings({ timezone: LA }),
      NOW,
    );
    expect((await values(shopId, parsePeriod("2024-03-14", LA, NOW)))("orders")).toBe(1);
    expect((await values(shopId, parsePeriod("2024-03-15", LA, NOW)))("orders")).toBe(0);
  });

  it("bounds an ISO week with a DST change by local midnights", async () => {
    // 2024-W13 in Warsaw: Mon 25 Mar 00:00 CET (24 Mar 23:00Z) to Mon 1 Apr 00:00 CEST (31 Mar 22:00Z).
    const input: KpiInput = {
      ...salesStore,
      refunds: [],
      orders: [
        order({ id: "w12", at: "2024-03-24T22:59:00Z", customerId: "a" }), // Sun 24 Mar 23:59 CET: week 12
        order({ id: "w13a", at: "2024-03-24T23:10:00Z", customerId: "b" }), // Mon 25 Mar 00:10 CET
        order({ id: "w13b", at: "2024-03-31T21:30:00Z", customerId: "a" }), // Sun 31 Mar 23:30 CEST
        order({ id: "w14", at: "2024-03-31T22:30:00Z", customerId: "b" }), // Mon 1 Apr 00:30 CEST
      ],
    };
    const settings = resolveSettings({ timezone: WAW, activityWindowDays: 30 });
    const shopId = await computed(input, settings, NOW);
    const weeks = ["2024-W12", "2024-W13", "2024-W14"].map((w) => parsePeriod(w, WAW, NOW));
    expect(await Promise.all(weeks.map(async (w) => (await values(shopId, w))("orders")))).toEqual([1, 2, 1]);
    expect((await values(shopId, weeks[1]!))("retained")).toBe(1); // a: active at both ends of W13
    expect(await differencesFromPure(prisma, shopId, input, settings, NOW, weeks)).toEqual([]);
  });

  it("reads amounts in the shop currency when the customer paid in another (a real orders/create webhook)", async () => {
    const shopId = await createShop(prisma, "presentment.myshopify.com", "America/New_York");
    const payload = buildOrderPayload({
      id: 820982911946154,
      createdAt: "2026-01-10T00:00:17Z",
      currency: "USD",
      presentment: { currency: "EUR", rate: "0.9213" },
      timeZone: "America/New_York",
      customer: { id: 207119551, email: "bob@example.com", createdAt: "2025-12-01T12:00:00Z" },
      lines: [{ quantity: 3, unitPriceMinor: 1299, discountMinor: 100, taxMinor: 304 }],
      shippingLines: [{ priceMinor: 500, taxMinor: 40 }],
    });
    await prisma.webhookEvent.create({
      data: {
        shopId,
        webhookId: "wh-presentment",
        topic: "orders/create",
        payload: JSON.parse(JSON.stringify(payload)) as object,
      },
    });
    expect(await applyWebhookEvent(prisma, shopId, "wh-presentment")).toBe("processed");
    const now = at("2026-02-01T12:00:00Z");
    await recomputeShop(prisma, shopId, { now });
    const v = await values(shopId, parsePeriod("2026-01-09", "America/New_York", now)); // 19:00 local, 9 Jan
    // 3 × 12.99 = 38.97 gross, 1.00 off, 5.00 shipping, 3.44 tax: 46.41 in USD, whatever was paid in EUR
    expect([
      v("orders"),
      v("gross_sales"),
      v("discounts"),
      v("shipping"),
      v("taxes"),
      v("total_sales"),
      v("customers"),
    ]).toEqual([1, 3897, 100, 500, 344, 4641, 1]);
  });
});

describe("checkout and cart abandonment", () => {
  const NOON = at("2024-03-10T12:00:00Z");
  const TODAY = parsePeriod("2024-03-10", "UTC", NOON);

  it("applies the grace time at compute time and counts recovered checkouts as completed", async () => {
    const shopId = await computed(abandonmentStore, resolveSettings({ timezone: "UTC" }), NOON);
    const today = await snapshotOf(prisma, shopId, TODAY);
    const v = (kpi: string) => today.get(kpi)?.value;
    expect([
      v("checkout_created"),
      v("checkout_completed"),
      v("checkout_abandoned"),
      v("checkout_undecided"),
    ]).toEqual([9, 5, 2, 2]);
    expect(today.get("checkout_abandonment_rate")).toEqual({ value: 2 / 7, numerator: 2, denominator: 7 });
    expect([v("cart_created"), v("cart_completed"), v("cart_abandoned"), v("cart_undecided")]).toEqual([
      3, 1, 1, 1,
    ]);

    // 1 ms later k4 is more than 10 minutes old: abandoned (an incremental run with nothing new decides it).
    const later = at("2024-03-10T12:00:00.001Z");
    await recomputeShop(prisma, shopId, { now: later, settings: resolveSettings({ timezone: "UTC" }) });
    const after = await snapshotOf(prisma, shopId, parsePeriod("2024-03-10", "UTC", later));
    expect([after.get("checkout_abandoned")?.value, after.get("checkout_undecided")?.value]).toEqual([3, 1]);
  });

  it("counts a cart from its carts/create only, whatever order the webhooks came in", async () => {
    const store: KpiInput = {
      ...abandonmentStore,
      orders: [
        ...abandonmentStore.orders,
        order({ id: "late-order", at: "2024-03-10T09:40:00Z", cartToken: "late" }),
        order({ id: "orphan-order", at: "2024-03-10T09:40:00Z", cartToken: "orphan" }),
      ],
      carts: [
        ...abandonmentStore.carts,
        cart("late", "2024-03-10T09:00:00Z", { at: "2024-03-10T09:30:00Z" }), // the update first…
        cart("late", "2024-03-10T09:00:00Z"), // …then its create: a cart, completed by late-order
        cart("orphan", "2024-03-10T09:00:00Z", { at: "2024-03-10T09:20:00Z" }), // an update alone: no cart
        cart("lonely", "2024-03-10T08:00:00Z", { at: "2024-03-10T08:10:00Z" }), // an update alone: no cart
      ],
    };
    const shopId = await computed(store, resolveSettings({ timezone: "UTC" }), NOON);
    const today = await snapshotOf(prisma, shopId, TODAY);
    const v = (kpi: string) => today.get(kpi)?.value;
    // cart1 and late completed, cart2 abandoned, cart3 undecided
    expect([v("cart_created"), v("cart_completed"), v("cart_abandoned"), v("cart_undecided")]).toEqual([
      4, 2, 1, 1,
    ]);
    expect(today.get("cart_abandonment_rate")).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 });
  });
});

describe("a shop without data", () => {
  it("gives null (shown as —) for every ratio, never 0", async () => {
    const shopId = await computed(
      { orders: [], refunds: [], checkouts: [], carts: [], customers: [] },
      resolveSettings({ timezone: "UTC" }),
      NOW,
    );
    const month = await snapshotOf(prisma, shopId, parsePeriod("2024-04", "UTC", NOW));
    for (const kpi of [
      "aov",
      "units_per_order",
      "returning_customer_rate",
      "retention_rate",
      "churn_rate",
      "purchase_frequency",
      "checkout_abandonment_rate",
      "historical_clv",
      "sales_growth",
    ]) {
      expect(month.get(kpi)?.value, kpi).toBeNull();
    }
    expect(month.get("formula_clv")?.value).toBeNull();
  });
});
