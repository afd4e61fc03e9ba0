// One line per namespace: app/i18n/messages/en/<namespace>.json.
import common from "~/i18n/messages/en/common.json";
import data from "~/i18n/messages/en/data.json";
import digest from "~/i18n/messages/en/digest.json";
import digestAdmin from "~/i18n/messages/en/digestAdmin.json";
import email from "~/i18n/messages/en/email.json";
import privacy from "~/i18n/messages/en/privacy.json";
import publicPages from "~/i18n/messages/en/publicPages.json";
import settings from "~/i18n/messages/en/settings.json";

/** The source language: every other language has exactly these namespaces and keys. */
export const en = { common, data, digest, digestAdmin, email, privacy, publicPages, settings };
