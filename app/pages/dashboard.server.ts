/**
 * Everything the dashboard shows for one shop, from snapshots only: each card's value with its
 * comparisons, its chart over the chosen range (each unit beside the unit it is compared with, aligned
 * by calendar date as on the KPI page), and how fresh the figures are.
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
import { availableForRanges } from "~/kpi-engine/range-values";
import { readRangeValues } from "~/kpi-engine/range-values.server";
import { missingSpendReason } from "~/kpi/spend-reason";
import { readMarketingSpend } from "~/settings/marketing-spend.server";
import { grossMarginSet } from "~/settings/shop-settings.server";
import { readSnapshots, snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import { readShopHistory } from "~/shops/shop-history.server";
import type { CardComparison } from "./card-comparisons";
import { cardComparisons } from "./card-comparisons";
import type { KpiFormat } from "./kpi-catalog";
import { dashboardKpis } from "./kpi-catalog";
import { ageText, instantText, periodRangeText } from "./period-labels";
import { retentionChurnSentence } from "./retention-churn";
import { readSparklines } from "./snapshot-series.server";
import { alignedUnits, chartRows, comparisonRange } from "./trend-alignment";
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
  readonly chart: CardChart;
  /** Retention and churn: one sentence on how the two relate in this period (null for other KPIs). */
  readonly explanation: string | null;
  /** When this KPI's snapshot of the period was computed (shop's local time), null without a snapshot. */
  readonly computedText: string | null;
  /** Why the value is missing when the range cannot give it (a custom range and a non-additive KPI). */
  readonly unavailable: string | null;
  /** Why the value is "—" and what would fill it (app/kpi/blank-reason.ts); null with a value. */
  readonly blank: string | null;
  /** A rate's base, e.g. "3 of 41 checkouts abandoned"; null for other KPIs. */
  readonly base: string | null;
  /** Why the previous period's (last year's) value is "—" while this period has one; null otherwise. */
  readonly previousBlank: string | null;
  readonly yearAgoBlank: string | null;
}

/** One unit of a card's chart: its value and, when comparing, the value of the unit it is compared with. */
export interface CardPoint {
  /** "Nov 23", "Week of Nov 16", "Nov 2026" ("(so far)" while in progress). */
  readonly label: string;
  /** Short axis name: "Nov 23". */
  readonly tick: string;
  readonly value: number | null;
  readonly comparisonLabel: string | null;
  readonly comparison: number | null;
}

export interface CardChart {
  readonly unit: TrendGranularity;
  readonly points: readonly CardPoint[];
  /** The solid line's name (the range) and the dashed one's (null: no comparison chosen). */
  readonly currentName: string;
  readonly comparisonName: string | null;
  /** What a point is, where it is not the headline's kind of figure (churn of one day vs of 30 days). */
  readonly note: string | null;
}

/**
 * Rates whose size grows with the period's length: a day's churn is a fraction of a month's. Their chart
 * points are each unit's own rate, computed as the headline is; the card says so.
 */
