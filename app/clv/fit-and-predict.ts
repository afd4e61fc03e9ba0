/**
 * The CPU-heavy half of a shop's nightly CLV run, pure so that it can run off the worker's event loop
 * (clv-compute.ts): fit the first model of the ranking that fits, then predict every customer.
 */
import type { ClvOptions } from "./clv";
import { predictCustomerClv } from "./clv";
import type { CustomerSegment } from "./customer-segment";
import { customerSegment } from "./customer-segment";
import type { ClvModelsOutcome } from "./fit-clv-models";
import { fitClvModels } from "./fit-clv-models";
import type { PurchaseModelName } from "./purchase-models";
import type { CustomerSummary } from "./types";

/** Per customer, in the order of the summaries: typed arrays, a fraction of the memory of an object each. */
export interface CustomerPredictions {
  readonly pAlive: Float64Array;
  readonly expectedOrders: Float64Array;
  readonly expectedOrderValue: Float64Array;
  readonly clv: Float64Array;
  readonly segments: CustomerSegment[];
}

/** `fitMs`: the fitting alone, without the predictions. */
export type FitAndPredict =
  | {
      readonly fit: Extract<ClvModelsOutcome, { ok: true }>;
      readonly fitMs: number;
      readonly predictions: CustomerPredictions;
    }
  | {
      readonly fit: Extract<ClvModelsOutcome, { ok: false }>;
      readonly fitMs: number;
      readonly predictions: null;
    };

export function fitAndPredict(
  customers: readonly CustomerSummary[],
  ranking: readonly PurchaseModelName[],
  options: ClvOptions & { horizonDays: number },
): FitAndPredict {
  const started = performance.now();
  let fit: ClvModelsOutcome = { ok: false, reason: "no model to fit" };
  // The backtest's best model; should it fail on all data, the next best.
  for (const model of ranking) {
    fit = fitClvModels(customers, options.unitDays, { model });
    if (fit.ok) break;
  }
  const fitMs = performance.now() - started;
  if (!fit.ok) return { fit, fitMs, predictions: null };
  const fitted = fit;
  const n = customers.length;
  const predictions: CustomerPredictions = {
    pAlive: new Float64Array(n),
    expectedOrders: new Float64Array(n),
    expectedOrderValue: new Float64Array(n),
    clv: new Float64Array(n),
    segments: new Array<CustomerSegment>(n),
  };
  customers.forEach((c, i) => {
    const p = predictCustomerClv(fitted, c, options);
    predictions.pAlive[i] = p.pAlive;
    predictions.expectedOrders[i] = p.expectedPurchases;
    predictions.expectedOrderValue[i] = p.expectedOrderValue;
    predictions.clv[i] = p.clv;
    predictions.segments[i] = customerSegment({
      pAlive: p.pAlive,
      expectedOrders: p.expectedPurchases,
      frequency: c.x,
      recencyDays: c.tx,
      ageDays: c.T,
      horizonDays: options.horizonDays,
    });
  });
  return { fit: fitted, fitMs, predictions };
}
