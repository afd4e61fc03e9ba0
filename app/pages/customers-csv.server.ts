/** The Customers page as CSV: every customer of the chosen segment (not only one page), same order. */
import type { PrismaClient } from "@prisma/client";
import { csvResponse, toCsv } from "./csv";
import { segmentInfo } from "./customer-segments";
import type { CustomerQuery } from "./customers.server";
import { readPredictions } from "./customers.server";
import { csvKpi } from "./kpi-format";

export async function customersCsv(
  prisma: PrismaClient,
  shop: { id: number; currency: string },
  query: CustomerQuery,
): Promise<Response> {
  const rows = await readPredictions(prisma, shop.id, query, { offset: 0, limit: null });
  const header = [
    "Customer",
    "Email",
    "Segment",
    `Predicted value (${shop.currency})`,
    "Chance still active (%)",
    "Expected orders (next 365 days)",
    "Order days",
    "Days since last order",
  ];
  const lines = rows.map((row) => [
    row.name,
    row.email,
    segmentInfo(row.segment).label,
    csvKpi(row.predictedClv, "money", shop.currency),
    csvKpi(row.pAlive, "percent", shop.currency),
    row.expectedOrders.toFixed(2),
    row.purchaseDays,
    row.daysSinceLastOrder,
  ]);
  return csvResponse(`customers-${query.segment ?? "all"}.csv`, toCsv([header, ...lines]));
}
