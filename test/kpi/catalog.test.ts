/**
 * The KPI catalogue: every entry is complete, and its formulas over facts counted from orders give what
 * the order-by-order report (app/kpi/compute-kpis.ts) computes on its own, KPI by KPI.
 */
import { describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import type { KpiId, KpiResult } from "~/kpi/catalog";
import {
  DASHBOARD_KPI_IDS,
  DIGEST_KPI_IDS,
  KPI_CATALOG,
  KPI_IDS,
  kpiLabel,
  kpiValuesFromFacts,
  withSpend,
} from "~/kpi/catalog";
import { translatorFor } from "~/i18n/catalog.server";
import type { KpiReport } from "~/kpi/compute-kpis";
import { computeKpisFromData } from "~/kpi/compute-kpis";
import type { CustomerFacts, KpiFacts, SalesSums } from "~/kpi/facts";
import { zeroSales } from "~/kpi/facts";
import { factsFromData } from "~/kpi/facts-from-data";
import { prepareKpiData } from "~/kpi/prepare";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput, Ratio } from "~/kpi/types";
import { at, cart, checkout } from "./support/builders";
import { customerStore, monthlySpend } from "./support/customer-store";

describe("the catalogue", () => {
  it("has one complete entry per KPI id, with texts for every label it names", () => {
    expect(Object.keys(KPI_CATALOG).sort()).toEqual([...KPI_IDS].sort());
    expect(new Set(KPI_IDS).size).toBe(KPI_IDS.length);
    for (const id of KPI_IDS) {
      const entry = KPI_CATALOG[id];
      for (const key of [entry.title, entry.description, entry.formula])
        expect(kpiLabel(key, translatorFor("en")).length, `${id} ${key}`).toBeGreaterThan(0);
      expect(entry.needs.length, id).toBeGreaterThan(0);
      for (const part of entry.page?.parts ?? []) expect(KPI_IDS, `${id} part`).toContain(part);
    }
  });

  it("gives every dashboard KPI a page with its own slug", () => {
    const slugs = DASHBOARD_KPI_IDS.map((id) => KPI_CATALOG[id].page?.slug);
    expect(slugs.every((slug) => typeof slug === "string" && /^[a-z-]+$/.test(slug))).toBe(true);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const id of DIGEST_KPI_IDS)
      expect(["money", "count", "percent", "multiple"]).toContain(KPI_CATALOG[id].format);
  });
});

const n = (value: number | null): KpiResult => ({ value, numerator: null, denominator: null });
const r = (ratio: Ratio | null): KpiResult =>
  ratio === null
    ? n(null)
    : { value: ratio.value, numerator: ratio.numerator, denominator: ratio.denominator };

