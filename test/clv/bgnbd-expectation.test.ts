import { describe, expect, test } from "vitest";
import type { BgNbdParams } from "~/clv/types";
import {
  expectedPurchasesConditional,
  expectedPurchasesIfAlive,
  expectedPurchasesUnconditional,
  probabilityAlive,
} from "~/clv/bgnbd";
import { hyp2f1 } from "~/clv/special";
import { betaExpectation } from "~/clv/quadrature";
import { PUBLISHED_BGNBD } from "./support/cdnow";

const published: BgNbdParams = PUBLISHED_BGNBD;

/**
 * E[purchases in (T, T + t] | alive, x] from mpmath at 50 digits with the closed form of FHL 2005 eq. (10) (mpmath
 * continues 2F1 analytically), a nudged off 1 by 1e-30 in the a = 1 row. Rows: r, α, a, b, x, T, t, value.
 */
const IF_ALIVE: number[][] = [
  [0.243, 4.414, 0.793, 2.426, 2, 38.86, 39, 1.687399305805313],
  [200, 200, 2, 3, 0, 0, 10, 3.0128786852199503], // large r: the series alternates but is still accurate
  [0.5, 5, 1, 2.5, 3, 30, 39, 2.9039561465289685], // a = 1: 0/0 in the textbook form
  [0.3, 0.01, 0.5, 1, 0, 0, 365, 130.81023807201035], // z = 0.99997
  [0.8, 30, 0.5, 1e4, 1, 100, 365, 5.05285355688388], // b large
  [0.8, 30, 1e-4, 1, 4, 100, 365, 13.47571302751088], // a → 0: nobody drops out
  [2, 10, 5, 0.2, 0, 0, 50, 1.0173150092965164], // a + b − 1 > 0 > b − 1
  [0.243, 4.414, 0.793, 2.426, 29, 38.86, 1000, 136.83115900769062], // large r + x and long horizon
  [50, 3, 0.3, 0.4, 0, 2, 20, 34.39836901936236], // a + b < 1: C < 0 for x = 0
  // These two by mpmath quadrature of the posterior integral (its 2F1 does not converge here):
  [1e3, 1e3, 0.5, 0.5, 0, 0, 100, 11.254053879507248], // very large r: integral
  [0.2, 1e-6, 0.9, 3, 0, 0, 365, 95.27076465773261], // z = 1 − 3e-9: integral
];

describe("P(alive) (FHL 2008 note eq. 2)", () => {
  test("is exactly 1 without repeat purchases: BG/NBD customers only drop out right after a purchase", () => {
    for (const T of [0, 1, 38.86, 1e6]) expect(probabilityAlive(published, { x: 0, tx: 0, T })).toBe(1);
  });

  test("matches mpmath for CDNOW customers", () => {
    expect(probabilityAlive(published, { x: 2, tx: 30.43, T: 38.86 })).toBeCloseTo(0.726578570080673, 13);
    expect(probabilityAlive(published, { x: 1, tx: 1.71, T: 38.86 })).toBeCloseTo(0.2121009853773791, 13);
    expect(probabilityAlive(published, { x: 29, tx: 38.71, T: 38.86 })).toBeCloseTo(0.9719601724411612, 13);
  });

  test("is finite and in [0, 1] at the edges", () => {
    expect(probabilityAlive(published, { x: 1, tx: 0, T: 1e9 })).toBeGreaterThanOrEqual(0);
    expect(probabilityAlive(published, { x: 500, tx: 0, T: 1e5 })).toBe(0); // underflows to 0, not NaN
    expect(probabilityAlive(published, { x: 3, tx: 10, T: 10 })).toBeGreaterThan(0.5);
    expect(probabilityAlive({ ...published, a: 1e-12 }, { x: 3, tx: 1, T: 30 })).toBeCloseTo(1, 9);
  });
});

