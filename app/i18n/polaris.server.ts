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

/**
 * Polaris fills a data table's scroll buttons' "{direction}" with the English words "left" and "right"
 * whatever the language; outside English the label leaves the direction to the button's arrow instead.
 */
const TABLE_SCROLL_LABEL: Record<Exclude<Language, "en">, string> = {
  pl: "Przewiń tabelę o jedną kolumnę",
  uk: "Прокрутити таблицю на один стовпець",
  el: "Κύλιση πίνακα κατά μία στήλη",
};

function withTableScrollLabel(translations: PolarisTranslations, label: string): PolarisTranslations {
  const { Polaris } = translations;
  return {
    ...translations,
    Polaris: { ...Polaris, DataTable: { ...Polaris.DataTable, navAccessibilityLabel: label } },
  };
}

const PREPARED = new Map<AppLocale, PolarisTranslations>();

function prepare(locale: AppLocale): PolarisTranslations {
  if (locale === "en") return polarisEn;
  if (locale === PSEUDO_LOCALE) {
    return withTableScrollLabel(pseudoLocalizeTree(polarisEn), pseudoLocalize("Scroll table one column"));
  }
  return withTableScrollLabel(POLARIS[locale], TABLE_SCROLL_LABEL[locale]);
}

/** Polaris's own strings (pagination, close buttons, date picker) in the locale, for its AppProvider. */
export function polarisTranslationsOf(locale: AppLocale): PolarisTranslations {
  let translations = PREPARED.get(locale);
  if (!translations) {
    translations = prepare(locale);
    PREPARED.set(locale, translations);
  }
  return translations;
}
