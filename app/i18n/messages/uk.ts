// One line per namespace: app/i18n/messages/uk/<namespace>.json.
import blanks from "~/i18n/messages/uk/blanks.json";
import clvStory from "~/i18n/messages/uk/clvStory.json";
import common from "~/i18n/messages/uk/common.json";
import csv from "~/i18n/messages/uk/csv.json";
import customers from "~/i18n/messages/uk/customers.json";
import dashboard from "~/i18n/messages/uk/dashboard.json";
import data from "~/i18n/messages/uk/data.json";
import digest from "~/i18n/messages/uk/digest.json";
import digestAdmin from "~/i18n/messages/uk/digestAdmin.json";
import email from "~/i18n/messages/uk/email.json";
import kpi from "~/i18n/messages/uk/kpi.json";
import kpiPage from "~/i18n/messages/uk/kpiPage.json";
import period from "~/i18n/messages/uk/period.json";
import privacy from "~/i18n/messages/uk/privacy.json";
import publicPages from "~/i18n/messages/uk/publicPages.json";
import segments from "~/i18n/messages/uk/segments.json";
import settings from "~/i18n/messages/uk/settings.json";
import type { Catalog } from "~/i18n/message-id";

export const uk = {
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
