/** Pure KPI maths (no I/O): the reference implementation the SQL engine is tested against. */
export * from "~/kpi/calendar/index";
export type * from "./types";
export type { AbandonmentKpis } from "./abandonment";
export { cartAbandonment, checkoutAbandonment } from "./abandonment";
export type { CohortClv, FormulaClv, HistoricalClv } from "./clv";
export { churnOver, formulaClv, historicalClv } from "./clv";
export type { KpiComparison, KpiReport, MarketingKpis } from "./compute-kpis";
export { computeKpis, computeKpisFromData, computeKpisWithComparisons } from "./compute-kpis";
export type { CustomerKpis } from "./customers";
export {
  activeCustomersAt,
  customerKpis,
  newCustomersIn,
  purchaseFrequency,
  yearEndingAt,
} from "./customers";
export type { CustomerKey } from "./identity";
export { customerKeyFor, customersByEmail, normaliseEmail } from "./identity";
export { customerAcquisitionCost, marketingSpendMinor, returnOnAdSpend } from "./marketing";
export { currencyExponent, formatMinor, parseMoneyToMinor, sumMinor } from "./money";
export { isCountedOrder, orderDate, orderGrossSalesMinor, orderUnits } from "./order-amounts";
export type { BookedRefund, KpiData, PreparedOrder } from "./prepare";
export { prepareKpiData } from "./prepare";
export { ratio, relativeChange } from "./ratio";
export type { RefundPayloadOptions, RestRefundPayload } from "./refund-payload";
export { kpiRefundFromRestPayload, refundAmountsFromRestPayload } from "./refund-payload";
export type { SalesKpis } from "./sales";
export { salesGrowth, salesKpis } from "./sales";
export type { KpiSettings, RefundAttribution } from "./settings";
export { DEFAULT_ACTIVITY_WINDOW_DAYS, DEFAULT_GRACE_MINUTES, resolveSettings } from "./settings";
export type { TimeRange } from "./time-range";
export { latestVersions, latestVersionsBy, uniqueById } from "./versions";
