/**
 * The Customers page as CSV: every customer the search and filters leave (not only one page), same order.
 * The header row is in the reader's language; numbers and dates stay machine-readable.
 */
import type { PrismaClient } from "@prisma/client";
import type { Translator } from "~/i18n/translator";
import { csvResponse, toCsv } from "./csv";
import { CLV_HORIZON_DAYS } from "~/clv/clv-model.server";
import { nextOrderText, segmentInfo } from "./customer-segments";
import type { CustomerQuery } from "./customers.server";
import { readPredictions } from "./customers.server";
import { csvKpi } from "./kpi-format";

export async function customersCsv(
  prisma: PrismaClient,
  shop: { id: number; currency: string },
  query: CustomerQuery,
  i18n: Translator,
): Promise<Response> {
  const rows = await readPredictions(prisma, shop.id, query, { offset: 0, limit: null });
  const money = (value: number) => csvKpi(value, "money", shop.currency);
  const currency = { currency: shop.currency };
  const header = [
    i18n.t("csv.customers.customer"),
    i18n.t("csv.customers.email"),
    i18n.t("csv.customers.segment"),
    i18n.t("csv.customers.customerId"),
    i18n.t("csv.customers.orders"),
    i18n.t("csv.customers.spend", currency),
    i18n.t("csv.customers.predicted", currency),
    i18n.t("csv.customers.lifetime", currency),
    i18n.t("csv.customers.lastOrder"),
    i18n.t("csv.customers.chanceActive"),
    i18n.t("csv.customers.expectedOrders", { days: CLV_HORIZON_DAYS }),
    i18n.t("csv.customers.orderDays"),
    i18n.t("csv.customers.daysSinceLastOrder"),
    i18n.t("csv.customers.nextOrder"),
  ];
  const lines = rows.map((row) => [
    row.name,
    row.email,
    segmentInfo(row.segment).label,
    row.customerId,
    row.orders,
    money(row.spentMinor),
    money(row.predictedClv),
    money(row.totalValue),
    row.lastOrderDay,
    csvKpi(row.pAlive, "percent", shop.currency),
    row.expectedOrders.toFixed(2),
    row.purchaseDays,
    row.daysSinceLastOrder,
    nextOrderText(row.segment, row.expectedOrders, CLV_HORIZON_DAYS),
  ]);
  return csvResponse(`customers-${query.segment ?? "all"}.csv`, toCsv([header, ...lines]));
}
