/**
 * Special functions for the CLV models: log-gamma, log-beta, log-sum-exp and the Gauss
 * hypergeometric function 2F1. Everything works in log space where values can overflow.
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
const EULER_GAMMA = 0.5772156649015329;

/** Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients): |relative error of Γ| ≈ 1e-15. */
const LANCZOS_G = 7;
const LANCZOS_COEFFICIENTS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ζ(k) for k = 2..ZETA_TERMS, by Euler–Maclaurin summation (remainder < 1e-17 with N = 30). */
const ZETA_TERMS = 40;
const ZETA = computeZetaValues(ZETA_TERMS);

function computeZetaValues(maxK: number): number[] {
  const n = 30;
  const bernoulliOverFactorial = [1 / 6 / 2, -1 / 30 / 24, 1 / 42 / 720, -1 / 30 / 40320];
  const values: number[] = [];
  for (let k = 0; k <= maxK; k++) {
    if (k < 2) {
      values.push(Number.NaN);
      continue;
    }
    let sum = 0;
    for (let i = n - 1; i >= 1; i--) sum += Math.pow(i, -k); // smallest first
    sum += Math.pow(n, 1 - k) / (k - 1) + 0.5 * Math.pow(n, -k);
    let rising = k; // (k)_(2j-1)
    for (let j = 1; j <= bernoulliOverFactorial.length; j++) {
      sum += (bernoulliOverFactorial[j - 1] ?? 0) * rising * Math.pow(n, -k - 2 * j + 1);
      rising *= (k + 2 * j - 1) * (k + 2 * j);
    }
    values.push(sum);
  }
  return values;
}

/** Stirling-series correction lnΓ(x) − [(x − ½)ln x − x + ½ln 2π], for x ≥ 10 (error < 1e-16). */
function stirlingCorrection(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  return (
    inv *
    (1 / 12 +
      inv2 *
        (-1 / 360 +
          inv2 * (1 / 1260 + inv2 * (-1 / 1680 + inv2 * (1 / 1188 + inv2 * (-691 / 360360 + inv2 / 156))))))
  );
}

/** lnΓ(1 + ε) for |ε| ≤ 0.25 from its Taylor series −γε + Σ (−1)^k ζ(k) ε^k / k: keeps relative accuracy near the zero at 1. */
function lnGammaOnePlus(epsilon: number): number {
  let sum = 0;
  let power = -epsilon; // (−ε)^k, k = 1, 2, …
  for (let k = 2; k <= ZETA_TERMS; k++) {
    power *= -epsilon;
    sum += ((ZETA[k] ?? 1) * power) / k;
  }
  return -EULER_GAMMA * epsilon + sum;
}

function lnGammaLanczos(x: number): number {
  const z = x - 1;
  let series = LANCZOS_COEFFICIENTS[0] ?? 1;
  for (let i = 1; i < LANCZOS_COEFFICIENTS.length; i++) series += (LANCZOS_COEFFICIENTS[i] ?? 0) / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

/**
 * Natural log of the gamma function for x > 0. Relative error about 1e-14 or better, including near the
 * zeros at x = 1 and x = 2 (handled by a Taylor series), and no overflow for huge x (Stirling series).
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`lnGamma needs x > 0, got ${x}`);
  if (x === Infinity) return Infinity;
  if (x < 0.75) return lnGamma(x + 1) - Math.log(x); // Γ(x) = Γ(x + 1) / x
  if (Math.abs(x - 1) <= 0.25) return lnGammaOnePlus(x - 1);
  if (Math.abs(x - 2) <= 0.25) return Math.log1p(x - 2) + lnGammaOnePlus(x - 2);
  if (x >= 10) return (x - 0.5) * Math.log(x) - x + HALF_LOG_TWO_PI + stirlingCorrection(x);
  return lnGammaLanczos(x);
}

/**
 * ln B(a, b) = lnΓ(a) + lnΓ(b) − lnΓ(a + b), rearranged with Stirling's series when an argument is large so
 * that the huge lnΓ values do not cancel (e.g. B(a, b + x) / B(a, b) with b = 1e8 stays accurate).
 */
export function lnBeta(a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`lnBeta needs a, b > 0, got ${a}, ${b}`);
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  const sum = a + b;
  if (large < 10) return lnGamma(a) + lnGamma(b) - lnGamma(sum);
  if (small >= 10) {
    return (
      HALF_LOG_TWO_PI -
      0.5 * Math.log(sum) -
      (a - 0.5) * Math.log1p(b / a) -
      (b - 0.5) * Math.log1p(a / b) +
      stirlingCorrection(a) +
      stirlingCorrection(b) -
      stirlingCorrection(sum)
    );
  }
  // lnΓ(large) − lnΓ(large + small) by Stirling, without forming either value.
  const ratio =
    -(large - 0.5) * Math.log1p(small / large) -
    small * Math.log(sum) +
    small +
    stirlingCorrection(large) -
    stirlingCorrection(sum);
  return lnGamma(small) + ratio;
}

