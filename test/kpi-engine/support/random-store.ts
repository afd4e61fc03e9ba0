/**
 * A seeded random store with everything the KPIs look at: repeat and lapsing customers, guests with and
 * without an email (some joining a customer created later), test, cancelled and deleted orders, refunds
 * (some booked days later), checkouts (completed, recovered, abandoned, fresh) and carts.
 */
import type { KpiCart, KpiCheckout, KpiCustomer, KpiInput, KpiOrder, KpiRefund } from "~/kpi/types";
import { addLocalDays, startOfLocalDayContaining } from "~/kpi/calendar/zone";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import { periodContaining } from "~/kpi/calendar/period";
import { CALENDAR_GRANULARITIES } from "~/kpi-engine/periods";
import { order, refund, sale } from "../../kpi/support/builders";
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
    if (random() < 0.7)
      known.push({
        id: `c${c}`,
        email: `c${c}@example.com`,
        createdAt: new Date(start + random() * days * DAY),
      });
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
      checkouts.push({
        token: o.checkoutToken,
        createdAt: created,
        updatedAt: created,
        completedAt: random() < 0.5 ? o.createdAt : null,
      });
    }
    if (o.cartToken)
      carts.push(
        ...cartVersions(
          o.cartToken,
          new Date(o.createdAt.getTime() - 30 * 60_000),
          o.createdAt,
          carts.length,
        ),
      );
  }
  for (let i = 0; i < customers; i++) {
    const created = new Date(start + random() * days * DAY);
    checkouts.push({ token: `lost${i}`, createdAt: created, updatedAt: created, completedAt: null });
    if (i % 3 === 0)
      carts.push(...cartVersions(`lost-cart${i}`, created, new Date(created.getTime() + 5 * 60_000), i));
  }
  return { orders, refunds, checkouts, carts, customers: known };
}

/**
 * The webhooks of one cart, in the order they arrive: a create then an update, an update overtaking its
 * create, an update whose create never came (not a cart for the KPIs), or a create alone.
 */
function cartVersions(token: string, created: Date, updated: Date, k: number): KpiCart[] {
  const create: KpiCart = { token, createdAt: created, updatedAt: created, fromCreate: true };
  const update: KpiCart = { token, createdAt: created, updatedAt: updated, fromCreate: false };
  return [[create, update], [update, create], [update], [{ ...create, updatedAt: updated }]][k % 4]!;
}

/** Checkouts and carts created in the last minutes before `now`: some undecided, one exactly at the grace time. */
export function freshActivity(now: Date, graceMinutes: number): Pick<KpiInput, "checkouts" | "carts"> {
  const at = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  return {
    checkouts: [
      { token: "fresh-1", createdAt: at(2), updatedAt: at(2), completedAt: null },
      { token: "fresh-grace", createdAt: at(graceMinutes), updatedAt: at(graceMinutes), completedAt: null },
      {
        token: "fresh-old",
        createdAt: at(graceMinutes + 1),
        updatedAt: at(graceMinutes + 1),
        completedAt: null,
      },
      { token: "fresh-done", createdAt: at(3), updatedAt: at(1), completedAt: at(1) },
    ],
    carts: [
      { token: "fresh-cart", createdAt: at(1), updatedAt: at(1), fromCreate: true },
      {
        token: "fresh-cart-update-only",
        createdAt: at(graceMinutes + 2),
        updatedAt: at(1),
        fromCreate: false,
      },
    ],
  };
}

/**
 * Orders and refunds exactly on the instants the periods at `now` are cut at and compared with, where an
 * off-by-one comparison would count them wrongly (the edge corrections of periods ending inside a day,
 * app/kpi-engine/edge-counts.server.ts, and the whole-day counts around them). The instants: now (c),
 * today's midnight, c − W and c − 365 and c − 730 with their days' midnights, the start of every period
 * in progress and of its comparisons, those starts − W, and two hours before each of c, c − W, c − 365
 * and c − 730. One customer orders at each pair of instants (with a refund of the first order booked at
 * the second), and one at each pair followed by an order two hours before now, so every rank and
 * neighbour case occurs.
 */
export function boundaryStore(
  now: Date,
  zone: string,
  windowDays: number,
): Pick<KpiInput, "orders" | "refunds"> {
  const hour = 3_600_000;
  const midnightOf = (instant: Date) => startOfLocalDayContaining(instant, zone);
  const shifted = [
    now,
    addLocalDays(now, -windowDays, zone),
    addLocalDays(now, -365, zone),
    addLocalDays(now, -730, zone),
  ];
  const starts = CALENDAR_GRANULARITIES.flatMap((granularity) => {
    const current = periodContaining(granularity, now, zone, now);
    return [current, previousPeriod(current), yearAgoPeriod(current)].flatMap((p) => [p.start, p.end]);
  });
  const instants = [
    ...shifted,
    ...shifted.map(midnightOf),
    ...shifted.map((t) => new Date(t.getTime() - 2 * hour)),
    ...starts,
    ...starts.map((t) => addLocalDays(midnightOf(t), -windowDays, zone)),
  ];
  const keys = [...new Set(instants.map((t) => t.getTime()))]
    .filter((t) => t <= now.getTime())
    .sort((a, b) => a - b);
  const iso = (t: number) => new Date(t).toISOString();
  const orders: KpiOrder[] = [];
  const refunds: KpiRefund[] = [];
  const customer = (name: string, times: readonly number[]) => {
    times.forEach((t, k) => orders.push(sale(`${name}-${k}`, iso(t), name, 1_000 + 10 * orders.length)));
    if (times.length >= 2)
      refunds.push(
        refund(`${name}-r`, `${name}-0`, iso(times[times.length - 1]!), { linesSubtotalMinor: 300 }),
      );
  };
  keys.forEach((first, i) =>
    keys.slice(i + 1).forEach((second, j) => customer(`edge-${i}-${i + 1 + j}`, [first, second])),
  );
  // Triples ending two hours before now: a third order lets the middle one be a repeat with a neighbour
  // on each side (today's midnight among them).
  const last = now.getTime() - 2 * hour;
  const before = keys.filter((t) => t < last);
  before.forEach((first, i) =>
    before.slice(i + 1).forEach((second, j) => customer(`edge3-${i}-${i + 1 + j}`, [first, second, last])),
  );
  return { orders, refunds };
}
