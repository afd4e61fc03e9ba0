// One line per namespace: app/i18n/messages/pl/<namespace>.json.
import common from "~/i18n/messages/pl/common.json";
import data from "~/i18n/messages/pl/data.json";
import digest from "~/i18n/messages/pl/digest.json";
import digestAdmin from "~/i18n/messages/pl/digestAdmin.json";
import email from "~/i18n/messages/pl/email.json";
import privacy from "~/i18n/messages/pl/privacy.json";
import publicPages from "~/i18n/messages/pl/publicPages.json";
import settings from "~/i18n/messages/pl/settings.json";
import type { Catalog } from "~/i18n/message-id";

export const pl = {
  common,
  data,
  digest,
  digestAdmin,
  email,
  privacy,
  publicPages,
  settings,
} satisfies Catalog;
