/**
 * kpi_snapshot: what pages and emails read, a view over kpi_snapshot_period (complete periods, a row per
 * KPI) and kpi_snapshot_live (periods depending on `now`, a row per period). Writing replaces a period's
 * rows; reading returns a period's KPIs with its comparison periods (the previous one and the same period
 * a year earlier), found by key.
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
 * Writes the periods' rows. The periods that depend on `now` (`planned.live`) are all in every write
 * and replace all of the shop's live rows, one row per period (decision 0048). The complete periods
 * replace theirs by key, or every one of the shop's with `replaceAll`.
 */
export async function writeSnapshots(
  db: Db,
  shopId: number,
  snapshots: readonly PeriodSnapshot[],
  computedAt: Date,
  options: { replaceAll?: boolean } = {},
): Promise<number> {
  const complete = snapshots.filter((s) => !s.planned.live);
  const live = snapshots.filter((s) => s.planned.live);
  return (
    (await writeCompletePeriods(db, shopId, complete, computedAt, options.replaceAll ?? false)) +
    (await writeLivePeriods(db, shopId, live, computedAt))
  );
}

async function writeCompletePeriods(
  db: Db,
  shopId: number,
  snapshots: readonly PeriodSnapshot[],
  computedAt: Date,
  replaceAll: boolean,
): Promise<number> {
  if (replaceAll) await db.$executeRaw`DELETE FROM kpi_snapshot_period WHERE shop_id = ${shopId}`;
  else {
    const keyed = snapshots.map((s) => s.planned.period);
    for (let i = 0; i < keyed.length; i += CHUNK) {
      const part = keyed.slice(i, i + CHUNK);
      await db.$executeRaw`
        DELETE FROM kpi_snapshot_period s USING unnest(${part.map((p) => p.granularity)}::text[], ${part.map((p) => sqlTimestampText(p.start))}::timestamp[],
          ${part.map((p) => sqlTimestampText(p.end))}::timestamp[]) AS k(g, s, e)
        WHERE s.shop_id = ${shopId} AND s.granularity = k.g AND s.period_start = k.s AND s.period_end = k.e`;
    }
  }
  const flat = flatValues(snapshots);
  if (flat.count === 0) return 0;
  const { k, v, n, d } = flat.arrays;
  await db.$executeRaw`
    INSERT INTO kpi_snapshot_period (shop_id, granularity, period_start, period_end, kpi, label, partial, value, numerator, denominator, computed_at)
    SELECT ${shopId}, p.g, p.s, p.e, x.k, p.l, p.partial, x.v, x.n, x.d, ${sqlInstant(computedAt)}
    FROM unnest(${arrayLiteral(flat.period)}::int[], ${k}, ${v}, ${n}, ${d}) AS x(i, k, v, n, d)
    JOIN unnest(${snapshots.map((_, i) => i)}::int[], ${periodColumns(snapshots)}) AS p(i, g, s, e, l, partial) ON p.i = x.i`;
  return flat.count;
}

/** Replaces the shop's live rows: one row per period, its KPIs a slice of each flat column. */
async function writeLivePeriods(
  db: Db,
  shopId: number,
  snapshots: readonly PeriodSnapshot[],
  computedAt: Date,
): Promise<number> {
  await db.$executeRaw`DELETE FROM kpi_snapshot_live WHERE shop_id = ${shopId}`;
  const rows = snapshots.filter((s) => s.values.length > 0);
  const flat = flatValues(rows);
  if (flat.count === 0) return 0;
  // Each period's slice of the flat columns, [from, to] (1-based, inclusive).
  const from: number[] = [];
  const to: number[] = [];
  let end = 0;
  for (const { values } of rows) {
    from.push(end + 1);
    end += values.length;
    to.push(end);
  }
  const { k, v, n, d } = flat.arrays;
  await db.$executeRaw`
    INSERT INTO kpi_snapshot_live (shop_id, granularity, period_start, period_end, label, partial, kpis, "values", numerators, denominators, computed_at)
    SELECT ${shopId}, p.g, p.s, p.e, p.l, p.partial, x.k[p.a:p.b], x.v[p.a:p.b], x.n[p.a:p.b], x.d[p.a:p.b], ${sqlInstant(computedAt)}
    FROM (SELECT ${k} AS k, ${v} AS v, ${n} AS n, ${d} AS d) x
    CROSS JOIN unnest(${periodColumns(rows)}, ${from}::int[], ${to}::int[]) AS p(g, s, e, l, partial, a, b)`;
  return flat.count;
}

