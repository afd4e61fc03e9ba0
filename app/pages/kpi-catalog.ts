/**
 * What the merchant pages say about each KPI: its title, how to format it, which direction is good, and
 * the KPI-SPEC definition in plain words. Pure (client and server share it); `kpi` is the snapshot name
 * the engine writes (app/kpi-engine/derive.ts).
 */

export type KpiFormat = "money" | "count" | "percent" | "years" | "multiple";

export interface KpiPart {
  /** Snapshot KPI name of an input shown beside the value. */
  readonly kpi: string;
  readonly label: string;
  readonly format: KpiFormat;
}

export interface KpiEntry {
  /** URL slug of the detail page. */
  readonly slug: string;
  /** Snapshot KPI name. */
  readonly kpi: string;
  readonly title: string;
  readonly format: KpiFormat;
  /** True when a rise is good news (churn and abandonment: false). */
  readonly higherIsBetter: boolean;
  /** One line, shown on the dashboard card. */
  readonly summary: string;
  /** The formula in merchant words. */
  readonly formula: string;
  readonly numerator?: { readonly label: string; readonly format: KpiFormat };
  readonly denominator?: { readonly label: string; readonly format: KpiFormat };
  /** Other snapshot values that explain this one (e.g. the pieces of total sales). */
  readonly parts?: readonly KpiPart[];
  /** Why the number can differ from Shopify's own report; absent when it should match. */
  readonly differsFromShopify?: readonly string[];
}

const CANCELLED_NOTE =
  "Orders cancelled later are removed from the period they belong to. Shopify's reports keep them in gross sales and book the cancellation as a return instead.";

