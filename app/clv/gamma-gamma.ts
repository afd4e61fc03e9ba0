/**
 * Gamma-Gamma model of spend per transaction (Fader, Hardie & Lee 2005, "RFM and CLV", JMR; Fader & Hardie 2013,
 * "The Gamma-Gamma Model of Monetary Value"). Each spend z ~ Gamma(p, ν), the customer's ν ~ Gamma(q, γ).
 */
import type { FitOutcome, GammaGammaParams } from "./types";
import type { MinimizeOptions } from "./optimize";
import { MAX_EVALUATIONS, degenerateParameter, describeParams, outsideBox, searchBox } from "./fit-checks";
import { minimizeNelderMead } from "./optimize";
import { lnBeta } from "./special";

/** What the model needs from a customer: repeat purchase days and the mean spend on them. */
export interface SpendObservation {
  x: number;
  zbar: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  logLikelihood: number;
  /** Customers the fit used (x > 0 and zbar > 0). */
  customers: number;
}

export interface GammaGammaFitOptions {
  optimizer?: MinimizeOptions;
  parameterLimit?: number;
}

/**
 * ln f(zbar | x) (Fader & Hardie 2013, eq. 5):
 *   f = Γ(px + q) / (Γ(px) Γ(q)) · γ^q · zbar^(px−1) · x^(px) / (γ + x zbar)^(px+q).
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  customers: readonly SpendObservation[],
): number {
  return prepareSpend(customers).logLikelihood(params);
}

/**
 * The customers' data reduced once for the many likelihood evaluations of a fit: the Beta term per
 * distinct x, the zbar and x powers as sums (they enter linearly in p), leaving one logarithm per customer,
 * ln(γ + x zbar), per evaluation. 250,000 customers fit in a fraction of the per-customer form's time.
 */
export function prepareSpend(customers: readonly SpendObservation[]): {
  logLikelihood(params: GammaGammaParams): number;
} {
  const n = customers.length;
  const xs = new Float64Array(n);
  const xz = new Float64Array(n);
  const countByX = new Map<number, number>();
  let sumLogZ = 0;
  let sumXLogZ = 0;
  let sumXLogX = 0;
  customers.forEach(({ x, zbar }, i) => {
    xs[i] = x;
    xz[i] = x * zbar;
    countByX.set(x, (countByX.get(x) ?? 0) + 1);
    const logZ = Math.log(zbar);
    sumLogZ += logZ;
    sumXLogZ += x * logZ;
    sumXLogX += x * Math.log(x);
  });
  return {
    logLikelihood({ p, q, gamma }: GammaGammaParams): number {
      if (!(p > 0 && q > 0 && gamma > 0)) return -Infinity;
      let total = n * q * Math.log(gamma) + p * sumXLogZ - sumLogZ + p * sumXLogX;
      for (const [x, count] of countByX) total -= count * lnBeta(p * x, q);
      for (let i = 0; i < n; i++) total -= (p * xs[i]! + q) * Math.log(gamma + xz[i]!);
      return total;
    },
  };
}

const PARAMETER_NAMES = ["p", "q", "gamma"] as const;

/** Customers who carry spend information: a repeat purchase with positive mean spend. */
export function spendingCustomers<T extends SpendObservation>(customers: readonly T[]): T[] {
  return customers.filter((c) => c.x > 0 && c.zbar > 0 && Number.isFinite(c.zbar));
}

export function fitGammaGamma(
  customers: readonly SpendObservation[],
  options: GammaGammaFitOptions = {},
): FitOutcome<GammaGammaFit> {
  const used = spendingCustomers(customers);
  if (used.length === 0)
    return { ok: false, reason: "no customer with a repeat purchase and positive spend" };
  // Starting point p = 1, q = 2, γ = mean zbar gives a population mean spend p γ / (q − 1) equal to the observed one.
  const meanSpend = used.reduce((sum, c) => sum + c.zbar, 0) / used.length;
  const fromLog = (z: readonly number[]): GammaGammaParams => ({
    p: Math.exp(z[0] ?? 0),
    q: Math.exp(z[1] ?? 0),
    gamma: Math.exp(z[2] ?? 0),
  });
  const box = searchBox(options.parameterLimit);
  const prepared = prepareSpend(used);
  const objective = (z: readonly number[]): number =>
    outsideBox(z, box) ? Infinity : -prepared.logLikelihood(fromLog(z)) / used.length;
  const start = [0, Math.log(2), Math.log(meanSpend)];
  const result = minimizeNelderMead(objective, start, {
    maxEvaluations: MAX_EVALUATIONS,
    ...options.optimizer,
  });

  const params = fromLog(result.x);
  const logLikelihood = -result.value * used.length;
  if (!result.converged) {
    return {
      ok: false,
      reason: `the likelihood maximisation did not converge (last point ${describeParams(params)})`,
    };
  }
  if (!Number.isFinite(logLikelihood)) return { ok: false, reason: "the log-likelihood is not finite" };
  const degenerate = degenerateParameter(params, PARAMETER_NAMES, options.parameterLimit);
  if (degenerate !== undefined) return { ok: false, reason: degenerate };
  // E[spend] = p γ / (q − 1) is infinite for q ≤ 1: such a fit cannot value a customer without repeat purchases.
  if (params.q <= 1)
    return { ok: false, reason: `q = ${params.q.toFixed(3)} ≤ 1: mean spend per order is not finite` };
  return { ok: true, value: { ...params, logLikelihood, customers: used.length } };
}

/**
 * E[spend per order | x, zbar] = p (γ + x zbar) / (p x + q − 1) (Fader, Hardie & Lee 2005 JMR eq. 5; Fader &
 * Hardie 2013 eq. 8): a weighted mean of the population mean p γ / (q − 1) and the customer's own zbar.
 * With x = 0 it is the population mean.
 */
export function expectedAverageOrderValue(params: GammaGammaParams, { x, zbar }: SpendObservation): number {
  const { p, q, gamma } = params;
  const spend = x > 0 ? zbar : 0;
  return (p * (gamma + x * spend)) / (p * x + q - 1);
}
