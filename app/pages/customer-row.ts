/**
 * A customer row of the Customers page in words: its order count, last order day, chance still active
 * and next order, as one sentence of the reader's language (the phone layout shows it under the name).
 * Pure, so tests build it in every language.
 */
import type { Translator } from "~/i18n/translator";
import { nextOrderText } from "./customer-segments";
import type { CustomerRowView } from "./customers.server";
import { formatKpi } from "./kpi-format";

/**
 * "Mar 3, 2026" from a local day (the shop's zone already decided which day it is): formatted at UTC
 * midnight in UTC, so the server and the browser print the same day.
 */
export const dayText = (day: string | null, i18n: Translator): string =>
  day
    ? i18n.intl.formatDate(new Date(`${day}T00:00:00Z`), {
        timeZone: "UTC",
        year: "numeric",
        month: "short",
        day: "numeric",
      })
    : i18n.t("common.value.undefined");

/** "3 orders · last Mar 3, 2026 · 42% still active · next order in about 3 months". */
export function rowSummary(
  row: Pick<CustomerRowView, "orders" | "lastOrderDay" | "pAlive" | "segment" | "expectedOrders">,
  horizonDays: number,
  currency: string,
  i18n: Translator,
): string {
  return i18n.t("customers.row.summary", {
    orders: row.orders,
    last: dayText(row.lastOrderDay, i18n),
    chance: formatKpi(row.pAlive, "percent", currency, i18n),
    next: nextOrderText(row.segment, row.expectedOrders, horizonDays, i18n),
  });
}
