import { describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { prepareKpiData } from "~/kpi/prepare";
import { salesGrowth, salesKpis } from "~/kpi/sales";
import type { KpiSettings } from "~/kpi/settings";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput } from "~/kpi/types";
import { at, order, refund } from "./support/builders";

const WAW = "Europe/Warsaw";
const NOW = at("2024-04-10T12:00:00Z");
/** March 2024 in Warsaw: 29 Feb 23:00Z … 31 Mar 22:00Z. */
const MARCH = parsePeriod("2024-03", WAW, NOW);
const FEBRUARY = parsePeriod("2024-02", WAW, NOW);

const xVersion1 = order({
  id: "X",
  at: "2024-03-07T10:00:00Z",
  customerId: "c9",
  lines: [{ quantity: 1, priceMinor: 4000 }],
});

const store: KpiInput = {
  orders: [
    // A: 2 × 15.00 + 1 × 20.00 = 50.00 gross, 3 units, 5.00 off, 8.00 shipping, 10.00 tax
    order({
      id: "A",
      at: "2024-03-05T10:00:00Z",
      customerId: "c1",
      lines: [
        { quantity: 2, priceMinor: 1500 },
        { quantity: 1, priceMinor: 2000 },
      ],
      discountsMinor: 500,
      shippingMinor: 800,
      taxesMinor: 1000,
    }),
    // B: guest with email; 30.00, 5.00 shipping, 6.00 tax, 2.00 duties
    order({
      id: "B",
      at: "2024-03-10T12:00:00Z",
      email: "guest@example.com",
      lines: [{ quantity: 1, priceMinor: 3000 }],
      shippingMinor: 500,
      taxesMinor: 600,
      dutiesMinor: 200,
    }),
    // C: 31 Mar 23:30 CEST (21:30Z) is still March locally
    order({ id: "C", at: "2024-03-31T21:30:00Z", customerId: "c2", taxesMinor: 200 }),
    // D: 29 Feb 23:30Z is 1 Mar 00:30 CET → March, although February in UTC
    order({
      id: "D",
      at: "2024-02-29T23:30:00Z",
      customerId: "c3",
      lines: [{ quantity: 1, priceMinor: 2500 }],
    }),
    // E: 31 Mar 22:30Z is 1 Apr 00:30 CEST → April, although March in UTC
    order({
      id: "E",
      at: "2024-03-31T22:30:00Z",
      customerId: "c3",
      lines: [{ quantity: 1, priceMinor: 9999 }],
    }),
    // P: imported on 2 Apr but processed 15 Mar → booked in March by processed_at
    order({
      id: "P",
      at: "2024-04-02T09:00:00Z",
      processedAt: at("2024-03-15T10:00:00Z"),
      customerId: "c4",
      lines: [{ quantity: 1, priceMinor: 700 }],
    }),
    // Not counted: a test order, a deleted order, and X cancelled on 2 Apr (its newest version)
    order({ id: "T", at: "2024-03-06T10:00:00Z", test: true, lines: [{ quantity: 5, priceMinor: 10_000 }] }),
    order({ id: "Del", at: "2024-03-09T10:00:00Z", deleted: true }),
    { ...xVersion1, cancelledAt: at("2024-04-02T08:00:00Z"), updatedAt: at("2024-04-02T08:00:00Z") },
    xVersion1, // older, uncancelled version delivered late: must not resurrect X
    // Old: February order refunded in March
    order({
      id: "Old",
      at: "2024-02-20T10:00:00Z",
      customerId: "c1",
      lines: [{ quantity: 1, priceMinor: 6000 }],
    }),
  ],
  refunds: [
    refund("r-old", "Old", "2024-03-12T10:00:00Z", {
      linesSubtotalMinor: 2000,
      shippingMinor: 300,
      taxesMinor: 400,
    }),
    refund("r-a", "A", "2024-03-20T10:00:00Z", { linesSubtotalMinor: 1500, taxesMinor: 300 }),
    refund("r-x", "X", "2024-03-08T10:00:00Z", { linesSubtotalMinor: 4000 }), // cancelled order: leaves Returns
    refund("r-ghost", "unknown-order", "2024-03-08T10:00:00Z", { linesSubtotalMinor: 999 }),
  ],
  checkouts: [],
  carts: [],
  customers: [],
};

