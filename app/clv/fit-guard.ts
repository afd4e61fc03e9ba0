/**
 * Data-sufficiency guard: predictive CLV is shown only above a minimum of data (docs/kpi-definitions.md,
 * "Predictive CLV").
 */
import type { RfmObservation } from "./types";

export interface FitDataRequirements {
  /** Default 100 customers with at least one repeat purchase day. */
  minRepeatCustomers?: number;
  /** Default 180 days from the earliest first purchase to the calibration end. */
  minHistoryDays?: number;
}

export type FitDataAssessment =
  | { sufficient: true; repeatCustomers: number; historyDays: number }
  | { sufficient: false; reason: string; repeatCustomers: number; historyDays: number };

export const DEFAULT_MIN_REPEAT_CUSTOMERS = 100;
export const DEFAULT_MIN_HISTORY_DAYS = 180;

/** `unitDays` converts T (in the summary's unit) back to days: 1 for days, 7 for weeks. */
export function assessFitData(
  customers: readonly RfmObservation[],
  unitDays: number,
  requirements: FitDataRequirements = {},
): FitDataAssessment {
  const { minRepeatCustomers = DEFAULT_MIN_REPEAT_CUSTOMERS, minHistoryDays = DEFAULT_MIN_HISTORY_DAYS } =
    requirements;
  let repeatCustomers = 0;
  let longest = 0;
  for (const c of customers) {
    if (c.x > 0) repeatCustomers++;
    if (c.T > longest) longest = c.T;
  }
  // Round away floating error from weeks → days (e.g. 38.857142… × 7).
  const historyDays = Math.round(longest * unitDays * 1e6) / 1e6;
  const counts = { repeatCustomers, historyDays };
  if (repeatCustomers < minRepeatCustomers) {
    return {
      sufficient: false,
      reason: `not enough data: ${repeatCustomers} customers with a repeat order (need ${minRepeatCustomers})`,
      ...counts,
    };
  }
  if (historyDays < minHistoryDays) {
    return {
      sufficient: false,
      reason: `not enough data: ${historyDays} days of history (need ${minHistoryDays})`,
      ...counts,
    };
  }
  return { sufficient: true, ...counts };
}
