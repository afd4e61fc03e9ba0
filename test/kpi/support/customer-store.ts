/**
 * A small store (timezone UTC, W = 30 days) whose customer KPIs for March 2024 are worked out by
 * hand in the tests. Amounts are in cents.
 *
 *   c1  10 Feb 10.00, 5 Mar 20.00 (5.00 refunded 28 Mar)         active at start and end: retained
 *   c2  15 Feb 15.00; a cancelled 8 Mar order                      active at start only: churned
 *   c3  10 Mar 30.00 − 3.00 discount (10.00 refunded 3 Apr)        new, active at end
 *   c4  1 Apr 2023 5.00, 1 Dec 2023 8.00, 20 Mar 24 12.00          back after a gap: reactivated
 *   c5  1 Mar 10:00 7.00                                           new, no longer active at end (P > W)
 *   c6  guest order 25 Mar 25.00 ("Six@Example.com "), customer created 5 Apr, order 6 Apr 40.00
 *   c7  a customer with no orders
 *   c8  20 Feb 6.00                                                active at start only: churned
 *   c9  15 Mar 2023 10.00                                          only matters to annual churn
 *   guest without email, 12 Mar 50.00                              orders only
 */
import type { KpiInput } from "~/kpi/types";
import { customer, refund, sale } from "./builders";

export const customerStore: KpiInput = {
  orders: [
    sale("o1a", "2024-02-10T12:00:00Z", "c1", 1000),
    sale("o1b", "2024-03-05T12:00:00Z", "c1", 2000),
    sale("o2a", "2024-02-15T12:00:00Z", "c2", 1500),
    sale("o2x", "2024-03-08T12:00:00Z", "c2", 9999, { cancelledAt: new Date("2024-03-09T00:00:00Z") }),
    sale("o3", "2024-03-10T12:00:00Z", "c3", 3000, { discountsMinor: 300 }),
    sale("o4a", "2023-04-01T12:00:00Z", "c4", 500),
    sale("o4b", "2023-12-01T12:00:00Z", "c4", 800),
    sale("o4c", "2024-03-20T12:00:00Z", "c4", 1200),
    sale("o5", "2024-03-01T10:00:00Z", "c5", 700),
    sale("o6a", "2024-03-25T12:00:00Z", null, 2500, { email: "Six@Example.com " }),
    sale("o6b", "2024-04-06T12:00:00Z", "c6", 4000, { email: "six@example.com" }),
    sale("o8", "2024-02-20T12:00:00Z", "c8", 600),
    sale("o9", "2023-03-15T12:00:00Z", "c9", 1000),
    sale("og", "2024-03-12T12:00:00Z", null, 5000),
  ],
  refunds: [
    refund("rf1", "o1b", "2024-03-28T12:00:00Z", { linesSubtotalMinor: 500 }),
    refund("rf3", "o3", "2024-04-03T12:00:00Z", { linesSubtotalMinor: 1000 }),
  ],
  checkouts: [],
  carts: [],
  customers: [
    customer("c1", "one@example.com", "2024-02-10T12:00:00Z"),
    customer("c6", "six@example.com", "2024-04-05T09:00:00Z"),
    customer("c7", "seven@example.com", "2024-01-01T00:00:00Z"),
  ],
};

/** Marketing spend of 30.00 a month from April 2023 to March 2024. */
export const monthlySpend: Record<string, number> = Object.fromEntries(
  [
    "2023-04",
    "2023-05",
    "2023-06",
    "2023-07",
    "2023-08",
    "2023-09",
    "2023-10",
    "2023-11",
    "2023-12",
    "2024-01",
    "2024-02",
    "2024-03",
  ].map((month) => [month, 3000]),
);
