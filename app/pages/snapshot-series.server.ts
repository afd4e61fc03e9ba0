/**
 * A KPI's values over consecutive calendar units (trend charts and sparklines), read from snapshots in
 * one indexed range scan. The points come from the rows themselves (their start, label and partial flag),
 * so no per-point time-zone arithmetic runs in the loader. A past unit can have two rows with the same
 * start (the full unit and the partial span a period in progress was compared with): the full one wins;
 * the unit in progress only has its partial row.
 */
import type { KpiId } from "~/kpi/catalog";
import type { Db } from "~/kpi-engine/sql.server";
import { sqlInstant, sqlTimestampText } from "~/kpi-engine/sql.server";
import type { TrendGranularity } from "./view-state";

export interface SeriesValue {
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
}

export interface SeriesPoint {
  /** The snapshot's period name: 2026-03-09, 2026-W10, 2026-03. */
  readonly label: string;
  /** In progress (ends at the recompute's now). */
  readonly partial: boolean;
  readonly values: ReadonlyMap<string, SeriesValue>;
}

export const NO_VALUE: SeriesValue = { value: null, numerator: null, denominator: null };

/** Units of `granularity` starting in [from, to), oldest first. */
export async function readSeries(
  db: Db,
  shopId: number,
  granularity: TrendGranularity,
  range: { readonly from: Date; readonly to: Date },
  kpis: readonly KpiId[],
): Promise<SeriesPoint[]> {
  if (kpis.length === 0 || range.to.getTime() <= range.from.getTime()) return [];
  const rows = await db.$queryRaw<
    {
      kpi: string;
      start_ms: number;
      label: string;
      partial: boolean;
      value: number | null;
      numerator: number | null;
      denominator: number | null;
    }[]
  >`
    SELECT DISTINCT ON (period_start, kpi) kpi, (extract(epoch FROM period_start) * 1000)::float8 AS start_ms, label, partial, value, numerator, denominator
    FROM kpi_snapshot
    WHERE shop_id = ${shopId} AND granularity = ${granularity}
      AND period_start >= ${sqlInstant(range.from)} AND period_start < ${sqlInstant(range.to)}
      AND kpi = ANY(${kpis as string[]}::text[])
    ORDER BY period_start, kpi, partial, period_end DESC`;
  const points: { startMs: number; label: string; partial: boolean; values: Map<string, SeriesValue> }[] = [];
  for (const row of rows) {
    let point = points.at(-1);
    if (!point || point.startMs !== row.start_ms)
      points.push(
        (point = { startMs: row.start_ms, label: row.label, partial: row.partial, values: new Map() }),
      );
    point.values.set(row.kpi, { value: row.value, numerator: row.numerator, denominator: row.denominator });
  }
  return points;
}

/**
 * Only the values of `kpis` over the same units as readSeries (a dashboard's card charts), for several
 * ranges at once (the chosen range and the one it is compared with: one round trip, one statement), a
 * list of points per range, in order. One row per range and KPI with its units and values as text lists,
 * instead of a row per KPI and unit, so a year by day is 12 rows, not 4,000. (A text list splits far faster
 * than the driver parses a float8[]; float8 prints its shortest exact form, so Number() gives back the same
 * double.) Each range's points are those readSeries gives for it (every unit any of the KPIs has, null
 * where one has none), without numerators and denominators; ranges may overlap.
 */
export async function readSparklines(
  db: Db,
  shopId: number,
  granularity: TrendGranularity,
  ranges: readonly { readonly from: Date; readonly to: Date }[],
  kpis: readonly KpiId[],
): Promise<SeriesPoint[][]> {
  const read = ranges.flatMap((range, i) => (range.to.getTime() > range.from.getTime() ? [i + 1] : []));
  if (kpis.length === 0 || read.length === 0) return ranges.map(() => []);
  const rows = await db.$queryRaw<
    { series: number; kpi: string; starts: string; labels: string; partials: string; values: string }[]
  >`
    SELECT series::int AS series, kpi, string_agg(start_ms::text, ',' ORDER BY period_start) AS starts, string_agg(label, ',' ORDER BY period_start) AS labels,
      string_agg(CASE WHEN partial THEN '1' ELSE '' END, ',' ORDER BY period_start) AS partials,
      string_agg(coalesce(value::text, ''), ',' ORDER BY period_start) AS values
    FROM (
      SELECT DISTINCT ON (r.series, s.kpi, s.period_start) r.series, s.kpi, s.period_start, (extract(epoch FROM s.period_start) * 1000)::float8 AS start_ms, s.label, s.partial, s.value
      FROM unnest(${read.map((i) => sqlTimestampText(ranges[i - 1]!.from))}::timestamp[], ${read.map((i) => sqlTimestampText(ranges[i - 1]!.to))}::timestamp[], ${read}::int[]) AS r(from_at, to_at, series)
      JOIN kpi_snapshot s ON s.shop_id = ${shopId} AND s.granularity = ${granularity}
        AND s.period_start >= r.from_at AND s.period_start < r.to_at
        AND s.kpi = ANY(${kpis as string[]}::text[])
      ORDER BY r.series, s.kpi, s.period_start, s.partial, s.period_end DESC
    ) unit
    GROUP BY series, kpi`;
  const bySeries = ranges.map(
    () => new Map<number, { label: string; partial: boolean; values: Map<string, SeriesValue> }>(),
  );
  for (const row of rows) {
    const byStart = bySeries[row.series - 1]!;
    const labels = row.labels.split(",");
    const partials = row.partials.split(",");
    const values = row.values.split(",");
    row.starts.split(",").forEach((text, i) => {
      const start = Number(text);
      let point = byStart.get(start);
      if (!point)
        byStart.set(start, (point = { label: labels[i]!, partial: partials[i] === "1", values: new Map() }));
      const value = values[i] ? Number(values[i]) : null;
      point.values.set(row.kpi, { value, numerator: null, denominator: null });
    });
  }
  return bySeries.map((byStart) =>
    [...byStart.entries()].sort(([a], [b]) => a - b).map(([, point]) => point),
  );
}
