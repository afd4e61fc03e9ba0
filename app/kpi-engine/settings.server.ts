/**
 * The KPI settings a shop's rollups are built with: the merchant's (shop_settings), else the spec's
 * defaults; callers (tests, the benchmark) may override them. The settings key records everything the
 * stored rollups and snapshots depend on: when it changes, the next recompute is a full rebuild.
 */
import type { KpiSettings } from "../kpi/settings";
import { resolveSettings } from "../kpi/settings";
import type { Db } from "./sql.server";

export type SettingsOverrides = Partial<Omit<KpiSettings, "timezone">>;

export interface ShopContext {
  readonly shopId: number;
  readonly settings: KpiSettings;
}

export async function loadShopContext(db: Db, shopId: number, overrides: SettingsOverrides = {}): Promise<ShopContext> {
  const shop = await db.shop.findUniqueOrThrow({ where: { id: shopId }, select: { timezone: true, settings: true } });
  const saved = shop.settings;
  const merchant: SettingsOverrides = saved
    ? {
        activityWindowDays: saved.activityWindowDays,
        graceMinutes: saved.graceMinutes,
        refundAttribution: saved.refundAttribution === "order_date" ? "order-date" : "refund-date",
        grossMarginPct: saved.grossMarginPct === null ? null : Number(saved.grossMarginPct),
        marketingSpendByMonth: spendByMonth(saved.marketingSpend),
      }
    : {};
  return { shopId, settings: resolveSettings({ ...merchant, ...overrides, timezone: shop.timezone }) };
}

/** The stored `{ "YYYY-MM": minor units }`; null when the merchant gave none (CAC and ROAS then stay empty). */
function spendByMonth(json: unknown): Record<string, number> | null {
  if (json === null || typeof json !== "object" || Array.isArray(json)) return null;
  const entries = Object.entries(json as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === "number");
  return entries.length ? Object.fromEntries(entries) : null;
}

/** Everything stored rollups and snapshots depend on; bump `v` when the engine's model changes. */
export function settingsKey(settings: KpiSettings): string {
  return JSON.stringify({ v: 1, ...settings });
}
