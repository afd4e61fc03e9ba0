/**
 * Period facts → KPI values, with the formulas of app/kpi (the reference implementation) applied to sums
 * instead of order lists. Pure; checked against app/kpi on the same fixtures in test/kpi-engine.
 */
import type { Period } from "../kpi/calendar/period";
import { yearEndingAt } from "../kpi/customers";
import { customerAcquisitionCost, marketingSpendMinor, returnOnAdSpend } from "../kpi/marketing";
import { assertMinor } from "../kpi/money";
import { ratio } from "../kpi/ratio";
import { salesGrowth } from "../kpi/sales";
import type { KpiSettings } from "../kpi/settings";
import type { TimeRange } from "../kpi/time-range";
import type { Ratio } from "../kpi/types";
import type { PeriodFacts } from "./facts";
import type { SalesSums } from "./rollups.server";
import { memoisedDays } from "./spans";

export interface KpiValue {
  readonly kpi: string;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
}

const count = (kpi: string, value: number): KpiValue => ({ kpi, value, numerator: null, denominator: null });
const fromRatio = (kpi: string, r: Ratio): KpiValue => ({ kpi, value: r.value, numerator: r.numerator, denominator: r.denominator });
const fromOptionalRatio = (kpi: string, r: Ratio | null): KpiValue =>
  r === null ? { kpi, value: null, numerator: null, denominator: null } : fromRatio(kpi, r);

export interface SalesValues {
  readonly netSalesMinor: number;
  readonly values: KpiValue[];
  readonly aov: Ratio;
}

/** KPI-SPEC "Sales", as app/kpi/sales.ts computes it. */
export function salesValues(s: SalesSums): SalesValues {
  const shipping = s.shippingMinor - s.shippingRefundedMinor;
  const taxes = s.taxesMinor - s.taxesRefundedMinor;
  const duties = s.dutiesMinor - s.dutiesRefundedMinor;
  const net = s.grossMinor - s.discountsMinor - s.returnsMinor;
  const total = net + shipping + taxes + duties;
  for (const minor of [s.grossMinor, s.shippingMinor, s.taxesMinor, s.returnsMinor, total]) assertMinor(minor);
  const aov = ratio(s.grossMinor - s.discountsMinor, s.orders);
  const beforeRefunds = s.grossMinor - s.discountsMinor + s.shippingMinor + s.taxesMinor + s.dutiesMinor;
  return {
    netSalesMinor: net,
    aov,
    values: [
      count("orders", s.orders),
      count("units", s.units),
      count("gross_sales", s.grossMinor),
      count("discounts", s.discountsMinor),
      count("returns", s.returnsMinor),
      count("shipping", shipping),
      count("shipping_charged", s.shippingMinor),
      count("shipping_refunded", s.shippingRefundedMinor),
      count("taxes", taxes),
      count("taxes_charged", s.taxesMinor),
      count("taxes_refunded", s.taxesRefundedMinor),
      count("duties", duties),
      count("net_sales", net),
      count("total_sales", total),
      fromRatio("aov", aov),
      fromRatio("aov_incl_shipping_tax", ratio(beforeRefunds, s.orders)),
      fromRatio("units_per_order", ratio(s.units, s.orders)),
    ],
  };
}

function abandonmentValues(prefix: string, created: number, completed: number, undecided: number): KpiValue[] {
  const abandoned = created - completed - undecided;
  const decided = completed + abandoned;
  return [
    count(`${prefix}_created`, created),
    count(`${prefix}_completed`, completed),
    count(`${prefix}_abandoned`, abandoned),
    count(`${prefix}_undecided`, undecided),
    fromRatio(`${prefix}_abandonment_rate`, ratio(abandoned, decided)),
    fromRatio(`${prefix}_completion_rate`, ratio(completed, decided)),
  ];
}