const sales = (settings: KpiSettings, range = MARCH) => salesKpis(prepareKpiData(store, settings), range);
const byRefundDate = resolveSettings({ timezone: WAW });
const byOrderDate = resolveSettings({ timezone: WAW, refundAttribution: "order-date" });

describe("sales KPIs, refunds booked on the refund date", () => {
  const march = sales(byRefundDate);

  it("counts only counted orders dated in the local period", () => {
    expect(march.orders).toBe(5); // A, B, C, D, P
    expect(march.units).toBe(7); // 3 + 1 + 1 + 1 + 1
  });

  it("sums gross sales, discounts and returns", () => {
    expect(march.grossSalesMinor).toBe(12_200); // 5000 + 3000 + 1000 + 2500 + 700
    expect(march.discountsMinor).toBe(500);
    expect(march.returnsMinor).toBe(3500); // r-old 2000 (Feb order, refunded in Mar) + r-a 1500; r-x and r-ghost excluded
    expect(march.netSalesMinor).toBe(8200); // 12200 − 500 − 3500
  });

  it("nets shipping, taxes and duties of refunds booked in P", () => {
    expect(march.shippingChargedMinor).toBe(1300); // 800 + 500
    expect(march.shippingRefundedMinor).toBe(300);
    expect(march.shippingMinor).toBe(1000);
    expect(march.taxesChargedMinor).toBe(1800); // 1000 + 600 + 200
    expect(march.taxesRefundedMinor).toBe(700); // 400 + 300
    expect(march.taxesMinor).toBe(1100);
    expect(march.dutiesMinor).toBe(200);
    expect(march.totalSalesMinor).toBe(10_500); // 8200 + 1000 + 1100 + 200
  });

  it("computes AOV both ways and units per order", () => {
    expect(march.aov).toEqual({ value: 2340, numerator: 11_700, denominator: 5 }); // (12200 − 500) ÷ 5
    // (12200 − 500 + 1300 + 1800 + 200) ÷ 5, before refunds
    expect(march.aovInclShippingAndTax).toEqual({ value: 3000, numerator: 15_000, denominator: 5 });
    expect(march.unitsPerOrder).toEqual({ value: 1.4, numerator: 7, denominator: 5 }); // 7 ÷ 5
  });

  it("leaves the February order and its refund in their own periods", () => {
    const february = sales(byRefundDate, FEBRUARY);
    expect(february.orders).toBe(1); // Old only; D belongs to March locally
    expect(february.grossSalesMinor).toBe(6000);
    expect(february.returnsMinor).toBe(0); // r-old was processed in March
    expect(february.netSalesMinor).toBe(6000);
  });
});

describe("sales KPIs, refunds booked on the order date", () => {
  it("moves each refund to its order's period", () => {
    const march = sales(byOrderDate);
    expect(march.returnsMinor).toBe(1500); // only r-a (order A is in March); r-old moves to February
    expect(march.shippingMinor).toBe(1300); // nothing refunded on March orders
    expect(march.taxesMinor).toBe(1500); // 1800 − 300
    expect(march.netSalesMinor).toBe(10_200); // 12200 − 500 − 1500
    expect(march.totalSalesMinor).toBe(13_200); // 10200 + 1300 + 1500 + 200
    const february = sales(byOrderDate, FEBRUARY);
    expect(february.returnsMinor).toBe(2000);
    expect(february.shippingMinor).toBe(-300); // 0 charged − 300 refunded
    expect(february.netSalesMinor).toBe(4000); // 6000 − 2000
  });
});

