/**
 * Facts: the sums and counts of one period that every KPI is computed from (app/kpi/catalog). The SQL
 * engine gathers them from its rollups (app/kpi-engine/gather-facts.server.ts); the pure reference counts
 * them from orders (facts-from-data.ts). Pure.
 */

export const SALES_FIELDS = [
  "orders",
  "identifiedOrders",
  "units",
  "grossMinor",
  "discountsMinor",
  "shippingMinor",
  "taxesMinor",
  "dutiesMinor",
  "returnsMinor",
  "shippingRefundedMinor",
  "taxesRefundedMinor",
  "dutiesRefundedMinor",
  "checkoutsCreated",
  "checkoutsCompleted",
  "cartsCreated",
  "cartsCompleted",
] as const;

export type SalesField = (typeof SALES_FIELDS)[number];

/** Sums over a span of time (in the engine: every field of kpi_sales_day). */
export type SalesSums = Record<SalesField, number>;

export const zeroSales = (): SalesSums => Object.fromEntries(SALES_FIELDS.map((f) => [f, 0])) as SalesSums;

export function addSales(a: SalesSums, b: SalesSums): SalesSums {
  const out = zeroSales();
  for (const f of SALES_FIELDS) out[f] = a[f] + b[f];
  return out;
}

export interface CustomerFacts {
  readonly customers: number;
  readonly newCustomers: number;
  readonly returning: number;
  readonly activeAtStart: number; // S
  readonly activeAtEnd: number; // E
  readonly retained: number; // R
  readonly newActiveEnd: number; // Nₑ
}

/** The 365 local days ending at the end of P (purchase frequency, formula CLV, its CAC). */
export interface YearFacts {
  readonly sales: SalesSums;
  /** Identified customers with an order in those days (active at the end with W = 365). */
  readonly activeCustomers: number;
  /** Annual churn of those days with W = 365: active at their start, and of those still active at the end. */
  readonly annualActiveAtStart: number;
  readonly annualRetained: number;
  readonly newCustomers: number;
}

export interface CohortFacts {
  /** "YYYY-MM". */
  readonly cohort: string;
  readonly customers: number;
  readonly netRevenueMinor: number;
}

export interface HistoricalFacts {
  readonly netRevenueMinor: number;
  readonly customers: number;
  readonly cohorts: readonly CohortFacts[];
}

export interface PeriodFacts {
  readonly sales: SalesSums;
  readonly previousNetSalesMinor: number;
  readonly undecidedCheckouts: number;
  readonly undecidedCarts: number;
  readonly customers: CustomerFacts;
  readonly year: YearFacts;
  readonly historical: HistoricalFacts;
}

/** Marketing spend attributed to P and to the 365 days ending at its end: from the settings, not from orders. */
export interface SpendFacts {
  readonly periodMinor: number | null;
  readonly yearMinor: number | null;
}

/** Everything a KPI of the catalogue is computed from. */
export interface KpiFacts extends PeriodFacts {
  readonly spend: SpendFacts;
}
