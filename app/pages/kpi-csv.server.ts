/**
 * The KPI detail page's table as a CSV download: the same rows, one line per period. The header row is
 * in the reader's language; the values stay machine-readable (plain numbers, ISO dates) in every language.
 */
import type { PrismaClient } from "@prisma/client";
import type { Translator } from "~/i18n/translator";
import type { ShopView } from "./dashboard.server";
import { csvColumn, csvResponse, toCsv } from "./csv";
import type { KpiEntry } from "./kpi-catalog";
import { loadKpiDetail } from "./kpi-detail.server";
import { csvKpi } from "./kpi-format";
import type { ViewState } from "./view-state";

export async function kpiCsv(
  prisma: PrismaClient,
  shop: ShopView & { id: number },
  kpi: KpiEntry["kpi"],
  view: ViewState,
  i18n: Translator,
): Promise<Response> {
  const detail = await loadKpiDetail(prisma, shop.id, shop, kpi, view, i18n);
  const entry = detail.entry;
  const column = (label: string, format: KpiEntry["format"]) => csvColumn(label, format, shop.currency, i18n);
  const comparison = { comparison: view.compare === "year" ? "year" : "previous" };
  const header = [
    i18n.t("csv.kpi.period"),
    i18n.t("csv.kpi.from"),
    i18n.t("csv.kpi.to"),
    column(entry.title, entry.format),
    ...(entry.numerator && entry.denominator
      ? [
          column(entry.numerator.label, entry.numerator.format),
          column(entry.denominator.label, entry.denominator.format),
        ]
      : []),
    i18n.t("csv.kpi.comparison.period", comparison),
    i18n.t("csv.kpi.comparison.from", comparison),
    i18n.t("csv.kpi.comparison.to", comparison),
    column(i18n.t("csv.kpi.comparison.value", comparison), entry.format),
  ];
  const rows = detail.rows.map((row) => [
    row.label,
    row.from,
    row.to,
    csvKpi(row.value, entry.format, shop.currency),
    ...(entry.numerator && entry.denominator
      ? [
          csvKpi(row.numerator, entry.numerator.format, shop.currency),
          csvKpi(row.denominator, entry.denominator.format, shop.currency),
        ]
      : []),
    row.comparisonLabel,
    row.comparisonFrom,
    row.comparisonTo,
    csvKpi(row.comparison, entry.format, shop.currency),
  ]);
  return csvResponse(`${entry.slug}-${detail.granularity}.csv`, toCsv([header, ...rows]));
}
