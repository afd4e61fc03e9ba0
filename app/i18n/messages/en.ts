// One line per namespace: app/i18n/messages/en/<namespace>.json.
import common from "~/i18n/messages/en/common.json";
import customers from "~/i18n/messages/en/customers.json";
import segments from "~/i18n/messages/en/segments.json";
import clvStory from "~/i18n/messages/en/clvStory.json";

/** The source language: every other language has exactly these namespaces and keys. */
export const en = { common, customers, segments, clvStory };
