/**
 * A card chart's value axis: a few round ticks covering the values, from 0 when the values sit well
 * above it (so a bar of growth is not exaggerated), from near the lowest value otherwise (a retention of
 * 99.2–99.8 % stays readable). Pure.
 */
export interface ValueScale {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

function niceStep(rough: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / magnitude;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
  return nice * magnitude;
}

export function valueScale(values: readonly number[]): ValueScale | null {
  if (values.length === 0) return null;
  let low = Math.min(...values);
  const high = Math.max(...values);
  if (low >= 0 && low <= high / 2) low = 0;
  if (high === low) {
    const pad = high === 0 ? 1 : Math.abs(high) / 10;
    return valueScale([low - (low === 0 ? 0 : pad), high + pad]);
  }
  const step = niceStep((high - low) / 3);
  const min = Math.floor(low / step + 1e-9) * step;
  const max = Math.ceil(high / step - 1e-9) * step;
  const ticks: number[] = [];
  // Rounded so that 0.1 + 0.2 steps print as 0.3, not 0.30000000000000004.
  for (let tick = min; tick <= max + step / 2; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return { min, max, ticks };
}