export const KPI_CATALOG: readonly KpiEntry[] = [
  {
    slug: "total-sales",
    kpi: "total_sales",
    title: "Total sales",
    format: "money",
    higherIsBetter: true,
    summary: "What customers paid: net sales plus shipping, taxes and duties.",
    formula:
      "Gross sales − discounts − returns = net sales; net sales + shipping + taxes + duties = total sales. Gross sales are price × quantity of the products sold. A gift card sold is not a sale (the money is spent later, on products that then count), so gift-card lines and their refunds are left out, as in Shopify's sales reports.",
    parts: [
      { kpi: "gross_sales", label: "Gross sales", format: "money" },
      { kpi: "discounts", label: "Discounts", format: "money" },
      { kpi: "returns", label: "Returns", format: "money" },
      { kpi: "net_sales", label: "Net sales", format: "money" },
      { kpi: "shipping", label: "Shipping", format: "money" },
      { kpi: "taxes", label: "Taxes", format: "money" },
      { kpi: "duties", label: "Duties", format: "money" },
    ],
    differsFromShopify: [
      "Refunds count on the day they were processed, as in Shopify's sales reports, unless Settings books them on the order date.",
      CANCELLED_NOTE,
    ],
  },
  {
    slug: "orders",
    kpi: "orders",
    title: "Orders",
    format: "count",
    higherIsBetter: true,
    summary: "Orders placed in the period, without test, deleted or cancelled orders.",
    formula: "Count of orders whose order date falls in the period (test, deleted and cancelled orders left out).",
    parts: [
      { kpi: "units", label: "Units ordered", format: "count" },
      { kpi: "units_per_order", label: "Units per order", format: "multiple" },
    ],
    differsFromShopify: [CANCELLED_NOTE],
  },
  {
    slug: "aov",
    kpi: "aov",
    title: "Average order value",
    format: "money",
    higherIsBetter: true,
    summary: "Average order value before shipping, taxes and refunds.",
    formula: "(Gross sales − discounts) of the orders placed in the period ÷ number of those orders.",
    numerator: { label: "Gross sales − discounts", format: "money" },
    denominator: { label: "Orders", format: "count" },
    parts: [{ kpi: "aov_incl_shipping_tax", label: "AOV incl. shipping & tax", format: "money" }],
    differsFromShopify: [
      "This is Shopify's own definition since January 2023 (shipping, taxes and later refunds left out), so it should match Shopify's report.",
      "Some guides divide total revenue by orders; that figure is shown beside it as \"AOV incl. shipping & tax\".",
      "An order that only sells gift cards counts as an order with no sales, which lowers the average; Shopify's sales reports leave that sale out altogether.",
      CANCELLED_NOTE,
    ],
  },
  {
    slug: "retention",
    kpi: "retention_rate",
    title: "Customer retention rate",
    format: "percent",
    higherIsBetter: true,
    summary: "Customers active at the end, new ones left out, per customer active at the start.",
    formula:
      "(Customers active at the end − new customers still active) ÷ customers active at the start. A customer is active while their last order is within the activity window (Settings). It can pass 100 % when more customers come back than leave.",
    numerator: { label: "Active at the end, not new", format: "count" },
    denominator: { label: "Active at the start", format: "count" },
    parts: [
      { kpi: "retained", label: "Kept from the start", format: "count" },
      { kpi: "reactivated", label: "Came back", format: "count" },
    ],
    differsFromShopify: [
      "Shopify has no retention report with this definition. The activity window (Settings, 180 days by default) decides who counts as active.",
    ],
  },
  {
    slug: "churn",
    kpi: "churn_rate",
    title: "Churn rate",
    format: "percent",
    higherIsBetter: false,
    summary: "Share of the customers active at the start who were no longer active at the end.",
    formula: "(Customers active at the start − those still active at the end) ÷ customers active at the start.",
    numerator: { label: "Customers lost", format: "count" },
    denominator: { label: "Active at the start", format: "count" },
    differsFromShopify: [
      "Shopify has no churn report. \"Active\" means an order within the activity window (Settings), so a longer window gives a lower churn.",
    ],
  },
  {
    slug: "checkout-abandonment",
    kpi: "checkout_abandonment_rate",
    title: "Checkout abandonment",
    format: "percent",
    higherIsBetter: false,
    summary: "Checkouts started in the period that did not become an order.",
    formula:
      "Abandoned checkouts ÷ (completed + abandoned checkouts) started in the period. A checkout is abandoned once it is older than the grace time (Settings) without an order; a recovered checkout counts as completed.",
    numerator: { label: "Abandoned checkouts", format: "count" },
    denominator: { label: "Completed + abandoned", format: "count" },
    parts: [{ kpi: "checkout_completion_rate", label: "Checkout completion rate", format: "percent" }],
    differsFromShopify: [
      "Every checkout counts, with or without an email; Shopify's abandoned-checkout list shows only those with contact details.",
      "Checkouts younger than the grace time (10 minutes by default, as Shopify) are not decided yet and are left out.",
    ],
  },
  {
    slug: "cart-abandonment",
    kpi: "cart_abandonment_rate",
    title: "Cart abandonment",
    format: "percent",
    higherIsBetter: false,
    summary: "Carts created in the period that never reached an order.",
    formula:
      "Abandoned carts ÷ (completed + abandoned carts) created in the period = 1 − cart completion rate. Some guides call completed ÷ created the \"cart abandonment rate\"; that is the completion rate.",
    numerator: { label: "Abandoned carts", format: "count" },
    denominator: { label: "Completed + abandoned", format: "count" },
    parts: [{ kpi: "cart_completion_rate", label: "Cart completion rate", format: "percent" }],
    differsFromShopify: [
      "Shopify reports no cart abandonment. Carts younger than the grace time (Settings) are left out until decided.",
      "A cart counts from Shopify's notice that it was created. A cart we only heard of through a later change (its creation notice never came) is left out.",
    ],
  },
  {
    slug: "clv",
    kpi: "formula_clv",
    title: "Customer lifetime value",
    format: "money",
    higherIsBetter: true,
    summary: "AOV × purchase frequency × expected lifetime, over the last 365 days.",
    formula:
      "AOV × orders per customer × expected lifetime in years (1 ÷ yearly churn), every input over the 365 days ending with the period; times your gross margin and minus the cost of acquiring a customer when you set them in Settings.",
    parts: [
      { kpi: "formula_clv_aov", label: "AOV (365 days)", format: "money" },
      { kpi: "purchase_frequency", label: "Orders per customer (365 days)", format: "multiple" },
      { kpi: "annual_churn_rate", label: "Yearly churn", format: "percent" },
      { kpi: "expected_lifetime_years", label: "Expected lifetime", format: "years" },
      { kpi: "formula_clv_before_cac", label: "Before acquisition cost", format: "money" },
      { kpi: "cac", label: "Cost per new customer (CAC)", format: "money" },
    ],
    differsFromShopify: [
      "Shopify shows no lifetime value. The Customers page adds a per-customer prediction from your order history.",
    ],
  },
  {
    slug: "new-customers",
    kpi: "new_customers",
    title: "New customers",
    format: "count",
    higherIsBetter: true,
    summary: "Customers whose first ever order was in the period.",
    formula: "Count of customers whose first counted order falls in the period. Guest orders join the customer with the same email.",
    parts: [{ kpi: "customers", label: "Customers who ordered", format: "count" }],
    differsFromShopify: [
      "A guest order with an email joins the customer with that email, so a guest's later account is not counted as new twice.",
    ],
  },
  {
    slug: "returning-customers",
    kpi: "returning_customer_rate",
    title: "Returning customer rate",
    format: "percent",
    higherIsBetter: true,
    summary: "Customers of the period who have ordered at least twice, ever.",
    formula: "Customers who ordered in the period and have two or more orders up to its end ÷ customers who ordered in the period.",
    numerator: { label: "Returning customers", format: "count" },
    denominator: { label: "Customers who ordered", format: "count" },
    differsFromShopify: [
      "As in Shopify, the whole order history counts. Guest orders are matched to customers by email, which Shopify does not always do.",
    ],
  },
];

const BY_SLUG = new Map(KPI_CATALOG.map((entry) => [entry.slug, entry]));

export function kpiBySlug(slug: string | undefined): KpiEntry | undefined {
  return slug === undefined ? undefined : BY_SLUG.get(slug);
}

/** The dashboard cards, in reading order. */
export const DASHBOARD_KPIS: readonly KpiEntry[] = KPI_CATALOG;
