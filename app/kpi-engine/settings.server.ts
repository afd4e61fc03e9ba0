/**
 * The KPI settings a shop's rollups are built with: the merchant's (shop_settings), else the spec's
 * defaults; callers (tests, the benchmark) may override them. The settings key records everything the
 * stored rollups and snapshots depend on: when it changes, the next recompute rebuilds what the change
 * shapes (`settingsChange`).
 *
 * Layer: recompute (README.md, "Layers").
 */
import type { KpiSettings } from "~/kpi/settings";
import { resolveSettings } from "~/kpi/settings";
import type { Db } from "./sql.server";

export type SettingsOverrides = Partial<Omit<KpiSettings, "timezone">>;

export interface ShopContext {
  readonly shopId: number;
  readonly settings: KpiSettings;
}

export async function loadShopContext(
  db: Db,
  shopId: number,
  overrides: SettingsOverrides = {},
): Promise<ShopContext> {
  const shop = await db.shop.findUniqueOrThrow({
    where: { id: shopId },
    select: {
      timezone: true,
      settings: true,
      // In month order: the settings key is compared as text, so the same months must read the same.
      marketingSpend: { select: { month: true, amountMinor: true }, orderBy: { month: "asc" } },
    },
  });
  const saved = shop.settings;
  const merchant: SettingsOverrides = saved
    ? {
        activityWindowDays: saved.activityWindowDays,
        graceMinutes: saved.graceMinutes,
        refundAttribution: saved.refundAttribution === "order_date" ? "order-date" : "refund-date",
        grossMarginPct: saved.grossMarginPct === null ? null : Number(saved.grossMarginPct),
      }
    : {};
  // No month entered: null, so CAC and ROAS stay empty rather than read a spend of zero.
  const spend = shop.marketingSpend.length
    ? {
        marketingSpendByMonth: Object.fromEntries(
          shop.marketingSpend.map((m) => [m.month, Number(m.amountMinor)]),
        ),
      }
    : {};
  return {
    shopId,
    settings: resolveSettings({ ...merchant, ...spend, ...overrides, timezone: shop.timezone }),
  };
}

/** The engine's model version: bump it when stored rollups must be rebuilt by the new code. */
const MODEL_VERSION = 1;

/** Everything stored rollups and snapshots depend on. */
export function settingsKey(settings: KpiSettings): string {
  return JSON.stringify({ v: MODEL_VERSION, ...settings });
}

/**
 * What a recompute must rebuild when the shop's settings differ from those its rollups were built with
 * (`previousKey`): nothing beyond the usual when they are the same; everything when the model or the
 * time zone changed (every local day moves) or the key cannot be read; otherwise the rollups the
 * changed settings shape. The customer-order rows depend on neither the activity window nor the
 * refund setting; the window shapes the daily active counts and the cached period counts, the refund
 * setting the sales and cohort days; margin, spend and grace time shape only the snapshots. Of all the
 * settings but the time zone, only the margin shapes the stored CLV predictions (they are net of it).
 */
export type SettingsChange =
  "none" | "all" | { readonly refunds: boolean; readonly window: boolean; readonly margin: boolean };

export function settingsChange(previousKey: string, settings: KpiSettings): SettingsChange {
  const key = settingsKey(settings);
  if (previousKey === key) return "none";
  let previous: Partial<KpiSettings> & { v?: unknown };
  try {
    previous = JSON.parse(previousKey) as typeof previous;
  } catch {
    return "all";
  }
  if (
    previous === null ||
    typeof previous !== "object" ||
    previous.v !== MODEL_VERSION ||
    previous.timezone !== settings.timezone
  )
    return "all";
  return {
    refunds: previous.refundAttribution !== settings.refundAttribution,
    window: previous.activityWindowDays !== settings.activityWindowDays,
    margin: previous.grossMarginPct !== settings.grossMarginPct,
  };
}
