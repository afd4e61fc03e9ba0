/**
 * Which KPIs of a free from–to range follow from the daily snapshots, and how: amounts and counts are
 * sums of the days' values, ratios are the summed numerator over the summed denominator (each day keeps
 * both), sales growth compares the summed net sales with those of the period before. Customer counts,
 * retention, churn and CLV are not sums over days (a customer of two days is one customer), so a free
 * range leaves them out and says why (decision 0036). New customers are the exception: a customer's first
 * order falls on exactly one day, so they add up. Marketing spend is not read from the days but prorated
 * from the monthly entries over the range itself (a range before the store's history has no day rows but
 * had spend), and gives CAC and ROAS with the summed new customers and net sales. Pure.
 *
 * Layer: snapshots (README.md, "Layers").
 */
import type { KpiId } from "~/kpi/catalog";
import { ratio } from "~/kpi/ratio";
import { salesGrowth } from "~/kpi/sales";

export type RangeRule = "sum" | "ratio" | "growth" | "spend";

export const RANGE_RULES: Partial<Record<KpiId, RangeRule>> = {
  orders: "sum",
  units: "sum",
  gross_sales: "sum",
  discounts: "sum",
  returns: "sum",
  shipping: "sum",
  shipping_charged: "sum",
  shipping_refunded: "sum",
  taxes: "sum",
  taxes_charged: "sum",
  taxes_refunded: "sum",
  duties: "sum",
  net_sales: "sum",
  total_sales: "sum",
  new_customers: "sum",
  checkout_created: "sum",
  checkout_completed: "sum",
  checkout_abandoned: "sum",
  checkout_undecided: "sum",
  cart_created: "sum",
  cart_completed: "sum",
  cart_abandoned: "sum",
  cart_undecided: "sum",
  aov: "ratio",
  aov_incl_shipping_tax: "ratio",
  units_per_order: "ratio",
  checkout_abandonment_rate: "ratio",
  checkout_completion_rate: "ratio",
  cart_abandonment_rate: "ratio",
  cart_completion_rate: "ratio",
  sales_growth: "growth",
  marketing_spend: "spend",
  cac: "spend",
  roas: "spend",
};

/** The summed KPIs a derived one is computed from. */
export const RANGE_INPUTS: Partial<Record<KpiId, readonly KpiId[]>> = {
  sales_growth: ["net_sales"],
  cac: ["new_customers"],
  roas: ["net_sales"],
};

export function availableForRanges(kpi: string): boolean {
  return kpi in RANGE_RULES;
}

/** One KPI's sums over a range's days. */
export interface DaySumsOfKpi {
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
}

export interface RangeValue {
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
}

/**
 * A range's value of `kpi` from its days' sums; null when the range has no day snapshot of it (before
 * the store's history) or the KPI is not additive. `previousNetSales`: the summed net sales of the range
 * before, for sales growth; `spendMinor`: the range's marketing spend, null when a month it touches has
 * none entered.
 */
export function rangeValue(
  kpi: KpiId,
  sums: ReadonlyMap<string, DaySumsOfKpi>,
  previousNetSales: number | null,
  spendMinor: number | null = null,
): RangeValue | null {
  const rule = RANGE_RULES[kpi];
  if (!rule) return null;
  if (rule === "spend") {
    if (spendMinor === null) return { value: null, numerator: null, denominator: null };
    if (kpi === "marketing_spend") return { value: spendMinor, numerator: null, denominator: null };
    if (kpi === "cac") return ratio(spendMinor, sums.get("new_customers")?.value ?? 0);
    return ratio(sums.get("net_sales")?.value ?? 0, spendMinor);
  }
  if (rule === "growth") {
    const net = sums.get("net_sales")?.value;
    if (net == null || previousNetSales === null) return null;
    return salesGrowth(net, previousNetSales);
  }
  const own = sums.get(kpi);
  if (!own) return null;
  if (rule === "sum") return { value: own.value, numerator: null, denominator: null };
  if (own.numerator === null || own.denominator === null) return null;
  return ratio(own.numerator, own.denominator);
}
