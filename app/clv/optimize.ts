/**
 * Deterministic Nelder–Mead minimiser (Lagarias et al. 1998 coefficients) with restarts. The CLV models pass
 * log-parameters, so every parameter stays positive without explicit bounds.
 */

export interface MinimizeOptions {
  /** Edge length of the initial simplex (in the units of x; 0.5 on log-parameters ≈ a factor 1.65). */
  initialStep?: number;
  maxEvaluations?: number;
  /** Converged when the simplex spans less than this in every coordinate... */
  xTolerance?: number;
  /** ...and the function values at its vertices differ by less than this (relative to |f| + 1). */
  fTolerance?: number;
  /** Fresh simplices built around the best point; a stall of plain Nelder–Mead is thereby escaped. */
  maxRestarts?: number;
}

export interface MinimizeResult {
  x: number[];
  value: number;
  evaluations: number;
  converged: boolean;
}

const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;
const FLAT_TO_ROUNDING = 4 * Number.EPSILON;

interface Vertex {
  x: number[];
  value: number;
}

/** Minimise f from x0. Non-finite values of f count as +Infinity (an infeasible point). */
export function minimizeNelderMead(
  f: (x: readonly number[]) => number,
  x0: readonly number[],
  options: MinimizeOptions = {},
): MinimizeResult {
  const {
    initialStep = 0.5,
    maxEvaluations = 20_000,
    xTolerance = 1e-9,
    fTolerance = 1e-12,
    maxRestarts = 10,
  } = options;
  let evaluations = 0;
  const evaluate = (x: number[]): Vertex => {
    evaluations++;
    const value = f(x);
    return { x, value: Number.isFinite(value) ? value : Infinity };
  };

  let best = evaluate([...x0]);
  let converged = false;
  for (let restart = 0; restart <= maxRestarts && evaluations < maxEvaluations; restart++) {
    const run = runSimplex(best, initialStep, evaluate, () => evaluations, {
      maxEvaluations,
      xTolerance,
      fTolerance,
    });
    const improvement = best.value - run.best.value;
    const previous = best;
    best = run.best;
    converged = run.converged;
    // Stop once a restart converges back to (practically) the same point.
    if (run.converged && restart > 0 && improvement <= fTolerance * (Math.abs(best.value) + 1)) {
      const moved = Math.max(...best.x.map((xi, i) => Math.abs(xi - (previous.x[i] ?? xi))));
      if (moved <= Math.sqrt(xTolerance)) break;
    }
  }
  return { x: best.x, value: best.value, evaluations, converged };
}

interface SimplexLimits {
  maxEvaluations: number;
  xTolerance: number;
  fTolerance: number;
}

function runSimplex(
  start: Vertex,
  step: number,
  evaluate: (x: number[]) => Vertex,
  used: () => number,
  limits: SimplexLimits,
): { best: Vertex; converged: boolean } {
  const n = start.x.length;
  const simplex: Vertex[] = [start];
  for (let i = 0; i < n; i++) {
    const x = [...start.x];
    x[i] = (x[i] ?? 0) + step;
    simplex.push(evaluate(x));
  }

  while (used() < limits.maxEvaluations) {
    simplex.sort((u, v) => u.value - v.value);
    const best = simplex[0] as Vertex;
    const worst = simplex[n] as Vertex;
    const secondWorst = simplex[n - 1] as Vertex;
    if (hasConverged(simplex, limits)) return { best, converged: true };

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      const vertex = simplex[i] as Vertex;
      for (let j = 0; j < n; j++) centroid[j] = (centroid[j] ?? 0) + (vertex.x[j] ?? 0) / n;
    }
    const along = (t: number): number[] => centroid.map((c, j) => c + t * (c - (worst.x[j] ?? 0)));

    const reflected = evaluate(along(REFLECT));
    if (reflected.value < best.value) {
      const expanded = evaluate(along(REFLECT * EXPAND));
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
      continue;
    }
    if (reflected.value < secondWorst.value) {
      simplex[n] = reflected;
      continue;
    }
    const outside = reflected.value < worst.value;
    const contracted = evaluate(along(outside ? REFLECT * CONTRACT : -CONTRACT));
    if (contracted.value < (outside ? reflected.value : worst.value)) {
      simplex[n] = contracted;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      const vertex = simplex[i] as Vertex;
      simplex[i] = evaluate(vertex.x.map((xj, j) => (best.x[j] ?? 0) + SHRINK * (xj - (best.x[j] ?? 0))));
    }
  }
  simplex.sort((u, v) => u.value - v.value);
  return { best: simplex[0] as Vertex, converged: false };
}

function hasConverged(sorted: readonly Vertex[], limits: SimplexLimits): boolean {
  const best = sorted[0] as Vertex;
  const worst = sorted[sorted.length - 1] as Vertex;
  if (!Number.isFinite(worst.value)) return false;
  const spread = worst.value - best.value;
  const scale = Math.abs(best.value) + 1;
  if (spread > limits.fTolerance * scale) return false;
  // All vertices equal to rounding error: the simplex sits on a flat ridge and cannot learn more about x.
  if (spread <= FLAT_TO_ROUNDING * scale) return true;
  for (const vertex of sorted) {
    for (let j = 0; j < vertex.x.length; j++) {
      if (Math.abs((vertex.x[j] ?? 0) - (best.x[j] ?? 0)) > limits.xTolerance) return false;
    }
  }
  return true;
}
