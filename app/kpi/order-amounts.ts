/**
 * What a single order contributes: its date, whether it counts, its gross sales and units.
 */
import type { KpiOrder } from "./types";

/** `processed_at` as Shopify's reports use it (differs from `created_at` for imported orders). */
export function orderDate(order: Pick<KpiOrder, "processedAt" | "createdAt">): Date {
  return order.processedAt ?? order.createdAt;
}

/** A counted order is not a test, not deleted and not cancelled (judged on its newest version). */
export function isCountedOrder(order: Pick<KpiOrder, "test" | "deleted" | "cancelledAt">): boolean {
  return !order.test && !order.deleted && order.cancelledAt === null;
}

/**
 * Σ price × quantity before discounts; in tax-inclusive shops the included line taxes are taken out.
 * Gift cards sold are not sales (Shopify books them as a liability): their lines are left out.
 */
export function orderGrossSalesMinor(order: Pick<KpiOrder, "lines" | "taxesIncluded">): number {
  let gross = 0;
  for (const line of order.lines) {
    if (line.giftCard) continue;
    gross += line.priceMinor * line.quantity;
    if (order.taxesIncluded) gross -= line.includedTaxMinor ?? 0;
  }
  return gross;
}

/** Ordered units, gift cards sold left out as in gross sales. */
export function orderUnits(order: Pick<KpiOrder, "lines">): number {
  return order.lines.reduce((sum, line) => sum + (line.giftCard ? 0 : line.quantity), 0);
}