describe("a fully refunded order", () => {
  it("keeps its sale in its period and books the whole refund in the refund's period", () => {
    const input: KpiInput = {
      ...store,
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
        refund("rf", "F", "2024-04-02T10:00:00Z", {
          linesSubtotalMinor: 5000,
          shippingMinor: 500,
          taxesMinor: 1000,
        }),
      ],
    };
    const data = prepareKpiData(input, byRefundDate);
    const march = salesKpis(data, MARCH);
    const april = salesKpis(data, parsePeriod("2024-04", WAW, NOW));
    expect([march.netSalesMinor, march.totalSalesMinor]).toEqual([5000, 6500]); // 5000 + 500 + 1000
    expect([april.returnsMinor, april.netSalesMinor, april.totalSalesMinor]).toEqual([5000, -5000, -6500]);
    expect(april.aov.value).toBeNull(); // no orders in April: undefined, not 0
  });
});

describe("an order that is cancelled later", () => {
  it("leaves the counts of its period and its refunds leave Returns", () => {
    const sold = order({
      id: "K",
      at: "2024-03-05T10:00:00Z",
      customerId: "c1",
      lines: [{ quantity: 1, priceMinor: 3000 }],
    });
    const before = prepareKpiData(
      {
        ...store,
        orders: [sold],
        refunds: [refund("rk", "K", "2024-03-06T10:00:00Z", { linesSubtotalMinor: 3000 })],
      },
      byRefundDate,
    );
    expect(salesKpis(before, MARCH)).toMatchObject({ orders: 1, grossSalesMinor: 3000, returnsMinor: 3000 });
    const cancelled = {
      ...sold,
      cancelledAt: at("2024-04-05T10:00:00Z"),
      updatedAt: at("2024-04-05T10:00:00Z"),
    };
    const after = prepareKpiData(
      { ...store, orders: [sold, cancelled], refunds: before.refunds.map((b) => b.refund) },
      byRefundDate,
    );
    expect(salesKpis(after, MARCH)).toMatchObject({
      orders: 0,
      grossSalesMinor: 0,
      returnsMinor: 0,
      netSalesMinor: 0,
    });
  });
});

describe("a tax-inclusive shop", () => {
  it("takes the included line taxes out of gross sales", () => {
    const input: KpiInput = {
      ...store,
      refunds: [],
      orders: [
        // 2 × 12.30 incl. 23 % VAT (2 × 2.30 = 4.60) + 1 × 5.00 with no tax; 4.60 taxes
        order({
          id: "V",
          at: "2024-03-05T10:00:00Z",
          taxesIncluded: true,
          taxesMinor: 460,
          lines: [
            { quantity: 2, priceMinor: 1230, includedTaxMinor: 460 },
            { quantity: 1, priceMinor: 500 },
          ],
        }),
      ],
    };
    const march = salesKpis(prepareKpiData(input, byRefundDate), MARCH);
    expect(march.grossSalesMinor).toBe(2500); // 2460 − 460 + 500
    expect(march.taxesMinor).toBe(460);
    expect(march.totalSalesMinor).toBe(2960); // what the customer paid: 2460 + 500
  });

  it("ignores includedTaxMinor when the prices exclude tax", () => {
    const input: KpiInput = {
      ...store,
      refunds: [],
      orders: [
        order({
          id: "Y",
          at: "2024-03-05T10:00:00Z",
          lines: [{ quantity: 1, priceMinor: 1000, includedTaxMinor: 230 }],
        }),
      ],
    };
    expect(salesKpis(prepareKpiData(input, byRefundDate), MARCH).grossSalesMinor).toBe(1000);
  });
});

