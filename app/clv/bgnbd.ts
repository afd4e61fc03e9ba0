/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): maximum-likelihood fit and
 * re-exports of the per-customer predictions.
 */
import type { BgNbdParams, FitOutcome, RfmObservation } from "./types";
import { bgNbdLogLikelihood } from "./bgnbd-likelihood";
import type { LikelihoodFitOptions } from "./fit-likelihood";
import { fitByLikelihood } from "./fit-likelihood";

export { bgNbdLogLikelihood, groupObservations } from "./bgnbd-likelihood";
export {
  expectedPurchasesConditional,
  expectedPurchasesIfAlive,
  expectedPurchasesUnconditional,
  probabilityAlive,
} from "./bgnbd-expectation";

export interface BgNbdFit extends BgNbdParams {
  logLikelihood: number;
}

export type BgNbdFitOptions = LikelihoodFitOptions;

export function fitBgNbd(
  observations: readonly RfmObservation[],
  options: BgNbdFitOptions = {},
): FitOutcome<BgNbdFit> {
  return fitByLikelihood(
    {
      names: ["r", "alpha", "a", "b"],
      logLikelihood: bgNbdLogLikelihood,
      // r = a = b = 1 with α matching the observed repeat rate (E[λ] = r / α).
      start: ({ repeats, exposure }) => [0, Math.log(exposure / repeats), 0, 0],
      noRepeatsReason: "no customer has a repeat purchase, so dropout cannot be estimated",
    },
    observations,
    options,
  );
}