/**
 * Every value of the snapshots, in order, as one array literal per column (KPI, value, numerator,
 * denominator), with the index of the snapshot each came from. One text parameter per column: PostgreSQL
 * reads those several times faster than a JSON record per row, and the driver sends a string without
 * binding each element.
 */
function flatValues(snapshots: readonly PeriodSnapshot[]): {
  period: number[];
  arrays: { k: Prisma.Sql; v: Prisma.Sql; n: Prisma.Sql; d: Prisma.Sql };
  count: number;
} {
  const period: number[] = [];
  const kpis: string[] = [];
  const values: (number | null)[] = [];
  const numerators: (number | null)[] = [];
  const denominators: (number | null)[] = [];
  snapshots.forEach(({ values: kpiValues }, i) => {
    for (const v of kpiValues) {
      period.push(i);
      kpis.push(v.kpi);
      values.push(v.value);
      numerators.push(v.numerator);
      denominators.push(v.denominator);
    }
  });
  const arrays = {
    k: Prisma.sql`${arrayLiteral(kpis)}::text[]`,
    v: Prisma.sql`${arrayLiteral(values)}::float8[]`,
    n: Prisma.sql`${arrayLiteral(numerators)}::float8[]`,
    d: Prisma.sql`${arrayLiteral(denominators)}::float8[]`,
  };
  return { period, arrays, count: period.length };
}

/** The snapshots' periods as unnest arguments: granularity, start, end, label, partial. */
function periodColumns(snapshots: readonly PeriodSnapshot[]): Prisma.Sql {
  const periods = snapshots.map(({ planned }) => planned.period);
  return Prisma.sql`${periods.map((p) => p.granularity)}::text[], ${periods.map((p) => sqlTimestampText(p.start))}::timestamp[],
    ${periods.map((p) => sqlTimestampText(p.end))}::timestamp[], ${periods.map((p) => p.label)}::text[],
    ${snapshots.map(({ planned }) => planned.partial)}::bool[]`;
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
  // The two tables by key rather than the kpi_snapshot view: joined to the view, the planner hashed
  // every one of the shop's rows.
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
    WITH t(i, g, s, e) AS MATERIALIZED (
      SELECT * FROM unnest(${[0, 1, 2]}::int[], ${targets.map((p) => p.granularity)}::text[], ${targets.map((p) => sqlTimestampText(p.start))}::timestamp[],
        ${targets.map((p) => sqlTimestampText(p.end))}::timestamp[]))
    SELECT * FROM (
      SELECT t.i, s.kpi, s.value, s.numerator, s.denominator, s.computed_at FROM t
      JOIN kpi_snapshot_period s ON s.shop_id = ${shopId} AND s.granularity = t.g AND s.period_start = t.s AND s.period_end = t.e
      UNION ALL
      SELECT t.i, k.kpi, k.value, k.numerator, k.denominator, l.computed_at FROM t
      JOIN kpi_snapshot_live l ON l.shop_id = ${shopId} AND l.granularity = t.g AND l.period_start = t.s AND l.period_end = t.e
      CROSS JOIN LATERAL unnest(l.kpis, l."values", l.numerators, l.denominators) AS k(kpi, value, numerator, denominator)
    ) s WHERE true ${kpiFilter}`;
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