/** ln(e^u + e^v) without overflow; −Infinity arguments are allowed. */
export function logAddExp(u: number, v: number): number {
  const high = Math.max(u, v);
  if (high === -Infinity) return -Infinity;
  return high + Math.log1p(Math.exp(Math.min(u, v) - high));
}

/** A value held as mantissa · e^logScale, so that series with huge terms do not overflow. */
export interface ScaledValue {
  mantissa: number;
  logScale: number;
}

const RESCALE_AT = 1e250;
const LOG_RESCALE = Math.log(RESCALE_AT);
const SERIES_EPSILON = 1e-17;
const MAX_SERIES_TERMS = 2_000_000;

function isNonPositiveInteger(value: number): boolean {
  return value <= 0 && Number.isInteger(value);
}

/** Σ (a)_n (b)_n / ((c)_n n!) zⁿ for 0 ≤ z < 1, rescaled as it grows; stops on a geometric bound of the tail. */
function hypergeometricSeries(a: number, b: number, c: number, z: number): ScaledValue {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  const settled = Math.max(Math.abs(a), Math.abs(b), Math.abs(c)) + 1;
  for (let n = 0; n < MAX_SERIES_TERMS; n++) {
    term *= ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
    sum += term;
    if (term === 0) return { mantissa: sum, logScale }; // a or b is a non-positive integer: a polynomial
    if (Math.abs(sum) > RESCALE_AT) {
      sum /= RESCALE_AT;
      term /= RESCALE_AT;
      logScale += LOG_RESCALE;
    }
    if (n + 1 > settled) {
      // Past every sign change the term ratio tends monotonically to z, so max(next ratio, z) bounds the rest.
      const next = Math.abs(((a + n + 1) * (b + n + 1) * z) / ((c + n + 1) * (n + 2)));
      const rho = Math.max(next, z);
      if (rho < 1 && (Math.abs(term) * rho) / (1 - rho) <= SERIES_EPSILON * Math.abs(sum)) {
        return { mantissa: sum, logScale };
      }
    }
  }
  throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) series did not converge`);
}

/** 2F1(a, b; c; z) as mantissa · e^logScale for z ≤ 1 (z = 1 only when c − a − b > 0). */
export function hyp2f1Scaled(a: number, b: number, c: number, z: number): ScaledValue {
  if (![a, b, c, z].every(Number.isFinite)) throw new RangeError("2F1 needs finite arguments");
  if (isNonPositiveInteger(c)) throw new RangeError(`2F1 is undefined for c = ${c}`);
  if (z > 1) throw new RangeError(`2F1 is only implemented for z ≤ 1, got ${z}`);
  if (z === 1) {
    // Gauss's summation theorem.
    if (!(c - a - b > 0)) throw new RangeError("2F1 diverges at z = 1 unless c − a − b > 0");
    if (isNonPositiveInteger(c - a) || isNonPositiveInteger(c - b)) return { mantissa: 0, logScale: 0 };
    const logAbs = lnGammaSigned(c) + lnGammaSigned(c - a - b) - lnGammaSigned(c - a) - lnGammaSigned(c - b);
    const sign = gammaSign(c) * gammaSign(c - a - b) * gammaSign(c - a) * gammaSign(c - b);
    return { mantissa: sign, logScale: logAbs };
  }
  if (z < 0) {
    // Pfaff: 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z / (z − 1)), moving z into [0, 1).
    const inner = hyp2f1Scaled(a, c - b, c, z / (z - 1));
    return { mantissa: inner.mantissa, logScale: inner.logScale - a * Math.log1p(-z) };
  }
  const s = c - a - b;
  if (z > NEAR_ONE && Math.abs(s - Math.round(s)) > MIN_NON_INTEGER_GAP)
    return connectionAroundOne(a, b, c, z);
  return hypergeometricSeries(a, b, c, z);
}

/** Above this z the power series needs ~40 / (1 − z) terms; the 1 − z connection formula needs few. */
const NEAR_ONE = 0.9;
/** The connection formula has poles at integer c − a − b; near them its two terms cancel, so keep away. */
const MIN_NON_INTEGER_GAP = 1e-3;

/** ln|Γ(u)Γ(v) / (Γ(w)Γ(y))| with sign; sign 0 when a denominator Γ has a pole (the term vanishes). */
function gammaQuotient(u: number, v: number, w: number, y: number): { sign: number; log: number } {
  if (isNonPositiveInteger(w) || isNonPositiveInteger(y)) return { sign: 0, log: 0 };
  return {
    sign: gammaSign(u) * gammaSign(v) * gammaSign(w) * gammaSign(y),
    log: lnGammaSigned(u) + lnGammaSigned(v) - lnGammaSigned(w) - lnGammaSigned(y),
  };
}

/**
 * DLMF 15.8.4 (z → 1 − z), for non-integer s = c − a − b:
 *   F(a,b;c;z) = Γ(c)Γ(s)/(Γ(c−a)Γ(c−b)) F(a,b;1−s;1−z) + (1−z)^s Γ(c)Γ(−s)/(Γ(a)Γ(b)) F(c−a,c−b;1+s;1−z).
 */
function connectionAroundOne(a: number, b: number, c: number, z: number): ScaledValue {
  const w = 1 - z;
  const s = c - a - b;
  const first = gammaQuotient(c, s, c - a, c - b);
  const second = gammaQuotient(c, -s, a, b);
  const parts: { sign: number; log: number }[] = [];
  if (first.sign !== 0) {
    const f = hypergeometricSeries(a, b, 1 - s, w);
    parts.push({
      sign: first.sign * Math.sign(f.mantissa),
      log: first.log + f.logScale + Math.log(Math.abs(f.mantissa)),
    });
  }
  if (second.sign !== 0) {
    const f = hypergeometricSeries(c - a, c - b, 1 + s, w);
    parts.push({
      sign: second.sign * Math.sign(f.mantissa),
      log: second.log + f.logScale + Math.log(Math.abs(f.mantissa)) + s * Math.log(w),
    });
  }
  const logScale = Math.max(...parts.map((part) => part.log));
  const mantissa = parts.reduce((sum, part) => sum + part.sign * Math.exp(part.log - logScale), 0);
  return { mantissa, logScale };
}

/** 2F1(a, b; c; z); Infinity only when the true value exceeds the double range (use logHyp2f1 then). */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  const { mantissa, logScale } = hyp2f1Scaled(a, b, c, z);
  return mantissa * Math.exp(logScale);
}

/** ln 2F1(a, b; c; z) for a positive value (e.g. a, b, c > 0 and 0 ≤ z < 1), finite however large. */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
  const { mantissa, logScale } = hyp2f1Scaled(a, b, c, z);
  if (!(mantissa > 0)) throw new RangeError(`2F1(${a}, ${b}; ${c}; ${z}) is not positive`);
  return Math.log(mantissa) + logScale;
}

/** ln|Γ(x)| for any non-pole real x (reflection formula below 0). */
function lnGammaSigned(x: number): number {
  if (x > 0) return lnGamma(x);
  return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
}

function gammaSign(x: number): number {
  if (x > 0) return 1;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}