describe("local days", () => {
  it("books an order at 23:30 local time on the local day, not the UTC day", () => {
    const LA = "America/Los_Angeles";
    // 2024-03-15T06:30Z = Thursday 14 Mar 23:30 PDT
    const input: KpiInput = {
      ...store,
      refunds: [],
      orders: [order({ id: "L", at: "2024-03-15T06:30:00Z" })],
    };
    const data = prepareKpiData(input, resolveSettings({ timezone: LA }));
    expect(salesKpis(data, parsePeriod("2024-03-14", LA, NOW)).orders).toBe(1);
    expect(salesKpis(data, parsePeriod("2024-03-15", LA, NOW)).orders).toBe(0);
  });
});

describe("salesGrowth", () => {
  it("compares net sales with the previous period", () => {
    // March 8200 vs February 6000: (8200 − 6000) ÷ 6000
    expect(salesGrowth(8200, 6000)).toEqual({ value: 2200 / 6000, numerator: 2200, denominator: 6000 });
    expect(salesGrowth(3000, 6000).value).toBe(-0.5); // (3000 − 6000) ÷ 6000
  });

  it("is undefined when the previous net sales are zero or negative", () => {
    expect(salesGrowth(8200, 0).value).toBeNull();
    expect(salesGrowth(8200, -300).value).toBeNull();
  });
});

describe("settings", () => {
  it("fills the spec's defaults and rejects values out of range", () => {
    expect(resolveSettings({ timezone: WAW })).toEqual({
      timezone: WAW,
      activityWindowDays: 180,
      graceMinutes: 10,
      refundAttribution: "refund-date",
      grossMarginPct: null,
      marketingSpendByMonth: null,
    });
    expect(() => resolveSettings({ timezone: WAW, activityWindowDays: 29 })).toThrow(RangeError);
    expect(() => resolveSettings({ timezone: WAW, activityWindowDays: 731 })).toThrow(RangeError);
    expect(resolveSettings({ timezone: WAW, activityWindowDays: 730 }).activityWindowDays).toBe(730);
    expect(() => resolveSettings({ timezone: "Nowhere/City" })).toThrow(RangeError);
    expect(() => resolveSettings({ timezone: WAW, marketingSpendByMonth: { "2024-3": 100 } })).toThrow(
      RangeError,
    );
  });
});

describe("gift cards sold", () => {
  // Shopify books a gift card sold as a liability, not a sale (docs/decisions/0025-gift-cards-are-not-sales.md).
  const april = parsePeriod("2024-04", "UTC", at("2024-05-01T00:00:00Z"));
  const giftCards: KpiInput = {
    orders: [
      // 2 × 25.00 shirts and a 50.00 gift card; 5.00 off, 4.00 shipping, 3.00 tax
      order({
        id: "G1",
        at: "2024-04-03T10:00:00Z",
        customerId: "g1",
        lines: [
          { quantity: 2, priceMinor: 2500 },
          { quantity: 1, priceMinor: 5000, giftCard: true },
        ],
        discountsMinor: 500,
        shippingMinor: 400,
        taxesMinor: 300,
      }),
      // a 100.00 gift card alone
      order({
        id: "G2",
        at: "2024-04-04T10:00:00Z",
        customerId: "g2",
        lines: [{ quantity: 1, priceMinor: 10_000, giftCard: true }],
      }),
    ],
    refunds: [],
    checkouts: [],
    carts: [],
    customers: [],
  };

  it("counts neither their price in gross sales nor their units", () => {
    const s = salesKpis(prepareKpiData(giftCards, resolveSettings({ timezone: "UTC" })), april);
    expect(s.orders).toBe(2);
    expect(s.grossSalesMinor).toBe(5000); // 2 × 25.00
    expect(s.units).toBe(2);
    expect(s.netSalesMinor).toBe(4500); // 50.00 − 5.00
    expect(s.totalSalesMinor).toBe(5200); // 45.00 + 4.00 + 3.00
    expect(s.aov).toEqual({ value: 2250, numerator: 4500, denominator: 2 });
    expect(s.unitsPerOrder).toEqual({ value: 1, numerator: 2, denominator: 2 });
  });
});
