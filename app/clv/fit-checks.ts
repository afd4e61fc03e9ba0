/** Checks that keep a fit from handing back parameters nobody should use. */

export const DEFAULT_PARAMETER_LIMIT = 1e6;

/** A sound fit takes about 300–800 evaluations (CDNOW: 559); far more means it is crawling along a ridge. */
export const MAX_EVALUATIONS = 3000;

export function describeParams(params: object): string {
  return Object.entries(params)
    .map(([name, value]) => `${name}=${typeof value === "number" ? value.toPrecision(4) : String(value)}`)
    .join(", ");
}

/**
 * The reason a fitted parameter set is unusable (non-finite, or pushed to 0 or ∞, which means the data cannot
 * identify it), or undefined when all parameters look sound.
 */
export function degenerateParameter<K extends string>(
  params: Readonly<Record<K, number>>,
  names: readonly K[],
  limit: number = DEFAULT_PARAMETER_LIMIT,
): string | undefined {
  for (const name of names) {
    const value = params[name];
    if (!Number.isFinite(value) || !(value > 0))
      return `parameter ${name} is not a finite positive number (${value})`;
    if (value > limit || value < 1 / limit) {
      return `parameter ${name} = ${value.toExponential(3)} ran to a boundary: the data do not identify the model`;
    }
  }
  return undefined;
}

/**
 * Half-width of the box the optimiser searches on log-parameters: a little beyond the degeneracy limit, so that a
 * likelihood that keeps rising towards 0 or ∞ stops at the box edge (and is then reported as degenerate) instead
 * of using up every evaluation.
 */
export function searchBox(limit: number = DEFAULT_PARAMETER_LIMIT): number {
  return Math.log(limit) + 2;
}

export function outsideBox(logParams: readonly number[], halfWidth: number): boolean {
  return logParams.some((z) => Math.abs(z) > halfWidth);
}
