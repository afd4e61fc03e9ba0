/**
 * MBG/NBD model (Batislam, Denizel & Filiztekin 2007): the BG/NBD with one change, a customer may also drop
 * out right at the first purchase, so a one-time buyer's chance of being alive falls as time passes.
 * Parameters r, α (purchase rate λ ~ Gamma(r, α)) and a, b (dropout probability p ~ Beta(a, b)), as in BG/NBD.
 */
import type { BgNbdParams, FitOutcome, RfmObservation } from "./types";
import type { GroupedRfm } from "./bgnbd-likelihood";
import { expectedPurchasesIfAlive } from "./bgnbd-expectation";
import type { LikelihoodFitOptions } from "./fit-likelihood";
import { fitByLikelihood } from "./fit-likelihood";
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

export type MbgNbdFitOptions = LikelihoodFitOptions;

export function fitMbgNbd(
  observations: readonly RfmObservation[],
  options: MbgNbdFitOptions = {},
): FitOutcome<MbgNbdFit> {
  return fitByLikelihood(
    {
      names: ["r", "alpha", "a", "b"],
      logLikelihood: mbgNbdLogLikelihood,
      start: ({ repeats, exposure }) => [0, Math.log(exposure / repeats), 0, 0],
      noRepeatsReason: "no customer has a repeat purchase, so the purchase rate cannot be estimated",
    },
    observations,
    options,
  );
}
