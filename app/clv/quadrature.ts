/**
 * Tanh-sinh (double-exponential) quadrature of E[h(p)] for p ~ Beta(a, b). The substitution
 * p = 1 / (1 + e^(−π sinh s)) absorbs the endpoint singularities of the Beta density when a or b < 1,
 * so the transformed integrand is smooth and decays double-exponentially.
 */
import { lnBeta } from "./special";

/** ln(1 + e^u) without overflow. */
function softplus(u: number): number {
  return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
}

const MAX_LEVEL = 10;
const RELATIVE_TOLERANCE = 1e-12;

/** h must be bounded on [0, 1] and continuous at 0 (it is called with p = 0 when p underflows). */
export function betaExpectation(a: number, b: number, h: (p: number) => number): number {
  const logNorm = lnBeta(a, b);
  // Integrand in s: Beta density · dp/ds = p^a (1 − p)^b / B(a, b) · π cosh s, times h(p).
  const integrand = (s: number): number => {
    const u = Math.PI * Math.sinh(s);
    const logP = -softplus(-u);
    const logQ = -softplus(u);
    const p = Math.exp(logP);
    const density = Math.exp(a * logP + b * logQ - logNorm) * Math.PI * Math.cosh(s);
    // p may underflow to 0 while the density (computed from ln p) is still large, e.g. for a ≈ 1e-8 nearly all
    // mass lies below 1e-1000000; h(0) is then the right value, which is why h must be defined there.
    return density === 0 ? 0 : density * h(p);
  };
  // Truncate where the density is negligible: far out, ln(density) ≈ −min(a, b) · (π/2) e^|s|.
  // At least ±4, where the density already sits below e^(−40) for moderate a, b.
  const limit = Math.min(40, Math.max(4, Math.log((2 * 800) / (Math.PI * Math.min(a, b))) + 1));

  let step = 0.5;
  let sum = integrand(0);
  for (let k = 1; k * step <= limit; k++) sum += integrand(k * step) + integrand(-k * step);
  let estimate = sum * step;
  for (let level = 1; level <= MAX_LEVEL; level++) {
    step /= 2;
    for (let k = 1; k * step <= limit; k += 2) sum += integrand(k * step) + integrand(-k * step);
    const refined = sum * step;
    if (Math.abs(refined - estimate) <= RELATIVE_TOLERANCE * Math.abs(refined)) return refined;
    estimate = refined;
  }
  return estimate;
}
