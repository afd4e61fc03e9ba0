// One line per namespace: app/i18n/messages/el/<namespace>.json.
import blanks from "~/i18n/messages/el/blanks.json";
import common from "~/i18n/messages/el/common.json";
import csv from "~/i18n/messages/el/csv.json";
import kpi from "~/i18n/messages/el/kpi.json";
import kpiPage from "~/i18n/messages/el/kpiPage.json";
import type { Catalog } from "~/i18n/message-id";

export const el = { blanks, common, csv, kpi, kpiPage } satisfies Catalog;
