// One line per namespace: app/i18n/messages/uk/<namespace>.json.
import blanks from "~/i18n/messages/uk/blanks.json";
import common from "~/i18n/messages/uk/common.json";
import csv from "~/i18n/messages/uk/csv.json";
import kpi from "~/i18n/messages/uk/kpi.json";
import kpiPage from "~/i18n/messages/uk/kpiPage.json";
import type { Catalog } from "~/i18n/message-id";

export const uk = { blanks, common, csv, kpi, kpiPage } satisfies Catalog;
