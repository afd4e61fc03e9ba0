import type { PrismaClient } from "@prisma/client";
import type { AdminGraphql } from "~/admin-api/graphql.server";
import { normaliseShop } from "~/sync/records/from-rest";
import type { ShopBasicsQuery } from "~/types/admin.generated";
import { SHOP_QUERY } from "~/sync/wire/admin-queries";

/**
 * The shop's Shopify id (which destructive webhooks must name), currency, timezone and tax setting, read
 * from Shopify when an import starts: every KPI is bucketed in the shop's timezone, so they must be right
 * before the first rollup (shop/update keeps them right afterwards).
 */
export async function refreshShopBasics(
  prisma: PrismaClient,
  graphql: AdminGraphql,
  shopId: number,
): Promise<void> {
  const { data } = await graphql<ShopBasicsQuery>(SHOP_QUERY);
  const update = normaliseShop({
    id: data.shop.id,
    name: data.shop.name,
    currency: data.shop.currencyCode,
    iana_timezone: data.shop.ianaTimezone,
    taxes_included: data.shop.taxesIncluded,
  });
  await prisma.shop.update({ where: { id: shopId }, data: update });
}
