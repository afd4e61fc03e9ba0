/**
 * One KPI's page, from snapshots only: the value with the numerator and denominator that produced it and
 * the values that explain it, both comparisons, and the trend by calendar unit with the chosen comparison.
 */
import type { PrismaClient } from "@prisma/client";
import { addDays, formatCivilDate } from "~/kpi/calendar/civil-date";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import type { AlignedUnit } from "~/kpi/calendar/trend-units";
import { alignTrend, unitLastDay } from "~/kpi/calendar/trend-units";
import { startOfLocalDay } from "~/kpi/calendar/zone";
import { availableForRanges, NOT_ADDITIVE_REASON } from "~/kpi-engine/range-values";
import { readRangeValues } from "~/kpi-engine/range-values.server";
import { missingSpendReason, needsSpend } from "~/kpi/spend-reason";
import { readMarketingSpend } from "~/settings/marketing-spend.server";
import { grossMarginSet } from "~/settings/shop-settings.server";
import { readSnapshots, snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import type { Freshness, ShopView } from "./dashboard.server";
import { freshnessOf } from "./dashboard.server";
import type { KpiEntry } from "./kpi-catalog";
import { withMarginLabels } from "./kpi-catalog";
import { periodRangeText, pointLabel, pointTick } from "./period-labels";
import type { SeriesPoint } from "./snapshot-series.server";
import { NO_VALUE, readSeries } from "./snapshot-series.server";
import type { TrendGranularity, ViewState } from "./view-state";
import type { PickerDays } from "./view-state";
import { periodDays, pickerDays, resolveRange, trendGranularity, trendRange } from "./view-state";

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
}

export interface KpiDetailData {
  readonly slug: string;
  /** The KPI's words as this shop reads them (profit wording when a gross margin is set). */
  readonly entry: KpiEntry;
  readonly view: ViewState;
  readonly rangeError: string | null;
  readonly periodText: string;
  /** The range's first and last local day (YYYY-MM-DD), shown by the date picker. */
  readonly days: { readonly from: string; readonly to: string };
  readonly picker: PickerDays;
  /** Why the value is missing when the range cannot give it (a custom range and a non-additive KPI). */
  readonly unavailable: string | null;
  readonly previousText: string;
  readonly yearAgoText: string;
  readonly granularity: TrendGranularity;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly previous: number | null;
  readonly yearAgo: number | null;
  readonly parts: readonly {
    readonly label: string;
    readonly format: KpiEntry["format"];
    readonly value: number | null;
  }[];
  readonly rows: readonly TrendRow[];
  readonly freshness: Freshness;
}

export async function loadKpiDetail(
  prisma: PrismaClient,
  shopId: number,
  shop: ShopView,
  baseEntry: KpiEntry,
  view: ViewState,
): Promise<KpiDetailData> {
  const [computedAt, marginSet] = await Promise.all([
    snapshotsComputedAt(prisma, shopId),
    grossMarginSet(prisma, shopId),
  ]);
  const entry = withMarginLabels(baseEntry, marginSet);
  const asOf = computedAt ?? new Date();
  const { period, error, snapshotted } = resolveRange(view, shop.timezone, asOf);
  const granularity = trendGranularity(view, period);
  const comparePeriod = view.compare === "year" ? yearAgoPeriod(period) : previousPeriod(period);
  const kpis = [entry.kpi, ...(entry.parts ?? []).map((part) => part.kpi)];
  const aligned =
    view.compare === "none"
      ? alignTrend(period, comparePeriod, granularity, "previous").map(({ unit }) => ({
          unit,
          comparison: null,
        }))
      : alignTrend(period, comparePeriod, granularity, view.compare);
  const [reading, points, comparePoints, spend] = computedAt
    ? await Promise.all([
        snapshotted
          ? readSnapshots(prisma, shopId, period, kpis)
          : readRangeValues(prisma, shopId, period, kpis),
        readSeries(prisma, shopId, granularity, trendRange(period, granularity), [entry.kpi]),
        readComparisonSeries(prisma, shopId, granularity, aligned, shop.timezone, entry.kpi),
        needsSpend(entry.kpi) ? readMarketingSpend(prisma, shopId) : null,
      ])
    : [null, [], [], null];
  const current = reading?.current.get(entry.kpi);
  const spendReason =
    spend && (current?.value ?? null) === null
      ? missingSpendReason(entry.kpi, period, Object.keys(spend).length ? spend : null, shop.timezone)
      : null;
  const rows = trendRows(aligned, points, comparePoints, entry.kpi);
  return {
    slug: entry.slug,
    entry,
    view,
    rangeError: error,
    periodText: periodRangeText(period),
    days: periodDays(period),
    picker: pickerDays(shop.timezone, asOf),
    unavailable: !snapshotted && !availableForRanges(entry.kpi) ? NOT_ADDITIVE_REASON : spendReason,
    previousText: periodRangeText(previousPeriod(period)),
    yearAgoText: periodRangeText(yearAgoPeriod(period)),
    granularity,
    value: current?.value ?? null,
    numerator: current?.numerator ?? null,
    denominator: current?.denominator ?? null,
    previous: reading?.previous.get(entry.kpi)?.value ?? null,
    yearAgo: reading?.yearAgo.get(entry.kpi)?.value ?? null,
    parts: (entry.parts ?? []).map((part) => ({
      label: part.label,
      format: part.format,
      value: reading?.current.get(part.kpi)?.value ?? null,
    })),
    rows,
    freshness: freshnessOf(computedAt, shop.timezone),
  };
}

/** The comparison units' points, read over the span from the first compared unit to the last. */
function readComparisonSeries(
  prisma: PrismaClient,
  shopId: number,
  granularity: TrendGranularity,
  aligned: readonly AlignedUnit[],
  timeZone: string,
  kpi: KpiEntry["kpi"],
): Promise<SeriesPoint[]> {
  const compared = aligned.flatMap((pair) => (pair.comparison ? [pair.comparison] : []));
  const first = compared[0];
  const last = compared.at(-1);
  if (!first || !last) return Promise.resolve([]);
  const range = {
    from: startOfLocalDay(first.firstDay, timeZone),
    to: startOfLocalDay(addDays(last.firstDay, 1), timeZone),
  };
  return readSeries(prisma, shopId, granularity, range, [kpi]);
}

/** One row per calendar unit, its comparison found by the compared unit's name: gaps stay gaps. */
export function trendRows(
  aligned: readonly AlignedUnit[],
  points: readonly SeriesPoint[],
  comparePoints: readonly SeriesPoint[],
  kpi: KpiEntry["kpi"],
): TrendRow[] {
  const byLabel = new Map(points.map((point) => [point.label, point]));
  const compareByLabel = new Map(comparePoints.map((point) => [point.label, point]));
  return aligned.map(({ unit, comparison }): TrendRow => {
    const point = byLabel.get(unit.label);
    const value = point?.values.get(kpi) ?? NO_VALUE;
    const other = comparison ? compareByLabel.get(comparison.label) : undefined;
    return {
      label: pointLabel(unit.label, point?.partial ?? false),
      from: formatCivilDate(unit.firstDay),
      to: formatCivilDate(unitLastDay(unit)),
      tick: pointTick(unit.label),
      value: value.value,
      numerator: value.numerator,
      denominator: value.denominator,
      comparisonLabel: comparison ? pointLabel(comparison.label, other?.partial ?? false) : null,
      comparisonFrom: comparison ? formatCivilDate(comparison.firstDay) : null,
      comparisonTo: comparison ? formatCivilDate(unitLastDay(comparison)) : null,
      comparison: other?.values.get(kpi)?.value ?? null,
    };
  });
}