const LENGTH_DEPENDENT: Readonly<Record<string, string>> = {
  churn_rate: "customers active at its start who were no longer active at its end",
  retention_rate: "customers active at its end, new ones left out, per customer active at its start",
};

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
  /** The changes every card shows (the previous period and last year, once when they are the same). */
  readonly comparisons: readonly CardComparison[];
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
  i18n: Translator,
): Promise<DashboardData> {
  const [computedAt, marginSet] = await Promise.all([
    snapshotsComputedAt(prisma, shopId),
    grossMarginSet(prisma, shopId),
  ]);
  const entries = dashboardKpis(marginSet, i18n);
  // Periods in progress are snapshotted as of the last recompute: read them as of then.
  const asOf = computedAt ?? new Date();
  const { period, error, snapshotted } = resolveRange(view, shop.timezone, asOf);
  const granularity = trendGranularity(view, period);
  const kpis = entries.map((entry) => entry.kpi);
  const aligned = alignedUnits(period, granularity, view.compare);
  const compared = comparisonRange(aligned, shop.timezone);
  const [reading, [points = [], comparePoints = []], history, spend] = await Promise.all([
    computedAt
      ? snapshotted
        ? readSnapshots(prisma, shopId, period, withBlankContext(kpis))
        : readRangeValues(prisma, shopId, period, withBlankContext(kpis))
      : null,
    computedAt
      ? readSparklines(
          prisma,
          shopId,
          granularity,
          compared ? [trendRange(period, granularity), compared] : [trendRange(period, granularity)],
          kpis,
        )
      : [],
    readShopHistory(prisma, shopId),
    computedAt ? readMarketingSpend(prisma, shopId) : null,
  ]);
  // The spend reason names the months missing, so it goes before the general blank reason.
  const spendReason = (kpi: string, value: number | null) =>
    value === null && spend
      ? missingSpendReason(kpi, period, Object.keys(spend).length ? spend : null, shop.timezone, i18n)
      : null;
  const currentName = periodRangeText(period);
  // Worked out once, not per card: each takes time-zone arithmetic.
  const previous = previousPeriod(period);
  const yearAgo = yearAgoPeriod(period);
  const comparisonName =
    view.compare === "none" ? null : periodRangeText(view.compare === "year" ? yearAgo : previous);
  const retention = reading?.current.get("retention_rate");
  const churn = reading?.current.get("churn_rate");
  // Both rates have the customers active at the start as denominator: R = S − lost, reactivated = (E − Nₑ) − R.
  const activeAtStart = churn?.denominator ?? null;
  const retained =
    activeAtStart !== null && churn?.numerator != null ? activeAtStart - churn.numerator : null;
  const facts = {
    activeAtStart,
    retained,
    reactivated: retained !== null && retention?.numerator != null ? retention.numerator - retained : null,
  };
  const chartPoints = chartRows(aligned, points, comparePoints, kpis);
  const cards = entries.map((entry): DashboardCard => {
    const current = reading?.current.get(entry.kpi);
    const freeRange = !snapshotted && !availableForRanges(entry.kpi);
    const { start, end } = period;
    const meaning = LENGTH_DEPENDENT[entry.kpi];
    return {
      slug: entry.slug,
      title: entry.title,
      summary: entry.summary,
      format: entry.format,
      higherIsBetter: entry.higherIsBetter,
      value: current?.value ?? null,
      previous: reading?.previous.get(entry.kpi)?.value ?? null,
      yearAgo: reading?.yearAgo.get(entry.kpi)?.value ?? null,
      chart: {
        unit: granularity,
        points: chartPoints.get(entry.kpi) ?? [],
        currentName,
        comparisonName,
        note: meaning
          ? `Each point is one ${granularity}'s own ${entry.title.toLowerCase()}: ${meaning}. The figure above covers the whole range.`
          : null,
      },
      explanation:
        entry.kpi === "retention_rate" || entry.kpi === "churn_rate"
          ? retentionChurnSentence(entry.kpi, facts)
          : null,
      computedText: current ? instantText(current.computedAt, shop.timezone) : null,
      unavailable: freeRange ? notAdditiveReason(i18n) : spendReason(entry.kpi, current?.value ?? null),
      blank:
        (freeRange ? null : spendReason(entry.kpi, current?.value ?? null)) ??
        blankReason(
          { kpi: entry.kpi, start, end, result: current ?? null, context: reading?.current, freeRange },
          history,
          i18n,
        ),
      base: rateBase(entry.kpi, current, i18n),
      // A blank current value is explained above; a blank compared one under its change.
      previousBlank:
        current?.value == null
          ? null
          : comparisonBlankReason(entry.kpi, previous, reading?.previous, history, freeRange, i18n),
      yearAgoBlank:
        current?.value == null
          ? null
          : comparisonBlankReason(entry.kpi, yearAgo, reading?.yearAgo, history, freeRange, i18n),
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
    comparisons: cardComparisons(period),
  };
}
