/** Seeded random numbers for simulations: deterministic across runs and machines. */

export interface Random {
  uniform(): number;
  exponential(rate: number): number;
  gamma(shape: number, rate: number): number;
  beta(a: number, b: number): number;
}

/** SplitMix32-style generator; uniform() is in (0, 1), never exactly 0 or 1. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    z = (z ^ (z >>> 16)) >>> 0;
    return (z + 0.5) / 4294967296;
  };
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  // Marsaglia & Tsang (2000); shape < 1 via Gamma(shape + 1) · U^(1/shape).
  const standardGamma = (shape: number): number => {
    if (shape < 1) return standardGamma(shape + 1) * Math.pow(uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const n = normal();
      const v = Math.pow(1 + c * n, 3);
      if (v <= 0) continue;
      if (Math.log(uniform()) < 0.5 * n * n + d - d * v + d * Math.log(v)) return d * v;
    }
  };
  return {
    uniform,
    exponential: (rate) => -Math.log(uniform()) / rate,
    gamma: (shape, rate) => standardGamma(shape) / rate,
    beta: (a, b) => {
      const u = standardGamma(a);
      return u / (u + standardGamma(b));
    },
  };
}
