/**
 * Holdout check of a purchase model: fit on the calibration period, predict each customer's repeat purchases
 * in the holdout period that follows, compare with what they did. Rows by number of calibration repeat
 * purchases (0, 1, …, 6, 7+), as in Fader, Hardie & Lee 2005 (fig. 4).
 */
import type { CustomerSummary, RfmObservation } from "./types";
import type { PurchaseModel } from "./purchase-models";
import { modelExpectedPurchases } from "./purchase-models";

export interface HoldoutObservation extends RfmObservation {
  /** Repeat purchase days in the holdout period. */
  holdoutPurchases: number;
}

export interface BacktestRow {
  /** "0" … "6", or "7+". */
  calibrationPurchases: string;
  customers: number;
  meanActual: number;
  meanPredicted: number;
}

export interface Backtest {
  /** Holdout length in the model's time unit. */
  horizon: number;
  customers: number;
  rows: BacktestRow[];
  totalActual: number;
  totalPredicted: number;
  /** Mean over customers of |actual − predicted| holdout purchases. */
  meanAbsoluteError: number;
  /** Mean over customers of (actual − predicted)²: what the model choice minimises (decision 0041). */
  meanSquaredError: number;
}

const LAST_BUCKET = 7;

export function runBacktest(
  model: PurchaseModel,
  customers: readonly HoldoutObservation[],
  horizon: number,
): Backtest {
  if (!(horizon > 0)) throw new RangeError(`holdout length must be > 0, got ${horizon}`);
  const count = new Array<number>(LAST_BUCKET + 1).fill(0);
  const actual = new Array<number>(LAST_BUCKET + 1).fill(0);
  const predicted = new Array<number>(LAST_BUCKET + 1).fill(0);
  let absoluteError = 0;
  let squaredError = 0;
  for (const c of customers) {
    if (!(Number.isInteger(c.holdoutPurchases) && c.holdoutPurchases >= 0))
      throw new RangeError(`invalid holdout purchases ${c.holdoutPurchases}`);
    const bucket = Math.min(c.x, LAST_BUCKET);
    const expected = modelExpectedPurchases(model, c, horizon);
    count[bucket] = (count[bucket] ?? 0) + 1;
    actual[bucket] = (actual[bucket] ?? 0) + c.holdoutPurchases;
    predicted[bucket] = (predicted[bucket] ?? 0) + expected;
    absoluteError += Math.abs(c.holdoutPurchases - expected);
    squaredError += (c.holdoutPurchases - expected) ** 2;
  }
  const rows = count.map((n, bucket) => ({
    calibrationPurchases: bucket === LAST_BUCKET ? `${LAST_BUCKET}+` : String(bucket),
    customers: n,
    meanActual: n === 0 ? 0 : (actual[bucket] ?? 0) / n,
    meanPredicted: n === 0 ? 0 : (predicted[bucket] ?? 0) / n,
  }));
  const sum = (values: number[]): number => values.reduce((total, v) => total + v, 0);
  return {
    horizon,
    customers: customers.length,
    rows,
    totalActual: sum(actual),
    totalPredicted: sum(predicted),
    meanAbsoluteError: customers.length === 0 ? 0 : absoluteError / customers.length,
    meanSquaredError: customers.length === 0 ? 0 : squaredError / customers.length,
  };
}

/**
 * Calibration customers with their holdout purchases, from two summaries of the same history: one up to the
 * calibration end, one up to the holdout end. Purchase days are counted once per day, so the holdout's are
 * the difference in x. Customers whose first purchase falls in the holdout are not in the calibration and
 * are left out, as the models only predict customers already acquired.
 */
export function joinHoldout(
  calibration: readonly CustomerSummary[],
  throughHoldout: readonly CustomerSummary[],
): (CustomerSummary & HoldoutObservation)[] {
  const later = new Map(throughHoldout.map((c) => [c.id, c.x]));
  return calibration.map((c) => {
    const x = later.get(c.id);
    if (x === undefined || x < c.x)
      throw new RangeError(`customer ${c.id} has fewer purchases through the holdout than before it`);
    return { ...c, holdoutPurchases: x - c.x };
  });
}
