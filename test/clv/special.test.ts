import { describe, expect, test } from "vitest";
import { hyp2f1, lnBeta, lnGamma, logAddExp, logHyp2f1 } from "~/clv/special";

/** Reference values from mpmath at 50 digits, evaluated at the exact double inputs. */
const LN_GAMMA: [number, number][] = [
  [0.5, 0.5723649429247001],
  [1e-8, 18.42068073818021],
  [1.0000001, -5.772155829918507e-8],
  [1.3, -0.10817480950786047],
  [1.9, -0.03898427592308336],
  [2.2, 0.09694746679063887],
  [3.7, 1.428072326665388],
  [10, 12.801827480081469],
  [100, 359.1342053695754],
  [1e6, 12815504.569147611],
  [0.999, 0.0005780385328913802],
  [1e-300, 690.7755278982137],
  [1e15, 3.3538776394910668e16],
  [0.75, 0.20328095143129538],
  [1.25, -0.09827183642181316],
  [2.25, 0.1248717148923966],
  [9.99, 12.779315214350193],
  [10.01, 12.824350262448247],
  [1.4616321449683622, -0.12148629053584961],
  [1.999999999, -4.227843697573328e-10],
];

const LN_BETA: [number, number, number][] = [
  [0.793, 2.426, -0.5115692885937033],
  [0.5, 1e8, -8.637975427801482],
  [1e8, 1e8 + 3, -138629446.13625884],
  [12.5, 30.25, -25.99668406637252],
  [3, 4, Math.log(1 / 60)],
  [1e-5, 7, 11.512900965044798],
  [20, 3.5, -9.492636315472584],
];

const HYP2F1: [number, number, number, number, number][] = [
  [2.243, 4.426, 4.219, 0.4, 3.3455001100530906],
  [5, 3, 0.5, 0.95, 362124515734.24274],
  [30, 31, 2.5, 0.9, 1.3398681965872259e72],
  [1.5, 2, 3, -5, 0.13723808531952658],
  [250.3, 0.7, 40.2, 0.6, 8.152066608254217e45],
  [0.5, 0.5, 1.5, 0.25, Math.PI / 3], // arcsin(z)/z at z = 1/2
  [1, 1, 2, 0.99, 4.651687056553627], // −ln(1 − z)/z; integer c − a − b: power series
  [0.5, 0.7, 2.9, 0.999999, 1.2131916615498504], // z near 1: connection formula (DLMF 15.8.4)
  [3.3, 2.1, 1.7, 0.97, 577713.555824795],
  [1.5, -0.5, 0.25, 0.95, -14.457648245841293],
  [2, 3, 4.5, 0.9999, 996.5944379582],
  [-3, 2, 5, 0.7, 0.4148], // terminating polynomial
  [2.5, 1.5, 7.25, 1, 2.2539853739128097], // Gauss's theorem
];

const relativeError = (actual: number, expected: number): number =>
  Math.abs(actual - expected) / Math.abs(expected);

describe("lnGamma", () => {
  test.each(LN_GAMMA)("lnΓ(%d) to 1e-13 relative", (x, expected) => {
    expect(relativeError(lnGamma(x), expected)).toBeLessThan(1e-13);
  });

  test("exact at the integers where Γ is 1 and factorials elsewhere", () => {
    expect(lnGamma(1)).toBe(0);
    expect(lnGamma(2)).toBe(0);
    let factorial = 1; // (n − 1)! for n = 3, 4, …
    for (let n = 3; n <= 25; n++) {
      factorial *= n - 1;
      expect(relativeError(lnGamma(n), Math.log(factorial))).toBeLessThan(1e-14);
    }
  });

  test("rejects non-positive arguments instead of returning NaN", () => {
    expect(() => lnGamma(0)).toThrow(RangeError);
    expect(() => lnGamma(-1.5)).toThrow(RangeError);
    expect(() => lnGamma(Number.NaN)).toThrow(RangeError);
    expect(lnGamma(Infinity)).toBe(Infinity);
  });
});

describe("lnBeta", () => {
  test.each(LN_BETA)("ln B(%d, %d)", (a, b, expected) => {
    expect(relativeError(lnBeta(a, b), expected)).toBeLessThan(1e-12);
  });

  test("ratios B(a, b + x) / B(a, b) stay accurate when b is huge", () => {
    // B(a, b + 1) / B(a, b) = b / (a + b) exactly.
    const b = 1e9;
    expect(lnBeta(0.7, b + 1) - lnBeta(0.7, b)).toBeCloseTo(Math.log(b / (0.7 + b)), 12);
  });
});

describe("hyp2f1", () => {
  test.each(HYP2F1)("2F1(%d, %d; %d; %d)", (a, b, c, z, expected) => {
    expect(relativeError(hyp2f1(a, b, c, z), expected)).toBeLessThan(1e-12);
  });

  test("log form stays finite where the value overflows a double", () => {
    const value = logHyp2f1(400, 450, 1.5, 0.95);
    expect(Number.isFinite(value)).toBe(true);
    expect(value).toBeGreaterThan(Math.log(Number.MAX_VALUE));
    // 2F1(a, b; b; z) = (1 − z)^(−a)
    expect(logHyp2f1(900, 3, 3, 0.9)).toBeCloseTo(-900 * Math.log(0.1), 8);
  });

  test("edges: z = 0, and domain errors are thrown rather than returned as NaN", () => {
    expect(hyp2f1(3, 4, 5, 0)).toBe(1);
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, 1.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 1.5, 1)).toThrow(RangeError);
  });
});

test("logAddExp neither overflows nor underflows", () => {
  expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.LN2, 12);
  expect(logAddExp(-1000, -1000)).toBeCloseTo(-1000 + Math.LN2, 12);
  expect(logAddExp(-Infinity, 3)).toBe(3);
  expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
});
