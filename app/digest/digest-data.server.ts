/** Loads what a weekly digest reports from the KPI engine's snapshots (scoped by shop first, as every query). */
import type { PrismaClient } from "@prisma/client";
import type { Translator } from "~/i18n/translator";
import { blankReason, rateBase, withBlankContext } from "~/kpi/blank-reason";
import type { Period } from "~/kpi/calendar/period";
import { readSnapshots, snapshotsComputedAt } from "~/kpi-engine/snapshots.server";
import { missingSpendReason } from "~/kpi/spend-reason";
import { readMarketingSpend } from "~/settings/marketing-spend.server";
import { grossMarginSet } from "~/settings/shop-settings.server";
import { dashboardUrl } from "~/shops/admin-link";
import { readShopHistory } from "~/shops/shop-history.server";
import type { DigestContent, DigestInputs } from "./digest-content";
import { digestRows } from "./digest-content";
import { DIGEST_KPI_KEYS, digestKpis } from "./digest-kpis";
import { TREND_WEEKS, USUAL_RANGE_WEEKS, lastCompleteWeek, weeksEndingWith } from "./digest-week";

export interface LoadedDigest {
  readonly content: DigestContent;
  /** The engine has recomputed since the week ended, so its snapshot is final (or it has no data). */
  readonly ready: boolean;
}

export class ShopNotFoundError extends Error {
  override name = "ShopNotFoundError";
}

const valuesOf = (map: ReadonlyMap<string, { value: number | null }>) =>
  new Map([...map].map(([kpi, v]) => [kpi, v.value]));

async function weeklyHistory(
  prisma: PrismaClient,
  shopId: number,
  weeks: readonly Period[],
): Promise<Map<string, (number | null)[]>> {
  const rows = await prisma.kpiSnapshot.findMany({
    where: {
      shopId,
      granularity: "week",
      partial: false,
      kpi: { in: [...DIGEST_KPI_KEYS] },
      periodStart: { in: weeks.map((w) => w.start) },
    },
    select: { kpi: true, periodStart: true, periodEnd: true, value: true },
  });
  const index = new Map(weeks.map((w, i) => [`${w.start.getTime()}|${w.end.getTime()}`, i]));
  const history = new Map<string, (number | null)[]>(
    DIGEST_KPI_KEYS.map((kpi) => [kpi, weeks.map((): number | null => null)]),
  );
  for (const row of rows) {
    const i = index.get(`${row.periodStart.getTime()}|${row.periodEnd.getTime()}`);
    if (i !== undefined) history.get(row.kpi)![i] = row.value;
  }
  return history;
}

/** The digest of the last ISO week complete at `at`, in the shop's zone and the translator's language. */
export async function loadDigest(
  prisma: PrismaClient,
  shopId: number,
  at: Date,
  apiKey: string,
  i18n: Translator,
): Promise<LoadedDigest> {
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: { id: true, domain: true, name: true, currency: true, timezone: true },
  });
  if (!shop) throw new ShopNotFoundError(`No shop ${shopId}`);
  const week = lastCompleteWeek(at, shop.timezone);
  const computedAt = await snapshotsComputedAt(prisma, shopId);
  const [reading, shopHistory, spend] = await Promise.all([
    readSnapshots(prisma, shopId, week, withBlankContext(DIGEST_KPI_KEYS)),
    readShopHistory(prisma, shopId),
    readMarketingSpend(prisma, shopId),
  ]);
  const notes = new Map(
    DIGEST_KPI_KEYS.map((kpi) => {
      const result = reading.current.get(kpi) ?? null;
      const { start, end } = week;
      // The spend reason names the months missing, so it goes before the general one.
      const spendReason =
        result?.value == null
          ? missingSpendReason(kpi, week, Object.keys(spend).length ? spend : null, shop.timezone, i18n)
          : null;
      return [
        kpi,
        {
          blank:
            spendReason ??
            blankReason({ kpi, start, end, result, context: reading.current }, shopHistory, i18n),
          base: rateBase(kpi, result, i18n),
        },
      ] as const;
    }),
  );
  const inputs: DigestInputs = {
    current: valuesOf(reading.current),
    previous: valuesOf(reading.previous),
    yearAgo: valuesOf(reading.yearAgo),
    history: await weeklyHistory(prisma, shopId, weeksEndingWith(week, USUAL_RANGE_WEEKS + 1)),
    notes,
  };
  return {
    ready: computedAt !== null && computedAt.getTime() >= week.end.getTime(),
    content: {
      shop: { ...shop, name: shop.name ?? shop.domain },
      week: { label: week.label, start: week.start, end: week.end },
      rows: digestRows(
        inputs,
        TREND_WEEKS,
        USUAL_RANGE_WEEKS,
        `${week.label}.${shop.id}@pulse-kpi`,
        digestKpis(await grossMarginSet(prisma, shopId), i18n),
      ),
      hasData: reading.current.size > 0,
      dashboardUrl: dashboardUrl(shop.domain, apiKey),
    },
  };
}
