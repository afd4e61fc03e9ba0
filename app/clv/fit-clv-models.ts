/**
 * Fit both CLV models for one shop, behind the data-sufficiency guard: either usable parameters or a reason.
 */
import type { CustomerSummary } from "./types";
import type { BgNbdFit, BgNbdFitOptions } from "./bgnbd";
import type { GammaGammaFit, GammaGammaFitOptions } from "./gamma-gamma";
import type { FitDataRequirements } from "./fit-guard";
import { fitBgNbd } from "./bgnbd";
import { fitGammaGamma } from "./gamma-gamma";
import { assessFitData } from "./fit-guard";

export type ClvModelsOutcome =
  { ok: true; bgnbd: BgNbdFit; gammaGamma: GammaGammaFit } | { ok: false; reason: string };

export interface ClvModelsOptions {
  requirements?: FitDataRequirements;
  bgnbd?: BgNbdFitOptions;
  gammaGamma?: GammaGammaFitOptions;
}

export function fitClvModels(
  customers: readonly CustomerSummary[],
  unitDays: number,
  options: ClvModelsOptions = {},
): ClvModelsOutcome {
  const assessment = assessFitData(customers, unitDays, options.requirements);
  if (!assessment.sufficient) return { ok: false, reason: assessment.reason };
  const bgnbd = fitBgNbd(customers, options.bgnbd);
  if (!bgnbd.ok) return { ok: false, reason: `BG/NBD: ${bgnbd.reason}` };
  const gammaGamma = fitGammaGamma(customers, options.gammaGamma);
  if (!gammaGamma.ok) return { ok: false, reason: `Gamma-Gamma: ${gammaGamma.reason}` };
  return { ok: true, bgnbd: bgnbd.value, gammaGamma: gammaGamma.value };
}
