// One line per namespace: app/i18n/messages/en/<namespace>.json.
import common from "~/i18n/messages/en/common.json";
import digest from "~/i18n/messages/en/digest.json";
import email from "~/i18n/messages/en/email.json";
import publicPages from "~/i18n/messages/en/publicPages.json";

/** The source language: every other language has exactly these namespaces and keys. */
export const en = { common, digest, email, publicPages };
