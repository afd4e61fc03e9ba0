import { createIntl, createIntlCache, type IntlShape } from "@formatjs/intl";
import type { MessageId } from "./message-id";
import { formattingLocale, type AppLocale } from "./locales";

export type MessageValues = Record<string, string | number | Date | null | undefined>;

/** Values for a message with tags ("<link>…</link>"): a tag's value renders its chunks, e.g. as a link. */
export type RichValues<T> = Record<string, string | number | Date | T | ((chunks: Array<string | T>) => T)>;

/**
 * Everything a page, an email or a CSV needs to speak one language: its messages (ICU MessageFormat, so
 * plurals and agreement live in the message, not in code) and Intl formats in the same locale.
 */
export interface Translator {
  /** The locale of the words, for `<html lang>`: the pseudo-locale included. */
  readonly locale: AppLocale;
  /** The locale of numbers and dates, for Intl. */
  readonly formatLocale: string;
  t(id: MessageId, values?: MessageValues): string;
  /** A message with tags, as an array of strings and whatever the tag functions return. */
  rich<T>(id: MessageId, values: RichValues<T>): Array<string | T>;
  readonly intl: IntlShape<string>;
}

const cache = createIntlCache();

export function createTranslator(
  locale: AppLocale,
  messages: Readonly<Record<string, string>>,
  onError: (error: Error) => void = reportI18nError,
): Translator {
  const formatLocale = formattingLocale(locale);
  const intl = createIntl<string>({ locale: formatLocale, messages: { ...messages }, onError }, cache);
  // Ids are checked by MessageId, values by the catalogue test; formatjs's own typing of both is bypassed.
  const format = intl.formatMessage as unknown as (descriptor: { id: string }, values?: object) => unknown;
  return {
    locale,
    formatLocale,
    t: (id, values) => String(format({ id }, values)),
    rich<T>(id: MessageId, values: RichValues<T>) {
      const result = format({ id }, values);
      return (Array.isArray(result) ? result : [result]) as Array<string | T>;
    },
    intl,
  };
}

// A missing id cannot pass typecheck or the catalogue test; a malformed message or a value left out
// still must not take a page down, so it is reported and the raw message shown.
function reportI18nError(error: Error) {
  console.error(`[i18n] ${error.message}`);
}
