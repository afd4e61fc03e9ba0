// One line per namespace: app/i18n/messages/el/<namespace>.json.
import blanks from "~/i18n/messages/el/blanks.json";
import common from "~/i18n/messages/el/common.json";
import csv from "~/i18n/messages/el/csv.json";
import data from "~/i18n/messages/el/data.json";
import digest from "~/i18n/messages/el/digest.json";
import digestAdmin from "~/i18n/messages/el/digestAdmin.json";
import email from "~/i18n/messages/el/email.json";
import kpi from "~/i18n/messages/el/kpi.json";
import kpiPage from "~/i18n/messages/el/kpiPage.json";
import privacy from "~/i18n/messages/el/privacy.json";
import publicPages from "~/i18n/messages/el/publicPages.json";
import settings from "~/i18n/messages/el/settings.json";
import type { Catalog } from "~/i18n/message-id";

export const el = {
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
