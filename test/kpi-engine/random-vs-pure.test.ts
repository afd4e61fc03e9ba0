/**
 * The SQL engine against the pure reference (app/kpi) on seeded random stores: every snapshotted period
 * (days, weeks, months, quarters, years, rolling windows, periods in progress ending at a non-midnight
 * `now`, and their comparison spans), in a zone with DST, with several W and both refund settings. Many
 * customers order (and refund) exactly on the instants those periods are cut at and compared with.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePeriod } from "~/kpi/calendar/parse-period";
import { resolveSettings } from "~/kpi/settings";
import type { KpiInput } from "~/kpi/types";
import type { Period } from "~/kpi/calendar/period";
import { isPartial, lastNDays, periodContaining, rollingDays } from "~/kpi/calendar/period";
import type { KpiId } from "~/kpi/catalog";
import { prepareKpiData } from "~/kpi/prepare";
import { plannedPeriods } from "~/kpi-engine/periods";
import { RANGE_RULES } from "~/kpi-engine/range-values";
import { readRangeValues } from "~/kpi-engine/range-values.server";
import { recomputeShop } from "~/kpi-engine/recompute.server";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { differencesFromPure, snapshotOf } from "./support/compare";
import { pureValues } from "./support/pure-values";
import { boundaryStore, freshActivity, randomStore } from "./support/random-store";
import { createShop, seedInput } from "./support/seed";

const ZONE = "America/Los_Angeles";
const NOW = new Date("2024-03-12T17:37:21.123Z"); // mid-morning, two days after the spring-forward change
const cases = [
  { seed: 11, w: 180, refunds: "refund-date" as const },
  { seed: 12, w: 30, refunds: "order-date" as const },
  { seed: 13, w: 365, refunds: "refund-date" as const },
];

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe.each(cases)("random store $seed, W = $w, refunds on $refunds", ({ seed, w, refunds }) => {
  const settings = resolveSettings({
    timezone: ZONE,
    activityWindowDays: w,
    refundAttribution: refunds,
    grossMarginPct: 35,
    marketingSpendByMonth: Object.fromEntries(
      Array.from({ length: 36 }, (_, i) => [
        `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`,
        5000 + i,
      ]),
    ),
  });
  const store = randomStore({ seed, customers: 50, from: new Date("2022-06-01T00:00:00Z"), days: 650 });
  const fresh = freshActivity(NOW, settings.graceMinutes);
  const boundary = boundaryStore(NOW, ZONE, w);
  const input: KpiInput = {
    ...store,
    orders: [...store.orders, ...boundary.orders],
    refunds: [...store.refunds, ...boundary.refunds],
    checkouts: [...store.checkouts, ...fresh.checkouts],
    carts: [...store.carts, ...fresh.carts],
  };
  let shopId: number;

  beforeAll(async () => {
    shopId = await createShop(database.prisma, `random-${seed}.myshopify.com`, ZONE);
    await seedInput(database.prisma, shopId, input);
    // Stored too, as the free ranges read the monthly spend from the table.
    await database.prisma.marketingSpendMonth.createMany({
      data: Object.entries(settings.marketingSpendByMonth!).map(([month, minor]) => ({
        shopId,
        month,
        amountMinor: BigInt(minor),
      })),
    });
    await recomputeShop(database.prisma, shopId, { now: NOW, settings });
  });

  it("agrees with app/kpi on every period, including those in progress and their comparisons", async () => {
    const periods = plannedPeriods(null, NOW, ZONE).map((p) => p.period);
    const sample = (
      await database.prisma.kpiSnapshot.findMany({
        where: {
          shopId,
          kpi: "orders",
          partial: false,
          granularity: { in: ["week", "month", "quarter", "year"] },
        },
        select: { label: true, granularity: true },
      })
    )
      .filter((r, i) => r.granularity !== "week" || i % 6 === 0) // every month, quarter, year; a spread of weeks
      .map((r) => parsePeriod(r.label, ZONE, NOW));
    expect(sample.length).toBeGreaterThan(25);
    expect(
      await differencesFromPure(database.prisma, shopId, input, settings, NOW, [...periods, ...sample]),
    ).toEqual([]);
  });

  it("sums daily snapshots into free ranges: equal to the snapshot path and to app/kpi", async () => {
    const kpis = (Object.keys(RANGE_RULES) as KpiId[]).sort();
    const fromDays = async (period: Period) => {
      const { current } = await readRangeValues(database.prisma, shopId, period, kpis);
      return new Map(kpis.map((kpi) => [kpi, current.get(kpi) ?? null]));
    };
    const strip = (
      v: { value: number | null; numerator: number | null; denominator: number | null } | null,
    ) => v && { value: v.value, numerator: v.numerator, denominator: v.denominator };
    // Ranges that coincide with snapshotted periods: the very same values.
    const snapshotted = [
      ...["2023-02", "2023-Q3", "2023", "2023-W14", "2024-01", "2023-12-31"].map((l) =>
        parsePeriod(l, ZONE, NOW),
      ),
      lastNDays(30, NOW, ZONE),
      lastNDays(365, NOW, ZONE),
      periodContaining("month", NOW, ZONE, NOW),
      periodContaining("day", NOW, ZONE, NOW),
    ];
    for (const period of snapshotted) {
      const snapshot = await snapshotOf(database.prisma, shopId, period);
      expect(snapshot.size, period.label).toBeGreaterThan(0);
      const summed = await fromDays(period);
      for (const kpi of kpis) {
        const want = snapshot.get(kpi) ?? null;
        const got = strip(summed.get(kpi) ?? null);
        // In progress: compared with a span ending inside a past day, which no day snapshot holds.
        if (kpi === "sales_growth" && isPartial(period)) expect(got, period.label).toBeNull();
        else if (kpi !== "sales_growth" && want?.numerator === null && want.denominator === null)
          expect(got?.value ?? null, `${period.label} ${kpi}`).toBeCloseTo(want.value ?? NaN, 6);
        else expect(got, `${period.label} ${kpi}`).toEqual(want);
      }
    }
    // Free ranges (a 37-day span across a month end, a Black-Friday week, two years, one ending now).
    const data = prepareKpiData(input, settings);
    const free = [
      rollingDays(37, { year: 2023, month: 1, day: 17 }, ZONE, NOW),
      rollingDays(8, { year: 2023, month: 11, day: 20 }, ZONE, NOW),
      rollingDays(731, { year: 2022, month: 3, day: 12 }, ZONE, NOW),
      rollingDays(12, { year: 2024, month: 3, day: 1 }, ZONE, NOW),
    ];
    expect(free[3]!.end).toEqual(NOW);
    for (const period of free) {
      const expected = pureValues(data, period, settings, NOW);
      const summed = await fromDays(period);
      for (const kpi of kpis) {
        const want = expected.get(kpi)!;
        const got = summed.get(kpi) ?? null;
        if (kpi === "sales_growth" && isPartial(period)) continue;
        for (const field of ["value", "numerator", "denominator"] as const) {
          const [a, b] = [got?.[field] ?? null, want[field]];
          if (b === null) expect(a, `${period.label} ${kpi} ${field}`).toBeNull();
          else expect(a, `${period.label} ${kpi} ${field}`).toBeCloseTo(b, 6);
        }
      }
    }
  });

  it("satisfies 1 − churn = R ÷ S and CRR = R ÷ S + reactivated ÷ S in every snapshot", async () => {
    const rows = await database.prisma.kpiSnapshot.findMany({
      where: {
        shopId,
        kpi: {
          in: [
            "active_at_start",
            "active_at_end",
            "retained",
            "reactivated",
            "new_still_active",
            "churn_rate",
            "retention_rate",
          ],
        },
      },
    });
    const periods = new Map<string, Map<string, number | null>>();
    for (const r of rows) {
      const key = `${r.granularity} ${r.periodStart.toISOString()} ${r.periodEnd.toISOString()}`;
      const kpis = periods.get(key) ?? new Map<string, number | null>();
      kpis.set(r.kpi, r.value);
      periods.set(key, kpis);
    }
    let checked = 0;
    for (const [key, k] of periods) {
      const [S, E, R, re, Ne] = [
        "active_at_start",
        "active_at_end",
        "retained",
        "reactivated",
        "new_still_active",
      ].map((n) => k.get(n) ?? NaN) as [number, number, number, number, number];
      expect(E, key).toBe(R + Ne + re);
      if (S === 0) {
        expect([k.get("churn_rate"), k.get("retention_rate")], key).toEqual([null, null]);
        continue;
      }
      expect(1 - (k.get("churn_rate") ?? NaN), key).toBeCloseTo(R / S, 12);
      expect(k.get("retention_rate"), key).toBeCloseTo(R / S + re / S, 12);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(300);
  });
});
