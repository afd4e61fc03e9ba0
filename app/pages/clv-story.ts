/**
 * The three customer lifetime values side by side, named and related: historical (what customers spent
 * so far), formula (AOV × frequency × lifetime, from averages) and predictive (the fitted model's
 * expected future value). Pure: the values come from the KPI snapshots and the model run
 * (clv-story.server.ts), so each figure is the number the rest of the app shows. Every English word of
 * the story is in CLV_STORY_EN, for translation.
 */

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

export const CLV_STORY_EN = {
  heading: "Three ways to read customer lifetime value",
  label: {
    historical: { plain: "Historical CLV", profit: "Profit-based historical CLV" },
    formula: { plain: "Formula CLV", profit: "Profit-based formula CLV" },
    predictive: { plain: "Predictive CLV", profit: "Profit-based predictive CLV" },
  },
  measures: {
    historical: "What the average customer has spent so far, up to the end of the period.",
    formula:
      "AOV × purchase frequency × expected lifetime, from the averages of the last 365 days: a simple forward estimate.",
    predictive: (days: number) =>
      `The fitted model's expected value per customer over the next ${days} days, averaged over your customers.`,
  },
  relation: {
    historical: "Looks back: the past the other two project forward.",
    formula: "Looks forward from store averages; a check on the predictive figure.",
    predictive: (days: number) =>
      `Looks forward customer by customer, so it sees who is lapsing; it covers ${days} days, not a whole lifetime, so it is usually below the formula.`,
  },
  profitNote: {
    historical: (pct: number) => `Net revenue per customer × your ${pct}% gross margin.`,
    formulaCac: "Your gross margin is applied; minus acquisition cost when you enter marketing spend.",
    predictive: "Your gross margin is applied to each predicted order.",
  },
  use: "Budget acquisition with the predictive figure, sanity-check it against the formula, and report the historical one as what customers have actually spent.",
  revenueBased: "Revenue-based: no gross margin is set.",
  setMargin: "Set a gross margin in Settings",
  setMarginAfter: " to see each figure as profit.",
  marginStale:
    "The predictive figure was fitted before your gross margin changed, and is labelled as fitted; it follows the new margin after the next nightly run.",
  predictiveBlank: {
    none: "No model fitted yet: predictions appear after the first nightly run.",
    failed: "The last model run failed; it is tried again at the next nightly run.",
    insufficient: "Not enough repeat customers to fit the model yet.",
  },
  highlighted: "You are here",
} as const;

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
export function clvStory(input: ClvStoryInput): ClvStory {
  const t = CLV_STORY_EN;
  const margin = input.marginPct;
  const profit = margin !== null;
  // The prediction is labelled by the margin it was fitted with: the setting may be newer than the run.
  const fitMargin = input.predictive.fitMargin;
  const predictiveProfit = fitMargin === null ? profit : fitMargin !== 1;
  const label = (kind: ClvKind, asProfit = profit) => (asProfit ? t.label[kind].profit : t.label[kind].plain);
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
      measures: t.measures.historical,
      relation: t.relation.historical,
      profitNote: profit ? t.profitNote.historical(margin) : null,
      blank: historical === null ? input.historical.blank : null,
    },
    {
      kind: "formula",
      label: label("formula"),
      value: input.formula.value,
      measures: t.measures.formula,
      relation: t.relation.formula,
      profitNote: profit ? t.profitNote.formulaCac : null,
      blank: input.formula.value === null ? input.formula.blank : null,
    },
    {
      kind: "predictive",
      label: label("predictive", predictiveProfit),
      value: input.predictive.value,
      measures: t.measures.predictive(input.predictive.horizonDays),
      relation: t.relation.predictive(input.predictive.horizonDays),
      profitNote: predictiveProfit ? t.profitNote.predictive : null,
      blank: input.predictive.value === null ? input.predictive.blank : null,
    },
  ];
  const stale =
    input.predictive.value !== null &&
    fitMargin !== null &&
    Math.abs(fitMargin - (margin === null ? 1 : margin / 100)) > 1e-9;
  return {
    heading: t.heading,
    figures,
    marginPct: margin,
    use: t.use,
    revenueNote: profit ? null : t.revenueBased,
    marginStale: stale ? t.marginStale : null,
  };
}

/** The blank reason of a model run that gave no predictions. */
export function predictiveBlank(status: "none" | "ok" | "failed" | "insufficient", reason: string | null) {
  if (status === "ok") return null;
  if (status === "insufficient" && reason) return reason;
  return CLV_STORY_EN.predictiveBlank[status];
}
