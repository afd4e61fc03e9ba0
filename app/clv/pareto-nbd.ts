/**
 * Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), in the formulation of Fader, Hardie & Lee's note
 * "A Note on Deriving the Pareto/NBD Model and Related Expressions" (2005): log-likelihood, maximum-likelihood
 * fit, P(alive) and the conditional expectation. Purchases at rate λ ~ Gamma(r, α) while alive; an
 * exponential lifetime with rate μ ~ Gamma(s, β), so a one-time buyer can be dead too.
 */
import type { FitOutcome, ParetoNbdParams, RfmObservation } from "./types";
import type { GroupedRfm } from "./bgnbd-likelihood";
import type { LikelihoodFitOptions } from "./fit-likelihood";
import { fitByLikelihood } from "./fit-likelihood";
import { lnGamma, logAddExp, logHyp2f1 } from "./special";

export interface ParetoNbdFit extends ParetoNbdParams {
  logLikelihood: number;
}

/** Parameter-level values shared by every customer in one likelihood evaluation. */
interface Shared {
  params: ParetoNbdParams;
  larger: number;
  gap: number;
  alphaAtLeastBeta: boolean;
}

function shared(params: ParetoNbdParams): Shared {
  const { alpha, beta } = params;
  return {
    params,
    larger: Math.max(alpha, beta),
    gap: Math.abs(alpha - beta),
    alphaAtLeastBeta: alpha >= beta,
  };
}

/**
 * ln F(y) = ln 2F1(r+s+x, k; r+s+x+1; |α−β| / (m+y)) − (r+s+x) ln(m+y), m = max(α, β), k = s + 1 when α ≥ β and
 * r + x when α < β (FHL note eq. 19/20): both cases keep the 2F1 argument in [0, 1), where its series has
 * positive terms only.
 */
function logF(shape: Shared, x: number, y: number): number {
  const { r, s } = shape.params;
  const rsx = r + s + x;
  const k = shape.alphaAtLeastBeta ? s + 1 : r + x;
  const base = shape.larger + y;
  return logSeries(rsx, k, shape.gap / base) - rsx * Math.log(base);
}

const FAST_MAX_Z = 0.75;
const FAST_MAX_K = 100;
const FAST_EPSILON = 1e-16;

/**
 * ln 2F1(a, k; a + 1; z) for a, k > 0 and 0 ≤ z < 1. Small z with moderate k (nearly every call) takes a plain
 * loop; the rest goes to the general logHyp2f1, which rescales against overflow and transforms z near 1.
 */
function logSeries(a: number, k: number, z: number): number {
  if (z === 0) return 0;
  if (z > FAST_MAX_Z || k > FAST_MAX_K) return logHyp2f1(a, k, a + 1, z);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 10_000; n++) {
    const ratio = ((a + n) * (k + n) * z) / ((a + 1 + n) * (n + 1));
    term *= ratio;
    sum += term;
    // From n ≥ k on, the term ratio moves monotonically towards z, so ρ = max(ratio, z) bounds the tail.
    if (n >= k) {
      const rho = Math.max(ratio, z);
      if (rho < 1 && (term * rho) / (1 - rho) <= FAST_EPSILON * sum) return Math.log(sum);
    }
  }
  return logHyp2f1(a, k, a + 1, z);
}

/**
 * ln of the two parts of one customer's likelihood, without the common factor Γ(r+x) α^r β^s / Γ(r):
 *   alive = −(r+x) ln(α+T) − s ln(β+T)       (still alive at T)
 *   died  = ln s − ln(r+s+x) + ln A0          (died somewhere in (tx, T])
 * with A0 = F(tx) − F(T) (see logF), taken in log space as ln F(tx) + ln(1 − e^(ln F(T) − ln F(tx))), exact to
 * rounding; it is −∞ when tx = T (no time in which to die unseen).
 */
function logPartsWith(
  shape: Shared,
  x: number,
  tx: number,
  T: number,
  logFAtTx: number,
  logFAtT: number,
): { alive: number; died: number } {
  const { r, alpha, s, beta } = shape.params;
  const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  if (!(T > tx)) return { alive, died: -Infinity };
  const logA0 = logFAtTx + Math.log(-Math.expm1(logFAtT - logFAtTx));
  return { alive, died: Math.log(s) - Math.log(r + s + x) + logA0 };
}

function logParts(
  params: ParetoNbdParams,
  x: number,
  tx: number,
  T: number,
): { alive: number; died: number } {
  const shape = shared(params);
  if (!(T > tx)) return logPartsWith(shape, x, tx, T, NaN, NaN);
  return logPartsWith(shape, x, tx, T, logF(shape, x, tx), logF(shape, x, T));
}

