/**
 * Choose a shop's purchase model by how well each one, fitted on the calibration period, predicts every
 * customer's repeat purchases in the holdout period (decision 0041).
 */
import type { HoldoutObservation, Backtest } from "./backtest";
import type { PurchaseModelFitOptions, PurchaseModelName } from "./purchase-models";
import { runBacktest } from "./backtest";
import { MODEL_LABELS, PURCHASE_MODELS, fitPurchaseModel } from "./purchase-models";

export type CandidateResult =
  | { model: PurchaseModelName; ok: true; logLikelihood: number; backtest: Backtest }
  | { model: PurchaseModelName; ok: false; reason: string };

export type ModelChoice =
  | { ok: true; chosen: PurchaseModelName; candidates: CandidateResult[] }
  | { ok: false; reason: string; candidates: CandidateResult[] };

/**
 * The models predict each customer's mean number of holdout purchases, and the mean is what minimises the
 * squared error; absolute error would reward predicting the median, which for most customers is 0. So the
 * winner has the lowest mean squared error per customer; on a tie the earlier model in PURCHASE_MODELS wins.
 */
export function chooseModelByBacktest(
  calibration: readonly HoldoutObservation[],
  horizon: number,
  options: { models?: readonly PurchaseModelName[]; fit?: PurchaseModelFitOptions } = {},
): ModelChoice {
  const candidates: CandidateResult[] = (options.models ?? PURCHASE_MODELS).map((model) => {
    const fit = fitPurchaseModel(model, calibration, options.fit);
    if (!fit.ok) return { model, ok: false, reason: fit.reason };
    return {
      model,
      ok: true,
      logLikelihood: fit.value.logLikelihood,
      backtest: runBacktest(fit.value, calibration, horizon),
    };
  });
  let best: Extract<CandidateResult, { ok: true }> | undefined;
  for (const candidate of candidates) {
    if (!candidate.ok) continue;
    if (!best || candidate.backtest.meanSquaredError < best.backtest.meanSquaredError) best = candidate;
  }
  if (!best) {
    const reasons = candidates.map((c) => `${MODEL_LABELS[c.model]}: ${c.ok ? "ok" : c.reason}`);
    return {
      ok: false,
      reason: `no model could be fitted on the calibration period (${reasons.join("; ")})`,
      candidates,
    };
  }
  return { ok: true, chosen: best.model, candidates };
}
