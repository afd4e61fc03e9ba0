// One line per namespace: app/i18n/messages/pl/<namespace>.json.
import blanks from "~/i18n/messages/pl/blanks.json";
import common from "~/i18n/messages/pl/common.json";
import csv from "~/i18n/messages/pl/csv.json";
import data from "~/i18n/messages/pl/data.json";
import digest from "~/i18n/messages/pl/digest.json";
import digestAdmin from "~/i18n/messages/pl/digestAdmin.json";
import email from "~/i18n/messages/pl/email.json";
import kpi from "~/i18n/messages/pl/kpi.json";
import kpiPage from "~/i18n/messages/pl/kpiPage.json";
import privacy from "~/i18n/messages/pl/privacy.json";
import publicPages from "~/i18n/messages/pl/publicPages.json";
import settings from "~/i18n/messages/pl/settings.json";
import type { Catalog } from "~/i18n/message-id";

export const pl = {
  blanks,
  common,
  csv,
  data,
  digest,
  digestAdmin,
  email,
  kpi,
  kpiPage,
  privacy,
  publicPages,
  settings,
} satisfies Catalog;
