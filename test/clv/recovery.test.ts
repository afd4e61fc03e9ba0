import { expect, test } from "vitest";
import type { BgNbdParams, CustomerSummary, GammaGammaParams } from "~/clv/types";
import { bgNbdLogLikelihood, fitBgNbd, groupObservations } from "~/clv/bgnbd";
import { fitGammaGamma, gammaGammaLogLikelihood, spendingCustomers } from "~/clv/gamma-gamma";
import { seededRandom } from "./support/random";
import { simulateCustomer } from "./support/simulate";
import { standardErrors } from "./support/information";

/**
 * Tolerance: maximum-likelihood estimates are asymptotically normal around the truth with covariance equal to the
 * inverse observed information. We compute that standard error on the log scale from the Hessian at the estimate
 * and require every estimate within 4 standard errors (a two-sided 4σ miss has probability 6e-5 per parameter;
 * the seed is fixed anyway, so the test is deterministic). We also require the standard errors themselves to be
 * small (< 0.3 on the log scale, i.e. about ±30 %), so that "within 4 SE" is a real check, not a vacuous one.
 */
const MAX_Z = 4;
const MAX_LOG_SE = 0.3;

function expectRecovered(
  truth: Record<string, number>,
  fitted: Record<string, number>,
  keys: string[],
  se: number[],
) {
  keys.forEach((key, i) => {
    const error = Math.log(fitted[key] ?? NaN) - Math.log(truth[key] ?? NaN);
    const standardError = se[i] ?? NaN;
    expect(standardError, `SE of ${key}`).toBeLessThan(MAX_LOG_SE);
    expect(Math.abs(error) / standardError, `${key}: ${fitted[key]} vs ${truth[key]}`).toBeLessThan(MAX_Z);
  });
}

test("BG/NBD recovers known parameters from 8,000 simulated customers", () => {
  const truth: BgNbdParams = { r: 0.5, alpha: 4, a: 0.8, b: 2.5 };
  const random = seededRandom(20050101);
  const customers: CustomerSummary[] = Array.from({ length: 8000 }, (_, i) =>
    simulateCustomer(random, String(i), 20 + 32 * random.uniform(), truth),
  );
  const fit = fitBgNbd(customers);
  if (!fit.ok) throw new Error(fit.reason);

  const data = groupObservations(customers);
  const logLikelihood = (z: readonly number[]): number =>
    bgNbdLogLikelihood(
      { r: Math.exp(z[0] ?? 0), alpha: Math.exp(z[1] ?? 0), a: Math.exp(z[2] ?? 0), b: Math.exp(z[3] ?? 0) },
      data,
    );
  const { r, alpha, a, b } = fit.value;
  const se = standardErrors(logLikelihood, [r, alpha, a, b].map(Math.log));
  expectRecovered({ ...truth }, { ...fit.value }, ["r", "alpha", "a", "b"], se);
});

test("Gamma-Gamma recovers known parameters from 3,000 simulated repeat customers", () => {
  const bgnbd: BgNbdParams = { r: 2, alpha: 4, a: 0.5, b: 5 };
  const truth: GammaGammaParams = { p: 6, q: 4, gamma: 15 };
  const random = seededRandom(20130101);
  const customers: CustomerSummary[] = [];
  while (customers.length < 3000) {
    const customer = simulateCustomer(random, String(customers.length), 39, bgnbd, truth);
    if (customer.x > 0) customers.push(customer);
  }
  const fit = fitGammaGamma(customers);
  if (!fit.ok) throw new Error(fit.reason);

  const used = spendingCustomers(customers);
  const logLikelihood = (z: readonly number[]): number =>
    gammaGammaLogLikelihood(
      { p: Math.exp(z[0] ?? 0), q: Math.exp(z[1] ?? 0), gamma: Math.exp(z[2] ?? 0) },
      used,
    );
  const { p, q, gamma } = fit.value;
  const se = standardErrors(logLikelihood, [p, q, gamma].map(Math.log));
  expectRecovered({ ...truth }, { ...fit.value }, ["p", "q", "gamma"], se);
});
