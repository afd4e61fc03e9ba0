/**
 * The units a trend shows and the unit each is compared with, as the view's comparison asks (none: no
 * comparison units), and the instants the compared units start in, to read them in one range scan.
 * Shared by the KPI page's chart, table and CSV and the dashboard's card charts. Pure.
 */
import type { Translator } from "~/i18n/translator";
import type { ShopHistory } from "~/kpi/blank-reason";
import { blankReason } from "~/kpi/blank-reason";
import { addDays, formatCivilDate } from "~/kpi/calendar/civil-date";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import type { Period } from "~/kpi/calendar/period";
import type { AlignedUnit } from "~/kpi/calendar/trend-units";
import { alignTrend, unitLastDay } from "~/kpi/calendar/trend-units";
import { startOfLocalDay } from "~/kpi/calendar/zone";
import type { KpiEntry } from "./kpi-catalog";
import { pointLabel, pointTick } from "./period-labels";
import type { SeriesPoint } from "./snapshot-series.server";
import type { Comparison, TrendGranularity } from "./view-state";

export function alignedUnits(
  period: Period,
  granularity: TrendGranularity,
  compare: Comparison,
): AlignedUnit[] {
  if (compare === "none")
    return alignTrend(period, previousPeriod(period), granularity, "previous").map(({ unit }) => ({
      unit,
      comparison: null,
    }));
  const comparePeriod = compare === "year" ? yearAgoPeriod(period) : previousPeriod(period);
  return alignTrend(period, comparePeriod, granularity, compare);
}

/** From the first compared unit's start to the day after the last one's first day; null without any. */
export function comparisonRange(
  aligned: readonly AlignedUnit[],
  timeZone: string,
): { from: Date; to: Date } | null {
  const compared = aligned.flatMap((pair) => (pair.comparison ? [pair.comparison] : []));
  const first = compared[0];
  const last = compared.at(-1);
  if (!first || !last) return null;
  return {
    from: startOfLocalDay(first.firstDay, timeZone),
    to: startOfLocalDay(addDays(last.firstDay, 1), timeZone),
  };
}

export interface TrendRow {
  readonly label: string;
  /** The unit's first and last local day (YYYY-MM-DD), for exports. */
  readonly from: string;
  readonly to: string;
  readonly tick: string;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly comparisonLabel: string | null;
  readonly comparisonFrom: string | null;
  readonly comparisonTo: string | null;
  readonly comparison: number | null;
  /** Why the value is "—" (app/kpi/blank-reason.ts); null with a value, or without the shop's history. */
  readonly blank: string | null;
  /** Why the compared unit's value is "—"; null with a value or without a compared unit. */
  readonly comparisonBlank: string | null;
}

/**
 * One row per calendar unit, its comparison found by the compared unit's name: gaps stay gaps. With the
 * shop's history, a blank row says why.
 */
export function trendRows(
  aligned: readonly AlignedUnit[],
  points: readonly SeriesPoint[],
  comparePoints: readonly SeriesPoint[],
  kpi: KpiEntry["kpi"],
  history?: ShopHistory,
  i18n?: Translator,
): TrendRow[] {
  const byLabel = new Map(points.map((point) => [point.label, point]));
  const compareByLabel = new Map(comparePoints.map((point) => [point.label, point]));
  return aligned.map(({ unit, comparison }): TrendRow => {
    const point = byLabel.get(unit.label);
    const value = point?.values.get(kpi);
    const other = comparison ? compareByLabel.get(comparison.label) : undefined;
    const compared = other?.values.get(kpi)?.value ?? null;
    return {
      label: pointLabel(unit.label, point?.partial ?? false),
      from: formatCivilDate(unit.firstDay),
      to: formatCivilDate(unitLastDay(unit)),
      tick: pointTick(unit.label),
      value: value?.value ?? null,
      numerator: value?.numerator ?? null,
      denominator: value?.denominator ?? null,
      comparisonLabel: comparison ? pointLabel(comparison.label, other?.partial ?? false) : null,
      comparisonFrom: comparison ? formatCivilDate(comparison.firstDay) : null,
      comparisonTo: comparison ? formatCivilDate(unitLastDay(comparison)) : null,
      comparison: compared,
      // Only a blank needs its reason (working it out takes the unit's span in the shop's zone).
      blank: history && i18n && value?.value == null ? rowBlank(unit, point, kpi, history, i18n) : null,
      comparisonBlank:
        history && i18n && comparison && compared === null
          ? rowBlank(comparison, other, kpi, history, i18n, true)
          : null,
    };
  });
}

/** What a chart draws of a trend row: the unit's names and its value beside its comparison's. */
export type ChartRow = Pick<TrendRow, "label" | "tick" | "value" | "comparisonLabel" | "comparison">;

/**
 * trendRows' chart fields for several KPIs over the same units (a dashboard's cards). A unit's names are
 * the same on every card, so they are worked out once per unit, not once per unit and card: formatting
 * them is most of what a long range by day costs.
 */
export function chartRows(
  aligned: readonly AlignedUnit[],
  points: readonly SeriesPoint[],
  comparePoints: readonly SeriesPoint[],
  kpis: readonly KpiEntry["kpi"][],
): Map<KpiEntry["kpi"], ChartRow[]> {
  const byLabel = new Map(points.map((point) => [point.label, point]));
  const compareByLabel = new Map(comparePoints.map((point) => [point.label, point]));
  const units = aligned.map(({ unit, comparison }) => {
    const point = byLabel.get(unit.label);
    const other = comparison ? compareByLabel.get(comparison.label) : undefined;
    return {
      point,
      other,
      label: pointLabel(unit.label, point?.partial ?? false),
      tick: pointTick(unit.label),
      comparisonLabel: comparison ? pointLabel(comparison.label, other?.partial ?? false) : null,
    };
  });
  return new Map(
    kpis.map((kpi) => [
      kpi,
      units.map(({ point, other, label, tick, comparisonLabel }): ChartRow => ({
        label,
        tick,
        value: point?.values.get(kpi)?.value ?? null,
        comparisonLabel,
        comparison: other?.values.get(kpi)?.value ?? null,
      })),
    ]),
  );
}

/** Why a trend row is blank: the unit's span in the shop's zone, its values and the shop's history. */
function rowBlank(
  unit: AlignedUnit["unit"],
  point: SeriesPoint | undefined,
  kpi: KpiEntry["kpi"],
  history: ShopHistory,
  i18n: Translator,
  comparison = false,
): string | null {
  const start = startOfLocalDay(unit.firstDay, history.timeZone);
  const end = startOfLocalDay(addDays(unitLastDay(unit), 1), history.timeZone);
  return blankReason(
    { kpi, start, end, result: point?.values.get(kpi) ?? null, context: point?.values, comparison },
    history,
    i18n,
  );
}