/** Every KPI of a period from its facts. `period` gives the range and the zone; settings give W, margin, spend. */
export function deriveKpis(
  period: TimeRange & Pick<Period, "timeZone">,
  facts: PeriodFacts,
  settings: KpiSettings,
  options: { cohorts: boolean } = { cohorts: true },
): KpiValue[] {
  const sales = salesValues(facts.sales);
  const c = facts.customers;
  const S = c.activeAtStart;
  const reactivated = c.activeAtEnd - c.retained - c.newActiveEnd;

  // Formula CLV (KPI-SPEC): every input over the 365 days ending at the end of P.
  const year = facts.year;
  const window = yearEndingAt(period.end, period.timeZone);
  const yearAov = ratio(year.sales.grossMinor - year.sales.discountsMinor, year.sales.orders);
  const frequency = ratio(year.sales.identifiedOrders, year.activeCustomers);
  const annualChurn = ratio(year.annualActiveAtStart - year.annualRetained, year.annualActiveAtStart);
  const lifetime = annualChurn.value ? 1 / annualChurn.value : null;
  const margin = settings.grossMarginPct;
  let beforeCac: number | null = null;
  if (yearAov.value !== null && frequency.value !== null && lifetime !== null) {
    beforeCac = yearAov.value * frequency.value * lifetime * (margin === null ? 1 : margin / 100);
  }
  const spendIn = (range: TimeRange) => marketingSpendMinor(range, settings.marketingSpendByMonth, period.timeZone, memoisedDays(period.timeZone));
  const yearCac = customerAcquisitionCost(spendIn(window), year.newCustomers);
  let clv = beforeCac;
  if (clv !== null && yearCac !== null) clv = yearCac.value === null ? null : clv - yearCac.value;

  const spend = spendIn(period);
  const ltvToCac = yearCac === null || beforeCac === null || yearCac.value === null ? null : ratio(beforeCac, yearCac.value);
  const historical = facts.historical;

  return [
    ...sales.values,
    fromRatio("sales_growth", salesGrowth(sales.netSalesMinor, facts.previousNetSalesMinor)),
    count("customers", c.customers),
    count("new_customers", c.newCustomers),
    fromRatio("returning_customer_rate", ratio(c.returning, c.customers)),
    count("active_at_start", S),
    count("active_at_end", c.activeAtEnd),
    count("new_still_active", c.newActiveEnd),
    count("retained", c.retained),
    count("reactivated", reactivated),
    fromRatio("retention_rate", ratio(c.activeAtEnd - c.newActiveEnd, S)),
    fromRatio("churn_rate", ratio(S - c.retained, S)),
    fromRatio("purchase_frequency", frequency),
    ...abandonmentValues("checkout", facts.sales.checkoutsCreated, facts.sales.checkoutsCompleted, facts.undecidedCheckouts),
    ...abandonmentValues("cart", facts.sales.cartsCreated, facts.sales.cartsCompleted, facts.undecidedCarts),
    fromRatio("historical_clv", ratio(historical.netRevenueMinor, historical.customers)),
    ...(options.cohorts ? historical.cohorts : []).map((cohort) =>
      fromRatio(`historical_clv:${cohort.cohort}`, ratio(cohort.netRevenueMinor, cohort.customers)),
    ),
    { kpi: "formula_clv", value: clv, numerator: null, denominator: null },
    { kpi: "formula_clv_before_cac", value: beforeCac, numerator: null, denominator: null },
    fromRatio("formula_clv_aov", yearAov),
    fromRatio("annual_churn_rate", annualChurn),
    { kpi: "expected_lifetime_years", value: lifetime, numerator: null, denominator: null },
    { kpi: "marketing_spend", value: spend, numerator: null, denominator: null },
    fromOptionalRatio("cac", customerAcquisitionCost(spend, c.newCustomers)),
    fromOptionalRatio("roas", returnOnAdSpend(sales.netSalesMinor, spend)),
    fromOptionalRatio("ltv_to_cac", ltvToCac),
    { kpi: "gross_profit", value: margin === null ? null : (sales.netSalesMinor * margin) / 100, numerator: null, denominator: null },
  ];
}