/**
 * Σ ln L over all customers (FHL note eq. 18–20). ln F depends on (x, time) only, so it is computed once per
 * distinct pair: in whole-day shop data most customers share their pairs with others.
 */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, data: GroupedRfm): number {
  const { r, alpha, s, beta } = params;
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) return -Infinity;
  const shape = shared(params);
  const common = -lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
  const nx = data.distinctX.length;
  let total = 0;
  for (let i = 0; i < nx; i++) {
    const x = data.distinctX[i] ?? 0;
    total += (data.weightPerX[i] ?? 0) * (lnGamma(r + x) + common);
  }
  const nT = data.distinctT.length;
  const nTx = data.distinctTx.length;
  const cacheT = new Float64Array(nx * nT).fill(NaN);
  const cacheTx = new Float64Array(nx * nTx).fill(NaN);
  const { xIndex, tIndex, txIndex, weight } = data;
  for (let g = 0; g < weight.length; g++) {
    const xi = xIndex[g] as number;
    const ti = tIndex[g] as number;
    const txi = txIndex[g] as number;
    const x = data.distinctX[xi] as number;
    const T = data.distinctT[ti] as number;
    const tx = data.distinctTx[txi] as number;
    let atT = NaN;
    let atTx = NaN;
    if (T > tx) {
      atT = cacheT[xi * nT + ti] as number;
      if (Number.isNaN(atT)) cacheT[xi * nT + ti] = atT = logF(shape, x, T);
      atTx = cacheTx[xi * nTx + txi] as number;
      if (Number.isNaN(atTx)) cacheTx[xi * nTx + txi] = atTx = logF(shape, x, tx);
    }
    const { alive, died } = logPartsWith(shape, x, tx, T, atTx, atT);
    total += (weight[g] as number) * logAddExp(alive, died);
  }
  return total;
}

/** P(alive at T | x, tx, T): the "still alive" share of the likelihood (FHL note eq. 21). */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, { x, tx, T }: RfmObservation): number {
  const { alive, died } = logParts(params, x, tx, T);
  if (died === -Infinity) return 1;
  return 1 / (1 + Math.exp(died - alive));
}

/**
 * Expected purchases in (T, T + t] for a customer alive at T (FHL note eq. 22 without P(alive)):
 *   (r + x)(β + T) / ((α + T)(s − 1)) · [1 − ((β + T) / (β + T + t))^(s − 1)],
 * with the bracket over (s − 1) as −expm1(−(s − 1) ln(1 + t/(β + T))) / (s − 1), which tends to
 * ln(1 + t/(β + T)) at s = 1 instead of dividing 0 by 0.
 */
export function paretoNbdExpectedIfAlive(params: ParetoNbdParams, x: number, T: number, t: number): number {
  if (!(t >= 0)) throw new RangeError(`horizon must be ≥ 0, got ${t}`);
  if (t === 0) return 0;
  const { r, alpha, s, beta } = params;
  const logGrowth = Math.log1p(t / (beta + T));
  const shape = s - 1;
  const survivalIntegral = Math.abs(shape) < 1e-12 ? logGrowth : -Math.expm1(-shape * logGrowth) / shape;
  return ((r + x) / (alpha + T)) * (beta + T) * survivalIntegral;
}

/** E[Y(t) | x, tx, T]. */
export function paretoNbdExpectedConditional(
  params: ParetoNbdParams,
  history: RfmObservation,
  t: number,
): number {
  return (
    paretoNbdProbabilityAlive(params, history) * paretoNbdExpectedIfAlive(params, history.x, history.T, t)
  );
}

export type ParetoNbdFitOptions = LikelihoodFitOptions;

export function fitParetoNbd(
  observations: readonly RfmObservation[],
  options: ParetoNbdFitOptions = {},
): FitOutcome<ParetoNbdFit> {
  return fitByLikelihood(
    {
      names: ["r", "alpha", "s", "beta"],
      logLikelihood: paretoNbdLogLikelihood,
      // r = s = 1 with α from the observed repeat rate and β the mean observation time.
      start: ({ repeats, exposure, customers }) => [
        0,
        Math.log(exposure / repeats),
        0,
        Math.log(exposure / customers),
      ],
      noRepeatsReason: "no customer has a repeat purchase, so the purchase rate cannot be estimated",
    },
    observations,
    options,
  );
}
