import type { Ratio } from "./types";

/** numerator ÷ denominator, undefined (null, shown as "—") when the denominator is 0. */
export function ratio(numerator: number, denominator: number): Ratio {
  return { value: denominator === 0 ? null : numerator / denominator, numerator, denominator };
}

/** Relative change (current − previous) ÷ previous, for comparison badges; null when undefined. */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}
