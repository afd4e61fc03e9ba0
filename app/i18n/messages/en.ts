// One line per namespace: app/i18n/messages/en/<namespace>.json.
import blanks from "~/i18n/messages/en/blanks.json";
import common from "~/i18n/messages/en/common.json";
import csv from "~/i18n/messages/en/csv.json";
import kpi from "~/i18n/messages/en/kpi.json";
import kpiPage from "~/i18n/messages/en/kpiPage.json";

/** The source language: every other language has exactly these namespaces and keys. */
export const en = { blanks, common, csv, kpi, kpiPage };
