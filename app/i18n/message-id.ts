import type { en } from "~/i18n/messages/en";

type Source = typeof en;

/** A message's id: its namespace and its key in that namespace's file, e.g. "common.nav.settings". */
export type MessageId = {
  [Namespace in keyof Source]: `${Namespace & string}.${keyof Source[Namespace] & string}`;
}[keyof Source];

export type Namespace = keyof Source;

/** What a translation must hold: every namespace and key of the English source, as ICU messages. */
export type Catalog = { [Namespace in keyof Source]: Record<keyof Source[Namespace], string> };
