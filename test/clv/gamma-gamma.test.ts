import { expect, test } from "vitest";
import { expectedAverageOrderValue, fitGammaGamma, gammaGammaLogLikelihood } from "~/clv/gamma-gamma";
import { PUBLISHED_GAMMA_GAMMA, summaryCsvCustomers } from "./support/cdnow";

test("conditional expected order value is the credibility-weighted mean (Fader & Hardie 2013 eq. 8)", () => {
  const params = PUBLISHED_GAMMA_GAMMA;
  const populationMean = (params.p * params.gamma) / (params.q - 1);
  expect(expectedAverageOrderValue(params, { x: 0, zbar: 0 })).toBeCloseTo(populationMean, 12);
  // By hand: 6.25 (15.44 + 2 · 22.35) / (6.25 · 2 + 3.74 − 1) = 375.875 / 15.24
  expect(expectedAverageOrderValue(params, { x: 2, zbar: 22.35 })).toBeCloseTo(375.875 / 15.24, 12);
  // Many purchases: the customer's own mean dominates.
  expect(expectedAverageOrderValue(params, { x: 1e6, zbar: 40 })).toBeCloseTo(40, 4);
});

test("the likelihood ignores nothing silently: zero mean spend with x > 0 is left out of the fit", () => {
  const customers = summaryCsvCustomers();
  const withZero = [...customers, { id: "z", x: 3, tx: 5, T: 10, zbar: 0 }];
  const a = fitGammaGamma(customers);
  const b = fitGammaGamma(withZero);
  if (!a.ok || !b.ok) throw new Error("fit failed");
  expect(b.value.customers).toBe(a.value.customers);
  expect(b.value.p).toBe(a.value.p);
});

test("the likelihood is −Infinity outside the parameter space", () => {
  expect(gammaGammaLogLikelihood({ p: -1, q: 2, gamma: 3 }, [{ x: 1, zbar: 5 }])).toBe(-Infinity);
});

test("no repeat spenders, or an infinite mean spend (q ≤ 1), is a failure with a reason", () => {
  const none = fitGammaGamma([{ x: 0, zbar: 0 }]);
  expect(none).toMatchObject({ ok: false });
  // Spend with a very heavy tail across customers pushes q below 1.
  const heavy = Array.from({ length: 400 }, (_, i) => ({ x: 1 + (i % 3), zbar: Math.pow(1.05, i) }));
  const fit = fitGammaGamma(heavy);
  if (fit.ok) expect(fit.value.q).toBeGreaterThan(1);
  else expect(fit.reason).toMatch(/q|boundary|converge/);
});
