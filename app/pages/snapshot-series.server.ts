/**
 * A KPI's values over consecutive calendar units (trend charts and sparklines), read from snapshots in
 * one indexed range scan. The points come from the rows themselves (their start, label and partial flag),
 * so no per-point time-zone arithmetic runs in the loader. A past unit can have two rows with the same
 * start (the full unit and the partial span a period in progress was compared with): the full one wins;
 * the unit in progress only has its partial row.
 */
import type { KpiId } from "~/kpi/catalog";
import type { Db } from "~/kpi-engine/sql.server";
import { sqlInstant } from "~/kpi-engine/sql.server";
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
 * Only the values of `kpis` over the same units as readSeries (a dashboard's card charts): one row per KPI
 * with its units and values as text lists, instead of a row per KPI and unit, so a year by day is 12 rows,
 * not 4,000. (A text list splits far faster than the driver parses a float8[]; float8 prints its shortest
 * exact form, so Number() gives back the same double.) The points are those readSeries gives (every unit
 * any of the KPIs has, null where one has none), without numerators and denominators.
 */
export async function readSparklines(
  db: Db,
  shopId: number,
  granularity: TrendGranularity,
  range: { readonly from: Date; readonly to: Date },
  kpis: readonly KpiId[],
): Promise<SeriesPoint[]> {
  if (kpis.length === 0 || range.to.getTime() <= range.from.getTime()) return [];
  const rows = await db.$queryRaw<
    { kpi: string; starts: string; labels: string; partials: string; values: string }[]
  >`
    SELECT kpi, string_agg(start_ms::text, ',' ORDER BY period_start) AS starts, string_agg(label, ',' ORDER BY period_start) AS labels,
      string_agg(CASE WHEN partial THEN '1' ELSE '' END, ',' ORDER BY period_start) AS partials,
      string_agg(coalesce(value::text, ''), ',' ORDER BY period_start) AS values
    FROM (
      SELECT DISTINCT ON (kpi, period_start) kpi, period_start, (extract(epoch FROM period_start) * 1000)::float8 AS start_ms, label, partial, value
      FROM kpi_snapshot
      WHERE shop_id = ${shopId} AND granularity = ${granularity}
        AND period_start >= ${sqlInstant(range.from)} AND period_start < ${sqlInstant(range.to)}
        AND kpi = ANY(${kpis as string[]}::text[])
      ORDER BY kpi, period_start, partial, period_end DESC
    ) unit
    GROUP BY kpi`;
  const byStart = new Map<number, { label: string; partial: boolean; values: Map<string, SeriesValue> }>();
  for (const row of rows) {
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
  return [...byStart.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
}
