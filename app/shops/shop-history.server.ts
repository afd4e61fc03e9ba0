/**
 * Where a shop's data starts (first order, oldest checkout and cart, the install) and the settings that
 * shape its blanks: what app/kpi/blank-reason.ts needs. Each "first" is one step down an index.
 */
import type { ShopHistory } from "~/kpi/blank-reason";
import { countedOrder, type Db } from "~/kpi-engine/sql.server";
import { loadShopContext } from "~/kpi-engine/settings.server";

export async function readShopHistory(db: Db, shopId: number): Promise<ShopHistory> {
  const [[row], context] = await Promise.all([
    db.$queryRaw<
      {
        installed_at: Date;
        first_order: Date | null;
        first_checkout: Date | null;
        first_cart: Date | null;
      }[]
    >`
      SELECT s.installed_at,
        (SELECT min(o.ordered_at) FROM "order" o WHERE o.shop_id = s.id AND ${countedOrder("o")}) AS first_order,
        (SELECT min(c.shopify_created_at) FROM checkout c WHERE c.shop_id = s.id) AS first_checkout,
        (SELECT min(c.shopify_created_at) FROM cart c
          WHERE c.shop_id = s.id AND c.create_seen_at IS NOT NULL) AS first_cart
      FROM shop s WHERE s.id = ${shopId}`,
    loadShopContext(db, shopId),
  ]);
  if (!row) throw new Error(`No shop ${shopId}`);
  const { settings } = context;
  return {
    timeZone: settings.timezone,
    installedAt: row.installed_at,
    firstOrderAt: row.first_order,
    firstCheckoutAt: row.first_checkout,
    firstCartAt: row.first_cart,
    activityWindowDays: settings.activityWindowDays,
    graceMinutes: settings.graceMinutes,
    grossMarginSet: settings.grossMarginPct !== null,
  };
}
