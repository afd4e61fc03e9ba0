/**
 * Predictive CLV per customer (docs/kpi-definitions.md, "Predictive CLV"): the purchase model's expected orders ×
 * Gamma-Gamma expected order value × margin, with each month's expected orders discounted to today.
 */
import type { BgNbdParams, CustomerSummary, GammaGammaParams } from "./types";
import type { PurchaseModel } from "./purchase-models";
import { expectedAverageOrderValue } from "./gamma-gamma";
import { modelExpectedIfAlive, modelProbabilityAlive } from "./purchase-models";

export interface ClvOptions {
  /** Days in the models' time unit: 1 when tx/T are in days, 7 when in weeks. */
  unitDays: number;
  /** Default 365 days. */
  horizonDays?: number;
  /** Default 0.10 (10 % per year), applied as the equivalent monthly rate (1.1^(1/12) − 1) per month. */
  annualDiscountRate?: number;
  /** Gross margin as a fraction; default 1 (revenue CLV). */
  margin?: number;
}

export interface CustomerClv {
  pAlive: number;
  /** Expected repeat orders within the horizon, undiscounted. */
  expectedPurchases: number;
  expectedOrderValue: number;
  /** Discounted expected margin over the horizon. */
  clv: number;
}

const DAYS_PER_MONTH = 365 / 12;

/** The purchase model, or BG/NBD parameters alone (the shape before the other models existed). */
export type ClvModel =
  | { purchases: PurchaseModel; gammaGamma: GammaGammaParams }
  | { bgnbd: BgNbdParams; gammaGamma: GammaGammaParams };

export function predictCustomerClv(
  model: ClvModel,
  customer: CustomerSummary,
  options: ClvOptions,
): CustomerClv {
  const { unitDays, horizonDays = 365, annualDiscountRate = 0.1, margin = 1 } = options;
  if (!(unitDays > 0) || !(horizonDays >= 0) || !(annualDiscountRate > -1)) {
    throw new RangeError("unitDays must be > 0, horizonDays ≥ 0 and annualDiscountRate > −1");
  }
  const purchases: PurchaseModel =
    "purchases" in model ? model.purchases : { name: "bg-nbd", params: model.bgnbd, logLikelihood: NaN };
  const pAlive = modelProbabilityAlive(purchases, customer);
  const expectedOrderValue = expectedAverageOrderValue(model.gammaGamma, customer);
  const ordersBy = (days: number): number =>
    pAlive * modelExpectedIfAlive(purchases, customer.x, customer.T, days / unitDays);

  // Orders expected in month m are discounted by (1 + i)^−m, i the monthly rate; the last month may be partial.
  const monthlyFactor = 1 / Math.pow(1 + annualDiscountRate, 1 / 12);
  let discountedOrders = 0;
  let before = 0;
  for (let month = 1; (month - 1) * DAYS_PER_MONTH < horizonDays; month++) {
    const upTo = ordersBy(Math.min(month * DAYS_PER_MONTH, horizonDays));
    discountedOrders += (upTo - before) * Math.pow(monthlyFactor, month);
    before = upTo;
  }
  return {
    pAlive,
    expectedPurchases: before,
    expectedOrderValue,
    clv: discountedOrders * expectedOrderValue * margin,
  };
}
