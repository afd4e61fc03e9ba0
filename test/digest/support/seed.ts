/** A test shop with weekly KPI snapshots written through the engine's own writer. */
import type { PrismaClient } from "@prisma/client";
import { addDays } from "~/kpi/calendar/civil-date";
import { calendarPeriodOf } from "~/kpi/calendar/period";
import type { Period } from "~/kpi/calendar/period";
import { DIGEST_KPIS } from "~/digest/digest-kpis";
import type { KpiId } from "~/kpi/catalog";
import { lastCompleteWeek } from "~/digest/digest-week";
import type { DigestConfig } from "~/digest/digest-config.server";
import { writeSnapshots } from "~/kpi-engine/snapshots.server";
import { fromLocal } from "~/kpi/calendar/zone";

export const TEST_CONFIG: DigestConfig = {
  smtpUrl: undefined,
  from: "Pulse KPI <digest@pulse.example>",
  apiKey: "test-api-key",
  apiSecret: "test-api-secret",
  appUrl: "https://pulse.example",
};

export async function createDigestShop(
  prisma: PrismaClient,
  options: {
    domain: string;
    timezone: string;
    currency?: string;
    recipients?: string[];
    /** An admin's own language (an online session's locale). */
    locale?: string;
    /** The shop's primary locale in Shopify. */
    primaryLocale?: string;
    /** The language chosen in the digest settings. */
    digestLanguage?: string;
  },
): Promise<number> {
  const shop = await prisma.shop.create({
    data: {
      domain: options.domain,
      name: "Bright Socks",
      timezone: options.timezone,
      currency: options.currency ?? "USD",
      primaryLocale: options.primaryLocale,
    },
  });
  await prisma.shopSettings.create({
    data: {
      shopId: shop.id,
      digestRecipients: options.recipients ?? ["owner@bright-socks.example"],
      digestLanguage: options.digestLanguage,
    },
  });
  if (options.locale) {
    await prisma.session.create({
      data: {
        id: `online_${shop.id}`,
        shop: options.domain,
        state: "s",
        isOnline: true,
        accessToken: "t",
        locale: options.locale,
        expires: new Date(Date.now() + 3600_000),
      },
    });
  }
  return shop.id;
}

/** Monday 08:00 local of the week after `weekLabel`'s Monday + 7 days, i.e. when its digest is due. */
export function mondayMorning(year: number, month: number, day: number, timezone: string): Date {
  return fromLocal({ year, month, day, hour: 8, minute: 0, second: 0, millisecond: 0 }, timezone);
}

/** A plausible weekly value; the reported week (back = 0) has an unusual checkout abandonment and no CLV. */
export function weeklyValue(kpi: KpiId, back: number): number | null {
  const wave = Math.sin(back * 1.3);
  switch (kpi) {
    case "total_sales":
      return 500_000 + 20_000 * wave - (back === 0 ? 0 : 60_000) + back * 100;
    case "orders":
      return 40 + Math.round(3 * wave);
    case "aov":
      return (500_000 + 20_000 * wave) / 40;
    case "retention_rate":
      return 0.8 + 0.01 * wave;
    case "churn_rate":
      return 0.2 - 0.01 * wave;
    case "checkout_abandonment_rate":
      return back === 0 ? 0.9 : 0.6 + 0.02 * wave;
    case "cart_abandonment_rate":
      return 0.7 + 0.02 * wave;
    case "formula_clv":
      return back === 0 ? null : 123_456;
    case "cac":
      return 2_500 + 100 * wave;
    case "roas":
      return 3 + 0.2 * wave;
    default:
      return 0;
  }
}

/** Writes `weeks` complete weekly snapshots ending with the week reported at `at`, and marks the engine as caught up. */
export async function seedWeeklySnapshots(
  prisma: PrismaClient,
  shopId: number,
  timezone: string,
  at: Date,
  weeks = 60,
): Promise<Period> {
  const reported = lastCompleteWeek(at, timezone);
  const snapshots = [];
  for (let back = weeks - 1; back >= 0; back -= 1) {
    const period = calendarPeriodOf("week", addDays(reported.firstDay, -7 * back), timezone);
    const values = DIGEST_KPIS.map(({ key }) => ({
      kpi: key,
      value: weeklyValue(key, back),
      numerator: null,
      denominator: null,
    }));
    snapshots.push({ planned: { period, partial: false, live: false }, values });
  }
  await writeSnapshots(prisma, shopId, snapshots, at);
  await prisma.kpiEngineState.upsert({
    where: { shopId },
    create: { shopId, settingsKey: "digest-test", computedAt: at, rebuiltAt: at },
    update: { computedAt: at },
  });
  return reported;
}
