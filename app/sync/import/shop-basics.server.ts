import type { PrismaClient } from "@prisma/client";
import type { AdminGraphql } from "~/admin-api/graphql.server";
import { log } from "~/logger.server";
import { normaliseShop } from "~/sync/records/from-rest";
import type { ShopBasicsQuery, ShopLocalesQuery } from "~/types/admin.generated";
import { SHOP_LOCALES_QUERY, SHOP_QUERY } from "~/sync/wire/admin-queries";

/**
 * The shop's Shopify id (which destructive webhooks must name), currency, timezone, tax setting and
 * primary locale, read from Shopify when an import starts: every KPI is bucketed in the shop's timezone,
 * so they must be right before the first rollup (shop/update keeps them right afterwards).
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
    primary_locale: await primaryLocale(graphql, shopId),
  });
  await prisma.shop.update({ where: { id: shopId }, data: update });
}

/**
 * Only the digest's default language depends on it, so an install that has not granted `read_locales`
 * yet still imports; the language stays as it was (shop/update also carries it).
 */
async function primaryLocale(graphql: AdminGraphql, shopId: number): Promise<string | null> {
  try {
    const { data } = await graphql<ShopLocalesQuery>(SHOP_LOCALES_QUERY);
    return data.shopLocales.find((locale) => locale.primary)?.locale ?? null;
  } catch (error) {
    log.warn("shop locales not read; the digest keeps its language", { shopId, error });
    return null;
  }
}
