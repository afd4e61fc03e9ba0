/**
 * A seeded random store with everything the KPIs look at: repeat and lapsing customers, guests with and
 * without an email (some joining a customer created later), test, cancelled and deleted orders, refunds
 * (some booked days later), checkouts (completed, recovered, abandoned, fresh) and carts.
 */
import type { KpiCart, KpiCheckout, KpiCustomer, KpiInput, KpiOrder, KpiRefund } from "~/kpi/types";
import { addLocalDays, startOfLocalDayContaining } from "~/kpi/calendar/zone";
import { order, sale } from "../../kpi/support/builders";
import { randomInt, seededRandom } from "../../../fake-shopify/deterministic";

const DAY = 86_400_000;

export interface RandomStoreOptions {
  readonly seed: number;
  readonly customers: number;
  readonly from: Date;
  readonly days: number;
}

export function randomStore({ seed, customers, from, days }: RandomStoreOptions): KpiInput {
  const random = seededRandom(seed);
  const start = from.getTime();
  const end = start + days * DAY;
  const orders: KpiOrder[] = [];
  const refunds: KpiRefund[] = [];
  const checkouts: KpiCheckout[] = [];
  const carts: KpiCart[] = [];
  const known: KpiCustomer[] = [];
  let n = 0;
  for (let c = 0; c < customers; c++) {
    let t = start + random() * days * DAY;
    const count = randomInt(random, 1, 6);
    if (random() < 0.7) known.push({ id: `c${c}`, email: `c${c}@example.com`, createdAt: new Date(start + random() * days * DAY) });
    for (let i = 0; i < count && t < end; i++) {
      const kind = random();
      const id = `o${n++}`;
      const token = `k${id}`;
      const lines = [{ quantity: randomInt(random, 1, 3), priceMinor: randomInt(random, 100, 20_000) }];
      orders.push(
        order({
          id,
          at: new Date(t).toISOString(),
          customerId: kind < 0.12 ? null : `c${c}`,
          // guests: some with the customer's email (joins them), some with their own, some with none
          email: kind < 0.05 ? ` C${c}@Example.com` : kind < 0.09 ? `guest${c}@example.com` : null,
          lines,
          discountsMinor: random() < 0.3 ? randomInt(random, 0, 100) : 0,
          shippingMinor: randomInt(random, 0, 900),
          taxesMinor: randomInt(random, 0, 500),
          dutiesMinor: random() < 0.1 ? randomInt(random, 0, 300) : 0,
          test: kind > 0.97,
          cancelledAt: kind > 0.94 && kind <= 0.97 ? new Date(t + DAY) : null,
          deleted: kind > 0.93 && kind <= 0.94,
          checkoutToken: random() < 0.8 ? token : null,
          cartToken: random() < 0.5 ? `cart-${id}` : null,
        }),
      );
      if (random() < 0.15) {
        const later = t + random() * 40 * DAY;
        refunds.push({
          id: `r${id}`,
          orderId: id,
          processedAt: new Date(later),
          createdAt: new Date(later),
          linesSubtotalMinor: randomInt(random, 1, lines[0]!.priceMinor),
          shippingMinor: random() < 0.3 ? randomInt(random, 0, 200) : 0,
          taxesMinor: randomInt(random, 0, 100),
          dutiesMinor: 0,
        });
      }
      t += random() < 0.5 ? random() * 40 * DAY : random() * 300 * DAY;
    }
  }
  // Checkouts: one per order with a token (created minutes before it), plus abandoned and fresh ones.
  for (const o of orders) {
    if (o.checkoutToken) {
      const created = new Date(o.createdAt.getTime() - 10 * 60_000);
      checkouts.push({ token: o.checkoutToken, createdAt: created, updatedAt: created, completedAt: random() < 0.5 ? o.createdAt : null });
    }
    if (o.cartToken) carts.push({ token: o.cartToken, createdAt: new Date(o.createdAt.getTime() - 30 * 60_000), updatedAt: o.createdAt });
  }
  for (let i = 0; i < customers; i++) {
    const created = new Date(start + random() * days * DAY);
    checkouts.push({ token: `lost${i}`, createdAt: created, updatedAt: created, completedAt: null });
    if (i % 3 === 0) carts.push({ token: `lost-cart${i}`, createdAt: created, updatedAt: created });
  }
  return { orders, refunds, checkouts, carts, customers: known };
}

