/**
 * Finds English left on a page that should speak another language. The visible texts of the page are
 * compared with the English catalogue (the app's messages and Polaris's own strings): a text that is an
 * English message, or holds two English words in a row that the target language's catalogue does not
 * also use, is English left behind. In scripts other than Latin (Ukrainian, Greek) and in the
 * pseudo-locale, any Latin word that is not data is English too, whether it is in the catalogue or a
 * literal the catalogue never saw.
 */
import polarisEn from "@shopify/polaris/locales/en.json";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { messagesOf } from "~/i18n/catalog.server";
import { LANGUAGE_NAMES, type AppLocale } from "~/i18n/locales";
import { polarisTranslationsOf } from "~/i18n/polaris.server";

/**
 * Data, not UI: words a page may show in any language. Shop domains and email addresses are removed
 * before words are counted (see withoutData), so they need no entry here.
 */
export const DATA_WORDS = new Set([
  // The seeded customers' names (test/pages/support/seed-shop.ts: "Ada<n> Shopper").
  "ada",
  "shopper",
  // The demo shop's currency code, shown by Intl after amounts in pl and uk.
  "usd",
  // Brand names, never translated.
  "pulse",
  "kpi",
  "shopify",
  // Each language's name in itself ("English", "Polski"): language pickers show them so in every language.
  ...Object.values(LANGUAGE_NAMES).map((name) => name.toLowerCase()),
]);

/** Shop domains, email addresses and time zone ids ("Europe/Warsaw") are data whatever words they hold. */
function withoutData(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ")
    .replace(/\b[\w-]+\.myshopify\.com\b/g, " ")
    .replace(/\b[A-Z][a-z]+\/[A-Za-z_]+(\/[A-Za-z_]+)?\b/g, " ");
}

/**
 * English words that are no Polish word either: in Polish, which shares the Latin script, they show an
 * English sentence that never went through the catalogue (a literal in code). Words that are also
 * Polish ("on", "by", "was", "to", "a") are left out.
 */
const ENGLISH_ONLY_WORDS = new Set(
  "the and of with your for from this that these those are is were has have been will than which when what who its their you".split(
    " ",
  ),
);

/**
 * Words Intl itself writes in English when the pseudo-locale formats numbers and dates as English
 * (formattingLocale): month and weekday names, AM/PM, and the "and" of a list.
 */
export function intlEnglishWords(): Set<string> {
  const words = new Set<string>();
  const add = (text: string) => {
    for (const word of text.match(/\p{L}+/gu) ?? []) words.add(word.toLowerCase());
  };
  for (let month = 0; month < 12; month++) {
    const date = new Date(Date.UTC(2026, month, 10, 15));
    for (const style of ["long", "short"] as const) add(date.toLocaleString("en", { month: style }));
    for (const style of ["long", "short"] as const) add(date.toLocaleString("en", { weekday: style }));
    add(date.toLocaleString("en", { hour: "numeric" }));
  }
  add(new Intl.ListFormat("en", { type: "conjunction" }).format(["1", "2", "3"]));
  return words;
}

/**
 * Relative times as Intl writes them in English ("3 days ago", "yesterday", "next week"), as whole
 * phrases: only the pseudo-locale shows them, and only the phrase, not its words, is let through.
 */
function intlRelativeTimes(): RegExp {
  const phrases = new Set<string>();
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const units = ["second", "minute", "hour", "day", "week", "month", "quarter", "year"] as const;
  for (const unit of units) {
    for (const value of [-2, -1, 1, 2]) {
      const phrase = new Intl.RelativeTimeFormat("en", { numeric: "always" }).format(value, unit);
      phrases.add(escape(phrase).replace(/\d+/, "\\d+(?:[.,]\\d+)?"));
    }
    for (const value of [-1, 0, 1]) {
      phrases.add(escape(new Intl.RelativeTimeFormat("en", { numeric: "auto" }).format(value, unit)));
    }
  }
  return new RegExp(`\\b(?:${[...phrases].join("|")})\\b`, "gi");
}

