/**
 * The KPI catalogue: every KPI once, with its labels, format, direction, the facts it reads and its one
 * formula over those facts. The engine's derive step, the pure reference, the pages, the digest and the
 * CSVs all loop over it. docs/kpi-definitions.md is the precise definition of each entry.
 */
import type { Period } from "~/kpi/calendar/period";
import type { LocalDays } from "~/kpi/calendar/local-days";
import { yearEndingAt } from "~/kpi/customers";
import type { KpiFacts, PeriodFacts } from "~/kpi/facts";
import { marketingSpendMinor } from "~/kpi/marketing";
import { ratio } from "~/kpi/ratio";
import type { KpiSettings } from "~/kpi/settings";
import type { TimeRange } from "~/kpi/time-range";
import { ABANDONMENT_KPIS } from "./abandonment";
import { CLV_KPIS } from "./clv";
import { CUSTOMER_KPIS } from "./customers";
import type { KpiId, SnapshotKpi } from "./ids";
import { KPI_IDS, cohortKpiName } from "./ids";
import { MARKETING_KPIS } from "./marketing";
import { ofRatio } from "./results";
import { SALES_KPIS } from "./sales";
import type { KpiDefinition, KpiResult } from "./types";

export type { CohortKpiName, KpiId, SnapshotKpi } from "./ids";
export { KPI_IDS, cohortKpiName, isKpiId } from "./ids";
export type { KpiLabelKey } from "./labels";
export { kpiLabel, marginLabelKey } from "./labels";
export type { FactGroup, KpiDefinition, KpiDirection, KpiFormat, KpiPage, KpiResult } from "./types";

export const KPI_CATALOG: { readonly [K in KpiId]: KpiDefinition } = {
  ...SALES_KPIS,
  ...CUSTOMER_KPIS,
  ...ABANDONMENT_KPIS,
  ...CLV_KPIS,
  ...MARKETING_KPIS,
};

export const kpiDefinition = (id: KpiId): KpiDefinition => KPI_CATALOG[id];

/** The dashboard's cards, in reading order; each has a `page` in the catalogue. */
export const DASHBOARD_KPI_IDS = [
  "total_sales",
  "orders",
  "aov",
  "retention_rate",
  "churn_rate",
  "checkout_abandonment_rate",
  "cart_abandonment_rate",
  "formula_clv",
  "new_customers",
  "returning_customer_rate",
  "gross_profit",
  "orders_per_customer",
  "cac",
  "roas",
  "ltv_to_cac",
] as const satisfies readonly KpiId[];

/** The weekly digest's KPIs, in the order it shows them: the dashboard's first cards, by the same names. */
export const DIGEST_KPI_IDS = [
  "total_sales",
  "orders",
  "aov",
  "retention_rate",
  "churn_rate",
  "checkout_abandonment_rate",
  "cart_abandonment_rate",
  "formula_clv",
  "cac",
  "roas",
] as const satisfies readonly KpiId[];

/** A snapshot value: a KPI's result under its snapshot name. */
export interface KpiValue extends KpiResult {
  readonly kpi: SnapshotKpi;
}

/** The marketing spend facts of P (spend is a setting, not something the orders tell). */
export function withSpend(
  period: TimeRange & Pick<Period, "timeZone">,
  facts: PeriodFacts,
  settings: Pick<KpiSettings, "marketingSpendByMonth">,
  days?: LocalDays,
): KpiFacts {
  const spendIn = (range: TimeRange) =>
    marketingSpendMinor(range, settings.marketingSpendByMonth, period.timeZone, days);
  return {
    ...facts,
    spend: { periodMinor: spendIn(period), yearMinor: spendIn(yearEndingAt(period.end, period.timeZone)) },
  };
}

/** Every KPI of the catalogue from one period's facts, and (with `cohorts`) historical CLV per cohort. */
export function kpiValuesFromFacts(
  facts: KpiFacts,
  settings: KpiSettings,
  options: { cohorts: boolean } = { cohorts: true },
): KpiValue[] {
  const values: KpiValue[] = KPI_IDS.map((kpi) => ({ kpi, ...KPI_CATALOG[kpi].fromFacts(facts, settings) }));
  if (options.cohorts) {
    for (const c of facts.historical.cohorts)
      values.push({ kpi: cohortKpiName(c.cohort), ...ofRatio(ratio(c.netRevenueMinor, c.customers)) });
  }
  return values;
}