describe("conditional expectation (FHL 2005 eq. 10)", () => {
  test("the published example: x = 2, tx = 30.43, T = 38.86 expects 1.226 purchases in the next 39 weeks", () => {
    const value = expectedPurchasesConditional(published, { x: 2, tx: 30.43, T: 38.86 }, 39);
    expect(value).toBeCloseTo(1.226, 3);
    expect(value).toBeCloseTo(1.2260281747671444, 12); // mpmath
  });

  test.each(IF_ALIVE)("r=%d α=%d a=%d b=%d x=%d T=%d t=%d", (r, alpha, a, b, x, T, t, expected) => {
    const params = { r, alpha, a, b } as BgNbdParams;
    const value = expectedPurchasesIfAlive(params, x as number, T as number, t as number);
    expect(Math.abs(value - (expected as number)) / (expected as number)).toBeLessThan(1e-9);
  });

  test("agrees with the textbook 2F1 form and with direct integration over the dropout posterior", () => {
    const cases: [BgNbdParams, number, number, number][] = [
      [published, 0, 38.86, 39],
      [published, 7, 35, 52],
      [{ r: 1.5, alpha: 40, a: 2.5, b: 6 }, 3, 200, 365],
      [{ r: 0.1, alpha: 2, a: 0.2, b: 0.7 }, 1, 10, 5],
    ];
    for (const [params, x, T, t] of cases) {
      const { r, alpha, a, b } = params;
      const z = t / (alpha + T + t);
      const c = a + b + x - 1;
      const textbook = (c / (a - 1)) * (1 - Math.pow(1 - z, r + x) * hyp2f1(r + x, b + x, c, z));
      const u = t / (alpha + T);
      const h = (p: number): number =>
        p === 0 ? (r + x) * u : -Math.expm1(-(r + x) * Math.log1p(p * u)) / p;
      const integral = betaExpectation(a, b + x, h);
      const value = expectedPurchasesIfAlive(params, x, T, t);
      expect(Math.abs(value / textbook - 1)).toBeLessThan(1e-10);
      expect(Math.abs(value / integral - 1)).toBeLessThan(1e-10);
    }
  });

  test("a → 0 (dropout ≈ 0 with certainty) gives the no-dropout limit (r + x) t / (α + T)", () => {
    const value = expectedPurchasesIfAlive({ r: 0.5, alpha: 10, a: 1e-8, b: 1e6 }, 2, 50, 365);
    expect(value).toBeCloseTo((2.5 * 365) / 60, 6);
  });

  test("is 0 for a zero horizon and grows with the horizon", () => {
    expect(expectedPurchasesIfAlive(published, 2, 38.86, 0)).toBe(0);
    let previous = 0;
    for (const t of [1, 10, 39, 100, 1000, 1e5]) {
      const value = expectedPurchasesConditional(published, { x: 2, tx: 30.43, T: 38.86 }, t);
      expect(value).toBeGreaterThan(previous);
      previous = value;
    }
    expect(() => expectedPurchasesIfAlive(published, 0, 0, -1)).toThrow(RangeError);
  });

  test("stays finite at extreme inputs", () => {
    const extremes: [BgNbdParams, number, number, number][] = [
      [published, 200, 38.86, 39], // large x
      [{ r: 1e3, alpha: 1e3, a: 0.5, b: 0.5 }, 0, 0, 100], // very large r
      [{ r: 0.2, alpha: 1e-6, a: 0.9, b: 3 }, 0, 0, 365], // α ≪ t: z → 1
      [{ r: 0.2, alpha: 500, a: 0.9, b: 3 }, 1, 30, 39], // α > T
      [{ r: 0.5, alpha: 10, a: 1 + 1e-12, b: 2 }, 2, 50, 365], // a ≈ 1
    ];
    for (const [params, x, T, t] of extremes) {
      const value = expectedPurchasesIfAlive(params, x, T, t);
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeGreaterThan(0);
    }
  });
});

describe("unconditional expectation E[X(t)] (FHL 2005 eq. 7)", () => {
  test("matches mpmath for the CDNOW parameters", () => {
    expect(expectedPurchasesUnconditional(published, 39)).toBeCloseTo(1.196723193320817, 12);
    expect(expectedPurchasesUnconditional(published, 78)).toBeCloseTo(1.8605190579427684, 12);
  });

  test("at small t it is the mean purchase rate r / α times t", () => {
    const t = 1e-6;
    expect(expectedPurchasesUnconditional(published, t) / t).toBeCloseTo(published.r / published.alpha, 6);
  });
});
