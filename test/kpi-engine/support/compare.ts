/** Compares the engine's snapshots of periods with the pure reference implementation on the same input. */
import type { PrismaClient } from "@prisma/client";
import type { Period } from "~/kpi/calendar/period";
import { prepareKpiData } from "~/kpi/prepare";
import type { KpiSettings } from "~/kpi/settings";
import type { KpiInput } from "~/kpi/types";
import type { Value } from "./pure-values";
import { pureValues } from "./pure-values";

export type SnapshotRow = {
  kpi: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
};

export async function snapshotOf(
  prisma: PrismaClient,
  shopId: number,
  period: Pick<Period, "granularity" | "start" | "end">,
): Promise<Map<string, Value>> {
  const rows = await prisma.kpiSnapshot.findMany({
    where: { shopId, granularity: period.granularity, periodStart: period.start, periodEnd: period.end },
    select: { kpi: true, value: true, numerator: true, denominator: true },
  });
  return new Map(
    rows.map((r) => [r.kpi, { value: r.value, numerator: r.numerator, denominator: r.denominator }]),
  );
}

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Every KPI that differs, as readable lines (empty when the engine agrees with app/kpi). */
export async function differencesFromPure(
  prisma: PrismaClient,
  shopId: number,
  input: KpiInput,
  settings: KpiSettings,
  now: Date,
  periods: readonly Period[],
): Promise<string[]> {
  const data = prepareKpiData(input, settings);
  const out: string[] = [];
  for (const period of periods) {
    const expected = pureValues(data, period, settings, now);
    const actual = await snapshotOf(prisma, shopId, period);
    if (actual.size === 0) {
      out.push(
        `${period.granularity} ${period.label} ${period.start.toISOString()}..${period.end.toISOString()}: no snapshot`,
      );
      continue;
    }
    // Cohort rows are kept for months and longer (and for periods in progress).
    const cohorts = [...actual.keys()].some((kpi) => kpi.startsWith("historical_clv:"));
    for (const [kpi, want] of expected) {
      if (
        kpi.startsWith("historical_clv:") &&
        !cohorts &&
        (period.granularity === "day" || period.granularity === "week")
      )
        continue;
      const got = actual.get(kpi);
      const same =
        got &&
        close(got.value, want.value) &&
        close(got.numerator, want.numerator) &&
        close(got.denominator, want.denominator);
      if (!same)
        out.push(
          `${period.label} ${period.end.toISOString()} ${kpi}: engine ${JSON.stringify(got)} ≠ pure ${JSON.stringify(want)}`,
        );
    }
    for (const kpi of actual.keys())
      if (kpi.startsWith("historical_clv:") && !expected.has(kpi))
        out.push(`${period.label} ${kpi}: extra cohort`);
  }
  return out;
}
