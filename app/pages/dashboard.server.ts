/**
 * Everything the dashboard shows for one shop, from snapshots only: each card's value with both
 * comparisons, its sparkline over the chosen range, and how fresh the figures are.
 */
import type { PrismaClient } from "@prisma/client";
import { availableForRanges, NOT_ADDITIVE_REASON } from "~/kpi-engine/range-values";
import { readRangeValues } from "~/kpi-engine/range-values.server";
import { missingSpendReason } from "~/kpi/spend-reason";
import { readMarketingSpend } from "~/settings/marketing-spend.server";
import { grossMarginSet } from "~/settings/shop-settings.server";
import { readSnapshots, snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import type { KpiFormat } from "./kpi-catalog";
import { dashboardKpis } from "./kpi-catalog";
import { ageText, instantText, periodRangeText } from "./period-labels";
import { readSparklines } from "./snapshot-series.server";
import type { TrendGranularity, ViewState } from "./view-state";
import type { PickerDays } from "./view-state";
import { periodDays, pickerDays, resolveRange, trendGranularity, trendRange } from "./view-state";

export interface DashboardCard {
  readonly slug: string;
  readonly title: string;
  readonly summary: string;
  readonly format: KpiFormat;
  readonly higherIsBetter: boolean;
  readonly value: number | null;
  readonly previous: number | null;
  readonly yearAgo: number | null;
  readonly spark: readonly (number | null)[];
  /** When this KPI's snapshot of the period was computed (shop's local time), null without a snapshot. */
  readonly computedText: string | null;
  /** Why the value is missing when the range cannot give it (a custom range and a non-additive KPI). */
  readonly unavailable: string | null;
}

export interface ShopView {
  readonly domain: string;
  readonly currency: string;
  readonly timezone: string;
}

export interface Freshness {
  /** The `now` of the latest recompute (ISO); null when no KPI was computed yet. */
  readonly computedAt: string | null;
  readonly computedText: string | null;
  readonly ageText: string | null;
}

export interface DashboardData {
  readonly view: ViewState;
  readonly rangeError: string | null;
  readonly periodText: string;
  /** The range's first and last local day (YYYY-MM-DD), shown by the date picker. */
  readonly days: { readonly from: string; readonly to: string };
  readonly picker: PickerDays;
  readonly granularity: TrendGranularity;
  readonly freshness: Freshness;
  readonly cards: readonly DashboardCard[];
}

export function freshnessOf(computedAt: Date | null, timezone: string, now = new Date()): Freshness {
  return {
    computedAt: computedAt?.toISOString() ?? null,
    computedText: computedAt ? instantText(computedAt, timezone) : null,
    ageText: computedAt ? ageText(computedAt, now) : null,
  };
}

export async function loadDashboard(
  prisma: PrismaClient,
  shopId: number,
  shop: ShopView,
  view: ViewState,
): Promise<DashboardData> {
  const [computedAt, marginSet] = await Promise.all([
    snapshotsComputedAt(prisma, shopId),
    grossMarginSet(prisma, shopId),
  ]);
  const entries = dashboardKpis(marginSet);
  // Periods in progress are snapshotted as of the last recompute: read them as of then.
  const asOf = computedAt ?? new Date();
  const { period, error, snapshotted } = resolveRange(view, shop.timezone, asOf);
  const granularity = trendGranularity(view, period);
  const kpis = entries.map((entry) => entry.kpi);
  const [reading, sparks, spend] = computedAt
    ? await Promise.all([
        snapshotted
          ? readSnapshots(prisma, shopId, period, kpis)
          : readRangeValues(prisma, shopId, period, kpis),
        readSparklines(prisma, shopId, granularity, trendRange(period, granularity), kpis),
        readMarketingSpend(prisma, shopId),
      ])
    : [null, null, null];
  const spendReason = (kpi: string, value: number | null) =>
    value === null && spend
      ? missingSpendReason(kpi, period, Object.keys(spend).length ? spend : null, shop.timezone)
      : null;
  const cards = entries.map((entry): DashboardCard => {
    const current = reading?.current.get(entry.kpi);
    return {
      slug: entry.slug,
      title: entry.title,
      summary: entry.summary,
      format: entry.format,
      higherIsBetter: entry.higherIsBetter,
      value: current?.value ?? null,
      previous: reading?.previous.get(entry.kpi)?.value ?? null,
      yearAgo: reading?.yearAgo.get(entry.kpi)?.value ?? null,
      spark: sparks?.get(entry.kpi) ?? [],
      computedText: current ? instantText(current.computedAt, shop.timezone) : null,
      unavailable:
        !snapshotted && !availableForRanges(entry.kpi)
          ? NOT_ADDITIVE_REASON
          : spendReason(entry.kpi, current?.value ?? null),
    };
  });
  return {
    view,
    rangeError: error,
    periodText: periodRangeText(period),
    days: periodDays(period),
    picker: pickerDays(shop.timezone, asOf),
    granularity,
    freshness: freshnessOf(computedAt, shop.timezone),
    cards,
  };
}
