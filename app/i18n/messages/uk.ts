// One line per namespace: app/i18n/messages/uk/<namespace>.json.
import blanks from "~/i18n/messages/uk/blanks.json";
import common from "~/i18n/messages/uk/common.json";
import csv from "~/i18n/messages/uk/csv.json";
import data from "~/i18n/messages/uk/data.json";
import digest from "~/i18n/messages/uk/digest.json";
import digestAdmin from "~/i18n/messages/uk/digestAdmin.json";
import email from "~/i18n/messages/uk/email.json";
import kpi from "~/i18n/messages/uk/kpi.json";
import kpiPage from "~/i18n/messages/uk/kpiPage.json";
import privacy from "~/i18n/messages/uk/privacy.json";
import publicPages from "~/i18n/messages/uk/publicPages.json";
import settings from "~/i18n/messages/uk/settings.json";
import type { Catalog } from "~/i18n/message-id";

export const uk = {
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
