/**
 * npm run bench:clv-models: fit time of each purchase model, as a ratio to BG/NBD in the same run (the
 * machine may be shared), on CDNOW (weeks) and on simulated shops in whole days, as the nightly job sees them.
 * Prints figures; sets no pass/fail line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseCdnowSummaryCsv } from "~/clv/cdnow";
import type { RfmObservation } from "~/clv/types";
import { PURCHASE_MODELS, fitPurchaseModel } from "~/clv/purchase-models";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Mulberry32: deterministic uniform in (0, 1). */
function uniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

/** Pareto/NBD-like shop in whole days over two years: rate ~ Gamma(0.5, 60), lifetime rate ~ Gamma(0.7, 300). */
function simulatedShop(customers: number, seed: number): RfmObservation[] {
  const u = uniform(seed);
  const gamma = (shape: number, rate: number): number => {
    // Sum of exponentials for the integer part is enough here; shape < 1 via the boost u^(1/shape).
    if (shape < 1) return gamma(shape + 1, rate) * Math.pow(u(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const n = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
      const v = Math.pow(1 + c * n, 3);
      if (v > 0 && Math.log(u()) < 0.5 * n * n + d - d * v + d * Math.log(v)) return (d * v) / rate;
    }
  };
  return Array.from({ length: customers }, () => {
    const T = Math.floor(730 * u());
    const lambda = gamma(0.5, 60);
    const end = Math.min(-Math.log(u()) / gamma(0.7, 300), T);
    let t = 0;
    let x = 0;
    let tx = 0;
    for (;;) {
      t += -Math.log(u()) / lambda;
      if (t > end) break;
      x++;
      tx = t;
    }
    return { x, tx: Math.floor(tx), T };
  });
}

function timeFits(label: string, data: RfmObservation[]): void {
  const times: Record<string, number> = {};
  for (const model of PURCHASE_MODELS) {
    const started = performance.now();
    const fit = fitPurchaseModel(model, data);
    times[model] = performance.now() - started;
    const detail = fit.ok ? `LL ${fit.value.logLikelihood.toFixed(1)}` : fit.reason;
    console.log(`${label.padEnd(28)} ${model.padEnd(11)} ${(times[model] / 1000).toFixed(2)} s  ${detail}`);
  }
  const base = times["bg-nbd"] ?? NaN;
  console.log(
    `${label.padEnd(28)} ratio to BG/NBD: ${PURCHASE_MODELS.map((m) => `${m} ${((times[m] ?? NaN) / base).toFixed(1)}×`).join(", ")}`,
  );
}

timeFits(
  "CDNOW (2,357, weeks)",
  parseCdnowSummaryCsv(readFileSync(path.join(root, "data/cdnow/cdnow_customers_summary.csv"), "utf8")),
);
const size = Number(process.argv[2] ?? 50_000);
timeFits(`simulated shop (${size.toLocaleString("en")}, days)`, simulatedShop(size, 20261207));
