/**
 * The pure tests' hand-computed customer store (test/kpi/support/customer-store.ts), put in the database
 * and computed by the SQL engine: the same literal values as test/kpi/{customers,clv,compute-kpis}.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput } from "~/kpi/types";
import { rollingDays } from "~/kpi/calendar/period";
import { readRangeValues } from "~/kpi-engine/range-values.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { readSnapshots } from "~/kpi-engine/snapshots.server";
import { plannedPeriods } from "~/kpi-engine/periods";
import { at, cart, checkout } from "../kpi/support/builders";
import { customerStore, monthlySpend } from "../kpi/support/customer-store";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { differencesFromPure, snapshotOf } from "./support/compare";
import { createShop, seedInput } from "./support/seed";

const settings = resolveSettings({
  timezone: "UTC",
  activityWindowDays: 30,
  grossMarginPct: 40,
  marketingSpendByMonth: monthlySpend,
});
const input: KpiInput = {
  ...customerStore,
  checkouts: [
    checkout("k1", "2024-03-03T10:00:00Z", "2024-03-03T10:05:00Z"),
    checkout("k2", "2024-03-04T10:00:00Z"),
  ],
  carts: [cart("c1", "2024-03-04T09:00:00Z")],
};
const NOW = at("2024-06-01T00:00:00Z");
const MARCH = parsePeriod("2024-03", "UTC", NOW);

let database: TestDatabase;
let shopId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  shopId = await createShop(database.prisma, "customer-store.myshopify.com", "UTC");
  await seedInput(database.prisma, shopId, input);
  await recomputeShop(database.prisma, shopId, { now: NOW, settings });
  // Free ranges read the months from the table, as the Settings page stores them.
  await database.prisma.marketingSpendMonth.createMany({
    data: Object.entries(monthlySpend).map(([month, minor]) => ({
      shopId,
      month,
      amountMinor: BigInt(minor),
    })),
  });
});
afterAll(() => database.drop());

describe("SQL engine on the hand-computed customer store (March 2024, W = 30)", () => {
  it("gives the hand-computed customer KPIs", async () => {
    const march = await snapshotOf(database.prisma, shopId, MARCH);
    const value = (kpi: string) => march.get(kpi)?.value;
    expect([value("customers"), value("new_customers")]).toEqual([5, 3]);
    expect([
      value("active_at_start"),
      value("active_at_end"),
      value("new_still_active"),
      value("retained"),
      value("reactivated"),
    ]).toEqual([3, 4, 2, 1, 1]);
    expect(march.get("retention_rate")).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(march.get("churn_rate")).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(march.get("returning_customer_rate")).toEqual({ value: 0.4, numerator: 2, denominator: 5 });
    expect(march.get("purchase_frequency")).toEqual({ value: 9 / 7, numerator: 9, denominator: 7 });
  });

  it("gives the hand-computed sales, abandonment, CLV and marketing KPIs", async () => {
    const march = await snapshotOf(database.prisma, shopId, MARCH);
    const value = (kpi: string) => march.get(kpi)?.value;
    expect([value("orders"), value("net_sales")]).toEqual([6, 13_600]);
    expect(march.get("sales_growth")).toEqual({ value: 10_500 / 3100, numerator: 10_500, denominator: 3100 });
    expect(march.get("checkout_abandonment_rate")).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(value("cart_abandonment_rate")).toBe(1);
    expect(march.get("historical_clv")).toEqual({ value: 1750, numerator: 14_000, denominator: 8 });
    expect(march.get("historical_clv:2024-02")).toEqual({ value: 4600 / 3, numerator: 4600, denominator: 3 });
    expect(value("formula_clv")).toBeCloseTo(12_960 / 7 - 35_900 / 6, 9);
    expect(march.get("annual_churn_rate")).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(march.get("cac")).toEqual({ value: 1000, numerator: 3000, denominator: 3 });
    expect(value("gross_profit")).toBe(5440);
  });

  it("gives CAC and ROAS of March (a preset) from its snapshot: 30.00 of spend, 3 new, 136.00 net sales", async () => {
    const { current, previous } = await readSnapshots(database.prisma, shopId, MARCH, [
      "marketing_spend",
      "cac",
      "roas",
    ]);
    expect(current.get("marketing_spend")?.value).toBe(3000);
    expect(current.get("cac")).toMatchObject({ value: 1000, numerator: 3000, denominator: 3 });
    expect(current.get("roas")).toMatchObject({ value: 13_600 / 3000, numerator: 13_600, denominator: 3000 });
    // February: 31.00 net sales (10.00 + 15.00 + 6.00), new c1, c2, c8.
    expect(previous.get("roas")?.value).toBeCloseTo(3100 / 3000, 12);
    expect(previous.get("cac")?.value).toBe(1000);
  });

  it("gives CAC and ROAS of a free range from the days, the spend pro rata: 1–15 March is 15/31 of it", async () => {
    const range = rollingDays(15, { year: 2024, month: 3, day: 1 }, "UTC", NOW);
    expect([range.start, range.end]).toEqual([at("2024-03-01T00:00:00Z"), at("2024-03-16T00:00:00Z")]);
    const { current } = await readRangeValues(database.prisma, shopId, range, [
      "marketing_spend",
      "new_customers",
      "net_sales",
      "cac",
      "roas",
    ]);
    const spend = (3000 * 15) / 31;
    expect(current.get("marketing_spend")?.value).toBeCloseTo(spend, 9);
    // New: c5 (1 Mar), c3 (10 Mar). Net sales: 20.00 + 27.00 + 7.00 + 50.00 (the cancelled order left out).
    expect(current.get("new_customers")?.value).toBe(2);
    expect(current.get("net_sales")?.value).toBe(10_400);
    expect(current.get("cac")?.value).toBeCloseTo(spend / 2, 9);
    expect(current.get("roas")?.value).toBeCloseTo(10_400 / spend, 9);
  });

  it("leaves CAC and ROAS of a free range empty when a month it touches has no spend (April)", async () => {
    const range = rollingDays(10, { year: 2024, month: 3, day: 25 }, "UTC", NOW);
    const { current } = await readRangeValues(database.prisma, shopId, range, [
      "marketing_spend",
      "cac",
      "roas",
    ]);
    for (const kpi of ["marketing_spend", "cac", "roas"])
      expect(current.get(kpi)?.value ?? null, kpi).toBeNull();
  });

  it("agrees with app/kpi on every snapshotted period", async () => {
    const periods = plannedPeriods(null, NOW, "UTC").map((p) => p.period);
    const all = [
      ...periods,
      MARCH,
      parsePeriod("2024-02", "UTC", NOW),
      parsePeriod("2024-W10", "UTC", NOW),
      parsePeriod("2024-Q1", "UTC", NOW),
    ];
    expect(await differencesFromPure(database.prisma, shopId, input, settings, NOW, all)).toEqual([]);
  });
});
