/**
 * Customer KPIs (docs/kpi-definitions.md "Customers"). With S active at the start, E at the end, R = S ∩ E
 * and Nₑ the new customers still active at the end, the reactivated are E − R − Nₑ.
 */
import type { YearFacts } from "~/kpi/facts";
import { ratio } from "~/kpi/ratio";
import type { KpiId } from "./ids";
import { amount, ofRatio } from "./results";
import type { KpiDefinition } from "./types";

/** Orders of identified customers ÷ those customers, over the 365 days ending at the end of P. */
export const purchaseFrequencyOf = (year: YearFacts) =>
  ratio(year.sales.identifiedOrders, year.activeCustomers);

const COUNT = { format: "count", needs: ["customers"] } as const;

export const CUSTOMER_KPIS = {
  customers: {
    ...COUNT,
    title: "customers.title",
    description: "customers.description",
    formula: "customers.formula",
    direction: "higher-is-better",
    fromFacts: (f) => amount(f.customers.customers),
  },
  new_customers: {
    ...COUNT,
    title: "new_customers.title",
    description: "new_customers.description",
    formula: "new_customers.formula",
    direction: "higher-is-better",
    fromFacts: (f) => amount(f.customers.newCustomers),
    page: {
      slug: "new-customers",
      parts: ["customers"],
      differsFromShopify: ["new_customers.differs.guests"],
    },
  },
  returning_customer_rate: {
    title: "returning_customer_rate.title",
    description: "returning_customer_rate.description",
    formula: "returning_customer_rate.formula",
    format: "percent",
    direction: "higher-is-better",
    needs: ["customers"],
    fromFacts: ({ customers: c }) => ofRatio(ratio(c.returning, c.customers)),
    page: {
      slug: "returning-customers",
      numerator: { label: "returning_customer_rate.numerator", format: "count" },
      denominator: { label: "returning_customer_rate.denominator", format: "count" },
      differsFromShopify: ["returning_customer_rate.differs.history"],
    },
  },
  active_at_start: {
    ...COUNT,
    title: "active_at_start.title",
    description: "active_at_start.description",
    formula: "active_at_start.formula",
    direction: "neutral",
    fromFacts: (f) => amount(f.customers.activeAtStart),
  },
  active_at_end: {
    ...COUNT,
    title: "active_at_end.title",
    description: "active_at_end.description",
    formula: "active_at_end.formula",
    direction: "higher-is-better",
    fromFacts: (f) => amount(f.customers.activeAtEnd),
  },
  new_still_active: {
    ...COUNT,
    title: "new_still_active.title",
    description: "new_still_active.description",
    formula: "new_still_active.formula",
    direction: "higher-is-better",
    fromFacts: (f) => amount(f.customers.newActiveEnd),
  },
  retained: {
    ...COUNT,
    title: "retained.title",
    description: "retained.description",
    formula: "retained.formula",
    direction: "higher-is-better",
    fromFacts: (f) => amount(f.customers.retained),
  },
  reactivated: {
    ...COUNT,
    title: "reactivated.title",
    description: "reactivated.description",
    formula: "reactivated.formula",
    direction: "higher-is-better",
    fromFacts: ({ customers: c }) => amount(c.activeAtEnd - c.retained - c.newActiveEnd),
  },
  retention_rate: {
    title: "retention_rate.title",
    description: "retention_rate.description",
    formula: "retention_rate.formula",
    format: "percent",
    direction: "higher-is-better",
    needs: ["customers"],
    fromFacts: ({ customers: c }) => ofRatio(ratio(c.activeAtEnd - c.newActiveEnd, c.activeAtStart)),
    page: {
      slug: "retention",
      numerator: { label: "retention_rate.numerator", format: "count" },
      denominator: { label: "retention_rate.denominator", format: "count" },
      parts: ["retained", "reactivated"],
      differsFromShopify: ["retention_rate.differs.no_report"],
    },
  },
  churn_rate: {
    title: "churn_rate.title",
    description: "churn_rate.description",
    formula: "churn_rate.formula",
    format: "percent",
    direction: "lower-is-better",
    needs: ["customers"],
    fromFacts: ({ customers: c }) => ofRatio(ratio(c.activeAtStart - c.retained, c.activeAtStart)),
    page: {
      slug: "churn",
      numerator: { label: "churn_rate.numerator", format: "count" },
      denominator: { label: "churn_rate.denominator", format: "count" },
      differsFromShopify: ["churn_rate.differs.no_report"],
    },
  },
  orders_per_customer: {
    title: "orders_per_customer.title",
    description: "orders_per_customer.description",
    formula: "orders_per_customer.formula",
    format: "multiple",
    direction: "higher-is-better",
    needs: ["sales", "customers"],
    fromFacts: (f) => ofRatio(ratio(f.sales.identifiedOrders, f.customers.customers)),
    page: {
      slug: "orders-per-customer",
      numerator: { label: "orders_per_customer.numerator", format: "count" },
      denominator: { label: "orders_per_customer.denominator", format: "count" },
      differsFromShopify: ["orders_per_customer.differs.guests"],
    },
  },
  purchase_frequency: {
    title: "purchase_frequency.title",
    description: "purchase_frequency.description",
    formula: "purchase_frequency.formula",
    format: "multiple",
    direction: "higher-is-better",
    needs: ["year"],
    fromFacts: (f) => ofRatio(purchaseFrequencyOf(f.year)),
  },
} satisfies { readonly [K in KpiId]?: KpiDefinition };
