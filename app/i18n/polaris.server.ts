import polarisEn from "@shopify/polaris/locales/en.json";
import polarisPl from "@shopify/polaris/locales/pl.json";
import { PSEUDO_LOCALE, type AppLocale } from "./locales";

// Polaris ships no Ukrainian or Greek: the app supplies those (app/i18n/polaris/<language>.json).
const POLARIS: Record<Exclude<AppLocale, typeof PSEUDO_LOCALE>, unknown> = {
  en: polarisEn,
  pl: polarisPl,
  uk: polarisEn,
  el: polarisEn,
};

/** Polaris's own strings (pagination, close buttons, date picker) in the locale, for its AppProvider. */
export function polarisTranslationsOf(locale: AppLocale) {
  return (locale === PSEUDO_LOCALE ? polarisEn : POLARIS[locale]) as typeof polarisEn;
}
