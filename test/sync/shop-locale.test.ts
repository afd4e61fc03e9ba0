/**
 * The shop's primary locale, the digest's default language, comes from the Admin API's shopLocales (the
 * fake answers as Shopify does, scope check included) and from the REST shop object of shop/update.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminGraphqlFor } from "~/admin-api/graphql.server";
import { digestLanguage } from "~/digest/shop-locale.server";
import { refreshShopBasics } from "~/sync/import/shop-basics.server";
import { normaliseShop } from "~/sync/records/from-rest";
import { PayloadError } from "~/sync/records/fields";
import { buildShopPayload } from "../../fake-shopify/payloads/shop";
import { ALL_SCOPES, startHarness, type BackfillHarness } from "./support";

describe("the shop's primary locale", () => {
  let harness: BackfillHarness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => harness?.close());

  const primaryLocale = async (shopId: number) =>
    (await harness.db.prisma.shop.findUniqueOrThrow({ where: { id: shopId } })).primaryLocale;

  it("is read from shopLocales when the import starts, and the digest speaks it", async () => {
    const shop = await harness.newShop({ scopes: [...ALL_SCOPES, "read_locales"] });
    shop.store.info.locales = [
      { locale: "en", primary: false, published: true },
      { locale: "pl-PL", primary: true, published: true },
    ];
    await refreshShopBasics(harness.db.prisma, await adminGraphqlFor(shop.domain), shop.shopId);
    expect(await primaryLocale(shop.shopId)).toBe("pl-PL");
    expect(await digestLanguage(harness.db.prisma, shop.shopId)).toBe("pl");

    // The setting overrides it.
    await harness.db.prisma.shopSettings.create({ data: { shopId: shop.shopId, digestLanguage: "el" } });
    expect(await digestLanguage(harness.db.prisma, shop.shopId)).toBe("el");
  });

  it("leaves the import going without read_locales: the digest stays in English", async () => {
    const shop = await harness.newShop({ ianaTimezone: "Europe/Warsaw" });
    shop.store.info.locales = [{ locale: "uk", primary: true, published: true }];
    await refreshShopBasics(harness.db.prisma, await adminGraphqlFor(shop.domain), shop.shopId);
    const row = await harness.db.prisma.shop.findUniqueOrThrow({ where: { id: shop.shopId } });
    expect(row).toMatchObject({ timezone: "Europe/Warsaw", primaryLocale: null });
    expect(await digestLanguage(harness.db.prisma, shop.shopId)).toBe("en");
  });

  it("is kept by shop/update's primary_locale, and a malformed one is refused", () => {
    const payload = buildShopPayload({
      id: 1,
      myshopifyDomain: "x.myshopify.com",
      createdAt: "2026-01-01T00:00:00Z",
      primaryLocale: "el",
    });
    expect(normaliseShop(payload).primaryLocale).toBe("el");
    expect(() => normaliseShop({ ...payload, primary_locale: "not a locale!" })).toThrow(PayloadError);
  });
});
