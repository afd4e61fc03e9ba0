/** What the SQL side gathers for one period: sums and counts the pure derivation turns into KPIs. */
import type { SalesSums } from "./rollups.server";

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
