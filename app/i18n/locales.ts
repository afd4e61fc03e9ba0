/** The languages the app is written in. English is the source every other language translates. */
export const LANGUAGES = ["en", "pl", "uk", "el"] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * An accented English, 40 % longer, for tests only: an English word left on a page stands out, and long
 * Greek or Ukrainian labels that would break a layout break it here first.
 */
export const PSEUDO_LOCALE = "en-XA";
export type AppLocale = Language | typeof PSEUDO_LOCALE;

export const DEFAULT_LOCALE: Language = "en";

/** Each language's name in itself, for the language pickers. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: "English",
  pl: "Polski",
  uk: "Українська",
  el: "Ελληνικά",
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The app locale for a BCP 47 tag as Shopify sends it ("pl", "pl-PL", "uk-UA", "el"), or undefined when
 * the app does not speak it. The pseudo-locale is matched only exactly.
 */
export function matchLocale(tag: string | null | undefined): AppLocale | undefined {
  if (!tag) return undefined;
  if (tag.toLowerCase() === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLanguage(language) ? language : undefined;
}

/** The locale Intl formats numbers and dates in: the pseudo-locale formats as English. */
export function formattingLocale(locale: AppLocale): Language {
  return locale === PSEUDO_LOCALE ? "en" : locale;
}