/** The report's figures under the catalogue's ids. */
function reportValues(report: KpiReport): Partial<Record<KpiId, KpiResult>> {
  const s = report.sales;
  const c = report.customers;
  const abandonment = (a: KpiReport["checkoutAbandonment"]) => [
    n(a.created),
    n(a.completed),
    n(a.abandoned),
    n(a.undecided),
    r(a.abandonmentRate),
    r(a.completionRate),
  ];
  const [
    checkoutCreated,
    checkoutCompleted,
    checkoutAbandoned,
    checkoutUndecided,
    checkoutRate,
    checkoutCompletion,
  ] = abandonment(report.checkoutAbandonment);
  const [cartCreated, cartCompleted, cartAbandoned, cartUndecided, cartRate, cartCompletion] = abandonment(
    report.cartAbandonment,
  );
  return {
    orders: n(s.orders),
    units: n(s.units),
    gross_sales: n(s.grossSalesMinor),
    discounts: n(s.discountsMinor),
    returns: n(s.returnsMinor),
    shipping: n(s.shippingMinor),
    shipping_charged: n(s.shippingChargedMinor),
    shipping_refunded: n(s.shippingRefundedMinor),
    taxes: n(s.taxesMinor),
    taxes_charged: n(s.taxesChargedMinor),
    taxes_refunded: n(s.taxesRefundedMinor),
    duties: n(s.dutiesMinor),
    net_sales: n(s.netSalesMinor),
    total_sales: n(s.totalSalesMinor),
    aov: r(s.aov),
    aov_incl_shipping_tax: r(s.aovInclShippingAndTax),
    units_per_order: r(s.unitsPerOrder),
    sales_growth: r(report.salesGrowth),
    customers: n(c.customers),
    new_customers: n(c.newCustomers),
    returning_customer_rate: r(c.returningCustomerRate),
    active_at_start: n(c.activeAtStart),
    active_at_end: n(c.activeAtEnd),
    new_still_active: n(c.newStillActive),
    retained: n(c.retained),
    reactivated: n(c.reactivated),
    retention_rate: r(c.retentionRate),
    churn_rate: r(c.churnRate),
    purchase_frequency: r(report.purchaseFrequency),
    checkout_created: checkoutCreated,
    checkout_completed: checkoutCompleted,
    checkout_abandoned: checkoutAbandoned,
    checkout_undecided: checkoutUndecided,
    checkout_abandonment_rate: checkoutRate,
    checkout_completion_rate: checkoutCompletion,
    cart_created: cartCreated,
    cart_completed: cartCompleted,
    cart_abandoned: cartAbandoned,
    cart_undecided: cartUndecided,
    cart_abandonment_rate: cartRate,
    cart_completion_rate: cartCompletion,
    historical_clv: r(report.historicalClv),
    marketing_spend: n(report.marketing.spendMinor),
    cac: r(report.marketing.cac),
    roas: r(report.marketing.roas),
  };
}

describe("the catalogue over facts counted from orders", () => {
  const input: KpiInput = {
    ...customerStore,
    checkouts: [
      checkout("k1", "2024-03-03T10:00:00Z", "2024-03-03T10:05:00Z"),
      checkout("k2", "2024-03-04T10:00:00Z"),
      checkout("k3", "2024-03-31T23:55:00Z"),
    ],
    carts: [cart("c1", "2024-03-04T09:00:00Z")],
  };
  const now = at("2024-04-01T00:02:00Z"); // k3 is still inside the grace time
  const settings = resolveSettings({
    timezone: "UTC",
    activityWindowDays: 30,
    grossMarginPct: 40,
    marketingSpendByMonth: monthlySpend,
  });
  const data = prepareKpiData(input, settings);

  it.each(["2024-03", "2024-02", "2024-03-04", "2024-Q1", "2024-W10"])(
    "agrees with the order-by-order report for %s",
    (label) => {
      const period = parsePeriod(label, "UTC", now);
      const values = new Map(
        kpiValuesFromFacts(
          withSpend(period, factsFromData(data, period, settings, now), settings),
          settings,
        ).map((v) => [v.kpi, v]),
      );
      const report = computeKpisFromData(data, period, settings, now);
      for (const [kpi, want] of Object.entries(reportValues(report))) {
        const { value, numerator, denominator } = values.get(kpi as KpiId)!;
        expect({ value, numerator, denominator }, kpi).toEqual(want);
      }
      expect(values.get("formula_clv")?.value).toBe(report.formulaClv.value);
      expect(values.get("ltv_to_cac")?.value).toBe(report.marketing.ltvToCac?.value ?? null);
      expect(values.get("gross_profit")?.value).toBe(report.marketing.grossProfitMinor);
      for (const cohort of report.historicalClv.cohorts) {
        expect(values.get(`historical_clv:${cohort.cohort}`)).toEqual({
          kpi: `historical_clv:${cohort.cohort}`,
          value: cohort.value,
          numerator: cohort.netRevenueMinor,
          denominator: cohort.customers,
        });
      }
    },
  );
});

/** Facts of a period with only the given sums and counts (everything else zero). */
function factsWith(sales: Partial<SalesSums>, customers: Partial<CustomerFacts> = {}): KpiFacts {
  const none = {
    activeAtStart: 0,
    activeAtEnd: 0,
    customers: 0,
    newActiveEnd: 0,
    newCustomers: 0,
    retained: 0,
    returning: 0,
  };
  return {
    sales: { ...zeroSales(), ...sales },
    previousNetSalesMinor: 0,
    undecidedCheckouts: 0,
    undecidedCarts: 0,
    customers: { ...none, ...customers },
    year: {
      sales: zeroSales(),
      activeCustomers: 0,
      annualActiveAtStart: 0,
      annualRetained: 0,
      newCustomers: 0,
    },
    historical: { netRevenueMinor: 0, customers: 0, cohorts: [] },
    spend: { periodMinor: null, yearMinor: null },
  };
}

