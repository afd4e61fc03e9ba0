/**
 * One KPI's page, from snapshots only: the value with the numerator and denominator that produced it and
 * the values that explain it, both comparisons, and the trend by calendar unit with the chosen comparison.
 */
import type { PrismaClient } from "@prisma/client";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import { readSnapshots, snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import type { Freshness, ShopView } from "./dashboard.server";
import { freshnessOf } from "./dashboard.server";
import type { KpiEntry } from "./kpi-catalog";
import { periodRangeText, pointLabel, pointTick } from "./period-labels";
import { NO_VALUE, readSeries } from "./snapshot-series.server";
import type { TrendGranularity, ViewState } from "./view-state";
import { resolveRange, trendGranularity, trendRange } from "./view-state";

export interface TrendRow {
  readonly label: string;
  readonly tick: string;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly comparisonLabel: string | null;
  readonly comparison: number | null;
}

export interface KpiDetailData {
  readonly slug: string;
  readonly view: ViewState;
  readonly rangeError: string | null;
  readonly periodText: string;
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
  const { period, error } = resolveRange(view, shop.timezone, asOf);
  const granularity = trendGranularity(view, period);
  const comparePeriod = view.compare === "year" ? yearAgoPeriod(period) : previousPeriod(period);
  const kpis = [entry.kpi, ...(entry.parts ?? []).map((part) => part.kpi)];
  const [reading, points, comparePoints] = computedAt
    ? await Promise.all([
        readSnapshots(prisma, shopId, period, kpis),
        readSeries(prisma, shopId, granularity, trendRange(period, granularity), [entry.kpi]),
        readSeries(prisma, shopId, granularity, trendRange(comparePeriod, granularity), [entry.kpi]),
      ])
    : [null, [], []];
  const current = reading?.current.get(entry.kpi);
  // The comparison's units line up by position: the 3rd week of this quarter against the 3rd of the other.
  const rows = points.map((point, i): TrendRow => {
    const value = point.values.get(entry.kpi) ?? NO_VALUE;
    const other = comparePoints[i];
    return {
      label: pointLabel(point.label, point.partial),
      tick: pointTick(point.label),
      value: value.value,
      numerator: value.numerator,
      denominator: value.denominator,
      comparisonLabel: other ? pointLabel(other.label, other.partial) : null,
      comparison: other ? (other.values.get(entry.kpi) ?? NO_VALUE).value : null,
    };
  });
  return {
    slug: entry.slug,
    view,
    rangeError: error,
    periodText: periodRangeText(period),
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
