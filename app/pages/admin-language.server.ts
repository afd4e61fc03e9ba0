/**
 * What the Settings page's Language section needs: the language the reader's Shopify admin speaks (the
 * "Same as my Shopify admin (currently: …)" choice), whatever the shop itself chose.
 */
import type { PrismaClient } from "@prisma/client";
import { followedAdminLocale, type AdminReader } from "~/i18n/admin-locale.server";
import { formattingLocale, type Language } from "~/i18n/locales";

export async function shopifyAdminLanguage(
  prisma: PrismaClient,
  request: Request,
  shopId: number,
  reader: AdminReader,
): Promise<Language> {
  return formattingLocale(await followedAdminLocale(prisma, request, shopId, reader, { remember: false }));
}
