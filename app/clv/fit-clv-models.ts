/**
 * Fit a purchase model (BG/NBD unless told otherwise) and Gamma-Gamma for one shop, behind the
 * data-sufficiency guard: either usable parameters or a reason.
 */
import type { CustomerSummary } from "./types";
import type { GammaGammaFit, GammaGammaFitOptions } from "./gamma-gamma";
import type { FitDataRequirements } from "./fit-guard";
import type { PurchaseModel, PurchaseModelFitOptions, PurchaseModelName } from "./purchase-models";
import { fitGammaGamma } from "./gamma-gamma";
import { assessFitData } from "./fit-guard";
import { DEFAULT_PURCHASE_MODEL, MODEL_LABELS, fitPurchaseModel } from "./purchase-models";

export type ClvModelsOutcome =
  { ok: true; purchases: PurchaseModel; gammaGamma: GammaGammaFit } | { ok: false; reason: string };

export interface ClvModelsOptions {
  requirements?: FitDataRequirements;
  model?: PurchaseModelName;
  purchases?: PurchaseModelFitOptions;
  gammaGamma?: GammaGammaFitOptions;
}

export function fitClvModels(
  customers: readonly CustomerSummary[],
  unitDays: number,
  options: ClvModelsOptions = {},
): ClvModelsOutcome {
  const assessment = assessFitData(customers, unitDays, options.requirements);
  if (!assessment.sufficient) return { ok: false, reason: assessment.reason };
  const model = options.model ?? DEFAULT_PURCHASE_MODEL;
  const purchases = fitPurchaseModel(model, customers, options.purchases);
  if (!purchases.ok) return { ok: false, reason: `${MODEL_LABELS[model]}: ${purchases.reason}` };
  const gammaGamma = fitGammaGamma(customers, options.gammaGamma);
  if (!gammaGamma.ok) return { ok: false, reason: `Gamma-Gamma: ${gammaGamma.reason}` };
  return { ok: true, purchases: purchases.value, gammaGamma: gammaGamma.value };
}
