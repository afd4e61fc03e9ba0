/**
 * The entry point: every KPI of one period, plus the same report for the comparison periods.
 */
import type { AbandonmentKpis } from "./abandonment";
import { cartAbandonment, checkoutAbandonment } from "./abandonment";
import { previousPeriod, yearAgoPeriod } from "~/kpi/calendar/compare";
import { ltvToCacOf } from "~/kpi/catalog/clv";
import { grossProfitMinor } from "~/kpi/catalog/marketing";
import type { Period } from "~/kpi/calendar/period";
import type { FormulaClv, HistoricalClv } from "./clv";
import { formulaClv, historicalClv } from "./clv";
import type { CustomerKpis } from "./customers";
import { customerKpis, purchaseFrequency } from "./customers";
import { customerAcquisitionCost, marketingSpendMinor, returnOnAdSpend } from "./marketing";
import type { KpiData } from "./prepare";
import { prepareKpiData } from "./prepare";
import type { SalesKpis } from "./sales";
import { salesGrowth, salesKpis } from "./sales";
import type { KpiSettings } from "./settings";
import type { KpiInput, Ratio } from "./types";

export interface MarketingKpis {
  /** Spend attributed to P; null when the merchant has not given it for every month of P. */
  readonly spendMinor: number | null;
  readonly cac: Ratio | null;
  readonly roas: Ratio | null;
  /** Formula CLV (before CAC is taken off) ÷ CAC, both over the 365 days ending at the end of P. */
  readonly ltvToCac: Ratio | null;
  /** Net sales × gross margin; null without a margin. */
  readonly grossProfitMinor: number | null;
}

export interface KpiReport {
  readonly period: Period;
  readonly sales: SalesKpis;
  readonly salesGrowth: Ratio;
  readonly customers: CustomerKpis;
  readonly purchaseFrequency: Ratio;
  readonly checkoutAbandonment: AbandonmentKpis;
  readonly cartAbandonment: AbandonmentKpis;
  readonly historicalClv: HistoricalClv;
  readonly formulaClv: FormulaClv;
  readonly marketing: MarketingKpis;
}

export interface KpiComparison {
  readonly current: KpiReport;
  readonly previous: KpiReport;
  readonly yearAgo: KpiReport;
}

export function computeKpisFromData(
  data: KpiData,
  period: Period,
  settings: KpiSettings,
  now: Date,
): KpiReport {
  if (period.timeZone !== settings.timezone || data.timezone !== settings.timezone) {
    throw new RangeError(
      `Period zone ${period.timeZone} and data zone ${data.timezone} must be the shop's ${settings.timezone}`,
    );
  }
  const sales = salesKpis(data, period);
  const previousNet = salesKpis(data, previousPeriod(period)).netSalesMinor;
  const customers = customerKpis(data, period, settings.activityWindowDays);
  const clv = formulaClv(data, period.end, settings);

  const spendMinor = marketingSpendMinor(period, settings.marketingSpendByMonth, settings.timezone);

  return {
    period,
    sales,
    salesGrowth: salesGrowth(sales.netSalesMinor, previousNet),
    customers,
    purchaseFrequency: purchaseFrequency(data, period.end),
    checkoutAbandonment: checkoutAbandonment(data, period, now, settings.graceMinutes),
    cartAbandonment: cartAbandonment(data, period, now, settings.graceMinutes),
    historicalClv: historicalClv(data, period.end),
    formulaClv: clv,
    marketing: {
      spendMinor,
      cac: customerAcquisitionCost(spendMinor, customers.newCustomers),
      roas: returnOnAdSpend(sales.netSalesMinor, spendMinor),
      ltvToCac: ltvToCacOf(clv),
      grossProfitMinor: grossProfitMinor(sales.netSalesMinor, settings.grossMarginPct),
    },
  };
}

/** Every KPI of P. `settings` should come from `resolveSettings`; `now` decides the grace rule. */
export function computeKpis(input: KpiInput, period: Period, settings: KpiSettings, now: Date): KpiReport {
  return computeKpisFromData(prepareKpiData(input, settings), period, settings, now);
}

/** P, the previous period and the same period a year earlier (partial periods matched by span). */
export function computeKpisWithComparisons(
  input: KpiInput,
  period: Period,
  settings: KpiSettings,
  now: Date,
): KpiComparison {
  const data = prepareKpiData(input, settings);
  return {
    current: computeKpisFromData(data, period, settings, now),
    previous: computeKpisFromData(data, previousPeriod(period), settings, now),
    yearAgo: computeKpisFromData(data, yearAgoPeriod(period), settings, now),
  };
}
