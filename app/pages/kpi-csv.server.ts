/** The KPI detail page's table as a CSV download: the same rows, plain numbers, one line per period. */
import type { PrismaClient } from "@prisma/client";
import type { ShopView } from "./dashboard.server";
import { csvResponse, toCsv } from "./csv";
import type { KpiEntry } from "./kpi-catalog";
import { loadKpiDetail } from "./kpi-detail.server";
import { csvKpi } from "./kpi-format";
import type { ViewState } from "./view-state";

const unit = (format: KpiEntry["format"], currency: string) =>
  format === "money" ? ` (${currency})` : format === "percent" ? " (%)" : "";

export async function kpiCsv(
  prisma: PrismaClient,
  shop: ShopView & { id: number },
  base: KpiEntry,
  view: ViewState,
): Promise<Response> {
  const detail = await loadKpiDetail(prisma, shop.id, shop, base, view);
  const entry = detail.entry;
  const comparison = view.compare === "year" ? "Same period last year" : "Previous period";
  const header = [
    "Period",
    "From",
    "To",
    `${entry.title}${unit(entry.format, shop.currency)}`,
    ...(entry.numerator && entry.denominator
      ? [
          `${entry.numerator.label}${unit(entry.numerator.format, shop.currency)}`,
          `${entry.denominator.label}${unit(entry.denominator.format, shop.currency)}`,
        ]
      : []),
    `${comparison} period`,
    `${comparison} from`,
    `${comparison} to`,
    `${comparison}${unit(entry.format, shop.currency)}`,
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
