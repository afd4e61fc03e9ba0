/** Sales KPIs (docs/kpi-definitions.md "Sales"): what the orders of P sold, less what was refunded in P. */
import type { SalesSums } from "~/kpi/facts";
import { assertMinor } from "~/kpi/money";
import { ratio } from "~/kpi/ratio";
import { salesGrowth } from "~/kpi/sales";
import type { KpiId } from "./ids";
import { amount, ofRatio } from "./results";
import type { KpiDefinition } from "./types";

/** Gross sales − discounts − returns. */
export const netSalesMinor = (s: SalesSums): number => s.grossMinor - s.discountsMinor - s.returnsMinor;

const shipping = (s: SalesSums) => s.shippingMinor - s.shippingRefundedMinor;
const taxes = (s: SalesSums) => s.taxesMinor - s.taxesRefundedMinor;
const duties = (s: SalesSums) => s.dutiesMinor - s.dutiesRefundedMinor;

/** Net sales + shipping + taxes + duties; money sums past exact integers are refused, not rounded. */
export function totalSalesMinor(s: SalesSums): number {
  const total = netSalesMinor(s) + shipping(s) + taxes(s) + duties(s);
  for (const minor of [s.grossMinor, s.shippingMinor, s.taxesMinor, s.returnsMinor, total])
    assertMinor(minor);
  return total;
}

/** (Gross sales − discounts) ÷ orders: Shopify's AOV since January 2023. */
export const averageOrderValue = (s: SalesSums) => ratio(s.grossMinor - s.discountsMinor, s.orders);

const MONEY = { format: "money", needs: ["sales"] } as const;

export const SALES_KPIS = {
  orders: {
    title: "orders.title",
    description: "orders.description",
    formula: "orders.formula",
    format: "count",
    direction: "higher-is-better",
    needs: ["sales"],
    fromFacts: (f) => amount(f.sales.orders),
    page: { slug: "orders", parts: ["units", "units_per_order"], differsFromShopify: ["note.cancelled"] },
  },
  units: {
    title: "units.title",
    description: "units.description",
    formula: "units.formula",
    format: "count",
    direction: "higher-is-better",
    needs: ["sales"],
    fromFacts: (f) => amount(f.sales.units),
  },
  gross_sales: {
    ...MONEY,
    title: "gross_sales.title",
    description: "gross_sales.description",
    formula: "gross_sales.formula",
    direction: "higher-is-better",
    fromFacts: (f) => amount(f.sales.grossMinor),
  },
  discounts: {
    ...MONEY,
    title: "discounts.title",
    description: "discounts.description",
    formula: "discounts.formula",
    direction: "neutral",
    fromFacts: (f) => amount(f.sales.discountsMinor),
  },
  returns: {
    ...MONEY,
    title: "returns.title",
    description: "returns.description",
    formula: "returns.formula",
    direction: "lower-is-better",
    fromFacts: (f) => amount(f.sales.returnsMinor),
  },
  shipping: {
    ...MONEY,
    title: "shipping.title",
    description: "shipping.description",
    formula: "shipping.formula",
    direction: "neutral",
    fromFacts: (f) => amount(shipping(f.sales)),
  },
  shipping_charged: {
    ...MONEY,
    title: "shipping_charged.title",
    description: "shipping_charged.description",
    formula: "shipping_charged.formula",
    direction: "neutral",
    fromFacts: (f) => amount(f.sales.shippingMinor),
  },
  shipping_refunded: {
    ...MONEY,
    title: "shipping_refunded.title",
    description: "shipping_refunded.description",
    formula: "shipping_refunded.formula",
    direction: "neutral",
    fromFacts: (f) => amount(f.sales.shippingRefundedMinor),
  },
  taxes: {
    ...MONEY,
    title: "taxes.title",
    description: "taxes.description",
    formula: "taxes.formula",
    direction: "neutral",
    fromFacts: (f) => amount(taxes(f.sales)),
  },
  taxes_charged: {
    ...MONEY,
    title: "taxes_charged.title",
    description: "taxes_charged.description",
    formula: "taxes_charged.formula",
    direction: "neutral",
    fromFacts: (f) => amount(f.sales.taxesMinor),
  },
  taxes_refunded: {
    ...MONEY,
    title: "taxes_refunded.title",
    description: "taxes_refunded.description",
    formula: "taxes_refunded.formula",
    direction: "neutral",
    fromFacts: (f) => amount(f.sales.taxesRefundedMinor),
  },
  duties: {
    ...MONEY,
    title: "duties.title",
    description: "duties.description",
    formula: "duties.formula",
    direction: "neutral",
    fromFacts: (f) => amount(duties(f.sales)),
  },
  net_sales: {
    ...MONEY,
    title: "net_sales.title",
    description: "net_sales.description",
    formula: "net_sales.formula",
    direction: "higher-is-better",
    fromFacts: (f) => amount(netSalesMinor(f.sales)),
  },
  total_sales: {
    ...MONEY,
    title: "total_sales.title",
    description: "total_sales.description",
    formula: "total_sales.formula",
    direction: "higher-is-better",
    fromFacts: (f) => amount(totalSalesMinor(f.sales)),
    page: {
      slug: "total-sales",
      parts: ["gross_sales", "discounts", "returns", "net_sales", "shipping", "taxes", "duties"],
      differsFromShopify: ["total_sales.differs.refund_date", "note.cancelled"],
    },
  },
  aov: {
    ...MONEY,
    title: "aov.title",
    description: "aov.description",
    formula: "aov.formula",
    direction: "higher-is-better",
    fromFacts: (f) => ofRatio(averageOrderValue(f.sales)),
    page: {
      slug: "aov",
      numerator: { label: "aov.numerator", format: "money" },
      denominator: { label: "aov.denominator", format: "count" },
      parts: ["aov_incl_shipping_tax"],
      differsFromShopify: [
        "aov.differs.definition",
        "aov.differs.revenue",
        "aov.differs.gift_cards",
        "note.cancelled",
      ],
    },
  },
  aov_incl_shipping_tax: {
    ...MONEY,
    title: "aov_incl_shipping_tax.title",
    description: "aov_incl_shipping_tax.description",
    formula: "aov_incl_shipping_tax.formula",
    direction: "higher-is-better",
    fromFacts: ({ sales: s }) =>
      ofRatio(
        ratio(s.grossMinor - s.discountsMinor + s.shippingMinor + s.taxesMinor + s.dutiesMinor, s.orders),
      ),
  },
  units_per_order: {
    title: "units_per_order.title",
    description: "units_per_order.description",
    formula: "units_per_order.formula",
    format: "multiple",
    direction: "higher-is-better",
    needs: ["sales"],
    fromFacts: (f) => ofRatio(ratio(f.sales.units, f.sales.orders)),
  },
  sales_growth: {
    title: "sales_growth.title",
    description: "sales_growth.description",
    formula: "sales_growth.formula",
    format: "percent",
    direction: "higher-is-better",
    needs: ["sales", "previous-sales"],
    fromFacts: (f) => ofRatio(salesGrowth(netSalesMinor(f.sales), f.previousNetSalesMinor)),
  },
} satisfies { readonly [K in KpiId]?: KpiDefinition };
