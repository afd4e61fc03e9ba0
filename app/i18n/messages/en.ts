// One line per namespace: app/i18n/messages/en/<namespace>.json.
import blanks from "~/i18n/messages/en/blanks.json";
import common from "~/i18n/messages/en/common.json";
import csv from "~/i18n/messages/en/csv.json";
import data from "~/i18n/messages/en/data.json";
import digest from "~/i18n/messages/en/digest.json";
import digestAdmin from "~/i18n/messages/en/digestAdmin.json";
import email from "~/i18n/messages/en/email.json";
import kpi from "~/i18n/messages/en/kpi.json";
import kpiPage from "~/i18n/messages/en/kpiPage.json";
import privacy from "~/i18n/messages/en/privacy.json";
import publicPages from "~/i18n/messages/en/publicPages.json";
import settings from "~/i18n/messages/en/settings.json";

/** The source language: every other language has exactly these namespaces and keys. */
export const en = {
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
};
