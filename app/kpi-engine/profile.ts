import { kpiProfileOn } from "~/env.server";

/**
 * Step timings for the benchmark and for diagnosing slow recomputes: on when KPI_PROFILE=1.
 *
 * Layer: recompute (README.md, "Layers").
 */
const enabled = kpiProfileOn;

export async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  if (!enabled()) return step();
  const started = performance.now();
  try {
    return await step();
  } finally {
    process.stderr.write(`[kpi] ${label}: ${(performance.now() - started).toFixed(1)} ms\n`);
  }
}

export function timedSync<T>(label: string, step: () => T): T {
  if (!enabled()) return step();
  const started = performance.now();
  try {
    return step();
  } finally {
    process.stderr.write(`[kpi] ${label}: ${(performance.now() - started).toFixed(1)} ms\n`);
  }
}
