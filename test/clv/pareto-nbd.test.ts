import { describe, expect, test } from "vitest";
import type { ParetoNbdParams, RfmObservation } from "~/clv/types";
import { groupObservations } from "~/clv/bgnbd-likelihood";
import {
  fitParetoNbd,
  paretoNbdExpectedConditional,
  paretoNbdExpectedIfAlive,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
} from "~/clv/pareto-nbd";
import { lnGamma } from "~/clv/special";
import {
  PUBLISHED_PARETO_NBD,
  expectWithinRelative,
  sampleCustomers,
  summaryCsvCustomers,
} from "./support/cdnow";

describe.each([
  ["the rounded summary CSV", summaryCsvCustomers],
  ["summaries built from CDNOW_sample.txt", sampleCustomers],
])("Pareto/NBD on %s", (_source, load) => {
  test("reproduces the published CDNOW fit (each value within 0.5 %)", () => {
    const fit = fitParetoNbd(load());
    if (!fit.ok) throw new Error(fit.reason);
    for (const key of ["r", "alpha", "s", "beta", "logLikelihood"] as const) {
      expectWithinRelative(fit.value[key], PUBLISHED_PARETO_NBD[key], 0.005);
    }
    // The log-likelihood is published to one decimal; ours agrees to that.
    expect(Math.abs(fit.value.logLikelihood - PUBLISHED_PARETO_NBD.logLikelihood)).toBeLessThan(0.1);
  });
});

/**
 * One customer's likelihood straight from the model's definition, by quadrature instead of the 2F1 closed form:
 *   L = Γ(r+x) α^r / Γ(r) · [β^s (α+T)^−(r+x) (β+T)^−s + ∫_tx^T (α+τ)^−(r+x) s β^s (β+τ)^−(s+1) dτ]
 * (alive throughout, or dead at τ in (tx, T]). Composite Simpson with 20,000 panels on a smooth integrand.
 */
function likelihoodByQuadrature(params: ParetoNbdParams, { x, tx, T }: RfmObservation): number {
  const { r, alpha, s, beta } = params;
  const front = Math.exp(lnGamma(r + x) - lnGamma(r) + r * Math.log(alpha) + s * Math.log(beta));
  const alive = Math.pow(alpha + T, -(r + x)) * Math.pow(beta + T, -s);
  const density = (tau: number) => Math.pow(alpha + tau, -(r + x)) * s * Math.pow(beta + tau, -(s + 1));
  const panels = 20_000;
  const h = (T - tx) / panels;
  let sum = density(tx) + density(T);
  for (let i = 1; i < panels; i++) sum += (i % 2 === 1 ? 4 : 2) * density(tx + i * h);
  return front * (alive + (sum * h) / 3);
}

describe("the closed-form likelihood agrees with direct integration", () => {
  const customers: RfmObservation[] = [
    { x: 0, tx: 0, T: 38.86 },
    { x: 2, tx: 30.43, T: 38.86 },
    { x: 7, tx: 5.2, T: 70 },
    { x: 1, tx: 12, T: 12 },
    { x: 40, tx: 300, T: 700 },
  ];
  test.each([
    ["α > β", { r: 0.553, alpha: 10.578, s: 0.606, beta: 3.2 }],
    ["α < β", { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }],
    ["α = β", { r: 1.7, alpha: 8, s: 2.5, beta: 8 }],
    ["α ≪ β, days", { r: 0.3, alpha: 2, s: 0.4, beta: 900 }],
  ])("%s", (_case, params) => {
    for (const c of customers) {
      const closed = paretoNbdLogLikelihood(params, groupObservations([c]));
      expect(closed, JSON.stringify(c)).toBeCloseTo(Math.log(likelihoodByQuadrature(params, c)), 8);
    }
  });
});

describe("per-customer predictions", () => {
  const params = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };

  test("a one-time buyer's chance of being alive falls as time passes", () => {
    const values = [1, 5, 20, 40, 80, 160].map((T) => paretoNbdProbabilityAlive(params, { x: 0, tx: 0, T }));
    values.forEach((p) => expect(p).toBeGreaterThan(0));
    expect(values[0]).toBeLessThan(1);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThan(values[i - 1] ?? 0);
  });

  test("P(alive) is 1 when the last purchase is now, and falls as it recedes", () => {
    expect(paretoNbdProbabilityAlive(params, { x: 3, tx: 20, T: 20 })).toBe(1);
    expect(paretoNbdProbabilityAlive(params, { x: 3, tx: 10, T: 20 })).toBeLessThan(
      paretoNbdProbabilityAlive(params, { x: 3, tx: 15, T: 20 }),
    );
  });

  test("the expectation is continuous through s = 1 and grows with the horizon", () => {
    const near = [1 - 1e-9, 1, 1 + 1e-9].map((s) => paretoNbdExpectedIfAlive({ ...params, s }, 2, 38.86, 39));
    expect(near[1]).toBeCloseTo(near[0] ?? NaN, 6);
    expect(near[2]).toBeCloseTo(near[1] ?? NaN, 6);
    expect(paretoNbdExpectedIfAlive(params, 2, 38.86, 0)).toBe(0);
    const a = paretoNbdExpectedConditional(params, { x: 2, tx: 30.43, T: 38.86 }, 39);
    const b = paretoNbdExpectedConditional(params, { x: 2, tx: 30.43, T: 38.86 }, 78);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(a);
  });

  test("the expectation starts at the posterior purchase rate of a live customer, (r + x)/(α + T)", () => {
    const h = 1e-6;
    expect(paretoNbdExpectedIfAlive(params, 2, 38.86, h) / h).toBeCloseTo(
      (params.r + 2) / (params.alpha + 38.86),
      5,
    );
  });
});

test("a fit without repeat purchases is refused with a reason", () => {
  const fit = fitParetoNbd([{ x: 0, tx: 0, T: 10 }]);
  expect(fit).toEqual({ ok: false, reason: expect.stringMatching(/no customer has a repeat purchase/) });
});
