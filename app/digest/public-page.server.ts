/**
 * The language of the digest's public pages (unsubscribe, opt-in confirmation): the shop's digest
 * language, so the page reads like the email that linked to it. A link that names no shop we know (forged,
 * expired, or the shop deleted since) falls back to the browser's Accept-Language, then English.
 */
import type { PrismaClient } from "@prisma/client";
import { messagesOf, translatorFor } from "~/i18n/catalog.server";
import { DEFAULT_LOCALE, isLanguage, matchLocale, type Language } from "~/i18n/locales";
import type { Translator } from "~/i18n/translator";
import { chooseDigestLanguage } from "./shop-locale.server";

export interface PublicPageI18n {
  readonly i18n: Translator;
  /** For `<html lang>` (app/root.tsx reads `locale` from the deepest route's data). */
  readonly locale: Language;
  /** The page's own messages only: the browser is sent nothing else. */
  readonly messages: Record<string, string>;
}

export async function publicPageI18n(
  prisma: PrismaClient,
  shopId: number | null,
  request: Request,
): Promise<PublicPageI18n> {
  const shop =
    shopId === null
      ? null
      : await prisma.shop.findUnique({
          where: { id: shopId },
          select: { primaryLocale: true, settings: { select: { digestLanguage: true } } },
        });
  const locale = shop
    ? chooseDigestLanguage(shop.settings?.digestLanguage, shop.primaryLocale)
    : browserLanguage(request.headers.get("accept-language"));
  const messages = Object.fromEntries(
    Object.entries(messagesOf(locale)).filter(([id]) => id.startsWith("publicPages.")),
  );
  return { i18n: translatorFor(locale), locale, messages };
}

/** The first language of an Accept-Language header ("pl-PL,pl;q=0.9,en;q=0.8") the app speaks. */
export function browserLanguage(header: string | null): Language {
  const tags = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.tag && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of tags) {
    const language = matchLocale(tag);
    if (isLanguage(language)) return language;
  }
  return DEFAULT_LOCALE;
}
