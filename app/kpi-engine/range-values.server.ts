/**
 * The KPIs of a free from–to range and its comparison periods, read from the daily snapshots in one
 * query: per range and KPI the sums of its days' value, numerator and denominator, combined by
 * `rangeValue`. A day counts once (its whole-day row wins over a partial span with the same start) and
 * only when it ends within the range, so a range ending at the recompute's `now` takes today's row; such
 * a range gets no comparison (and no sales growth).
 *
 * Layer: snapshots (README.md, "Layers").
 */
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import type { Period } from "~/kpi/calendar/period";
import { isPartial } from "~/kpi/calendar/period";
import type { KpiId } from "~/kpi/catalog";
import { marketingSpendMinor } from "~/kpi/marketing";
import type { TimeRange } from "~/kpi/time-range";
import type { DaySumsOfKpi } from "./range-values";
import { RANGE_INPUTS, RANGE_RULES, rangeValue } from "./range-values";
import type { SnapshotReading, SnapshotValue } from "./snapshots.server";
import type { Db } from "./sql.server";
import { sqlTimestampText } from "./sql.server";

export async function readRangeValues(
  db: Db,
  shopId: number,
  period: Period,
  kpis: readonly KpiId[],
): Promise<SnapshotReading> {
  const wanted = kpis.filter((kpi) => RANGE_RULES[kpi]);
  const names = [...new Set(wanted.flatMap((kpi) => [kpi, ...(RANGE_INPUTS[kpi] ?? [])]))].filter(
    (kpi) => RANGE_RULES[kpi] === "sum" || RANGE_RULES[kpi] === "ratio",
  );
  const spendByMonth = wanted.some((kpi) => RANGE_RULES[kpi] === "spend")
    ? await readSpendByMonth(db, shopId)
    : null;
  const spendIn = (range: TimeRange) => marketingSpendMinor(range, spendByMonth, period.timeZone);
  const previous = previousPeriod(period);
  const targets = [period, previous, yearAgoPeriod(period), previousPeriod(previous)];
  const empty = (): Map<string, SnapshotValue> => new Map();
  if (names.length === 0) return { current: empty(), previous: empty(), yearAgo: empty() };
  const rows = await db.$queryRaw<
    { i: number; kpi: string; v: number | null; n: number | null; d: number | null; at: Date }[]
  >`
    SELECT t.i, s.kpi, sum(s.value)::float8 AS v, sum(s.numerator)::float8 AS n, sum(s.denominator)::float8 AS d,
      max(s.computed_at) AS at
    FROM unnest(${targets.map((_, i) => i)}::int[], ${targets.map((p) => sqlTimestampText(p.start))}::timestamp[],
      ${targets.map((p) => sqlTimestampText(p.end))}::timestamp[]) AS t(i, s, e)
    CROSS JOIN LATERAL (
      SELECT DISTINCT ON (period_start, kpi) kpi, value, numerator, denominator, computed_at
      FROM kpi_snapshot
      WHERE shop_id = ${shopId} AND granularity = 'day' AND kpi = ANY(${names}::text[])
        AND period_start >= t.s AND period_start < t.e AND period_end <= t.e
      ORDER BY period_start, kpi, period_end DESC
    ) AS s
    GROUP BY t.i, s.kpi`;
  const sums = targets.map(() => new Map<string, DaySumsOfKpi & { at: Date }>());
  for (const row of rows)
    sums[row.i]!.set(row.kpi, { value: row.v, numerator: row.n, denominator: row.d, at: row.at });
  const values = (i: number, before: number | null): Map<string, SnapshotValue> => {
    const spend = spendIn(targets[i]!);
    const out = new Map<string, SnapshotValue>();
    const own = sums[i]!;
    // Before the store's history there are no day rows: no sales, as the snapshot path counts them.
    const previousNet = before === null ? null : (sums[before]!.get("net_sales")?.value ?? 0);
    const at = [...own.values()].reduce<Date | null>((a, s) => (a && a > s.at ? a : s.at), null);
    if (!at) return out;
    for (const kpi of wanted) {
      const value = rangeValue(kpi, own, previousNet, spend);
      if (value) out.set(kpi, { ...value, computedAt: at });
    }
    return out;
  };
  // A range in progress is compared with spans ending inside a past day, which no daily snapshot
  // covers: no comparison rather than one a partial day short.
  if (isPartial(period)) return { current: values(0, null), previous: empty(), yearAgo: empty() };
  return { current: values(0, 1), previous: values(1, 3), yearAgo: values(2, null) };
}

/** The shop's monthly spend, `{ "YYYY-MM": minor units }`; null when none is entered. */
async function readSpendByMonth(db: Db, shopId: number): Promise<Record<string, number> | null> {
  const rows = await db.marketingSpendMonth.findMany({
    where: { shopId },
    select: { month: true, amountMinor: true },
  });
  return rows.length ? Object.fromEntries(rows.map((r) => [r.month, Number(r.amountMinor)])) : null;
}
