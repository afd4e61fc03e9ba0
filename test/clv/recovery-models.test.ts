import { expect, test } from "vitest";
import type { BgNbdParams, CustomerSummary, ParetoNbdParams } from "~/clv/types";
import { groupObservations } from "~/clv/bgnbd-likelihood";
import { fitMbgNbd, mbgNbdLogLikelihood } from "~/clv/mbg-nbd";
import { fitParetoNbd, paretoNbdLogLikelihood } from "~/clv/pareto-nbd";
import { seededRandom } from "./support/random";
import { simulateMbgNbdCustomer, simulateParetoNbdCustomer } from "./support/simulate";
import { standardErrors } from "./support/information";

/**
 * Same tolerance as recovery.test.ts: maximum-likelihood estimates are asymptotically normal around the truth
 * with the inverse observed information as covariance, so each log-parameter must lie within 4 standard
 * errors of the truth (a two-sided 4σ miss has probability 6e-5; the seed is fixed, so the test is
 * deterministic), and each standard error must be below 0.3 on the log scale so the check is not vacuous.
 */
const MAX_Z = 4;
const MAX_LOG_SE = 0.3;
const fromLog = (z: readonly number[]) => z.map((v) => Math.exp(v));

function expectRecovered(truth: Record<string, number>, fitted: Record<string, number>, se: number[]) {
  Object.keys(truth).forEach((key, i) => {
    const error = Math.log(fitted[key] ?? NaN) - Math.log(truth[key] ?? NaN);
    const standardError = se[i] ?? NaN;
    expect(standardError, `SE of ${key}`).toBeLessThan(MAX_LOG_SE);
    expect(Math.abs(error) / standardError, `${key}: ${fitted[key]} vs ${truth[key]}`).toBeLessThan(MAX_Z);
  });
}

test("Pareto/NBD recovers known parameters from 6,000 simulated customers", () => {
  const truth: ParetoNbdParams = { r: 0.6, alpha: 8, s: 0.7, beta: 12 };
  const random = seededRandom(19870101);
  const customers: CustomerSummary[] = Array.from({ length: 6000 }, (_, i) =>
    simulateParetoNbdCustomer(random, String(i), 30 + 48 * random.uniform(), truth),
  );
  const fit = fitParetoNbd(customers);
  if (!fit.ok) throw new Error(fit.reason);
  const data = groupObservations(customers);
  const logLikelihood = (z: readonly number[]) => {
    const [r = NaN, alpha = NaN, s = NaN, beta = NaN] = fromLog(z);
    return paretoNbdLogLikelihood({ r, alpha, s, beta }, data);
  };
  const { r, alpha, s, beta } = fit.value;
  expectRecovered(
    { ...truth },
    { ...fit.value },
    standardErrors(logLikelihood, [r, alpha, s, beta].map(Math.log)),
  );
}, 120_000);

test("MBG/NBD recovers known parameters from 8,000 simulated customers", () => {
  const truth: BgNbdParams = { r: 0.5, alpha: 5, a: 0.9, b: 2 };
  const random = seededRandom(20070101);
  const customers: CustomerSummary[] = Array.from({ length: 8000 }, (_, i) =>
    simulateMbgNbdCustomer(random, String(i), 30 + 48 * random.uniform(), truth),
  );
  // Some customers drop out at their first purchase: the model's distinguishing feature is exercised.
  expect(customers.filter((c) => c.x === 0).length).toBeGreaterThan(customers.length / 3);
  const fit = fitMbgNbd(customers);
  if (!fit.ok) throw new Error(fit.reason);
  const data = groupObservations(customers);
  const logLikelihood = (z: readonly number[]) => {
    const [r = NaN, alpha = NaN, a = NaN, b = NaN] = fromLog(z);
    return mbgNbdLogLikelihood({ r, alpha, a, b }, data);
  };
  const { r, alpha, a, b } = fit.value;
  expectRecovered(
    { ...truth },
    { ...fit.value },
    standardErrors(logLikelihood, [r, alpha, a, b].map(Math.log)),
  );
}, 120_000);