/** The runs of literal text of an ICU message, split wherever a value, a tag or a plural `#` goes. */
function literalRuns(elements: MessageFormatElement[], runs: string[] = []): string[] {
  let current = "";
  const flush = () => {
    if (current.trim()) runs.push(current);
    current = "";
  };
  for (const element of elements) {
    if (element.type === TYPE.literal) {
      current += element.value;
      continue;
    }
    flush();
    if (element.type === TYPE.tag) literalRuns(element.children, runs);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) literalRuns(option.value, runs);
    }
  }
  flush();
  return runs;
}

function polarisStrings(tree: unknown, found: string[] = []): string[] {
  for (const value of Object.values(tree as Record<string, unknown>)) {
    if (typeof value === "string") found.push(value);
    else polarisStrings(value, found);
  }
  return found;
}

/** A text as compared: spaces collapsed, punctuation at either end dropped, lower case. */
export function normalize(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, "")
    .toLowerCase();
}

function wordsOf(text: string): string[] {
  return (text.match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? []).map((word) => word.toLowerCase());
}

function pairsOf(text: string): string[] {
  const words = wordsOf(text);
  return words.slice(1).map((word, index) => `${words[index]} ${word}`);
}

/** The literal texts of a locale's catalogue and of the Polaris strings it renders with. */
function catalogueTexts(locale: AppLocale): string[] {
  const messages = [...Object.values(messagesOf(locale)), ...polarisStrings(polarisTranslationsOf(locale))];
  return messages.flatMap((message) => literalRuns(parse(message)));
}

export interface EnglishFinder {
  /** Each visible text that is English, with why: "equals an English message" or the words found. */
  find(texts: readonly string[]): string[];
}

/** What counts as English left on a page in `locale` (pl, uk, el or the pseudo-locale). */
export function englishFinder(locale: Exclude<AppLocale, "en">): EnglishFinder {
  const target = catalogueTexts(locale);
  const english = [...catalogueTexts("en"), ...polarisStrings(polarisEn)];
  const targetTexts = new Set(target.map(normalize));
  const targetPairs = new Set(target.flatMap(pairsOf));
  // Polaris's English strings hold "{name}" placeholders: literalRuns splits them there.
  const englishTexts = new Set(
    english
      .flatMap((text) => literalRuns(parse(text)))
      .map(normalize)
      .filter((text) => /\p{L}{2,}/u.test(text) && !targetTexts.has(text)),
  );
  const englishPairs = new Set(english.flatMap(pairsOf).filter((pair) => !targetPairs.has(pair)));

  // Latin words: none belong in Ukrainian, Greek or the pseudo-locale, but for data, the Latin words the
  // translation itself keeps (abbreviations, brand names) and, in the pseudo-locale, Intl's English.
  const latinScript = locale === "pl" ? null : new Set(DATA_WORDS);
  const relativeTimes = locale === "en-XA" ? intlRelativeTimes() : null;
  if (latinScript) {
    for (const text of target) for (const word of wordsOf(text)) latinScript.add(word);
    if (locale === "en-XA") for (const word of intlEnglishWords()) latinScript.add(word);
  }

  return {
    find(texts) {
      const found: string[] = [];
      for (const raw of texts) {
        const text = relativeTimes ? withoutData(raw).replace(relativeTimes, " ") : withoutData(raw);
        // In the pseudo-locale Intl's English ("Monday") may equal a Polaris message and still be data.
        const allowed = latinScript && wordsOf(text).every((word) => latinScript.has(word));
        if (englishTexts.has(normalize(text)) && !allowed) {
          found.push(`"${raw}" (an English message)`);
          continue;
        }
        const pairs = pairsOf(text).filter((pair) => englishPairs.has(pair));
        const latin = latinScript
          ? wordsOf(text).filter((word) => /^[a-z]{3,}$/.test(word) && !latinScript.has(word))
          : wordsOf(text).filter((word) => ENGLISH_ONLY_WORDS.has(word));
        if (pairs.length > 0 || latin.length > 0) {
          found.push(`"${raw}" (${[...new Set([...pairs, ...latin])].join(", ")})`);
        }
      }
      return [...new Set(found)];
    },
  };
}
