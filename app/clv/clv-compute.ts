/**
 * Where a nightly CLV run does its arithmetic. Fitting the models on a large shop's customers takes
 * seconds to minutes of uninterrupted CPU; on the worker's own thread that would stop every other job of
 * the process (their locks lapse and BullMQ counts them stalled), so the worker runs these on a thread
 * of their own (workers/clv-thread.server.ts). Elsewhere, and in tests, they run in place.
 */
import type { HoldoutObservation } from "./backtest";
import type { ClvOptions } from "./clv";
import type { FitAndPredict } from "./fit-and-predict";
import { fitAndPredict } from "./fit-and-predict";
import type { ModelChoice } from "./model-selection";
import { chooseModelByBacktest } from "./model-selection";
import type { PurchaseModelName } from "./purchase-models";
import type { CustomerSummary } from "./types";

export interface ClvCompute {
  chooseModel(calibration: readonly HoldoutObservation[], horizonDays: number): Promise<ModelChoice>;
  fitAndPredict(
    customers: readonly CustomerSummary[],
    ranking: readonly PurchaseModelName[],
    options: ClvOptions & { horizonDays: number },
  ): Promise<FitAndPredict>;
}

export const inPlaceCompute: ClvCompute = {
  chooseModel: async (calibration, horizonDays) => chooseModelByBacktest(calibration, horizonDays),
  fitAndPredict: async (customers, ranking, options) => fitAndPredict(customers, ranking, options),
};

/** The operations by name, for a thread that runs them on request. */
export const CLV_TASKS = {
  chooseModel: chooseModelByBacktest,
  fitAndPredict,
} as const;
export type ClvTask = keyof typeof CLV_TASKS;
