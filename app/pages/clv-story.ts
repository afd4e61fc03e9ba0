/**
 * The three customer lifetime values side by side, named and related: historical (what customers spent
 * so far), formula (AOV × frequency × lifetime, from averages) and predictive (the fitted model's
 * expected future value). Pure: the values come from the KPI snapshots and the model run
 * (clv-story.server.ts), so each figure is the number the rest of the app shows. Its words are in
 * namespace `clvStory`.
 */
import type { MessageId } from "~/i18n/message-id";
import type { Translator } from "~/i18n/translator";

export type ClvKind = "historical" | "formula" | "predictive";

export const CLV_KINDS: readonly ClvKind[] = ["historical", "formula", "predictive"];

/** Where each figure is explained in full: its KPI page, or the Customers page for the model. */
export const CLV_PAGES: Readonly<Record<ClvKind, string>> = {
  historical: "/app/kpi/historical-clv",
  formula: "/app/kpi/clv",
  predictive: "/app/customers",
};

/** The story's figure a KPI page is of; null for KPIs outside the story. */
export function clvKindOf(kpi: string): ClvKind | null {
  if (kpi === "historical_clv") return "historical";
  if (kpi === "formula_clv") return "formula";
  return null;
}

/** The message of each figure's name: plain, or its profit version when a gross margin applies. */
const LABELS: Readonly<Record<ClvKind, { plain: MessageId; profit: MessageId }>> = {
  historical: { plain: "clvStory.historical.plain", profit: "clvStory.historical.profit" },
  formula: { plain: "clvStory.formula.plain", profit: "clvStory.formula.profit" },
  predictive: { plain: "clvStory.predictive.plain", profit: "clvStory.predictive.profit" },
};

export interface ClvFigure {
  readonly kind: ClvKind;
  readonly label: string;
  /** Money in minor units; null when blank. */
  readonly value: number | null;
  readonly measures: string;
  readonly relation: string;
  /** How the margin was applied (profit versions only). */
  readonly profitNote: string | null;
  /** Why the value is blank; null with a value. */
  readonly blank: string | null;
}

export interface ClvStory {
  readonly heading: string;
  readonly figures: readonly ClvFigure[];
  /** The gross margin in percent, null when none is set. */
  readonly marginPct: number | null;
  readonly use: string;
  /** "Revenue-based…" without a margin; null with one. */
  readonly revenueNote: string | null;
  readonly marginStale: string | null;
}

/** A figure as the catalogue and the model run give it, with why it is blank. */
export interface ClvSource {
  readonly value: number | null;
  readonly blank: string | null;
}

export interface ClvStoryInput {
  readonly marginPct: number | null;
  /** historical_clv of the period: net revenue per customer, never margin-weighted. */
  readonly historical: ClvSource;
  /** formula_clv of the period: margin-weighted by the engine when a margin is set. */
  readonly formula: ClvSource;
  /** The model run's mean predicted value per customer (margin-weighted at the fit, when one was set). */
  readonly predictive: ClvSource & {
    readonly horizonDays: number;
    /** The margin (a fraction, 1 = revenue) the model run applied; null for runs that did not record it. */
    readonly fitMargin: number | null;
  };
}

/** The story of the three figures; with a margin every figure is its profit version and says so. */
export function clvStory(input: ClvStoryInput, i18n: Translator): ClvStory {
  const margin = input.marginPct;
  const profit = margin !== null;
  // The prediction is labelled by the margin it was fitted with: the setting may be newer than the run.
  const fitMargin = input.predictive.fitMargin;
  const predictiveProfit = fitMargin === null ? profit : fitMargin !== 1;
  const label = (kind: ClvKind, asProfit = profit) =>
    i18n.t(asProfit ? LABELS[kind].profit : LABELS[kind].plain);
  const days = input.predictive.horizonDays;
  // Historical CLV is stored as revenue; its profit version is the same figure times the margin.
  const historical =
    input.historical.value === null || margin === null
      ? input.historical.value
      : (input.historical.value * margin) / 100;
  const figures: ClvFigure[] = [
    {
      kind: "historical",
      label: label("historical"),
      value: historical,
      measures: i18n.t("clvStory.historical.measures"),
      relation: i18n.t("clvStory.historical.relation"),
      profitNote: profit ? i18n.t("clvStory.historical.profitNote", { pct: margin }) : null,
      blank: historical === null ? input.historical.blank : null,
    },
    {
      kind: "formula",
      label: label("formula"),
      value: input.formula.value,
      measures: i18n.t("clvStory.formula.measures"),
      relation: i18n.t("clvStory.formula.relation"),
      profitNote: profit ? i18n.t("clvStory.formula.profitNote") : null,
      blank: input.formula.value === null ? input.formula.blank : null,
    },
    {
      kind: "predictive",
      label: label("predictive", predictiveProfit),
      value: input.predictive.value,
      measures: i18n.t("clvStory.predictive.measures", { days }),
      relation: i18n.t("clvStory.predictive.relation", { days }),
      profitNote: predictiveProfit ? i18n.t("clvStory.predictive.profitNote") : null,
      blank: input.predictive.value === null ? input.predictive.blank : null,
    },
  ];
  const stale =
    input.predictive.value !== null &&
    fitMargin !== null &&
    Math.abs(fitMargin - (margin === null ? 1 : margin / 100)) > 1e-9;
  return {
    heading: i18n.t("clvStory.heading"),
    figures,
    marginPct: margin,
    use: i18n.t("clvStory.use"),
    revenueNote: profit ? null : i18n.t("clvStory.revenueBased"),
    marginStale: stale ? i18n.t("clvStory.marginStale") : null,
  };
}

/** The blank reason of a model run that gave no predictions. */
export function predictiveBlank(
  status: "none" | "ok" | "failed" | "insufficient",
  reason: string | null,
  i18n: Translator,
) {
  if (status === "ok") return null;
  if (status === "insufficient" && reason) return reason;
  return i18n.t(`clvStory.blank.${status}`);
}
