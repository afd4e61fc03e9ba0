/**
 * The three purchase/dropout models behind one shape: BG/NBD (the default), Pareto/NBD and MBG/NBD. Each
 * predicts E[Y(t) | x, tx, T] = P(alive) · E[Y(t) | alive], which is what CLV, segments and the backtest use.
 */
import type { BgNbdParams, FitOutcome, ParetoNbdParams, RfmObservation } from "./types";
import type { MinimizeOptions } from "./optimize";
import { expectedPurchasesIfAlive, fitBgNbd, probabilityAlive } from "./bgnbd";
import { fitMbgNbd, mbgNbdExpectedIfAlive, mbgNbdProbabilityAlive } from "./mbg-nbd";
import { fitParetoNbd, paretoNbdExpectedIfAlive, paretoNbdProbabilityAlive } from "./pareto-nbd";

export const PURCHASE_MODELS = ["bg-nbd", "pareto-nbd", "mbg-nbd"] as const;
export type PurchaseModelName = (typeof PURCHASE_MODELS)[number];
export const DEFAULT_PURCHASE_MODEL: PurchaseModelName = "bg-nbd";

/** A fitted model; params are named as in the papers. */
export type PurchaseModel =
  | { name: "bg-nbd"; params: BgNbdParams; logLikelihood: number }
  | { name: "pareto-nbd"; params: ParetoNbdParams; logLikelihood: number }
  | { name: "mbg-nbd"; params: BgNbdParams; logLikelihood: number };

export const MODEL_LABELS: Record<PurchaseModelName, string> = {
  "bg-nbd": "BG/NBD",
  "pareto-nbd": "Pareto/NBD",
  "mbg-nbd": "MBG/NBD",
};

export function isPurchaseModelName(value: unknown): value is PurchaseModelName {
  return typeof value === "string" && (PURCHASE_MODELS as readonly string[]).includes(value);
}

export interface PurchaseModelFitOptions {
  optimizer?: MinimizeOptions;
  parameterLimit?: number;
}

export function fitPurchaseModel(
  name: PurchaseModelName,
  observations: readonly RfmObservation[],
  options: PurchaseModelFitOptions = {},
): FitOutcome<PurchaseModel> {
  if (name === "pareto-nbd") {
    const fit = fitParetoNbd(observations, options);
    if (!fit.ok) return fit;
    const { logLikelihood, r, alpha, s, beta } = fit.value;
    return { ok: true, value: { name, params: { r, alpha, s, beta }, logLikelihood } };
  }
  const fit = name === "mbg-nbd" ? fitMbgNbd(observations, options) : fitBgNbd(observations, options);
  if (!fit.ok) return fit;
  const { logLikelihood, r, alpha, a, b } = fit.value;
  return { ok: true, value: { name, params: { r, alpha, a, b }, logLikelihood } };
}

export function modelProbabilityAlive(model: PurchaseModel, history: RfmObservation): number {
  switch (model.name) {
    case "bg-nbd":
      return probabilityAlive(model.params, history);
    case "pareto-nbd":
      return paretoNbdProbabilityAlive(model.params, history);
    case "mbg-nbd":
      return mbgNbdProbabilityAlive(model.params, history);
  }
}

/** Expected repeat purchases in (T, T + t] for a customer alive at T. */
export function modelExpectedIfAlive(model: PurchaseModel, x: number, T: number, t: number): number {
  switch (model.name) {
    case "bg-nbd":
      return expectedPurchasesIfAlive(model.params, x, T, t);
    case "pareto-nbd":
      return paretoNbdExpectedIfAlive(model.params, x, T, t);
    case "mbg-nbd":
      return mbgNbdExpectedIfAlive(model.params, x, T, t);
  }
}

/** E[Y(t) | x, tx, T]: expected repeat purchases in the next t time units. */
export function modelExpectedPurchases(model: PurchaseModel, history: RfmObservation, t: number): number {
  return modelProbabilityAlive(model, history) * modelExpectedIfAlive(model, history.x, history.T, t);
}
