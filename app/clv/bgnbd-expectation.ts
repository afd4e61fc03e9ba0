/**
 * BG/NBD per-customer predictions: P(alive) (Fader, Hardie & Lee 2008, "Computing P(alive) Using the BG/NBD
 * Model", eq. 2), the conditional expectation E[Y(t) | x, tx, T] (FHL 2005 eq. 10) and E[X(t)] (eq. 7).
 */
import type { BgNbdParams, RfmObservation } from "./types";
import { betaExpectation } from "./quadrature";

/**
 * P(alive at T | x, tx, T) = 1 / (1 + δ(x>0) · a / (b + x − 1) · ((α + T) / (α + tx))^(r + x)).
 * Exactly 1 when x = 0: in the BG/NBD a customer can only drop out right after a purchase.
 */
export function probabilityAlive(params: BgNbdParams, { x, tx, T }: RfmObservation): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = params;
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/** Accept the series if it loses fewer than this many significant digits to cancellation. */
const MAX_CONDITION = 1e7;
const SERIES_EPSILON = 1e-16;
const MAX_SERIES_TERMS = 1_000_000;

/**
 * Expected purchases in (T, T + t] for a customer known to be alive at T with x repeat purchases: eq. (10)
 * without its P(alive) denominator,
 *   G = (C / (a − 1)) · [1 − (1 − z)^(r+x) · 2F1(r + x, b + x; C; z)],  C = a + b + x − 1,  z = t / (α + T + t).
 * Euler's transformation (1 − z)^(r+x) 2F1(r+x, b+x; C; z) = (1 − z)^(a−1) 2F1(C − r − x, a − 1; C; z) lets the
 * factor (a − 1) cancel analytically (no 0/0 at a = 1) and keeps the series parameters small when r + x is large:
 *   G = C · [(1 − (1 − z)^(a−1)) / (a − 1)] − (1 − z)^(a−1) · Σ_{n≥1} (C − r − x)_n (a)_(n−1) / ((C + 1)_(n−1) n!) zⁿ.
 * When that still cancels badly (e.g. very large r) we integrate the posterior directly instead:
 *   G = E[(1 − (1 + p t / (α + T))^(−(r+x))) / p],  p ~ Beta(a, b + x).
 */
export function expectedPurchasesIfAlive(params: BgNbdParams, x: number, T: number, t: number): number {
  if (!(t >= 0)) throw new RangeError(`horizon must be ≥ 0, got ${t}`);
  if (t === 0) return 0;
  const series = transformedSeries(params, x, T, t);
  if (series !== undefined) return series;
  return posteriorIntegral(params, x, T, t);
}

function transformedSeries(params: BgNbdParams, x: number, T: number, t: number): number | undefined {
  const { r, alpha, a, b } = params;
  const c = a + b + x - 1;
  const first = c - r - x;
  const z = t / (alpha + T + t);
  const logOneMinusZ = Math.log1p(-z);
  const power = Math.exp((a - 1) * logOneMinusZ); // (1 − z)^(a−1)
  const leading = a === 1 ? -logOneMinusZ : -Math.expm1((a - 1) * logOneMinusZ) / (a - 1);

  // term_n = (first)_n (a)_(n−1) zⁿ / ((C + 1)_(n−1) n!); term_1 = first · z.
  let term = first * z;
  let sum = term;
  let absSum = Math.abs(term);
  const settled = Math.max(Math.abs(first), a, Math.abs(c)) + 1;
  let converged = term === 0;
  for (let n = 1; n < MAX_SERIES_TERMS && !converged; n++) {
    term *= ((first + n) * (a + n - 1) * z) / ((c + n) * (n + 1));
    sum += term;
    absSum += Math.abs(term);
    if (n > settled) {
      const rho = Math.max(z, Math.abs(((first + n + 1) * (a + n) * z) / ((c + n + 1) * (n + 2))));
      converged = (Math.abs(term) * rho) / (1 - rho) <= SERIES_EPSILON * absSum;
    }
    if (term === 0) converged = true; // C − r − x is a non-positive integer: a polynomial
  }
  if (!converged) return undefined;
  const value = c * leading - power * sum;
  const magnitude = Math.abs(c * leading) + power * absSum;
  if (!(value > 0) || !Number.isFinite(value) || magnitude > MAX_CONDITION * value) return undefined;
  return value;
}

function posteriorIntegral(params: BgNbdParams, x: number, T: number, t: number): number {
  const { r, alpha, a, b } = params;
  const u = t / (alpha + T);
  const shape = r + x;
  // (1 − (1 + p u)^(−shape)) / p, with its limit shape · u at p → 0.
  const h = (p: number): number => (p === 0 ? shape * u : -Math.expm1(-shape * Math.log1p(p * u)) / p);
  return betaExpectation(a, b + x, h);
}

/** E[Y(t) | x, tx, T]: expected repeat purchases in the next t time units for a customer with this history (eq. 10). */
export function expectedPurchasesConditional(
  params: BgNbdParams,
  history: RfmObservation,
  t: number,
): number {
  return probabilityAlive(params, history) * expectedPurchasesIfAlive(params, history.x, history.T, t);
}

/** E[X(t)]: expected repeat purchases in (0, t] for a newly acquired customer (eq. 7). */
export function expectedPurchasesUnconditional(params: BgNbdParams, t: number): number {
  return expectedPurchasesIfAlive(params, 0, 0, t);
}
