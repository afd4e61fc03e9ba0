/**
 * The nightly holdout check of one shop (decision 0041): fit every purchase model on the history up to
 * BACKTEST_WEEKS ago, predict each of those customers' repeat orders since, and compare with what they did.
 */
import type { Db } from "~/kpi-engine/sql.server";
import { log } from "~/logger.server";
import type { BacktestRow } from "./backtest";
import type { ClvCompute } from "./clv-compute";
import { inPlaceCompute } from "./clv-compute";
import type { PurchaseModelName } from "./purchase-models";
import type { CustomerSummary } from "./types";
import { joinHoldout } from "./backtest";
import { customerSummaries } from "./clv-summary.server";
import { assessFitData } from "./fit-guard";
import { DEFAULT_PURCHASE_MODEL } from "./purchase-models";

/** A quarter: long enough for a typical shop's repeat customers to order again, short enough to keep most history. */
export const BACKTEST_WEEKS = 13;

export type StoredCandidate =
  | {
      model: PurchaseModelName;
      ok: true;
      logLikelihood: number;
      totalActual: number;
      totalPredicted: number;
      meanAbsoluteError: number;
      meanSquaredError: number;
      rows: BacktestRow[];
    }
  | { model: PurchaseModelName; ok: false; reason: string };

export type ShopBacktest =
  | {
      status: "ok";
      weeks: number;
      /** Last calibration day and last holdout day, YYYY-MM-DD (the shop's local days). */
      calibrationEnd: string;
      holdoutEnd: string;
      customers: number;
      chosen: PurchaseModelName;
      candidates: StoredCandidate[];
    }
  | { status: "skipped"; weeks: number; reason: string };

const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** `current` is the shop's summary up to `endDay`, already read by the caller. */
export async function backtestShop(
  db: Db,
  shopId: number,
  endDay: number,
  current: readonly CustomerSummary[],
  compute: ClvCompute = inPlaceCompute,
): Promise<ShopBacktest> {
  const weeks = BACKTEST_WEEKS;
  const horizonDays = weeks * 7;
  const calibrationEndDay = endDay - horizonDays;
  const calibration = await customerSummaries(db, shopId, calibrationEndDay);
  const assessment = assessFitData(calibration, 1);
  if (!assessment.sufficient) {
    return {
      status: "skipped",
      weeks,
      reason: `the history before the last ${weeks} weeks is too short to test the models on (${assessment.reason})`,
    };
  }
  let joined;
  try {
    joined = joinHoldout(calibration, current);
  } catch (error) {
    log.error("clv backtest: calibration and current summaries disagree", { shopId, error });
    return {
      status: "skipped",
      weeks,
      reason: "the order history changed while it was read; tried again tomorrow",
    };
  }
  const choice = await compute.chooseModel(joined, horizonDays);
  const candidates: StoredCandidate[] = choice.candidates.map((c) =>
    c.ok
      ? {
          model: c.model,
          ok: true,
          logLikelihood: c.logLikelihood,
          totalActual: c.backtest.totalActual,
          totalPredicted: c.backtest.totalPredicted,
          meanAbsoluteError: c.backtest.meanAbsoluteError,
          meanSquaredError: c.backtest.meanSquaredError,
          rows: c.backtest.rows,
        }
      : c,
  );
  if (!choice.ok) return { status: "skipped", weeks, reason: choice.reason };
  return {
    status: "ok",
    weeks,
    calibrationEnd: isoDay(calibrationEndDay),
    holdoutEnd: isoDay(endDay),
    customers: joined.length,
    chosen: choice.chosen,
    candidates,
  };
}

/** Models to fit on all data, best backtest first; the default alone when there was no backtest. */
export function modelRanking(backtest: ShopBacktest | null): PurchaseModelName[] {
  if (backtest?.status !== "ok") return [DEFAULT_PURCHASE_MODEL];
  const fitted = backtest.candidates.filter((c) => c.ok);
  return fitted.sort((u, v) => u.meanSquaredError - v.meanSquaredError).map((c) => c.model);
}
