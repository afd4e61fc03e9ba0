import { describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { computeKpis, computeKpisWithComparisons } from "~/kpi/compute-kpis";
import { ratio, relativeChange } from "~/kpi/ratio";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput } from "~/kpi/types";
import { at, cart, checkout, iso } from "./support/builders";
import { customerStore, monthlySpend } from "./support/customer-store";

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

describe("computeKpis", () => {
  const report = computeKpis(input, MARCH, settings, NOW);

  it("returns the sales KPIs and growth against the previous period", () => {
    // March: o1b 2000, o3 3000 (−300), o4c 1200, o5 700, o6a 2500, og 5000 = 14400 gross; returns rf1 500
    expect(report.sales.orders).toBe(6);
    expect(report.sales.netSalesMinor).toBe(13_600); // 14400 − 300 − 500
    // February: o1a 1000 + o2a 1500 + o8 600 = 3100 → (13600 − 3100) ÷ 3100
    expect(report.salesGrowth).toEqual({ value: 10_500 / 3100, numerator: 10_500, denominator: 3100 });
  });

  it("returns customer, abandonment and CLV KPIs", () => {
    expect(report.customers).toMatchObject({
      customers: 5,
      newCustomers: 3,
      activeAtStart: 3,
      activeAtEnd: 4,
      retained: 1,
      reactivated: 1,
    });
    expect(report.purchaseFrequency.value).toBeCloseTo(9 / 7, 12);
    expect(report.checkoutAbandonment.abandonmentRate).toEqual({ value: 0.5, numerator: 1, denominator: 2 }); // k2 of k1, k2
    expect(report.cartAbandonment.abandonmentRate.value).toBe(1); // the one cart never became an order
    expect(report.historicalClv.value).toBe(1750);
    expect(report.formulaClv.value).toBeCloseTo(12_960 / 7 - 35_900 / 6, 9); // see clv.test.ts
  });

  it("returns the marketing KPIs", () => {
    expect(report.marketing.spendMinor).toBe(3000);
    expect(report.marketing.cac).toEqual({ value: 1000, numerator: 3000, denominator: 3 }); // 3000 ÷ 3 new customers
    expect(report.marketing.roas?.value).toBeCloseTo(13_600 / 3000, 12);
    expect(report.marketing.grossProfitMinor).toBe(5440); // 13600 × 40 %
    // LTV (before CAC) ÷ CAC of the same 365 days = (12960/7) ÷ (35900/6)
    expect(report.marketing.ltvToCac?.value).toBeCloseTo(12_960 / 7 / (35_900 / 6), 12);
  });

  it("leaves marketing KPIs empty without spend or margin", () => {
    const plain = computeKpis(
      input,
      MARCH,
      resolveSettings({ timezone: "UTC", activityWindowDays: 30 }),
      NOW,
    );
    expect(plain.marketing).toEqual({
      spendMinor: null,
      cac: null,
      roas: null,
      ltvToCac: null,
      grossProfitMinor: null,
    });
  });

  it("refuses a period in another zone than the shop's", () => {
    expect(() => computeKpis(input, parsePeriod("2024-03", "Europe/Warsaw", NOW), settings, NOW)).toThrow(
      RangeError,
    );
  });
});

describe("computeKpisWithComparisons", () => {
  it("computes the previous period and the same period a year earlier", () => {
    const { current, previous, yearAgo } = computeKpisWithComparisons(input, MARCH, settings, NOW);
    expect([current.period.label, previous.period.label, yearAgo.period.label]).toEqual([
      "2024-03",
      "2024-02",
      "2023-03",
    ]);
    expect(previous.sales.netSalesMinor).toBe(3100);
    expect(yearAgo.sales.netSalesMinor).toBe(1000); // o9, 15 Mar 2023
  });

  it("compares a period in progress with the same elapsed span", () => {
    const now = at("2024-03-15T12:00:00Z");
    const { current, previous } = computeKpisWithComparisons(
      input,
      parsePeriod("2024-03", "UTC", now),
      settings,
      now,
    );
    expect(iso(previous.period.end)).toBe("2024-02-15T12:00:00.000Z");
    // so far in March: o1b 2000, o3 3000 − 300, o5 700, og 5000 = 10400 (rf1 comes on 28 Mar)
    expect(current.sales.netSalesMinor).toBe(10_400);
    // February until the 15th 12:00: o1a 1000 only (o2a at exactly 15 Feb 12:00 is outside the half-open span)
    expect(previous.sales.netSalesMinor).toBe(1000);
    expect(current.salesGrowth.value).toBe(9.4); // (10400 − 1000) ÷ 1000
  });
});

describe("ratio helpers", () => {
  it("keep the inputs and make zero denominators undefined", () => {
    expect(ratio(3, 4)).toEqual({ value: 0.75, numerator: 3, denominator: 4 });
    expect(ratio(3, 0)).toEqual({ value: null, numerator: 3, denominator: 0 });
  });

  it("give the relative change for comparison badges", () => {
    expect(relativeChange(150, 100)).toBe(0.5); // (150 − 100) ÷ 100
    expect(relativeChange(-50, -100)).toBe(0.5); // (−50 − −100) ÷ |−100|: an improvement
    expect(relativeChange(150, 0)).toBeNull();
    expect(relativeChange(null, 100)).toBeNull();
  });
});
