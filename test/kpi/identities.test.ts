/**
 * The spec's identities, 1 − churn = R ÷ S and CRR = R ÷ S + reactivated ÷ S, over every period of a
 * seeded random store — and S, E, N, R re-derived independently from local date strings.
 */
import { describe, expect, it } from "vitest";
import type { Period } from "~/kpi/calendar/period";
import { lastNDays, periodContaining, rollingDays } from "~/kpi/calendar/period";
import { customerKpis } from "~/kpi/customers";
import { prepareKpiData } from "~/kpi/prepare";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput, KpiOrder } from "~/kpi/types";
import { customer, sale } from "./support/builders";
import { randomInt, seededRandom } from "../../fake-shopify/deterministic";

const TZ = "America/Los_Angeles";
const DAY = 86_400_000;
const FIRST = Date.parse("2022-01-01T00:00:00Z");

function randomStore(seed: number): KpiInput {
  const random = seededRandom(seed);
  const orders: KpiOrder[] = [];
  for (let c = 0; c < 120; c++) {
    // Bursty customers: a start date, then gaps from days to a year, so all four fates occur.
    let t = FIRST + random() * 700 * DAY;
    const count = randomInt(random, 1, 6);
    for (let i = 0; i < count && t < FIRST + 800 * DAY; i++) {
      const kind = random();
      orders.push(
        sale(
          `o${c}-${i}`,
          new Date(t).toISOString(),
          kind < 0.1 ? null : `c${c}`,
          randomInt(random, 100, 20_000),
          {
            email: kind < 0.05 ? `C${c}@Example.com` : null, // guests with an email join customer c via the customer list
            test: kind > 0.97,
            cancelledAt: kind > 0.94 && kind <= 0.97 ? new Date(t + DAY) : null,
          },
        ),
      );
      t += random() < 0.5 ? random() * 40 * DAY : random() * 400 * DAY;
    }
  }
  const customers = Array.from({ length: 120 }, (_, c) =>
    customer(`c${c}`, `c${c}@example.com`, "2021-06-01T00:00:00Z"),
  );
  return { orders, refunds: [], checkouts: [], carts: [], customers };
}

/** Reference: local date keys compared as strings; a customer is active before day D if an order falls on D − W … D − 1. */
const keyFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: TZ,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const dateKey = (d: Date) => keyFormat.format(d);
const shiftKey = (key: string, days: number) =>
  new Date(Date.parse(`${key}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

function referenceCounts(input: KpiInput, period: Period, w: number) {
  const byCustomer = new Map<string, string[]>();
  for (const o of input.orders) {
    if (o.test || o.cancelledAt) continue;
    const who = o.customerId ?? (o.email ? o.email.toLowerCase() : null);
    if (!who) continue;
    const id = who.includes("@") ? (who.split("@")[0] ?? who) : who;
    byCustomer.set(id, [...(byCustomer.get(id) ?? []), dateKey(o.processedAt ?? o.createdAt)]);
  }
  const startKey = dateKey(period.start);
  const endKey = dateKey(period.end);
  const activeBefore = (days: string[], key: string) => days.some((d) => d >= shiftKey(key, -w) && d < key);
  let S = 0,
    E = 0,
    N = 0,
    R = 0;
  for (const days of byCustomer.values()) {
    const s = activeBefore(days, startKey);
    const e = activeBefore(days, endKey);
    const first = [...days].sort()[0] ?? "";
    S += Number(s);
    E += Number(e);
    N += Number(first >= startKey && first < endKey);
    R += Number(s && e);
  }
  return { S, E, N, R };
}

function periodsOf(now: Date): Period[] {
  const periods: Period[] = [];
  for (let t = FIRST + 200 * DAY; t < FIRST + 790 * DAY; t += 7 * DAY) {
    periods.push(periodContaining("week", new Date(t), TZ, now));
    if (Math.floor((t - FIRST) / DAY) % 28 === 4) {
      periods.push(
        periodContaining("month", new Date(t), TZ, now),
        periodContaining("quarter", new Date(t), TZ, now),
      );
    }
  }
  periods.push(periodContaining("year", new Date(FIRST + 400 * DAY), TZ, now), lastNDays(90, now, TZ));
  periods.push(rollingDays(400, { year: 2022, month: 9, day: 1 }, TZ, now)); // longer than W: Nₑ < N possible
  return periods;
}

describe.each([
  [1, 180],
  [2, 30],
  [3, 365],
  [4, 730],
])("random store %i with W = %i days", (seed, w) => {
  const input = randomStore(seed);
  const settings = resolveSettings({ timezone: TZ, activityWindowDays: w });
  const data = prepareKpiData(input, settings);
  const now = new Date(FIRST + 795 * DAY);
  const periods = periodsOf(now);

  it("satisfies 1 − churn = R ÷ S and CRR = R ÷ S + reactivated ÷ S for every period", () => {
    let checked = 0;
    for (const period of periods) {
      const k = customerKpis(data, period, w);
      const label = `${period.label} ${period.start.toISOString()}`;
      expect(k.activeAtEnd, label).toBe(k.retained + k.newStillActive + k.reactivated);
      if (k.activeAtStart === 0) {
        expect(k.churnRate.value, label).toBeNull();
        expect(k.retentionRate.value, label).toBeNull();
        continue;
      }
      const S = k.activeAtStart;
      expect(1 - (k.churnRate.value ?? NaN), label).toBeCloseTo(k.retained / S, 12);
      expect(k.retentionRate.value, label).toBeCloseTo(k.retained / S + k.reactivated / S, 12);
      expect(k.churnRate.value, label).toBeGreaterThanOrEqual(0);
      expect(k.churnRate.value, label).toBeLessThanOrEqual(1);
      if (period.days <= w) expect(k.newStillActive, label).toBe(k.newCustomers);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50); // the store really exercises the identities
  });

  it("agrees with a reference built from local date strings", () => {
    for (const period of periods.filter((p) => p.end.getTime() === p.unitEnd.getTime())) {
      const k = customerKpis(data, period, w);
      expect(
        { S: k.activeAtStart, E: k.activeAtEnd, N: k.newCustomers, R: k.retained },
        period.label,
      ).toEqual(referenceCounts(input, period, w));
    }
  });
});
