import { el } from "~/i18n/messages/el";
import { en } from "~/i18n/messages/en";
import { pl } from "~/i18n/messages/pl";
import { uk } from "~/i18n/messages/uk";
import type { Catalog, Namespace } from "./message-id";
import { PSEUDO_LOCALE, type AppLocale, type Language } from "./locales";
import { pseudoLocalize } from "./pseudo";
import { createTranslator, type Translator } from "./translator";

export const CATALOGS: Record<Language, Catalog> = { en, pl, uk, el };

/**
 * Namespaces only the server reads: the email, CSV headers, and the KPI words and blank reasons that
 * loaders put into their data already worded. The browser is not sent them (about half the catalogue).
 */
const SERVER_ONLY: ReadonlySet<string> = new Set(["digest", "email", "csv", "kpi", "blanks"]);

const flatCache = new Map<AppLocale, Record<string, string>>();
const translatorCache = new Map<AppLocale, Translator>();

function flatten(catalog: Catalog, mapMessage: (message: string) => string = (m) => m) {
  const flat: Record<string, string> = {};
  for (const [namespace, messages] of Object.entries(catalog)) {
    for (const [key, message] of Object.entries(messages as Record<string, string>)) {
      flat[`${namespace}.${key}`] = mapMessage(message);
    }
  }
  return flat;
}

/** Every message of a locale under its full id ("common.nav.settings"). */
export function messagesOf(locale: AppLocale): Record<string, string> {
  let flat = flatCache.get(locale);
  if (!flat) {
    flat = locale === PSEUDO_LOCALE ? flatten(en, pseudoLocalize) : flatten(CATALOGS[locale]);
    flatCache.set(locale, flat);
  }
  return flat;
}

/** The messages the browser needs to render the admin pages in a locale. */
export function browserMessagesOf(locale: AppLocale): Record<string, string> {
  return Object.fromEntries(
    Object.entries(messagesOf(locale)).filter(([id]) => !SERVER_ONLY.has(id.slice(0, id.indexOf(".")))),
  );
}

/** The one translator of a locale (they hold no request state, so they are shared). */
export function translatorFor(locale: AppLocale): Translator {
  let translator = translatorCache.get(locale);
  if (!translator) {
    translator = createTranslator(locale, messagesOf(locale));
    translatorCache.set(locale, translator);
  }
  return translator;
}

export const NAMESPACES = Object.keys(en) as Namespace[];
