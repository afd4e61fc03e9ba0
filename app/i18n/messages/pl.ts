// One line per namespace: app/i18n/messages/pl/<namespace>.json.
import blanks from "~/i18n/messages/pl/blanks.json";
import common from "~/i18n/messages/pl/common.json";
import csv from "~/i18n/messages/pl/csv.json";
import kpi from "~/i18n/messages/pl/kpi.json";
import kpiPage from "~/i18n/messages/pl/kpiPage.json";
import type { Catalog } from "~/i18n/message-id";

export const pl = { blanks, common, csv, kpi, kpiPage } satisfies Catalog;
