/** KPIs of the optional inputs (docs/kpi-definitions.md "Optional inputs"): marketing spend and gross margin. */
import { customerAcquisitionCost, returnOnAdSpend } from "~/kpi/marketing";
import type { KpiId } from "./ids";
import { amount, ofOptionalRatio } from "./results";
import { netSalesMinor } from "./sales";
import type { KpiDefinition } from "./types";

/** Net sales × gross margin; null when the merchant has not given a margin. */
export const grossProfitMinor = (netMinor: number, grossMarginPct: number | null): number | null =>
  grossMarginPct === null ? null : (netMinor * grossMarginPct) / 100;

export const MARKETING_KPIS = {
  marketing_spend: {
    title: "marketing_spend.title",
    description: "marketing_spend.description",
    formula: "marketing_spend.formula",
    format: "money",
    direction: "neutral",
    needs: ["spend"],
    fromFacts: (f) => amount(f.spend.periodMinor),
  },
  cac: {
    title: "cac.title",
    description: "cac.description",
    formula: "cac.formula",
    format: "money",
    direction: "lower-is-better",
    needs: ["spend", "customers"],
    fromFacts: (f) => ofOptionalRatio(customerAcquisitionCost(f.spend.periodMinor, f.customers.newCustomers)),
    page: {
      slug: "cac",
      numerator: { label: "cac.numerator", format: "money" },
      denominator: { label: "cac.denominator", format: "count" },
      parts: ["marketing_spend", "new_customers"],
      differsFromShopify: ["cac.differs.no_report"],
    },
  },
  roas: {
    title: "roas.title",
    description: "roas.description",
    formula: "roas.formula",
    format: "multiple",
    direction: "higher-is-better",
    needs: ["spend", "sales"],
    fromFacts: (f) => ofOptionalRatio(returnOnAdSpend(netSalesMinor(f.sales), f.spend.periodMinor)),
    page: {
      slug: "roas",
      numerator: { label: "roas.numerator", format: "money" },
      denominator: { label: "roas.denominator", format: "money" },
      parts: ["net_sales", "marketing_spend"],
      differsFromShopify: ["roas.differs.ads"],
    },
  },
  gross_profit: {
    title: "gross_profit.title",
    description: "gross_profit.description",
    formula: "gross_profit.formula",
    format: "money",
    direction: "higher-is-better",
    needs: ["sales"],
    fromFacts: (f, s) => amount(grossProfitMinor(netSalesMinor(f.sales), s.grossMarginPct)),
    page: { slug: "gross-profit", parts: ["net_sales"], differsFromShopify: ["gross_profit.differs.costs"] },
  },
} satisfies { readonly [K in KpiId]?: KpiDefinition };
