import type { PrismaClient } from "@prisma/client";
import { DEFAULT_LOCALE, matchLocale, PSEUDO_LOCALE, type AppLocale } from "./locales";

/** Who is asking: a staff member of the Shopify admin (the session token's `sub`) or the demo browser. */
export type AdminReader = { kind: "staff"; userId: string | null } | { kind: "demo"; locale?: string };

/**
 * The language the admin pages speak for one request, in this order:
 * 1. the language the merchant chose in Settings;
 * 2. the `locale` Shopify puts on the page that opens the app (remembered per staff member, because
 *    the requests that follow inside the app do not carry it);
 * 3. what was remembered for that staff member, or the demo session's choice;
 * 4. English.
 */
export async function resolveAdminLocale(
  prisma: PrismaClient,
  request: Request,
  shopId: number,
  reader: AdminReader,
): Promise<AppLocale> {
  const fromShopify = matchLocale(new URL(request.url).searchParams.get("locale"));
  const userId = reader.kind === "staff" ? reader.userId : null;
  const [settings, remembered] = await Promise.all([
    prisma.shopSettings.findUnique({ where: { shopId }, select: { adminLanguage: true } }),
    userId && !fromShopify
      ? prisma.adminUserLocale.findUnique({
          where: { shopId_userId: { shopId, userId } },
          select: { locale: true },
        })
      : null,
  ]);
  if (userId && fromShopify && fromShopify !== PSEUDO_LOCALE) {
    await prisma.adminUserLocale.upsert({
      where: { shopId_userId: { shopId, userId } },
      create: { shopId, userId, locale: fromShopify },
      update: { locale: fromShopify },
    });
  }
  return (
    matchLocale(settings?.adminLanguage) ??
    fromShopify ??
    matchLocale(remembered?.locale) ??
    (reader.kind === "demo" ? matchLocale(reader.locale) : undefined) ??
    DEFAULT_LOCALE
  );
}
