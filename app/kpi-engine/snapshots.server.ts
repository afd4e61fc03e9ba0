/**
 * kpi_snapshot: what pages and emails read. Writing replaces a period's rows; reading returns a period's
 * KPIs with its comparison periods (the previous one and the same period a year earlier), found by key.
 *
 * Layer: snapshots (README.md, "Layers").
 */
import { Prisma } from "@prisma/client";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import type { Period } from "~/kpi/calendar/period";
import type { SnapshotKpi } from "~/kpi/catalog";
import type { KpiValue } from "./derive";
import type { PlannedPeriod } from "./periods";
import type { Db } from "./sql.server";
import { arrayLiteral, sqlInstant, sqlTimestampText } from "./sql.server";

export interface PeriodSnapshot {
  readonly planned: PlannedPeriod;
  readonly values: readonly KpiValue[];
}

const CHUNK = 20_000;

/**
 * Writes the periods' rows, replacing theirs; `replaceAll` first drops every row of the shop, `obsolete`
 * names other periods whose rows go (the previous run's periods that depended on its `now`), by key so
 * that no other shop's rows are read.
 */
export async function writeSnapshots(
  db: Db,
  shopId: number,
  snapshots: readonly PeriodSnapshot[],
  computedAt: Date,
  options: { replaceAll?: boolean; obsolete?: readonly Period[] } = {},
): Promise<number> {
  if (options.replaceAll) await db.$executeRaw`DELETE FROM kpi_snapshot WHERE shop_id = ${shopId}`;
  else {
    const keyed = [...snapshots.map((s) => s.planned.period), ...(options.obsolete ?? [])];
    for (let i = 0; i < keyed.length; i += CHUNK) {
      const part = keyed.slice(i, i + CHUNK);
      await db.$executeRaw`
        DELETE FROM kpi_snapshot s USING unnest(${part.map((p) => p.granularity)}::text[], ${part.map((p) => sqlTimestampText(p.start))}::timestamp[],
          ${part.map((p) => sqlTimestampText(p.end))}::timestamp[]) AS k(g, s, e)
        WHERE s.shop_id = ${shopId} AND s.granularity = k.g AND s.period_start = k.s AND s.period_end = k.e`;
    }
  }
  // Periods once each, values as array literals in one text parameter per column: PostgreSQL reads those
  // several times faster than a JSON record per row, and the driver sends a string without binding each
  // element.
  const periods = snapshots.map(({ planned }) => planned);
  const index: number[] = [];
  const kpis: string[] = [];
  const values: (number | null)[] = [];
  const numerators: (number | null)[] = [];
  const denominators: (number | null)[] = [];
  snapshots.forEach(({ values: kpiValues }, i) => {
    for (const v of kpiValues) {
      index.push(i);
      kpis.push(v.kpi);
      values.push(v.value);
      numerators.push(v.numerator);
      denominators.push(v.denominator);
    }
  });
  if (index.length === 0) return 0;
  await db.$executeRaw`
    INSERT INTO kpi_snapshot (shop_id, granularity, period_start, period_end, kpi, label, partial, value, numerator, denominator, computed_at)
    SELECT ${shopId}, p.g, p.s, p.e, x.k, p.l, p.partial, x.v, x.n, x.d, ${sqlInstant(computedAt)}
    FROM unnest(${arrayLiteral(index)}::int[], ${arrayLiteral(kpis)}::text[], ${arrayLiteral(values)}::float8[],
      ${arrayLiteral(numerators)}::float8[], ${arrayLiteral(denominators)}::float8[]) AS x(i, k, v, n, d)
    JOIN unnest(${periods.map((_, i) => i)}::int[], ${periods.map((p) => p.period.granularity)}::text[],
      ${periods.map((p) => sqlTimestampText(p.period.start))}::timestamp[], ${periods.map((p) => sqlTimestampText(p.period.end))}::timestamp[],
      ${periods.map((p) => p.period.label)}::text[], ${periods.map((p) => p.partial)}::bool[]) AS p(i, g, s, e, l, partial) ON p.i = x.i`;
  return index.length;
}

export interface SnapshotValue {
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly computedAt: Date;
}

/** KPI name → value; an empty map when the period has no snapshot (yet). */
export type SnapshotValues = ReadonlyMap<string, SnapshotValue>;

export interface SnapshotReading {
  readonly current: SnapshotValues;
  readonly previous: SnapshotValues;
  readonly yearAgo: SnapshotValues;
}

/**
 * A period's KPIs with its comparisons, from snapshots only. `period` is a calendar or rolling period as
 * the pure calendar builds it (parsePeriod, periodContaining, lastNDays), in the shop's zone and with the
 * same `now` the snapshots were computed with for periods in progress.
 */
export async function readSnapshots(
  db: Db,
  shopId: number,
  period: Period,
  kpis?: readonly SnapshotKpi[],
): Promise<SnapshotReading> {
  const targets = [period, previousPeriod(period), yearAgoPeriod(period)];
  const kpiFilter = kpis ? Prisma.sql`AND kpi = ANY(${kpis as string[]}::text[])` : Prisma.empty;
  const rows = await db.$queryRaw<
    {
      i: number;
      kpi: string;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
      computed_at: Date;
    }[]
  >`
    SELECT t.i, s.kpi, s.value, s.numerator, s.denominator, s.computed_at
    FROM unnest(${[0, 1, 2]}::int[], ${targets.map((p) => p.granularity)}::text[], ${targets.map((p) => sqlTimestampText(p.start))}::timestamp[],
      ${targets.map((p) => sqlTimestampText(p.end))}::timestamp[]) AS t(i, g, s, e)
    JOIN kpi_snapshot s ON s.shop_id = ${shopId} AND s.granularity = t.g AND s.period_start = t.s AND s.period_end = t.e
    WHERE true ${kpiFilter}`;
  const maps = [
    new Map<string, SnapshotValue>(),
    new Map<string, SnapshotValue>(),
    new Map<string, SnapshotValue>(),
  ] as const;
  for (const row of rows) {
    maps[row.i as 0 | 1 | 2].set(row.kpi, {
      value: row.value,
      numerator: row.numerator,
      denominator: row.denominator,
      computedAt: row.computed_at,
    });
  }
  return { current: maps[0], previous: maps[1], yearAgo: maps[2] };
}

/** The `now` of the latest recompute: periods in progress are snapshotted as of then. */
export async function snapshotsComputedAt(db: Db, shopId: number): Promise<Date | null> {
  const state = await db.kpiEngineState.findUnique({ where: { shopId }, select: { computedAt: true } });
  return state?.computedAt ?? null;
}
