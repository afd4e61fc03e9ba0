/**
 * One KPI's page, from snapshots only: the value with the numerator and denominator that produced it and
 * the values that explain it, both comparisons, and the trend by calendar unit with the chosen comparison.
 */
import type { PrismaClient } from "@prisma/client";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import type { AlignedUnit } from "~/kpi/calendar/trend-units";
import { availableForRanges, NOT_ADDITIVE_REASON } from "~/kpi-engine/range-values";
import { readRangeValues } from "~/kpi-engine/range-values.server";
import { readSnapshots, snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import type { CardComparison } from "./card-comparisons";
import { cardComparisons } from "./card-comparisons";
import type { Freshness, ShopView } from "./dashboard.server";
import { freshnessOf } from "./dashboard.server";
import type { KpiEntry } from "./kpi-catalog";
import { periodRangeText } from "./period-labels";
import type { SeriesPoint } from "./snapshot-series.server";
import { readSeries } from "./snapshot-series.server";
import type { TrendRow } from "./trend-alignment";
import { alignedUnits, comparisonRange, trendRows } from "./trend-alignment";

export type { TrendRow } from "./trend-alignment";
export { trendRows } from "./trend-alignment";
import type { TrendGranularity, ViewState } from "./view-state";
import type { PickerDays } from "./view-state";
import { periodDays, pickerDays, resolveRange, trendGranularity, trendRange } from "./view-state";

export interface KpiDetailData {
  readonly slug: string;
  readonly view: ViewState;
  readonly rangeError: string | null;
  readonly periodText: string;
  /** The range's first and last local day (YYYY-MM-DD), shown by the date picker. */
  readonly days: { readonly from: string; readonly to: string };
  readonly picker: PickerDays;
  /** Why the value is missing when the range cannot give it (a custom range and a non-additive KPI). */
  readonly unavailable: string | null;
  /** The changes shown: the previous period and last year, once when they are the same period. */
  readonly comparisons: readonly CardComparison[];
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
  entry: KpiEntry,
  view: ViewState,
): Promise<KpiDetailData> {
  const computedAt = await snapshotsComputedAt(prisma, shopId);
  const asOf = computedAt ?? new Date();
  const { period, error, snapshotted } = resolveRange(view, shop.timezone, asOf);
  const granularity = trendGranularity(view, period);
  const kpis = [entry.kpi, ...(entry.parts ?? []).map((part) => part.kpi)];
  const aligned = alignedUnits(period, granularity, view.compare);
  const [reading, points, comparePoints] = computedAt
    ? await Promise.all([
        snapshotted
          ? readSnapshots(prisma, shopId, period, kpis)
          : readRangeValues(prisma, shopId, period, kpis),
        readSeries(prisma, shopId, granularity, trendRange(period, granularity), [entry.kpi]),
        readComparisonSeries(prisma, shopId, granularity, aligned, shop.timezone, entry.kpi),
      ])
    : [null, [], []];
  const current = reading?.current.get(entry.kpi);
  const rows = trendRows(aligned, points, comparePoints, entry.kpi);
  return {
    slug: entry.slug,
    view,
    rangeError: error,
    periodText: periodRangeText(period),
    days: periodDays(period),
    picker: pickerDays(shop.timezone, asOf),
    unavailable: !snapshotted && !availableForRanges(entry.kpi) ? NOT_ADDITIVE_REASON : null,
    comparisons: cardComparisons(period),
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
  const range = comparisonRange(aligned, timeZone);
  return range ? readSeries(prisma, shopId, granularity, range, [kpi]) : Promise.resolve([]);
}
