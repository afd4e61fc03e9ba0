/**
 * Every KPI the engine snapshots, by the name its `kpi_snapshot` rows carry. A name is spelled here once;
 * everything else takes it as a `KpiId`.
 */
export const KPI_IDS = [
  "orders",
  "units",
  "gross_sales",
  "discounts",
  "returns",
  "shipping",
  "shipping_charged",
  "shipping_refunded",
  "taxes",
  "taxes_charged",
  "taxes_refunded",
  "duties",
  "net_sales",
  "total_sales",
  "aov",
  "aov_incl_shipping_tax",
  "units_per_order",
  "sales_growth",
  "customers",
  "new_customers",
  "returning_customer_rate",
  "active_at_start",
  "active_at_end",
  "new_still_active",
  "retained",
  "reactivated",
  "retention_rate",
  "churn_rate",
  "purchase_frequency",
  "orders_per_customer",
  "checkout_created",
  "checkout_completed",
  "checkout_abandoned",
  "checkout_undecided",
  "checkout_abandonment_rate",
  "checkout_completion_rate",
  "cart_created",
  "cart_completed",
  "cart_abandoned",
  "cart_undecided",
  "cart_abandonment_rate",
  "cart_completion_rate",
  "historical_clv",
  "formula_clv",
  "formula_clv_before_cac",
  "formula_clv_aov",
  "annual_churn_rate",
  "expected_lifetime_years",
  "marketing_spend",
  "cac",
  "roas",
  "ltv_to_cac",
  "gross_profit",
] as const;

export type KpiId = (typeof KPI_IDS)[number];

/** Historical CLV of one acquisition cohort ("YYYY-MM"), snapshotted beside the KPIs for months and longer. */
export type CohortKpiName = `historical_clv:${string}`;

/** Any `kpi` a snapshot row can carry. */
export type SnapshotKpi = KpiId | CohortKpiName;

export const cohortKpiName = (cohort: string): CohortKpiName => `historical_clv:${cohort}`;

const IDS: ReadonlySet<string> = new Set(KPI_IDS);

export function isKpiId(name: string): name is KpiId {
  return IDS.has(name);
}
