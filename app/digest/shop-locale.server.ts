import type { PrismaClient } from "@prisma/client";
import { DEFAULT_LOCALE, isLanguage, matchLocale, type Language } from "~/i18n/locales";

/**
 * The one language a shop's digest, opt-in email and unsubscribe pages speak, numbers and dates
 * included: the language chosen in the digest settings, else the shop's primary locale in Shopify, else
 * English. Every recipient of a shop reads the same language.
 */
export async function digestLanguage(prisma: PrismaClient, shopId: number): Promise<Language> {
  const shop = await prisma.shop.findUnique({
    where: { id: shopId },
    select: { primaryLocale: true, settings: { select: { digestLanguage: true } } },
  });
  return chooseDigestLanguage(shop?.settings?.digestLanguage, shop?.primaryLocale);
}

export function chooseDigestLanguage(
  chosen: string | null | undefined,
  primaryLocale: string | null | undefined,
): Language {
  if (isLanguage(chosen)) return chosen;
  const primary = matchLocale(primaryLocale);
  return isLanguage(primary) ? primary : DEFAULT_LOCALE;
}

/** The language the digest speaks when the shop chose none: the shop's primary language in Shopify. */
export async function shopPrimaryLanguage(prisma: PrismaClient, shopId: number): Promise<Language> {
  const shop = await prisma.shop.findUnique({ where: { id: shopId }, select: { primaryLocale: true } });
  return chooseDigestLanguage(null, shop?.primaryLocale);
}
