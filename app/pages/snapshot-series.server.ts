/**
 * A KPI's values over consecutive calendar units (trend charts and sparklines), read from snapshots in
 * one indexed range scan. The points come from the rows themselves (their start, label and partial flag),
 * so no per-point time-zone arithmetic runs in the loader. A past unit can have two rows with the same
 * start (the full unit and the partial span a period in progress was compared with): the full one wins;
 * the unit in progress only has its partial row.
 */
import type { Db } from "../kpi-engine/sql.server";
import { sqlInstant } from "../kpi-engine/sql.server";
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
  kpis: readonly string[],
): Promise<SeriesPoint[]> {
  if (kpis.length === 0 || range.to.getTime() <= range.from.getTime()) return [];
  const rows = await db.$queryRaw<{ kpi: string; start_ms: number; label: string; partial: boolean; value: number | null; numerator: number | null; denominator: number | null }[]>`
    SELECT DISTINCT ON (period_start, kpi) kpi, (extract(epoch FROM period_start) * 1000)::float8 AS start_ms, label, partial, value, numerator, denominator
    FROM kpi_snapshot
    WHERE shop_id = ${shopId} AND granularity = ${granularity}
      AND period_start >= ${sqlInstant(range.from)} AND period_start < ${sqlInstant(range.to)}
      AND kpi = ANY(${kpis as string[]}::text[])
    ORDER BY period_start, kpi, partial, period_end DESC`;
  const points: { startMs: number; label: string; partial: boolean; values: Map<string, SeriesValue> }[] = [];
  for (const row of rows) {
    let point = points.at(-1);
    if (!point || point.startMs !== row.start_ms) points.push((point = { startMs: row.start_ms, label: row.label, partial: row.partial, values: new Map() }));
    point.values.set(row.kpi, { value: row.value, numerator: row.numerator, denominator: row.denominator });
  }
  return points;
}
