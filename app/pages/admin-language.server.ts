/**
 * What the Settings page's Language section needs: the language the reader's Shopify admin speaks (the
 * "Same as my Shopify admin (currently: …)" choice), which is the admin language minus the shop's own
 * choice, in the order of app/i18n/admin-locale.server.ts.
 */
import type { PrismaClient } from "@prisma/client";
import type { AdminReader } from "~/i18n/admin-locale.server";
import { DEFAULT_LOCALE, formattingLocale, matchLocale, type Language } from "~/i18n/locales";

export async function shopifyAdminLanguage(
  prisma: PrismaClient,
  request: Request,
  shopId: number,
  reader: AdminReader,
): Promise<Language> {
  const fromShopify = matchLocale(new URL(request.url).searchParams.get("locale"));
  if (fromShopify) return formattingLocale(fromShopify);
  if (reader.kind === "staff" && reader.userId) {
    const remembered = await prisma.adminUserLocale.findUnique({
      where: { shopId_userId: { shopId, userId: reader.userId } },
      select: { locale: true },
    });
    const locale = matchLocale(remembered?.locale);
    if (locale) return formattingLocale(locale);
  }
  const demo = reader.kind === "demo" ? matchLocale(reader.locale) : undefined;
  return demo ? formattingLocale(demo) : DEFAULT_LOCALE;
}
