import type { PrismaClient } from "@prisma/client";
import { DEFAULT_LOCALE, matchLocale, PSEUDO_LOCALE, type AppLocale } from "./locales";

/** Who is asking: a staff member of the Shopify admin (the session token's `sub`) or the demo browser. */
export type AdminReader = { kind: "staff"; userId: string | null } | { kind: "demo"; locale?: string };

/**
 * The language the admin pages speak for one request: the language the merchant chose in Settings,
 * else the one the reader's Shopify admin speaks (followedAdminLocale).
 */
export async function resolveAdminLocale(
  prisma: PrismaClient,
  request: Request,
  shopId: number,
  reader: AdminReader,
): Promise<AppLocale> {
  const [settings, followed] = await Promise.all([
    prisma.shopSettings.findUnique({ where: { shopId }, select: { adminLanguage: true } }),
    followedAdminLocale(prisma, request, shopId, reader, { remember: true }),
  ]);
  return matchLocale(settings?.adminLanguage) ?? followed;
}

/**
 * The language of the reader's Shopify admin, in this order:
 * 1. the `locale` Shopify puts on the page that opens the app (remembered per staff member when
 *    `remember` is set, because the requests that follow inside the app do not carry it);
 * 2. what was remembered for that staff member, or the demo session's choice;
 * 3. English.
 */
export async function followedAdminLocale(
  prisma: PrismaClient,
  request: Request,
  shopId: number,
  reader: AdminReader,
  { remember }: { remember: boolean },
): Promise<AppLocale> {
  const fromShopify = matchLocale(new URL(request.url).searchParams.get("locale"));
  const userId = reader.kind === "staff" ? reader.userId : null;
  if (fromShopify) {
    if (remember && userId && fromShopify !== PSEUDO_LOCALE) {
      await prisma.adminUserLocale.upsert({
        where: { shopId_userId: { shopId, userId } },
        create: { shopId, userId, locale: fromShopify },
        update: { locale: fromShopify },
      });
    }
    return fromShopify;
  }
  if (userId) {
    const remembered = await prisma.adminUserLocale.findUnique({
      where: { shopId_userId: { shopId, userId } },
      select: { locale: true },
    });
    const locale = matchLocale(remembered?.locale);
    if (locale) return locale;
  }
  return (reader.kind === "demo" ? matchLocale(reader.locale) : undefined) ?? DEFAULT_LOCALE;
}
