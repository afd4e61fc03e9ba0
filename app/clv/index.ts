/** Predictive CLV: BG/NBD, Pareto/NBD or MBG/NBD + Gamma-Gamma in pure TypeScript. */
export type {
  BgNbdParams,
  CustomerSummary,
  FitOutcome,
  GammaGammaParams,
  ParetoNbdParams,
  RfmObservation,
} from "./types";
export type { PurchaseModel, PurchaseModelName } from "./purchase-models";
export type { Backtest, BacktestRow, HoldoutObservation } from "./backtest";
export type { BgNbdFit, BgNbdFitOptions } from "./bgnbd";
export type { GammaGammaFit, GammaGammaFitOptions, SpendObservation } from "./gamma-gamma";
export type { ClvOptions, CustomerClv } from "./clv";
export type { FitDataAssessment, FitDataRequirements } from "./fit-guard";
export type { ClvModelsOptions, ClvModelsOutcome } from "./fit-clv-models";
export type { DailyTransaction, SummaryOptions, TransactionSummary } from "./summary";
export {
  bgNbdLogLikelihood,
  expectedPurchasesConditional,
  expectedPurchasesIfAlive,
  expectedPurchasesUnconditional,
  fitBgNbd,
  probabilityAlive,
} from "./bgnbd";
export { expectedAverageOrderValue, fitGammaGamma, gammaGammaLogLikelihood } from "./gamma-gamma";
export { predictCustomerClv } from "./clv";
export { assessFitData } from "./fit-guard";
export { fitClvModels } from "./fit-clv-models";
export { summarizeTransactions } from "./summary";
export { cdnowSampleTransactions, parseCdnowSample, parseCdnowSummaryCsv } from "./cdnow";
export { fitParetoNbd, paretoNbdLogLikelihood } from "./pareto-nbd";
export { fitMbgNbd, mbgNbdLogLikelihood } from "./mbg-nbd";
export {
  PURCHASE_MODELS,
  fitPurchaseModel,
  modelExpectedPurchases,
  modelProbabilityAlive,
} from "./purchase-models";
export { joinHoldout, runBacktest } from "./backtest";
export { chooseModelByBacktest } from "./model-selection";
