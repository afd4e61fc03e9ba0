/**
 * MBG/NBD model (Batislam, Denizel & Filiztekin 2007): the BG/NBD with one change, a customer may also drop
 * out right at the first purchase, so a one-time buyer's chance of being alive falls as time passes.
 * Parameters r, α (purchase rate λ ~ Gamma(r, α)) and a, b (dropout probability p ~ Beta(a, b)), as in BG/NBD.
 */
import type { BgNbdParams, FitOutcome, RfmObservation } from "./types";
import type { GroupedRfm } from "./bgnbd-likelihood";
import type { MinimizeOptions } from "./optimize";
import { groupObservations } from "./bgnbd-likelihood";
import { expectedPurchasesIfAlive } from "./bgnbd-expectation";
import { MAX_EVALUATIONS, degenerateParameter, describeParams, outsideBox, searchBox } from "./fit-checks";
import { minimizeNelderMead } from "./optimize";
import { lnBeta, lnGamma } from "./special";

export type MbgNbdParams = BgNbdParams;

export interface MbgNbdFit extends MbgNbdParams {
  logLikelihood: number;
}

/**
 * Σ ln L. Per customer, with x + 1 purchases each followed by a dropout chance:
 *   L = Γ(r+x) α^r / Γ(r) · B(a, b+x+1)/B(a, b) · [(α+T)^−(r+x) + a/(b+x) · (α+tx)^−(r+x)],
 * the second term (dead after the last purchase) present for x = 0 as well, unlike BG/NBD.
 */
export function mbgNbdLogLikelihood(params: MbgNbdParams, data: GroupedRfm): number {
  const { r, alpha, a, b } = params;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  const lnGammaR = lnGamma(r);
  const lnBetaAB = lnBeta(a, b);
  const logA = Math.log(a);
  const logAlpha = Math.log(alpha);
  const nx = data.distinctX.length;
  const deadRatio = new Float64Array(nx); // ln a − ln(b + x)
  let total = 0;
  for (let i = 0; i < nx; i++) {
    const x = data.distinctX[i] ?? 0;
    total +=
      (data.weightPerX[i] ?? 0) *
      (lnGamma(r + x) - lnGammaR + r * logAlpha + lnBeta(a, b + x + 1) - lnBetaAB);
    deadRatio[i] = logA - Math.log(b + x);
  }
  const { xIndex, tIndex, txIndex, weight } = data;
  for (let g = 0; g < weight.length; g++) {
    const xi = xIndex[g] as number;
    const rx = r + (data.distinctX[xi] as number);
    const alive = -rx * Math.log(alpha + (data.distinctT[tIndex[g] as number] as number));
    const dead =
      (deadRatio[xi] as number) - rx * Math.log(alpha + (data.distinctTx[txIndex[g] as number] as number));
    const high = Math.max(alive, dead);
    total += (weight[g] as number) * (high + Math.log1p(Math.exp(Math.min(alive, dead) - high)));
  }
  return total;
}

/** P(alive at T | x, tx, T) = 1 / (1 + a/(b + x) · ((α + T)/(α + tx))^(r + x)), below 1 even for x = 0. */
export function mbgNbdProbabilityAlive(params: MbgNbdParams, { x, tx, T }: RfmObservation): number {
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + x)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * Expected purchases in (T, T + t] for a customer alive at T. Alive after x + 1 purchases means the dropout
 * probability's posterior is Beta(a, b + x + 1), where BG/NBD has Beta(a, b + x): the MBG/NBD expectation is
 * the BG/NBD one with b + 1 in place of b (Batislam et al. 2007, eq. 13), computed by the same careful code.
 */
export function mbgNbdExpectedIfAlive(params: MbgNbdParams, x: number, T: number, t: number): number {
  return expectedPurchasesIfAlive({ ...params, b: params.b + 1 }, x, T, t);
}

/** E[Y(t) | x, tx, T]. */
export function mbgNbdExpectedConditional(params: MbgNbdParams, history: RfmObservation, t: number): number {
  return mbgNbdProbabilityAlive(params, history) * mbgNbdExpectedIfAlive(params, history.x, history.T, t);
}

export interface MbgNbdFitOptions {
  optimizer?: MinimizeOptions;
  parameterLimit?: number;
}

const PARAMETER_NAMES = ["r", "alpha", "a", "b"] as const;

export function fitMbgNbd(
  observations: readonly RfmObservation[],
  options: MbgNbdFitOptions = {},
): FitOutcome<MbgNbdFit> {
  if (observations.length === 0) return { ok: false, reason: "no customers to fit" };
  const data = groupObservations(observations);
  let repeats = 0;
  let exposure = 0;
  for (const o of observations) {
    repeats += o.x;
    exposure += o.T;
  }
  if (repeats === 0)
    return {
      ok: false,
      reason: "no customer has a repeat purchase, so the purchase rate cannot be estimated",
    };
  if (!(exposure > 0)) return { ok: false, reason: "no observation time (every T is 0)" };

  const fromLog = (z: readonly number[]): MbgNbdParams => ({
    r: Math.exp(z[0] ?? 0),
    alpha: Math.exp(z[1] ?? 0),
    a: Math.exp(z[2] ?? 0),
    b: Math.exp(z[3] ?? 0),
  });
  const start = [0, Math.log(exposure / repeats), 0, 0];
  const box = searchBox(options.parameterLimit);
  const objective = (z: readonly number[]): number =>
    outsideBox(z, box) ? Infinity : -mbgNbdLogLikelihood(fromLog(z), data) / data.customers;
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
