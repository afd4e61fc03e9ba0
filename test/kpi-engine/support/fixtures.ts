/**
 * The hand-computed fixtures of test/kpi/sales.test.ts and test/kpi/abandonment.test.ts (declared inline
 * there), repeated record for record so the SQL engine is checked against the same literal values.
 */
import type { KpiInput } from "~/kpi/types";
import { at, cart, checkout, order, refund } from "../../kpi/support/builders";

const xVersion1 = order({
  id: "X",
  at: "2024-03-07T10:00:00Z",
  customerId: "c9",
  lines: [{ quantity: 1, priceMinor: 4000 }],
});

/** Europe/Warsaw, March 2024 (see test/kpi/sales.test.ts for the hand computation). */
export const salesStore: KpiInput = {
  orders: [
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
    order({
      id: "B",
      at: "2024-03-10T12:00:00Z",
      email: "guest@example.com",
      lines: [{ quantity: 1, priceMinor: 3000 }],
      shippingMinor: 500,
      taxesMinor: 600,
      dutiesMinor: 200,
    }),
    order({ id: "C", at: "2024-03-31T21:30:00Z", customerId: "c2", taxesMinor: 200 }),
    order({
      id: "D",
      at: "2024-02-29T23:30:00Z",
      customerId: "c3",
      lines: [{ quantity: 1, priceMinor: 2500 }],
    }),
    order({
      id: "E",
      at: "2024-03-31T22:30:00Z",
      customerId: "c3",
      lines: [{ quantity: 1, priceMinor: 9999 }],
    }),
    order({
      id: "P",
      at: "2024-04-02T09:00:00Z",
      processedAt: at("2024-03-15T10:00:00Z"),
      customerId: "c4",
      lines: [{ quantity: 1, priceMinor: 700 }],
    }),
    order({ id: "T", at: "2024-03-06T10:00:00Z", test: true, lines: [{ quantity: 5, priceMinor: 10_000 }] }),
    order({ id: "Del", at: "2024-03-09T10:00:00Z", deleted: true }),
    { ...xVersion1, cancelledAt: at("2024-04-02T08:00:00Z"), updatedAt: at("2024-04-02T08:00:00Z") },
    xVersion1, // older, uncancelled version delivered late: must not resurrect X
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
    refund("r-x", "X", "2024-03-08T10:00:00Z", { linesSubtotalMinor: 4000 }),
    refund("r-ghost", "unknown-order", "2024-03-08T10:00:00Z", { linesSubtotalMinor: 999 }),
  ],
  checkouts: [],
  carts: [],
  customers: [],
};

/** UTC, 10 March 2024 at noon (see test/kpi/abandonment.test.ts). */
export const abandonmentStore: KpiInput = {
  checkouts: [
    checkout("k1", "2024-03-10T08:00:00Z", "2024-03-10T08:20:00Z"),
    checkout("k2", "2024-03-10T09:00:00Z"),
    checkout("k3", "2024-03-10T09:30:00Z"),
    checkout("k4", "2024-03-10T11:50:00Z"),
    checkout("k5", "2024-03-10T11:49:59.999Z"),
    checkout("k6", "2024-03-10T11:55:00Z"),
    checkout("k7", "2024-03-10T11:55:00Z", "2024-03-10T11:57:00Z"),
    checkout("k8", "2024-03-09T23:00:00Z"),
    checkout("k9", "2024-03-10T10:00:00Z", "2024-03-10T10:09:00Z", "2024-03-10T10:10:00Z"),
    checkout("k9", "2024-03-10T10:00:00Z", null, "2024-03-10T10:05:00Z"),
    checkout("k10", "2024-03-10T07:00:00Z"),
  ],
  orders: [
    order({ id: "recovered", at: "2024-03-10T11:00:00Z", checkoutToken: "k3" }),
    order({ id: "test", at: "2024-03-10T07:05:00Z", checkoutToken: "k10", test: true }),
    order({ id: "cart-order", at: "2024-03-10T09:10:00Z", cartToken: "cart1" }),
  ],
  carts: [
    cart("cart1", "2024-03-10T09:00:00Z"),
    cart("cart2", "2024-03-10T09:00:00Z"),
    cart("cart3", "2024-03-10T11:55:00Z"),
  ],
  refunds: [],
  customers: [],
};
