/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): maximum-likelihood fit and
 * re-exports of the per-customer predictions.
 */
import type { BgNbdParams, FitOutcome, RfmObservation } from "./types";
import type { MinimizeOptions } from "./optimize";
import { bgNbdLogLikelihood, groupObservations } from "./bgnbd-likelihood";
import { MAX_EVALUATIONS, degenerateParameter, describeParams, outsideBox, searchBox } from "./fit-checks";
import { minimizeNelderMead } from "./optimize";

export { bgNbdLogLikelihood, groupObservations } from "./bgnbd-likelihood";
export {
  expectedPurchasesConditional,
  expectedPurchasesIfAlive,
  expectedPurchasesUnconditional,
  probabilityAlive,
} from "./bgnbd-expectation";

export interface BgNbdFit extends BgNbdParams {
  logLikelihood: number;
}

export interface BgNbdFitOptions {
  optimizer?: MinimizeOptions;
  /** A parameter outside [1/limit, limit] means the likelihood runs off to a boundary: reported as a failure. */
  parameterLimit?: number;
}

const PARAMETER_NAMES = ["r", "alpha", "a", "b"] as const;

export function fitBgNbd(
  observations: readonly RfmObservation[],
  options: BgNbdFitOptions = {},
): FitOutcome<BgNbdFit> {
  if (observations.length === 0) return { ok: false, reason: "no customers to fit" };
  const data = groupObservations(observations);
  let repeats = 0;
  let exposure = 0;
  for (const o of observations) {
    repeats += o.x;
    exposure += o.T;
  }
  if (repeats === 0)
    return { ok: false, reason: "no customer has a repeat purchase, so dropout cannot be estimated" };
  if (!(exposure > 0)) return { ok: false, reason: "no observation time (every T is 0)" };

  const fromLog = (z: readonly number[]): BgNbdParams => ({
    r: Math.exp(z[0] ?? 0),
    alpha: Math.exp(z[1] ?? 0),
    a: Math.exp(z[2] ?? 0),
    b: Math.exp(z[3] ?? 0),
  });
  // Start at r = a = b = 1 with α matching the observed repeat rate (E[λ] = r / α), so the start is sensible in
  // days or weeks alike. The objective is per customer, so tolerances do not depend on the shop's size.
  const start = [0, Math.log(exposure / repeats), 0, 0];
  const box = searchBox(options.parameterLimit);
  const objective = (z: readonly number[]): number =>
    outsideBox(z, box) ? Infinity : -bgNbdLogLikelihood(fromLog(z), data) / data.customers;
  const result = minimizeNelderMead(objective, start, {
    maxEvaluations: MAX_EVALUATIONS,
    ...options.optimizer,
  });

  const params = fromLog(result.x);
  const logLikelihood = -result.value * data.customers;
  if (!result.converged) {
    return {
      ok: false,
      reason: `the likelihood maximisation did not converge (last point ${describeParams(params)})`,
    };
  }
  if (!Number.isFinite(logLikelihood)) return { ok: false, reason: "the log-likelihood is not finite" };
  const degenerate = degenerateParameter(params, PARAMETER_NAMES, options.parameterLimit);
  if (degenerate !== undefined) return { ok: false, reason: degenerate };
  return { ok: true, value: { ...params, logLikelihood } };
}
