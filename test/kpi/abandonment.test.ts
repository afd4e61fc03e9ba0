import { describe, expect, it } from "vitest";
import { cartAbandonment, checkoutAbandonment } from "~/kpi/abandonment";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { prepareKpiData } from "~/kpi/prepare";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput } from "~/kpi/types";
import { cart, checkout, order } from "./support/builders";

const NOW = new Date("2024-03-10T12:00:00Z");
const TODAY = parsePeriod("2024-03-10", "UTC", NOW); // in progress: [10 Mar 00:00, now)
const settings = resolveSettings({ timezone: "UTC" }); // grace 10 minutes

const input: KpiInput = {
  checkouts: [
    checkout("k1", "2024-03-10T08:00:00Z", "2024-03-10T08:20:00Z"), // completed
    checkout("k2", "2024-03-10T09:00:00Z"), // abandoned
    checkout("k3", "2024-03-10T09:30:00Z"), // abandoned, then recovered: an order carries its token
    checkout("k4", "2024-03-10T11:50:00Z"), // exactly 10 min old: still inside the grace time
    checkout("k5", "2024-03-10T11:49:59.999Z"), // 1 ms more than the grace time: abandoned
    checkout("k6", "2024-03-10T11:55:00Z"), // inside the grace time: undecided
    checkout("k7", "2024-03-10T11:55:00Z", "2024-03-10T11:57:00Z"), // completed inside the grace time: counts
    checkout("k8", "2024-03-09T23:00:00Z"), // created the day before: not in P
    // k9 in two versions delivered out of order: the newest (completed) wins
    checkout("k9", "2024-03-10T10:00:00Z", "2024-03-10T10:09:00Z", "2024-03-10T10:10:00Z"),
    checkout("k9", "2024-03-10T10:00:00Z", null, "2024-03-10T10:05:00Z"),
    checkout("k10", "2024-03-10T07:00:00Z"), // completed by a test order: any order counts
  ],
  orders: [
    order({ id: "recovered", at: "2024-03-10T11:00:00Z", checkoutToken: "k3" }),
    order({ id: "test", at: "2024-03-10T07:05:00Z", checkoutToken: "k10", test: true }),
    order({ id: "cart-order", at: "2024-03-10T09:10:00Z", cartToken: "cart1" }),
  ],
  carts: [
    cart("cart1", "2024-03-10T09:00:00Z"), // an order carries its token: completed
    cart("cart2", "2024-03-10T09:00:00Z"), // abandoned
    cart("cart3", "2024-03-10T11:55:00Z"), // undecided
  ],
  refunds: [],
  customers: [],
};
const data = prepareKpiData(input, settings);

describe("checkout abandonment", () => {
  it("applies the grace rule and counts recovered checkouts as completed", () => {
    const kpis = checkoutAbandonment(data, TODAY, NOW, settings.graceMinutes);
    expect(kpis.created).toBe(9); // k1–k7, k9, k10
    expect(kpis.completed).toBe(5); // k1, k3, k7, k9, k10
    expect(kpis.abandoned).toBe(2); // k2, k5
    expect(kpis.undecided).toBe(2); // k4 (exactly 10 min), k6
    expect(kpis.abandonmentRate).toEqual({ value: 2 / 7, numerator: 2, denominator: 7 }); // 2 ÷ (5 + 2)
    expect(kpis.completionRate).toEqual({ value: 5 / 7, numerator: 5, denominator: 7 });
    expect((kpis.completionRate.value ?? NaN) + (kpis.abandonmentRate.value ?? NaN)).toBeCloseTo(1, 12);
  });

  it("decides the boundary checkout once the grace time has passed", () => {
    const later = new Date("2024-03-10T12:00:00.001Z"); // k4 is now 1 ms over 10 min; k6 still inside
    const kpis = checkoutAbandonment(data, TODAY, later, settings.graceMinutes);
    expect([kpis.abandoned, kpis.undecided]).toEqual([3, 1]); // k2, k4, k5 | k6
  });

  it("is null when nothing is decided yet", () => {
    const fresh = prepareKpiData({ ...input, checkouts: [checkout("n", "2024-03-10T11:58:00Z")] }, settings);
    const kpis = checkoutAbandonment(fresh, TODAY, NOW, settings.graceMinutes);
    expect([kpis.created, kpis.undecided, kpis.abandonmentRate.value, kpis.completionRate.value]).toEqual([
      1,
      1,
      null,
      null,
    ]);
  });
});

describe("cart abandonment", () => {
  it("matches carts to orders by cart token", () => {
    const kpis = cartAbandonment(data, TODAY, NOW, settings.graceMinutes);
    expect([kpis.created, kpis.completed, kpis.abandoned, kpis.undecided]).toEqual([3, 1, 1, 1]);
    expect(kpis.abandonmentRate).toEqual({ value: 0.5, numerator: 1, denominator: 2 }); // 1 ÷ (1 + 1)
  });

  it("counts a cart from its carts/create only, whatever order the webhooks came in", () => {
    const versions = prepareKpiData(
      {
        ...input,
        orders: [
          ...input.orders,
          order({ id: "late-order", at: "2024-03-10T09:40:00Z", cartToken: "late" }),
          order({ id: "orphan-order", at: "2024-03-10T09:40:00Z", cartToken: "orphan" }),
        ],
        carts: [
          ...input.carts,
          cart("late", "2024-03-10T09:00:00Z", { at: "2024-03-10T09:30:00Z" }), // the update overtakes the create…
          cart("late", "2024-03-10T09:00:00Z"), // …which still makes it a cart: completed by late-order
          cart("orphan", "2024-03-10T09:00:00Z", { at: "2024-03-10T09:20:00Z" }), // an update alone: no cart, order or not
          cart("lonely", "2024-03-10T08:00:00Z", { at: "2024-03-10T08:10:00Z" }), // an update alone, never ordered: no cart
        ],
      },
      settings,
    );
    const kpis = cartAbandonment(versions, TODAY, NOW, settings.graceMinutes);
    // cart1 and late completed, cart2 abandoned, cart3 undecided; orphan and lonely do not exist.
    expect([kpis.created, kpis.completed, kpis.abandoned, kpis.undecided]).toEqual([4, 2, 1, 1]);
    expect(kpis.abandonmentRate).toEqual({ value: 1 / 3, numerator: 1, denominator: 3 }); // 1 ÷ (2 + 1)
  });
});
