/**
 * Reads the three CLV figures of a shop for a period: historical and formula CLV from the same snapshots
 * (or range values) the dashboard and the KPI pages read, predictive CLV from the latest model run's
 * summary that the Customers page shows. Nothing is computed again here.
 */
import type { Prisma, PrismaClient } from "@prisma/client";
import { CLV_HORIZON_DAYS } from "~/clv/clv-model.server";
import { translatorFor } from "~/i18n/catalog.server";
import type { Translator } from "~/i18n/translator";
import { blankReason, withBlankContext } from "~/kpi/blank-reason";
import type { KpiId } from "~/kpi/catalog";
import { availableForRanges } from "~/kpi-engine/range-values";
import { readRangeValues } from "~/kpi-engine/range-values.server";
import { readSnapshots, snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { readShopHistory } from "~/shops/shop-history.server";
import type { ClvSource, ClvStory } from "./clv-story";
import { CLV_STORY_EN, clvStory, predictiveBlank } from "./clv-story";
import type { ViewState } from "./view-state";
import { DEFAULT_VIEW, resolveRange } from "./view-state";

const KPIS: readonly KpiId[] = ["historical_clv", "formula_clv"];

const summaryNumber = (json: Prisma.JsonValue | null, key: string): number | null => {
  const value = json && typeof json === "object" && !Array.isArray(json) ? json[key] : null;
  return typeof value === "number" ? value : null;
};

/** The story for the period `view` selects (the dashboard's default period without one). */
export async function loadClvStory(
  prisma: PrismaClient,
  shopId: number,
  timezone: string,
  view: ViewState = DEFAULT_VIEW,
  i18n: Translator = translatorFor("en"),
): Promise<ClvStory> {
  const [computedAt, settings, run, history] = await Promise.all([
    snapshotsComputedAt(prisma, shopId),
    prisma.shopSettings.findUnique({ where: { shopId }, select: { grossMarginPct: true } }),
    prisma.clvModelRun.findUnique({
      where: { shopId },
      select: { status: true, reason: true, summary: true },
    }),
    readShopHistory(prisma, shopId),
  ]);
  const { period, snapshotted } = resolveRange(view, timezone, computedAt ?? new Date());
  const reading = computedAt
    ? snapshotted
      ? await readSnapshots(prisma, shopId, period, withBlankContext(KPIS))
      : await readRangeValues(prisma, shopId, period, withBlankContext(KPIS))
    : null;
  const source = (kpi: KpiId): ClvSource => {
    const result = reading?.current.get(kpi) ?? null;
    const freeRange = !snapshotted && !availableForRanges(kpi);
    return {
      value: result?.value ?? null,
      blank: blankReason(
        { kpi, start: period.start, end: period.end, result, context: reading?.current, freeRange },
        history,
        i18n,
      ),
    };
  };
  const summary = run?.status === "ok" ? run.summary : null;
  const meanClv = summaryNumber(summary, "meanClv");
  const fitMargin = summaryNumber(summary, "margin");
  return clvStory({
    marginPct: settings?.grossMarginPct == null ? null : settings.grossMarginPct.toNumber(),
    historical: source("historical_clv"),
    formula: source("formula_clv"),
    predictive: {
      value: meanClv,
      blank: predictiveBlank(run?.status ?? "none", run?.reason ?? null) ?? CLV_STORY_EN.predictiveBlank.none,
      horizonDays: summaryNumber(summary, "horizonDays") ?? CLV_HORIZON_DAYS,
      // Runs stored before the margin was recorded cannot tell: their label follows the setting.
      fitMargin,
    },
  });
}
