// One line per namespace: app/i18n/messages/uk/<namespace>.json.
import common from "~/i18n/messages/uk/common.json";
import data from "~/i18n/messages/uk/data.json";
import digest from "~/i18n/messages/uk/digest.json";
import digestAdmin from "~/i18n/messages/uk/digestAdmin.json";
import email from "~/i18n/messages/uk/email.json";
import privacy from "~/i18n/messages/uk/privacy.json";
import publicPages from "~/i18n/messages/uk/publicPages.json";
import settings from "~/i18n/messages/uk/settings.json";
import type { Catalog } from "~/i18n/message-id";

export const uk = {
  common,
  data,
  digest,
  digestAdmin,
  email,
  privacy,
  publicPages,
  settings,
} satisfies Catalog;
