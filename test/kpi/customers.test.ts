import { describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { activeCustomersAt, customerKpis, purchaseFrequency } from "~/kpi/customers";
import { prepareKpiData } from "~/kpi/prepare";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput } from "~/kpi/types";
import { at, sale } from "./support/builders";
import { customerStore } from "./support/customer-store";

const settings = resolveSettings({ timezone: "UTC", activityWindowDays: 30 });
const data = prepareKpiData(customerStore, settings);
const NOW = at("2024-06-01T00:00:00Z");
const MARCH = parsePeriod("2024-03", "UTC", NOW); // [1 Mar, 1 Apr)

describe("customer KPIs of March 2024 (W = 30)", () => {
  const kpis = customerKpis(data, MARCH, 30);

  it("counts customers with counted orders and new customers", () => {
    // c1, c3, c4, c5, c6 (the guest order joins c6); not the email-less guest, not c2's cancelled order
    expect(kpis.customers).toBe(5);
    expect(kpis.newCustomers).toBe(3); // c3, c5, c6 (c6's first order is the guest order of 25 Mar)
  });

  it("finds S, E, Nₑ, R and reactivated", () => {
    expect(kpis.activeAtStart).toBe(3); // orders in [31 Jan, 1 Mar): c1, c2, c8
    expect(kpis.activeAtEnd).toBe(4); // orders in [2 Mar, 1 Apr): c1, c3, c4, c6 — c5 bought on 1 Mar
    expect(kpis.newStillActive).toBe(2); // c3, c6 (P is 31 days, longer than W, so Nₑ < N)
    expect(kpis.retained).toBe(1); // c1
    expect(kpis.reactivated).toBe(1); // c4
  });

  it("computes CRR and churn with their identities", () => {
    expect(kpis.retentionRate).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 }); // (E − Nₑ) ÷ S = (4 − 2) ÷ 3
    expect(kpis.churnRate).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 }); // (S − R) ÷ S = (3 − 1) ÷ 3
    expect(1 - (kpis.churnRate.value ?? NaN)).toBeCloseTo(1 / 3, 12); // R ÷ S
    expect(kpis.retentionRate.value).toBeCloseTo(1 / 3 + 1 / 3, 12); // R ÷ S + reactivated ÷ S
  });

  it("computes the returning customer rate over the full history", () => {
    // c1 (10 Feb, 5 Mar) and c4 (3 orders) have ≥ 2 counted orders up to 1 Apr; c3, c5, c6 have one
    expect(kpis.returningCustomerRate).toEqual({ value: 0.4, numerator: 2, denominator: 5 });
  });

  it("ignores a customer with no orders", () => {
    expect(activeCustomersAt(data, MARCH.end, 730).has("customer:c7")).toBe(false);
  });
});

describe("purchase frequency", () => {
  it("divides identified customers' orders by those customers over the 365 days ending at the end", () => {
    // 1 Apr 2024 − 365 days = 2 Apr 2023 (29 Feb in between), so c4's order of 1 Apr 2023 is out:
    // c1 2, c2 1, c3 1, c4 2, c5 1, c6 1, c8 1 = 9 orders by 7 customers
    expect(purchaseFrequency(data, MARCH.end)).toEqual({ value: 9 / 7, numerator: 9, denominator: 7 });
  });
});

describe("zero denominators", () => {
  it("gives null, never 0", () => {
    const empty = prepareKpiData({ ...customerStore, orders: [], refunds: [] }, settings);
    const kpis = customerKpis(empty, MARCH, 30);
    expect(kpis.customers).toBe(0);
    expect(kpis.retentionRate.value).toBeNull();
    expect(kpis.churnRate.value).toBeNull();
    expect(kpis.returningCustomerRate.value).toBeNull();
    expect(purchaseFrequency(empty, MARCH.end).value).toBeNull();
  });

  it("is null for churn when nobody was active at the start, even with new customers", () => {
    const january = parsePeriod("2024-01", "UTC", NOW);
    const onlyNew: KpiInput = { ...customerStore, orders: [sale("n1", "2024-01-10T12:00:00Z", "z1", 100)] };
    const kpis = customerKpis(prepareKpiData(onlyNew, settings), january, 30);
    expect([kpis.newCustomers, kpis.activeAtStart, kpis.churnRate.value, kpis.retentionRate.value]).toEqual([
      1,
      0,
      null,
      null,
    ]);
  });
});

describe("an order later moved to a customer", () => {
  it("follows its newest version, whichever arrives first", () => {
    const guest = sale("m", "2024-03-10T12:00:00Z", null, 100); // no customer, no email: nobody's
    const moved = { ...guest, customerId: "c42", updatedAt: at("2024-03-11T00:00:00Z") };
    for (const orders of [
      [guest, moved],
      [moved, guest],
    ]) {
      const kpis = customerKpis(prepareKpiData({ ...customerStore, orders }, settings), MARCH, 30);
      expect([kpis.customers, kpis.newCustomers]).toEqual([1, 1]);
    }
  });
});

describe("activity windows count local calendar days", () => {
  it("starts the window at local midnight W days back, not W × 24 h back", () => {
    const WAW = "Europe/Warsaw";
    const warsaw = resolveSettings({ timezone: WAW, activityWindowDays: 30 });
    // t = 1 Apr 2024 00:00 CEST = 31 Mar 22:00Z; t − 30 local days = 2 Mar 00:00 CET = 1 Mar 23:00Z.
    // (30 × 24 h back would be 1 Mar 22:00Z, wrongly taking in the 22:30Z order.)
    const input: KpiInput = {
      ...customerStore,
      orders: [
        sale("in", "2024-03-01T23:00:00Z", "inside", 100),
        sale("out", "2024-03-01T22:30:00Z", "outside", 100),
      ],
    };
    const active = activeCustomersAt(prepareKpiData(input, warsaw), at("2024-03-31T22:00:00Z"), 30);
    expect([...active]).toEqual(["customer:inside"]);
  });
});
