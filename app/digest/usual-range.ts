/** A KPI's usual range: mean ± 2 standard deviations of its recent weeks. Pure. */

export interface UsualRange {
  readonly mean: number;
  readonly low: number;
  readonly high: number;
}

/** Fewer defined weeks than this say too little about what is usual. */
export const MIN_WEEKS_FOR_RANGE = 6;

/** Null when too few weeks are defined, or they never varied (any change would look unusual). */
export function usualRange(history: readonly (number | null)[]): UsualRange | null {
  const values = history.filter((v): v is number => v !== null);
  if (values.length < MIN_WEEKS_FOR_RANGE) return null;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  const sd = Math.sqrt(variance);
  if (sd === 0) return null;
  return { mean, low: mean - 2 * sd, high: mean + 2 * sd };
}

export function outsideRange(value: number | null, range: UsualRange | null): "above" | "below" | null {
  if (value === null || range === null) return null;
  if (value > range.high) return "above";
  if (value < range.low) return "below";
  return null;
}
