import { describe, expect, test } from "vitest";
import { groupObservations } from "~/clv/bgnbd-likelihood";
import { expectedPurchasesIfAlive } from "~/clv/bgnbd-expectation";
import { betaExpectation } from "~/clv/quadrature";
import {
  fitMbgNbd,
  mbgNbdExpectedConditional,
  mbgNbdExpectedIfAlive,
  mbgNbdLogLikelihood,
  mbgNbdProbabilityAlive,
} from "~/clv/mbg-nbd";
import { lnGamma } from "~/clv/special";
import {
  REFERENCE_MBG_NBD,
  expectWithinRelative,
  lifetimesSummaryCustomers,
  sampleCustomers,
  summaryCsvCustomers,
} from "./support/cdnow";

describe.each([
  ["cdnow_customers_summary.csv (the file lifetimes fits)", lifetimesSummaryCustomers],
  ["the summary CSV with transactions", summaryCsvCustomers],
  ["summaries built from CDNOW_sample.txt", sampleCustomers],
])("MBG/NBD on %s", (_source, load) => {
  test("reproduces the reference implementations' CDNOW fit (each value within 1 %)", () => {
    const fit = fitMbgNbd(load());
    if (!fit.ok) throw new Error(fit.reason);
    for (const key of ["r", "alpha", "a", "b"] as const) {
      expectWithinRelative(fit.value[key], REFERENCE_MBG_NBD[key], 0.01);
    }
    // No log-likelihood is published with the reference values; this one is in line with BG/NBD's −9582.4.
    expect(fit.value.logLikelihood).toBeGreaterThan(-9583);
  });
});

/**
 * One customer's likelihood from the model's story, integrating over the dropout probability p ~ Beta(a, b)
 * numerically (tanh-sinh) and over λ ~ Gamma(r, α) in closed form. Given λ and p, the purchase times have
 * density λ^x e^(−λT) (1 − p)^(x+1) if still alive at T, or λ^x e^(−λ tx) p (1 − p)^x if the customer dropped
 * out after the last purchase; over λ, λ^x e^(−λt) becomes Γ(r+x) α^r / (Γ(r) (α + t)^(r+x)).
 */
function likelihoodByQuadrature(
  params: { r: number; alpha: number; a: number; b: number },
  { x, tx, T }: { x: number; tx: number; T: number },
): number {
  const { r, alpha, a, b } = params;
  const gammaPart = (t: number) =>
    Math.exp(lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) - (r + x) * Math.log(alpha + t));
  const alive = betaExpectation(a, b, (p) => Math.pow(1 - p, x + 1));
  const dead = betaExpectation(a, b, (p) => p * Math.pow(1 - p, x));
  return alive * gammaPart(T) + dead * gammaPart(tx);
}

test("the closed-form likelihood agrees with integrating over the dropout probability", () => {
  const params = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };
  for (const c of [
    { x: 0, tx: 0, T: 38.86 },
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 9, tx: 20, T: 70 },
  ]) {
    const closed = mbgNbdLogLikelihood(params, groupObservations([c]));
    expect(closed).toBeCloseTo(Math.log(likelihoodByQuadrature(params, c)), 9);
  }
});

describe("per-customer predictions", () => {
  const params = REFERENCE_MBG_NBD;

  test("a one-time buyer's chance of being alive is below 1 and falls as time passes", () => {
    const values = [0, 5, 20, 40, 80].map((T) => mbgNbdProbabilityAlive(params, { x: 0, tx: 0, T }));
    expect(values[0]).toBeLessThan(1);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1] ?? 0);
  });

  test("alive after x + 1 purchases, the expectation is BG/NBD's with Beta(a, b + x + 1) as the dropout posterior", () => {
    expect(mbgNbdExpectedIfAlive(params, 2, 38.86, 39)).toBeCloseTo(
      expectedPurchasesIfAlive({ ...params, b: params.b + 1 }, 2, 38.86, 39),
      12,
    );
    // And directly: E[(1 − (1 + p t/(α+T))^−(r+x)) / p] over p ~ Beta(a, b + x + 1).
    const { r, alpha, a, b } = params;
    const u = 39 / (alpha + 38.86);
    const direct = betaExpectation(a, b + 3, (p) =>
      p === 0 ? (r + 2) * u : -Math.expm1(-(r + 2) * Math.log1p(p * u)) / p,
    );
    expect(mbgNbdExpectedIfAlive(params, 2, 38.86, 39)).toBeCloseTo(direct, 9);
  });

  test("FHL's worked-example customer (x = 2, tx = 30.43, T = 38.86) expects about 1.2 purchases in 39 weeks", () => {
    // lifetimes checks its MBG/NBD against Hardie's BG/NBD figure 1.226 within 0.05.
    expect(
      Math.abs(mbgNbdExpectedConditional(params, { x: 2, tx: 30.43, T: 38.86 }, 39) - 1.226),
    ).toBeLessThan(0.05);
  });
});
