/** The pure report (app/kpi) under the engine's snapshot KPI names, for like-for-like comparison. */
import type { KpiReport } from "~/kpi/compute-kpis";
import type { Ratio } from "~/kpi/types";

export interface Value {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

const n = (value: number | null): Value => ({ value, numerator: null, denominator: null });
const r = (ratio: Ratio | null): Value =>
  ratio === null ? n(null) : { value: ratio.value, numerator: ratio.numerator, denominator: ratio.denominator };

export function pureValues(report: KpiReport): Map<string, Value> {
  const s = report.sales;
  const c = report.customers;
  const entries: [string, Value][] = [
    ["orders", n(s.orders)],
    ["units", n(s.units)],
    ["gross_sales", n(s.grossSalesMinor)],
    ["discounts", n(s.discountsMinor)],
    ["returns", n(s.returnsMinor)],
    ["shipping", n(s.shippingMinor)],
    ["shipping_charged", n(s.shippingChargedMinor)],
    ["shipping_refunded", n(s.shippingRefundedMinor)],
    ["taxes", n(s.taxesMinor)],
    ["taxes_charged", n(s.taxesChargedMinor)],
    ["taxes_refunded", n(s.taxesRefundedMinor)],
    ["duties", n(s.dutiesMinor)],
    ["net_sales", n(s.netSalesMinor)],
    ["total_sales", n(s.totalSalesMinor)],
    ["aov", r(s.aov)],
    ["aov_incl_shipping_tax", r(s.aovInclShippingAndTax)],
    ["units_per_order", r(s.unitsPerOrder)],
    ["sales_growth", r(report.salesGrowth)],
    ["customers", n(c.customers)],
    ["new_customers", n(c.newCustomers)],
    ["returning_customer_rate", r(c.returningCustomerRate)],
    ["active_at_start", n(c.activeAtStart)],
    ["active_at_end", n(c.activeAtEnd)],
    ["new_still_active", n(c.newStillActive)],
    ["retained", n(c.retained)],
    ["reactivated", n(c.reactivated)],
    ["retention_rate", r(c.retentionRate)],
    ["churn_rate", r(c.churnRate)],
    ["purchase_frequency", r(report.purchaseFrequency)],
    ["historical_clv", r(report.historicalClv)],
    ["formula_clv", n(report.formulaClv.value)],
    ["formula_clv_before_cac", n(report.formulaClv.valueBeforeCac)],
    ["formula_clv_aov", r(report.formulaClv.aov)],
    ["annual_churn_rate", r(report.formulaClv.annualChurn)],
    ["expected_lifetime_years", n(report.formulaClv.expectedLifetimeYears)],
    ["marketing_spend", n(report.marketing.spendMinor)],
    ["cac", r(report.marketing.cac)],
    ["roas", r(report.marketing.roas)],
    ["ltv_to_cac", r(report.marketing.ltvToCac)],
    ["gross_profit", n(report.marketing.grossProfitMinor)],
  ];
  for (const [prefix, a] of [["checkout", report.checkoutAbandonment], ["cart", report.cartAbandonment]] as const) {
    entries.push(
      [`${prefix}_created`, n(a.created)],
      [`${prefix}_completed`, n(a.completed)],
      [`${prefix}_abandoned`, n(a.abandoned)],
      [`${prefix}_undecided`, n(a.undecided)],
      [`${prefix}_abandonment_rate`, r(a.abandonmentRate)],
      [`${prefix}_completion_rate`, r(a.completionRate)],
    );
  }
  for (const cohort of report.historicalClv.cohorts) {
    entries.push([`historical_clv:${cohort.cohort}`, { value: cohort.value, numerator: cohort.netRevenueMinor, denominator: cohort.customers }]);
  }
  return new Map(entries);
}
