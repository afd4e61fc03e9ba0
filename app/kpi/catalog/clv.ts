/**
 * Customer lifetime value (docs/kpi-definitions.md "Customer lifetime value"): historical, and the formula
 * AOV × purchase frequency × 1 ÷ annual churn over the 365 days ending at the end of P. The formula is
 * written here once; app/kpi/clv.ts applies it to orders, the engine to its facts.
 */
import type { KpiFacts, YearFacts } from "~/kpi/facts";
import { customerAcquisitionCost } from "~/kpi/marketing";
import { ratio } from "~/kpi/ratio";
import type { Ratio } from "~/kpi/types";
import { purchaseFrequencyOf } from "./customers";
import type { KpiId } from "./ids";
import { amount, ofOptionalRatio, ofRatio } from "./results";
import type { KpiDefinition } from "./types";

export interface FormulaClvParts {
  /** Null when any input is undefined (no orders, annual churn 0 or undefined, CAC undefined). */
  readonly value: number | null;
  readonly aov: Ratio;
  readonly purchaseFrequency: Ratio;
  /** Churn of the 365 days with W = 365. */
  readonly annualChurn: Ratio;
  readonly expectedLifetimeYears: number | null;
  /** AOV × frequency × lifetime (× margin), before CAC is taken off. */
  readonly valueBeforeCac: number | null;
  /** CAC of the 365 days; null when no marketing spend is given. */
  readonly cac: Ratio | null;
}

/** Formula CLV from the facts of the 365 days, the margin in percent and the spend of those days. */
export function formulaClvOf(
  year: YearFacts,
  grossMarginPct: number | null,
  yearSpendMinor: number | null,
): FormulaClvParts {
  const aov = ratio(year.sales.grossMinor - year.sales.discountsMinor, year.sales.orders);
  const purchaseFrequency = purchaseFrequencyOf(year);
  const annualChurn = ratio(year.annualActiveAtStart - year.annualRetained, year.annualActiveAtStart);
  const expectedLifetimeYears = annualChurn.value ? 1 / annualChurn.value : null;
  let valueBeforeCac: number | null = null;
  if (aov.value !== null && purchaseFrequency.value !== null && expectedLifetimeYears !== null) {
    valueBeforeCac =
      aov.value *
      purchaseFrequency.value *
      expectedLifetimeYears *
      (grossMarginPct === null ? 1 : grossMarginPct / 100);
  }
  const cac = customerAcquisitionCost(yearSpendMinor, year.newCustomers);
  let value = valueBeforeCac;
  if (value !== null && cac !== null) value = cac.value === null ? null : value - cac.value;
  return { value, aov, purchaseFrequency, annualChurn, expectedLifetimeYears, valueBeforeCac, cac };
}

const clvOf = (f: KpiFacts, margin: number | null) => formulaClvOf(f.year, margin, f.spend.yearMinor);

/** Formula CLV before CAC ÷ the CAC of the same 365 days; null without spend. */
export function ltvToCacOf(clv: FormulaClvParts): Ratio | null {
  return clv.cac === null || clv.valueBeforeCac === null || clv.cac.value === null
    ? null
    : ratio(clv.valueBeforeCac, clv.cac.value);
}

const YEAR = { needs: ["year", "spend"] } as const;

export const CLV_KPIS = {
  historical_clv: {
    title: "historical_clv.title",
    description: "historical_clv.description",
    formula: "historical_clv.formula",
    format: "money",
    direction: "higher-is-better",
    needs: ["historical"],
    fromFacts: ({ historical: h }) => ofRatio(ratio(h.netRevenueMinor, h.customers)),
    // A page without a dashboard card: reached from the CLV story beside formula and predictive CLV.
    page: { slug: "historical-clv" },
  },
  formula_clv: {
    ...YEAR,
    title: "formula_clv.title",
    description: "formula_clv.description",
    formula: "formula_clv.formula",
    format: "money",
    direction: "higher-is-better",
    fromFacts: (f, s) => amount(clvOf(f, s.grossMarginPct).value),
    page: {
      slug: "clv",
      parts: [
        "formula_clv_aov",
        "purchase_frequency",
        "annual_churn_rate",
        "expected_lifetime_years",
        "formula_clv_before_cac",
        "cac",
      ],
      differsFromShopify: ["formula_clv.differs.no_report"],
    },
  },
  formula_clv_before_cac: {
    ...YEAR,
    title: "formula_clv_before_cac.title",
    description: "formula_clv_before_cac.description",
    formula: "formula_clv_before_cac.formula",
    format: "money",
    direction: "higher-is-better",
    fromFacts: (f, s) => amount(clvOf(f, s.grossMarginPct).valueBeforeCac),
  },
  formula_clv_aov: {
    ...YEAR,
    title: "formula_clv_aov.title",
    description: "formula_clv_aov.description",
    formula: "formula_clv_aov.formula",
    format: "money",
    direction: "higher-is-better",
    fromFacts: (f, s) => ofRatio(clvOf(f, s.grossMarginPct).aov),
  },
  annual_churn_rate: {
    ...YEAR,
    title: "annual_churn_rate.title",
    description: "annual_churn_rate.description",
    formula: "annual_churn_rate.formula",
    format: "percent",
    direction: "lower-is-better",
    fromFacts: (f, s) => ofRatio(clvOf(f, s.grossMarginPct).annualChurn),
  },
  expected_lifetime_years: {
    ...YEAR,
    title: "expected_lifetime_years.title",
    description: "expected_lifetime_years.description",
    formula: "expected_lifetime_years.formula",
    format: "years",
    direction: "higher-is-better",
    fromFacts: (f, s) => amount(clvOf(f, s.grossMarginPct).expectedLifetimeYears),
  },
  ltv_to_cac: {
    ...YEAR,
    title: "ltv_to_cac.title",
    description: "ltv_to_cac.description",
    formula: "ltv_to_cac.formula",
    format: "multiple",
    direction: "higher-is-better",
    fromFacts: (f, s) => ofOptionalRatio(ltvToCacOf(clvOf(f, s.grossMarginPct))),
    page: {
      slug: "ltv-to-cac",
      numerator: { label: "ltv_to_cac.numerator", format: "money" },
      denominator: { label: "ltv_to_cac.denominator", format: "money" },
      parts: ["formula_clv_before_cac"],
      differsFromShopify: ["cac.differs.no_report"],
    },
  },
} satisfies { readonly [K in KpiId]?: KpiDefinition };
