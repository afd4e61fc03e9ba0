/**
 * The maximum-likelihood fit the purchase models share: each parameter searched on a log scale inside a
 * box, the per-customer negative log-likelihood minimised with Nelder-Mead, and the result refused when it
 * did not converge or ran to a boundary.
 */
import type { GroupedRfm } from "./bgnbd-likelihood";
import { groupObservations } from "./bgnbd-likelihood";
import { MAX_EVALUATIONS, degenerateParameter, describeParams, outsideBox, searchBox } from "./fit-checks";
import type { MinimizeOptions } from "./optimize";
import { minimizeNelderMead } from "./optimize";
import type { FitOutcome, RfmObservation } from "./types";

export interface LikelihoodFitOptions {
  optimizer?: MinimizeOptions;
  /** A parameter outside [1/limit, limit] means the likelihood runs off to a boundary: reported as a failure. */
  parameterLimit?: number;
}

/** What the data say about the scale of the purchase rate, for a starting point in days or weeks alike. */
export interface ObservedTotals {
  readonly customers: number;
  readonly repeats: number;
  readonly exposure: number;
}

export interface LikelihoodModel<K extends string> {
  /** The parameters, in the order of the log-scale vector. */
  readonly names: readonly K[];
  logLikelihood(params: Readonly<Record<K, number>>, data: GroupedRfm): number;
  /** The starting point, as natural logs of the parameters. */
  start(totals: ObservedTotals): number[];
  /** Why the model cannot be fitted when no customer bought twice. */
  readonly noRepeatsReason: string;
}

export function fitByLikelihood<K extends string>(
  model: LikelihoodModel<K>,
  observations: readonly RfmObservation[],
  options: LikelihoodFitOptions = {},
): FitOutcome<Record<K, number> & { logLikelihood: number }> {
  if (observations.length === 0) return { ok: false, reason: "no customers to fit" };
  const data = groupObservations(observations);
  let repeats = 0;
  let exposure = 0;
  for (const o of observations) {
    repeats += o.x;
    exposure += o.T;
  }
  if (repeats === 0) return { ok: false, reason: model.noRepeatsReason };
  if (!(exposure > 0)) return { ok: false, reason: "no observation time (every T is 0)" };

  const fromLog = (z: readonly number[]) =>
    Object.fromEntries(model.names.map((name, i) => [name, Math.exp(z[i] ?? 0)])) as Record<K, number>;
  const box = searchBox(options.parameterLimit);
  // Per customer, so the optimiser's tolerances do not depend on the shop's size.
  const objective = (z: readonly number[]): number =>
    outsideBox(z, box) ? Infinity : -model.logLikelihood(fromLog(z), data) / data.customers;
  const result = minimizeNelderMead(
    objective,
    model.start({ customers: observations.length, repeats, exposure }),
    { maxEvaluations: MAX_EVALUATIONS, ...options.optimizer },
  );

  const params = fromLog(result.x);
  const logLikelihood = -result.value * data.customers;
  if (!result.converged) {
    return {
      ok: false,
      reason: `the likelihood maximisation did not converge (last point ${describeParams(params)})`,
    };
  }
  if (!Number.isFinite(logLikelihood)) return { ok: false, reason: "the log-likelihood is not finite" };
  const degenerate = degenerateParameter(params, model.names, options.parameterLimit);
  if (degenerate !== undefined) return { ok: false, reason: degenerate };
  return { ok: true, value: { ...params, logLikelihood } };
}
