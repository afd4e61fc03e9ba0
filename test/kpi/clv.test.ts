import { describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { churnOver, formulaClv, historicalClv } from "~/kpi/clv";
import { prepareKpiData } from "~/kpi/prepare";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput } from "~/kpi/types";
import { at, iso, sale } from "./support/builders";
import { customerStore, monthlySpend } from "./support/customer-store";

const settings = resolveSettings({ timezone: "UTC", activityWindowDays: 30 });
const data = prepareKpiData(customerStore, settings);
const END_OF_MARCH = at("2024-04-01T00:00:00Z");
const END_OF_APRIL = at("2024-05-01T00:00:00Z");

describe("historical CLV", () => {
  it("averages net revenue (after refunds up to the end) over identified customers", () => {
    // c1 1000 + 2000 − 500 = 2500; c2 1500 (cancelled order out); c3 3000 − 300 = 2700 (the 3 Apr refund is later);
    // c4 500 + 800 + 1200 = 2500; c5 700; c6 2500 (guest order joined); c8 600; c9 1000 → 14000 over 8
    const clv = historicalClv(data, END_OF_MARCH);
    expect([clv.value, clv.numerator, clv.denominator]).toEqual([1750, 14_000, 8]);
  });

  it("splits customers into cohorts by the local month of their first counted order", () => {
    expect(historicalClv(data, END_OF_MARCH).cohorts).toEqual([
      { cohort: "2023-03", customers: 1, netRevenueMinor: 1000, value: 1000 }, // c9
      { cohort: "2023-04", customers: 1, netRevenueMinor: 2500, value: 2500 }, // c4
      { cohort: "2024-02", customers: 3, netRevenueMinor: 4600, value: 4600 / 3 }, // c1 2500 + c2 1500 + c8 600
      { cohort: "2024-03", customers: 3, netRevenueMinor: 5900, value: 5900 / 3 }, // c3 2700 + c5 700 + c6 2500
    ]);
  });

  it("takes later orders and refunds into account at a later end", () => {
    // + c6's 6 Apr order 4000, − c3's 3 Apr refund 1000: 14000 + 4000 − 1000 = 17000 over 8
    const clv = historicalClv(data, END_OF_APRIL);
    expect([clv.value, clv.numerator, clv.denominator]).toEqual([2125, 17_000, 8]);
  });

  it("is null without customers", () => {
    expect(
      historicalClv(prepareKpiData({ ...customerStore, orders: [] }, settings), END_OF_MARCH).value,
    ).toBeNull();
  });
});

describe("formula CLV", () => {
  // Window: the 365 days ending 1 Apr 2024 = [2 Apr 2023, 1 Apr 2024).
  // AOV: 10 counted orders (incl. the email-less guest) 1000+2000+1500+3000+800+1200+700+2500+600+5000 = 18300,
  //      − 300 discount = 18000 → 1800
  // Frequency: 9 ÷ 7 (see customers.test.ts)
  // Annual churn (W = 365): active at 2 Apr 2023 = c9 (15 Mar 2023), c4 (1 Apr 2023); at 1 Apr 2024 only c4 → 1 ÷ 2
  it("multiplies AOV, purchase frequency and expected lifetime", () => {
    const clv = formulaClv(data, END_OF_MARCH, settings);
    expect([iso(clv.window.start), iso(clv.window.end)]).toEqual([
      "2023-04-02T00:00:00.000Z",
      "2024-04-01T00:00:00.000Z",
    ]);
    expect(clv.aov).toEqual({ value: 1800, numerator: 18_000, denominator: 10 });
    expect(clv.purchaseFrequency).toEqual({ value: 9 / 7, numerator: 9, denominator: 7 });
    expect(clv.annualChurn).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(clv.expectedLifetimeYears).toBe(2);
    expect(clv.value).toBeCloseTo(32_400 / 7, 9); // 1800 × 9/7 × 2
    expect(clv.cac).toBeNull();
  });

  it("applies the gross margin, then takes off the CAC of the same 365 days", () => {
    const withMargin = formulaClv(data, END_OF_MARCH, { grossMarginPct: 40, marketingSpendByMonth: null });
    expect(withMargin.value).toBeCloseTo(12_960 / 7, 9); // 32400/7 × 0.40
    const withSpend = formulaClv(data, END_OF_MARCH, {
      grossMarginPct: 40,
      marketingSpendByMonth: monthlySpend,
    });
    // spend: April 2023 from the 2nd = 29/30 × 3000 = 2900, + 11 full months × 3000 = 35900;
    // new customers in the window: c1, c2, c3, c5, c6, c8 = 6 → CAC = 35900 ÷ 6
    expect(withSpend.cac?.numerator).toBeCloseTo(35_900, 9);
    expect(withSpend.cac?.denominator).toBe(6);
    expect(withSpend.valueBeforeCac).toBeCloseTo(12_960 / 7, 9);
    expect(withSpend.value).toBeCloseTo(12_960 / 7 - 35_900 / 6, 9);
  });

  it("is null when annual churn is 0 or undefined", () => {
    // Only c4 is active at the window's start and stays: churn 0 → infinite lifetime → null
    const loyal: KpiInput = { ...customerStore, orders: customerStore.orders.filter((o) => o.id !== "o9") };
    const clv = formulaClv(prepareKpiData(loyal, settings), END_OF_MARCH, settings);
    expect([clv.annualChurn.value, clv.expectedLifetimeYears, clv.value]).toEqual([0, null, null]);
    // Nobody active at the window's start: churn undefined
    const young: KpiInput = { ...customerStore, orders: [sale("y", "2024-03-01T12:00:00Z", "y1", 100)] };
    const clvYoung = formulaClv(prepareKpiData(young, settings), END_OF_MARCH, settings);
    expect([clvYoung.annualChurn.value, clvYoung.value]).toEqual([null, null]);
  });
});

describe("churnOver", () => {
  it("uses the window it is given", () => {
    const march = parsePeriod("2024-03", "UTC", END_OF_APRIL);
    expect(churnOver(data, march, 30)).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 }); // as in customers.test.ts
    // W = 365 at 1 Mar: c1, c2, c4 (1 Dec), c8, c9 (15 Mar 2023) → 5; at 1 Apr: c1, c2, c3, c4, c5, c6, c8 → retained 4 (not c9)
    expect(churnOver(data, march, 365)).toEqual({ value: 1 / 5, numerator: 1, denominator: 5 });
  });
});
