/**
 * Every merchant-facing word about a KPI, in English, under a stable key: a translation supplies the same
 * keys. Pages and the digest look texts up here; nothing else spells them.
 */
export const KPI_LABELS_EN = {
  "note.cancelled":
    "Orders cancelled later are removed from the period they belong to. Shopify's reports keep them in gross sales and book the cancellation as a return instead.",

  "orders.title": "Orders",
  "orders.description": "Orders placed in the period, without test, deleted or cancelled orders.",
  "orders.formula":
    "Count of orders whose order date falls in the period (test, deleted and cancelled orders left out).",
  "units.title": "Units ordered",
  "units.description": "Units sold in the period's orders; gift cards left out.",
  "units.formula": "Sum of the ordered quantities of the period's orders, without gift cards.",
  "gross_sales.title": "Gross sales",
  "gross_sales.description":
    "Price × quantity of the products sold, before discounts, shipping, taxes and returns.",
  "gross_sales.formula":
    "Sum of line price × quantity of the period's orders; included taxes and gift cards left out.",
  "discounts.title": "Discounts",
  "discounts.description": "Discounts given on the period's orders.",
  "discounts.formula": "Sum of the discounts of the period's orders.",
  "returns.title": "Returns",
  "returns.description":
    "Refunded products (after discounts, before tax) of refunds processed in the period.",
  "returns.formula": "Sum of the refunded line subtotals of refunds booked in the period.",
  "shipping.title": "Shipping",
  "shipping.description": "Shipping charged on the period's orders, less shipping refunded in the period.",
  "shipping.formula": "Shipping charged − shipping refunded.",
  "shipping_charged.title": "Shipping charged",
  "shipping_charged.description": "Shipping charged on the period's orders.",
  "shipping_charged.formula": "Sum of the shipping of the period's orders.",
  "shipping_refunded.title": "Shipping refunded",
  "shipping_refunded.description": "Shipping refunded in the period.",
  "shipping_refunded.formula": "Sum of the refunded shipping of refunds booked in the period.",
  "taxes.title": "Taxes",
  "taxes.description": "Taxes charged on the period's orders, less taxes refunded in the period.",
  "taxes.formula": "Taxes charged − taxes refunded.",
  "taxes_charged.title": "Taxes charged",
  "taxes_charged.description": "Taxes charged on the period's orders.",
  "taxes_charged.formula": "Sum of the taxes of the period's orders.",
  "taxes_refunded.title": "Taxes refunded",
  "taxes_refunded.description": "Taxes refunded in the period.",
  "taxes_refunded.formula": "Sum of the refunded taxes of refunds booked in the period.",
  "duties.title": "Duties",
  "duties.description": "Duties charged on the period's orders, less duties refunded in the period.",
  "duties.formula": "Duties charged − duties refunded.",
  "net_sales.title": "Net sales",
  "net_sales.description": "Gross sales less discounts and returns.",
  "net_sales.formula": "Gross sales − discounts − returns.",
  "total_sales.title": "Total sales",
  "total_sales.description": "What customers paid: net sales plus shipping, taxes and duties.",
  "total_sales.formula":
    "Gross sales − discounts − returns = net sales; net sales + shipping + taxes + duties = total sales. Gross sales are price × quantity of the products sold. A gift card sold is not a sale (the money is spent later, on products that then count), so gift-card lines and their refunds are left out, as in Shopify's sales reports.",
  "total_sales.differs.refund_date":
    "Refunds count on the day they were processed, as in Shopify's sales reports, unless Settings books them on the order date.",
  "aov.title": "Average order value",
  "aov.description": "Average order value before shipping, taxes and refunds.",
  "aov.formula": "(Gross sales − discounts) of the orders placed in the period ÷ number of those orders.",
  "aov.numerator": "Gross sales − discounts",
  "aov.denominator": "Orders",
  "aov.differs.definition":
    "This is Shopify's own definition since January 2023 (shipping, taxes and later refunds left out), so it should match Shopify's report.",
  "aov.differs.revenue":
    'Some guides divide total revenue by orders; that figure is shown beside it as "AOV incl. shipping & tax".',
  "aov.differs.gift_cards":
    "An order that only sells gift cards counts as an order with no sales, which lowers the average; Shopify's sales reports leave that sale out altogether.",
  "aov_incl_shipping_tax.title": "AOV incl. shipping & tax",
  "aov_incl_shipping_tax.description": "Average order value with shipping, taxes and duties, before refunds.",
  "aov_incl_shipping_tax.formula":
    "(Gross sales − discounts + shipping + taxes + duties) of the period's orders ÷ orders.",
  "units_per_order.title": "Units per order",
  "units_per_order.description": "Units ordered per order.",
  "units_per_order.formula": "Units ordered ÷ orders.",
  "sales_growth.title": "Sales growth",
  "sales_growth.description": "Change of net sales against the previous period.",
  "sales_growth.formula":
    "(Net sales − net sales of the previous period) ÷ net sales of the previous period.",

  "customers.title": "Customers who ordered",
  "customers.description": "Distinct customers with an order in the period.",
  "customers.formula":
    "Count of the customers with an order in the period; guest orders join the customer with the same email.",
  "new_customers.title": "New customers",
  "new_customers.description": "Customers whose first ever order was in the period.",
  "new_customers.formula":
    "Count of customers whose first counted order falls in the period. Guest orders join the customer with the same email.",
  "new_customers.differs.guests":
    "A guest order with an email joins the customer with that email, so a guest's later account is not counted as new twice.",
  "returning_customer_rate.title": "Returning customer rate",
  "returning_customer_rate.description": "Customers of the period who have ordered at least twice, ever.",
  "returning_customer_rate.formula":
    "Customers who ordered in the period and have two or more orders up to its end ÷ customers who ordered in the period.",
  "returning_customer_rate.numerator": "Returning customers",
  "returning_customer_rate.denominator": "Customers who ordered",
  "returning_customer_rate.differs.history":
    "As in Shopify, the whole order history counts. Guest orders are matched to customers by email, which Shopify does not always do.",
  "active_at_start.title": "Active at the start",
  "active_at_start.description":
    "Customers with an order within the activity window before the period starts.",
  "active_at_start.formula":
    "Customers with an order in the activity window (Settings) ending at the period's start.",
  "active_at_end.title": "Active at the end",
  "active_at_end.description": "Customers with an order within the activity window before the period ends.",
  "active_at_end.formula":
    "Customers with an order in the activity window (Settings) ending at the period's end.",
  "new_still_active.title": "New and still active",
  "new_still_active.description": "New customers of the period who are active at its end.",
  "new_still_active.formula": "New customers who are active at the end of the period.",
  "retained.title": "Kept from the start",
  "retained.description": "Customers active at the start who are still active at the end.",
  "retained.formula": "Customers active both at the start and at the end of the period.",
  "reactivated.title": "Came back",
  "reactivated.description": "Customers active at the end who were neither active at the start nor new.",
  "reactivated.formula": "Active at the end − kept from the start − new and still active.",
  "retention_rate.title": "Customer retention rate",
  "retention_rate.description":
    "Customers active at the end, new ones left out, per customer active at the start.",
  "retention_rate.formula":
    "(Customers active at the end − new customers still active) ÷ customers active at the start. A customer is active while their last order is within the activity window (Settings). It can pass 100 % when more customers come back than leave.",
  "retention_rate.numerator": "Active at the end, not new",
  "retention_rate.denominator": "Active at the start",
  "retention_rate.differs.no_report":
    "Shopify has no retention report with this definition. The activity window (Settings, 180 days by default) decides who counts as active.",
  "churn_rate.title": "Churn rate",
  "churn_rate.description":
    "Share of the customers active at the start who were no longer active at the end.",
  "churn_rate.formula":
    "(Customers active at the start − those still active at the end) ÷ customers active at the start.",
  "churn_rate.numerator": "Customers lost",
  "churn_rate.denominator": "Active at the start",
  "churn_rate.differs.no_report":
    'Shopify has no churn report. "Active" means an order within the activity window (Settings), so a longer window gives a lower churn.',
  "orders_per_customer.title": "Orders per customer",
  "orders_per_customer.description":
    "How many orders each customer who ordered in the period placed in it, on average.",
  "orders_per_customer.formula":
    "Orders of customers placed in the period ÷ customers who ordered in the period. Orders with neither a customer nor an email count in neither; a guest order with an email counts for the customer with that email.",
  "orders_per_customer.numerator": "Orders of customers",
  "orders_per_customer.denominator": "Customers who ordered",
  "orders_per_customer.differs.guests":
    "Shopify shows no such figure for a period. Guest orders are matched to customers by email, and orders with neither a customer nor an email are left out, so the orders here can be fewer than Orders.",
  "purchase_frequency.title": "Orders per customer (365 days)",
  "purchase_frequency.description": "Orders per customer over the 365 days ending with the period.",
  "purchase_frequency.formula":
    "Orders of identified customers ÷ those customers, over the 365 days ending with the period.",

  "checkout_created.title": "Checkouts started",
  "checkout_created.description": "Checkouts created in the period.",
  "checkout_created.formula": "Count of the checkouts created in the period.",
  "checkout_completed.title": "Checkouts completed",
  "checkout_completed.description": "Checkouts created in the period that became an order.",
  "checkout_completed.formula":
    "Checkouts of the period that an order carries, or that Shopify marked completed.",
  "checkout_abandoned.title": "Checkouts abandoned",
  "checkout_abandoned.description":
    "Checkouts created in the period, without an order and older than the grace time.",
  "checkout_abandoned.formula": "Checkouts started − completed − undecided.",
  "checkout_undecided.title": "Checkouts undecided",
  "checkout_undecided.description": "Checkouts without an order still inside the grace time.",
  "checkout_undecided.formula":
    "Checkouts of the period not completed and created within the grace time (Settings).",
  "checkout_abandonment_rate.title": "Checkout abandonment",
  "checkout_abandonment_rate.description": "Checkouts started in the period that did not become an order.",
  "checkout_abandonment_rate.formula":
    "Abandoned checkouts ÷ (completed + abandoned checkouts) started in the period. A checkout is abandoned once it is older than the grace time (Settings) without an order; a recovered checkout counts as completed.",
  "checkout_abandonment_rate.numerator": "Abandoned checkouts",
  "checkout_abandonment_rate.denominator": "Completed + abandoned",
  "checkout_abandonment_rate.differs.contact":
    "Every checkout counts, with or without an email; Shopify's abandoned-checkout list shows only those with contact details.",
  "checkout_abandonment_rate.differs.grace":
    "Checkouts younger than the grace time (10 minutes by default, as Shopify) are not decided yet and are left out.",
  "checkout_completion_rate.title": "Checkout completion rate",
  "checkout_completion_rate.description": "Checkouts started in the period that became an order.",
  "checkout_completion_rate.formula":
    "Completed checkouts ÷ (completed + abandoned checkouts) = 1 − checkout abandonment.",
  "cart_created.title": "Carts created",
  "cart_created.description": "Carts created in the period.",
  "cart_created.formula": "Count of the carts Shopify reported created in the period.",
  "cart_completed.title": "Carts completed",
  "cart_completed.description": "Carts created in the period that reached an order.",
  "cart_completed.formula": "Carts of the period whose token an order carries.",
  "cart_abandoned.title": "Carts abandoned",
  "cart_abandoned.description":
    "Carts created in the period, without an order and older than the grace time.",
  "cart_abandoned.formula": "Carts created − completed − undecided.",
  "cart_undecided.title": "Carts undecided",
  "cart_undecided.description": "Carts without an order still inside the grace time.",
  "cart_undecided.formula": "Carts of the period not completed and created within the grace time (Settings).",
  "cart_abandonment_rate.title": "Cart abandonment",
  "cart_abandonment_rate.description": "Carts created in the period that never reached an order.",
  "cart_abandonment_rate.formula":
    'Abandoned carts ÷ (completed + abandoned carts) created in the period = 1 − cart completion rate. Some guides call completed ÷ created the "cart abandonment rate"; that is the completion rate.',
  "cart_abandonment_rate.numerator": "Abandoned carts",
  "cart_abandonment_rate.denominator": "Completed + abandoned",
  "cart_abandonment_rate.differs.no_report":
    "Shopify reports no cart abandonment. Carts younger than the grace time (Settings) are left out until decided.",
  "cart_abandonment_rate.differs.created":
    "A cart counts from Shopify's notice that it was created. A cart we only heard of through a later change (its creation notice never came) is left out.",
  "cart_completion_rate.title": "Cart completion rate",
  "cart_completion_rate.description": "Carts created in the period that reached an order.",
  "cart_completion_rate.formula": "Completed carts ÷ (completed + abandoned carts) = 1 − cart abandonment.",

  "historical_clv.title": "Historical customer value",
  "historical_clv.description": "Net revenue per customer so far, as of the end of the period.",
  "historical_clv.formula":
    "(Gross sales − discounts − returns) of every customer's orders up to the end of the period ÷ customers who ordered by then.",
  "formula_clv.title": "Customer lifetime value",
  "formula_clv.description": "AOV × purchase frequency × expected lifetime, over the last 365 days.",
  "formula_clv.formula":
    "AOV × orders per customer × expected lifetime in years (1 ÷ yearly churn), every input over the 365 days ending with the period; times your gross margin and minus the cost of acquiring a customer when you set them in Settings.",
  "formula_clv.differs.no_report":
    "Shopify shows no lifetime value. The Customers page adds a per-customer prediction from your order history.",
  "formula_clv_before_cac.title": "Before acquisition cost",
  "formula_clv_before_cac.description":
    "Customer lifetime value before the cost of acquiring a customer is taken off.",
  "formula_clv_before_cac.formula":
    "AOV × orders per customer × expected lifetime (× gross margin), over the 365 days ending with the period.",
  "formula_clv_aov.title": "AOV (365 days)",
  "formula_clv_aov.description": "Average order value over the 365 days ending with the period.",
  "formula_clv_aov.formula": "(Gross sales − discounts) ÷ orders, over the 365 days ending with the period.",
  "annual_churn_rate.title": "Yearly churn",
  "annual_churn_rate.description":
    "Churn over the 365 days ending with the period, with a 365-day activity window.",
  "annual_churn_rate.formula":
    "Churn rate of the 365 days ending with the period, with a 365-day activity window.",
  "expected_lifetime_years.title": "Expected lifetime",
  "expected_lifetime_years.description": "How many years a customer stays, from the yearly churn.",
  "expected_lifetime_years.formula": "1 ÷ yearly churn.",

  "marketing_spend.title": "Marketing spend",
  "marketing_spend.description": "Your marketing spend for the period, from Settings.",
  "marketing_spend.formula": "Monthly spend (Settings), a month's share by the days of it in the period.",
  "cac.title": "Cost per new customer (CAC)",
  "cac.description": "Marketing spend per new customer.",
  "cac.formula":
    "Marketing spend ÷ new customers of the period. Spend is entered per calendar month in Settings; a period that covers part of a month gets that month's spend pro rata by days (a running day by its elapsed share).",
  "cac.numerator": "Marketing spend",
  "cac.denominator": "New customers",
  "cac.differs.no_report":
    "Shopify does not know your ad costs, so it has no such figure; it uses the monthly spend you enter in Settings.",
  "roas.title": "Return on ad spend",
  "roas.description": "Net sales per unit of marketing spend.",
  "roas.formula":
    "Net sales ÷ marketing spend of the period. Spend is entered per calendar month in Settings; a period that covers part of a month gets that month's spend pro rata by days.",
  "roas.numerator": "Net sales",
  "roas.denominator": "Marketing spend",
  "roas.differs.ads":
    "All net sales count, not only those an ad brought in: ad platforms report ROAS from the sales they attribute to their own ads, which is usually lower.",
  "ltv_to_cac.title": "LTV:CAC",
  "ltv_to_cac.description": "Customer lifetime value per cost of acquiring a customer, over 365 days.",
  "ltv_to_cac.formula":
    "Customer lifetime value before acquisition cost ÷ CAC, both over the 365 days ending with the period; the spend of those days is each month's entry in Settings, pro rata by days for the months at the edges.",
  "ltv_to_cac.numerator": "Lifetime value before acquisition cost",
  "ltv_to_cac.denominator": "CAC (365 days)",
  "gross_profit.title": "Gross profit",
  "gross_profit.description": "Net sales times your gross margin; set a margin in Settings to see it.",
  "gross_profit.formula":
    "Net sales × your gross margin % (Settings). Net sales are after discounts and returns, without shipping, taxes and duties, so a return lowers the gross profit of the period it is refunded in. Empty until you set a margin.",
  "gross_profit.differs.costs":
    "Shopify's profit report subtracts the cost you recorded for each product sold. Here one margin applies to all sales, so the two differ when your products' margins differ.",

  // With a gross margin set, CLV is a profit per customer: these replace the revenue wording.
  "formula_clv.title.margin": "Profit-based CLV",
  "formula_clv.description.margin":
    "Gross profit a customer brings over their lifetime: AOV × purchase frequency × expected lifetime × your gross margin, over the last 365 days.",
  "formula_clv.formula.margin":
    "AOV × orders per customer × expected lifetime in years (1 ÷ yearly churn) × your gross margin % (Settings), every input over the 365 days ending with the period, minus the cost of acquiring a customer when you enter marketing spend. The margin is applied, so this is gross profit per customer, not revenue.",
  "formula_clv_before_cac.title.margin": "Profit before acquisition cost",
  "formula_clv_before_cac.description.margin":
    "Profit-based CLV before the cost of acquiring a customer is taken off.",
  "formula_clv_before_cac.formula.margin":
    "AOV × orders per customer × expected lifetime × your gross margin %, over the 365 days ending with the period.",
  "ltv_to_cac.numerator.margin": "Profit before acquisition cost",
  "ltv_to_cac.formula.margin":
    "Profit-based CLV (your gross margin applied) before acquisition cost ÷ CAC, both over the 365 days ending with the period; the spend of those days is each month's entry in Settings, pro rata by days for the months at the edges.",
} as const satisfies Record<string, string>;

export type KpiLabelKey = keyof typeof KPI_LABELS_EN;

/**
 * The label a key reads as when the merchant has set a gross margin: margin-weighted figures are profits
 * and say so; every other key reads the same.
 */
export function marginLabelKey(key: KpiLabelKey, marginSet: boolean): KpiLabelKey {
  const margin = `${key}.margin`;
  return marginSet && margin in KPI_LABELS_EN ? (margin as KpiLabelKey) : key;
}

/** The English text of a label key (the only locale so far). */
export function kpiLabel(key: KpiLabelKey): string {
  return KPI_LABELS_EN[key];
}
