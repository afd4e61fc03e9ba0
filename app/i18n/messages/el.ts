// One line per namespace: app/i18n/messages/el/<namespace>.json.
import blanks from "~/i18n/messages/el/blanks.json";
import clvStory from "~/i18n/messages/el/clvStory.json";
import common from "~/i18n/messages/el/common.json";
import csv from "~/i18n/messages/el/csv.json";
import customers from "~/i18n/messages/el/customers.json";
import dashboard from "~/i18n/messages/el/dashboard.json";
import data from "~/i18n/messages/el/data.json";
import digest from "~/i18n/messages/el/digest.json";
import digestAdmin from "~/i18n/messages/el/digestAdmin.json";
import email from "~/i18n/messages/el/email.json";
import kpi from "~/i18n/messages/el/kpi.json";
import kpiPage from "~/i18n/messages/el/kpiPage.json";
import period from "~/i18n/messages/el/period.json";
import privacy from "~/i18n/messages/el/privacy.json";
import publicPages from "~/i18n/messages/el/publicPages.json";
import segments from "~/i18n/messages/el/segments.json";
import settings from "~/i18n/messages/el/settings.json";
import type { Catalog } from "~/i18n/message-id";

export const el = {
  blanks,
  clvStory,
  common,
  csv,
  customers,
  dashboard,
  data,
  digest,
  digestAdmin,
  email,
  kpi,
  kpiPage,
  period,
  privacy,
  publicPages,
  segments,
  settings,
} satisfies Catalog;