/** Checkouts and carts created in the last minutes before `now`: some undecided, one exactly at the grace time. */
export function freshActivity(now: Date, graceMinutes: number): Pick<KpiInput, "checkouts" | "carts"> {
  const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  return {
    checkouts: [
      { token: "fresh-1", createdAt: at(2), updatedAt: at(2), completedAt: null },
      { token: "fresh-grace", createdAt: at(graceMinutes), updatedAt: at(graceMinutes), completedAt: null },
      { token: "fresh-old", createdAt: at(graceMinutes + 1), updatedAt: at(graceMinutes + 1), completedAt: null },
      { token: "fresh-done", createdAt: at(3), updatedAt: at(1), completedAt: at(1) },
    ],
    carts: [{ token: "fresh-cart", createdAt: at(1), updatedAt: at(1) }],
  };
}

/**
 * Customers whose orders sit exactly on instants that the periods at `now` compare with, where an
 * off-by-one comparison would count them wrongly (the edge corrections of periods ending at now, in
 * app/kpi-engine/edge-counts.server.ts, and the whole-day counts of the last 365 days):
 * - one orders at the local midnight of the day a year before now and again later that day, before
 *   now's time of day (a previous order exactly at that midnight);
 * - two place their first order on the first day of the last 365 days and of this year, and the next
 *   one today before now (new in those periods; newly active today when W is shorter than the gap);
 * - three order on the day W days before this year began (so they are active at its start) and next
 *   today, or W days before now and never again (two active again today, one lapsing today: a
 *   mistake on both sides must not cancel out);
 * - one orders on that same day, on the first day of this year, and today (their previous order is then
 *   inside the year, so whether they were active at its start is read from their history).
 */
export function boundaryOrders(now: Date, zone: string, windowDays: number): KpiOrder[] {
  const today = startOfLocalDayContaining(now, zone);
  const yearBefore = addLocalDays(now, -365, zone);
  const yearBeforeMidnight = startOfLocalDayContaining(yearBefore, zone);
  const local = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric" });
  const thisYear = Number(local.format(now));
  const newYear = startOfLocalDayContaining(new Date(Date.UTC(thisYear, 0, 1, 12)), zone);
  const hour = 3_600_000;
  const iso = (instant: Date) => instant.toISOString();
  return [
    sale("edge-midnight-1", iso(yearBeforeMidnight), "edge-midnight", 4_100),
    sale("edge-midnight-2", iso(new Date(yearBefore.getTime() - hour)), "edge-midnight", 2_300),
    sale("edge-rolling-1", iso(addLocalDays(today, -365, zone)), "edge-rolling", 1_900),
    sale("edge-rolling-2", iso(new Date(now.getTime() - hour)), "edge-rolling", 3_700),
    sale("edge-year-1", iso(new Date(newYear.getTime() + 2 * hour)), "edge-year", 5_300),
    sale("edge-year-2", iso(new Date(now.getTime() - 2 * hour)), "edge-year", 2_900),
    sale("edge-back-1", iso(addLocalDays(newYear, -windowDays, zone)), "edge-back", 1_300),
    sale("edge-back-2", iso(new Date(now.getTime() - 3 * hour)), "edge-back", 1_700),
    sale("edge-back-again-1", iso(new Date(addLocalDays(newYear, -windowDays, zone).getTime() + 2 * hour)), "edge-back-again", 1_100),
    sale("edge-back-again-2", iso(new Date(now.getTime() - 4 * hour)), "edge-back-again", 1_500),
    sale("edge-deep-1", iso(new Date(addLocalDays(newYear, -windowDays, zone).getTime() + 3 * hour)), "edge-deep", 900),
    sale("edge-deep-2", iso(new Date(newYear.getTime() + hour)), "edge-deep", 1_200),
    sale("edge-deep-3", iso(new Date(now.getTime() - 5 * hour)), "edge-deep", 1_400),
    sale("edge-lapse-1", iso(new Date(addLocalDays(newYear, -windowDays, zone).getTime() + 5 * hour)), "edge-lapse", 2_100),
    sale("edge-lapse-2", iso(new Date(addLocalDays(now, -windowDays, zone).getTime() - hour)), "edge-lapse", 2_500),
  ];
}