describe("gross profit", () => {
  const gross = KPI_CATALOG.gross_profit;
  // Net sales 10 000 − 500 − 1 500 = 8 000; shipping, taxes and duties are not sales.
  const sales = {
    grossMinor: 10_000,
    discountsMinor: 500,
    returnsMinor: 1500,
    shippingMinor: 700,
    taxesMinor: 900,
    dutiesMinor: 100,
  };

  it("is net sales × the gross margin", () => {
    expect(
      gross.fromFacts(factsWith(sales), resolveSettings({ timezone: "UTC", grossMarginPct: 35 })),
    ).toEqual({ value: 2800, numerator: null, denominator: null });
    expect(
      gross.fromFacts(factsWith(sales), resolveSettings({ timezone: "UTC", grossMarginPct: -10 })).value,
    ).toBe(-800);
  });

  it("is undefined, not zero, without a margin", () => {
    expect(gross.fromFacts(factsWith(sales), resolveSettings({ timezone: "UTC" })).value).toBeNull();
  });

  it("takes the period's returns off: March of the hand-computed store", () => {
    // March net sales 14 400 − 300 − 500 = 13 600 (compute-kpis.test.ts) × 40 % = 5 440.
    const settings = resolveSettings({ timezone: "UTC", activityWindowDays: 30, grossMarginPct: 40 });
    const march = parsePeriod("2024-03", "UTC", at("2024-06-01T00:00:00Z"));
    const facts = withSpend(
      march,
      factsFromData(prepareKpiData(customerStore, settings), march, settings, march.end),
      settings,
    );
    expect(gross.fromFacts(facts, settings).value).toBe(5440);
  });

  it("has a page of its own", () => {
    expect(gross.page?.slug).toBe("gross-profit");
    expect(DASHBOARD_KPI_IDS).toContain("gross_profit");
  });
});

describe("orders per customer", () => {
  const perCustomer = KPI_CATALOG.orders_per_customer;
  const settings = resolveSettings({ timezone: "UTC", activityWindowDays: 30 });

  it("is orders of identified customers ÷ those customers, undefined without customers", () => {
    expect(
      perCustomer.fromFacts(factsWith({ orders: 11, identifiedOrders: 9 }, { customers: 6 }), settings),
    ).toEqual({ value: 1.5, numerator: 9, denominator: 6 });
    expect(
      perCustomer.fromFacts(factsWith({ orders: 2, identifiedOrders: 0 }, { customers: 0 }), settings).value,
    ).toBeNull();
  });

  it.each([
    // Q1: c1 o1a o1b, c2 o2a (o2x cancelled), c3 o3, c4 o4c, c5 o5, c6 o6a (guest, joined by email), c8 o8 = 8 orders of 7
    // customers; og has neither customer nor email and counts in neither.
    ["2024-Q1", { value: 8 / 7, numerator: 8, denominator: 7 }],
    // March: o1b, o3, o4c, o5, o6a by c1, c3, c4, c5, c6; og left out.
    ["2024-03", { value: 1, numerator: 5, denominator: 5 }],
    // January: nobody ordered.
    ["2024-01", { value: null, numerator: 0, denominator: 0 }],
  ])("counts the hand-computed store's %s", (label, want) => {
    const period = parsePeriod(label, "UTC", at("2024-06-01T00:00:00Z"));
    const facts = withSpend(
      period,
      factsFromData(prepareKpiData(customerStore, settings), period, settings, period.end),
      settings,
    );
    expect(perCustomer.fromFacts(facts, settings)).toEqual(want);
  });

  it("has a page of its own", () => {
    expect(perCustomer.page?.slug).toBe("orders-per-customer");
    expect(DASHBOARD_KPI_IDS).toContain("orders_per_customer");
  });
});
