import polarisEn from "@shopify/polaris/locales/en.json";
import polarisPl from "@shopify/polaris/locales/pl.json";
import polarisEl from "~/i18n/polaris/el.json";
import polarisUk from "~/i18n/polaris/uk.json";
import { PSEUDO_LOCALE, type AppLocale, type Language } from "./locales";
import { pseudoLocalize } from "./pseudo";

type PolarisTranslations = typeof polarisEn;

// Polaris ships no Ukrainian or Greek: the app supplies those. Polaris picks a duration's plural branch
// only as "one" or "other", so the Ukrainian durations use abbreviations that need no plural form.
const POLARIS: Record<Language, PolarisTranslations> = {
  en: polarisEn,
  pl: polarisPl,
  uk: polarisUk,
  el: polarisEl,
};

/**
 * Polaris's strings use plain "{name}" placeholders and none of ICU's quoting or "#", so the ICU
 * pseudo-localizer reads them as they are (test/i18n/polaris.test.ts checks each one).
 */
function pseudoLocalizeTree<T>(tree: T): T {
  if (typeof tree === "string") return pseudoLocalize(tree) as T;
  return Object.fromEntries(
    Object.entries(tree as Record<string, unknown>).map(([key, value]) => [key, pseudoLocalizeTree(value)]),
  ) as T;
}

let pseudo: PolarisTranslations | undefined;

/** Polaris's own strings (pagination, close buttons, date picker) in the locale, for its AppProvider. */
export function polarisTranslationsOf(locale: AppLocale): PolarisTranslations {
  if (locale !== PSEUDO_LOCALE) return POLARIS[locale];
  pseudo ??= pseudoLocalizeTree(polarisEn);
  return pseudo;
}
