/**
 * One KPI's page, from snapshots only: the value with the numerator and denominator that produced it and
 * the values that explain it, both comparisons, and the trend by calendar unit with the chosen comparison.
 */
import type { PrismaClient } from "@prisma/client";
import type { Translator } from "~/i18n/translator";
import {
  blankReason,
  comparisonBlankReason,
  notAdditiveReason,
  rateBase,
  withBlankContext,
} from "~/kpi/blank-reason";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import type { AlignedUnit } from "~/kpi/calendar/trend-units";
import { availableForRanges } from "~/kpi-engine/range-values";
import { readRangeValues } from "~/kpi-engine/range-values.server";
import { missingSpendReason, needsSpend } from "~/kpi/spend-reason";
import { readMarketingSpend } from "~/settings/marketing-spend.server";
import { grossMarginSet } from "~/settings/shop-settings.server";
import { readSnapshots, snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { readShopHistory } from "~/shops/shop-history.server";
import type { CardComparison } from "./card-comparisons";
import { cardComparisons } from "./card-comparisons";
import type { Freshness, ShopView } from "./dashboard.server";
import { freshnessOf } from "./dashboard.server";
import type { KpiEntry } from "./kpi-catalog";
import { kpiEntry } from "./kpi-catalog";
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
  /** Why the value is "—" and what would fill it; null with a value. */
  readonly blank: string | null;
  /** A rate's base, e.g. "3 of 41 checkouts abandoned". */
  readonly base: string | null;
  /** Why the previous period's (the year-ago period's) value is "—"; null with a value. */
  readonly previousBlank: string | null;
  readonly yearAgoBlank: string | null;
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
    /** Why the part is "—"; null with a value. */
    readonly blank: string | null;
  }[];
  readonly rows: readonly TrendRow[];
  readonly freshness: Freshness;
}

export async function loadKpiDetail(
  prisma: PrismaClient,
  shopId: number,
  shop: ShopView,
  kpi: KpiEntry["kpi"],
  view: ViewState,
  i18n: Translator,
): Promise<KpiDetailData> {
  const [computedAt, marginSet] = await Promise.all([
    snapshotsComputedAt(prisma, shopId),
    grossMarginSet(prisma, shopId),
  ]);
  const entry = kpiEntry(kpi, i18n, marginSet);
  if (!entry) throw new Error(`KPI ${kpi} has no detail page`);
  const asOf = computedAt ?? new Date();
  const { period, error, snapshotted } = resolveRange(view, shop.timezone, asOf);
  const granularity = trendGranularity(view, period);
  const kpis = [entry.kpi, ...(entry.parts ?? []).map((part) => part.kpi)];
  const aligned = alignedUnits(period, granularity, view.compare);
  const [[reading, points, comparePoints, spend], history] = await Promise.all([
    computedAt
      ? Promise.all([
          snapshotted
            ? readSnapshots(prisma, shopId, period, withBlankContext(kpis))
            : readRangeValues(prisma, shopId, period, withBlankContext(kpis)),
          readSeries(
            prisma,
            shopId,
            granularity,
            trendRange(period, granularity),
            withBlankContext([entry.kpi]),
          ),
          readComparisonSeries(prisma, shopId, granularity, aligned, shop.timezone, entry.kpi),
          needsSpend(entry.kpi) ? readMarketingSpend(prisma, shopId) : null,
        ])
      : ([null, [], [], null] as const),
    readShopHistory(prisma, shopId),
  ]);
  const current = reading?.current.get(entry.kpi);
  const freeRange = !snapshotted && !availableForRanges(entry.kpi);
  // The spend reason names the months missing, so it goes before the general blank reason.
  const spendReason =
    spend && !freeRange && (current?.value ?? null) === null
      ? missingSpendReason(entry.kpi, period, Object.keys(spend).length ? spend : null, shop.timezone, i18n)
      : null;
  const rows = trendRows(aligned, points, comparePoints, entry.kpi, history, i18n);
  return {
    slug: entry.slug,
    entry,
    view,
    rangeError: error,
    periodText: periodRangeText(period),
    days: periodDays(period),
    picker: pickerDays(shop.timezone, asOf),
    unavailable: freeRange ? notAdditiveReason(i18n) : spendReason,
    blank:
      spendReason ??
      blankReason(
        {
          kpi: entry.kpi,
          start: period.start,
          end: period.end,
          result: current ?? null,
          context: reading?.current,
          freeRange,
        },
        history,
        i18n,
      ),
    base: rateBase(entry.kpi, current, i18n),
    previousBlank: comparisonBlankReason(
      entry.kpi,
      previousPeriod(period),
      reading?.previous,
      history,
      freeRange,
      i18n,
    ),
    yearAgoBlank: comparisonBlankReason(
      entry.kpi,
      yearAgoPeriod(period),
      reading?.yearAgo,
      history,
      freeRange,
      i18n,
    ),
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
      blank: blankReason(
        {
          kpi: part.kpi,
          start: period.start,
          end: period.end,
          result: reading?.current.get(part.kpi) ?? null,
          context: reading?.current,
          freeRange: !snapshotted && !availableForRanges(part.kpi),
        },
        history,
        i18n,
      ),
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
  return range
    ? readSeries(prisma, shopId, granularity, range, withBlankContext([kpi]))
    : Promise.resolve([]);
}
