import { gid, tokenFrom } from "../ids";
import { moneySet, shopAmount } from "../money";
import type { MoneyContext } from "../money";
import { formatShopTime, toDate } from "../shop-time";
import { buildCustomerPayload } from "./customer";
import { buildLineItem, taxLines } from "./line-item";
import { lineGrossMinor, orderMoneyContext, shippingLineIdOf } from "./order-input";
import type { FinancialStatus, OrderInput } from "./order-input";
import { buildRefundPayload, refundTotals } from "./refund";

/** The order's money, summed once so every `*_set` field agrees with the others. */
export interface OrderTotals {
  lineItemsMinor: number;
  discountsMinor: number;
  subtotalMinor: number;
  shippingMinor: number;
  taxMinor: number;
  totalMinor: number;
  currentSubtotalMinor: number;
  currentDiscountsMinor: number;
  currentTaxMinor: number;
  currentTotalMinor: number;
  refundedMinor: number;
}

export function orderTotals(order: OrderInput): OrderTotals {
  const lineItemsMinor = order.lines.reduce((sum, l) => sum + lineGrossMinor(l), 0);
  const discountsMinor = order.lines.reduce((sum, l) => sum + (l.discountMinor ?? 0), 0);
  const subtotalMinor = lineItemsMinor - discountsMinor;
  const shipping = order.shippingLines ?? [];
  const shippingMinor = shipping.reduce((sum, s) => sum + s.priceMinor, 0);
  const taxMinor =
    order.lines.reduce((sum, l) => sum + (l.taxMinor ?? 0), 0) +
    shipping.reduce((sum, s) => sum + (s.taxMinor ?? 0), 0);
  const addTax = (tax: number) => (order.taxesIncluded ? 0 : tax);
  const totalMinor = subtotalMinor + shippingMinor + addTax(taxMinor);

  let refundedSubtotal = 0;
  let refundedGross = 0;
  let refundedTax = 0;
  let refundedShipping = 0;
  let refundedMinor = 0;
  for (const refund of order.refunds ?? []) {
    const t = refundTotals(order, refund);
    refundedSubtotal += t.lineSubtotalMinor;
    refundedTax += t.lineTaxMinor + t.shippingTaxMinor;
    refundedShipping += t.shippingMinor;
    refundedMinor += t.transactionMinor;
    for (const [index, quantity] of t.quantityByLineIndex) {
      refundedGross += order.lines[index]!.unitPriceMinor * quantity;
    }
  }
  const currentSubtotalMinor = subtotalMinor - refundedSubtotal;
  const currentTaxMinor = taxMinor - refundedTax;
  return {
    lineItemsMinor,
    discountsMinor,
    subtotalMinor,
    shippingMinor,
    taxMinor,
    totalMinor,
    currentSubtotalMinor,
    // Removing units also removes the discount that was allocated to them.
    currentDiscountsMinor: discountsMinor - (refundedGross - refundedSubtotal),
    currentTaxMinor,
    currentTotalMinor: currentSubtotalMinor + (shippingMinor - refundedShipping) + addTax(currentTaxMinor),
    refundedMinor,
  };
}

function defaultFinancialStatus(order: OrderInput, totals: OrderTotals): FinancialStatus {
  if (totals.refundedMinor > 0) {
    return totals.refundedMinor >= totals.totalMinor ? "refunded" : "partially_refunded";
  }
  return order.cancelledAt ? "voided" : "paid";
}

/** Order-level `tax_lines`: line and shipping taxes summed per title and rate. */
function orderTaxLines(order: OrderInput, ctx: MoneyContext) {
  const byKey = new Map<string, { title: string; rate: string; minor: number }>();
  const sources = [...order.lines, ...(order.shippingLines ?? [])];
  for (const source of sources) {
    if (!source.taxMinor) continue;
    const title = source.taxTitle ?? "Tax";
    const rate = source.taxRate ?? "0";
    const key = `${title}\u0000${rate}`;
    const entry = byKey.get(key) ?? { title, rate, minor: 0 };
    entry.minor += source.taxMinor;
    byKey.set(key, entry);
  }
  return [...byKey.values()].flatMap((t) => taxLines(t.minor, t.rate, t.title, ctx));
}

function shippingLinesPayload(order: OrderInput, ctx: MoneyContext) {
  return (order.shippingLines ?? []).map((s, index) => ({
    id: shippingLineIdOf(order, index),
    carrier_identifier: null,
    code: s.title ?? "Standard",
    // Shipping discounts are not modelled: the discounted price is the price.
    discounted_price: shopAmount(s.priceMinor, ctx),
    discounted_price_set: moneySet(s.priceMinor, ctx),
    is_removed: false,
    phone: null,
    price: shopAmount(s.priceMinor, ctx),
    price_set: moneySet(s.priceMinor, ctx),
    requested_fulfillment_service_id: null,
    source: "shopify",
    title: s.title ?? "Standard",
    tax_lines: taxLines(s.taxMinor, s.taxRate, s.taxTitle, ctx),
    discount_allocations: [] as unknown[],
  }));
}

/** orders/create, orders/updated, orders/cancelled, orders/paid … all send this full order. */
export function buildOrderPayload(order: OrderInput) {
  const ctx = orderMoneyContext(order);
  const timeZone = order.timeZone ?? "UTC";
  const at = (value: Parameters<typeof toDate>[0]) => formatShopTime(toDate(value), timeZone);
  const totals = orderTotals(order);
  const orderNumber = order.orderNumber ?? 1001;
  const token = tokenFrom(`order:${order.id}`);
  const customer = order.customer ? buildCustomerPayload({ timeZone, ...order.customer }) : null;
  const email = order.email !== undefined ? order.email : (order.customer?.email ?? null);
  const refundedQuantity = new Map<number, number>();
  for (const refund of order.refunds ?? []) {
    for (const [index, quantity] of refundTotals(order, refund).quantityByLineIndex) {
      refundedQuantity.set(index, (refundedQuantity.get(index) ?? 0) + quantity);
    }
  }
  const money = (minor: number) => moneySet(minor, ctx);
  const amount = (minor: number) => shopAmount(minor, ctx);

  return {
    id: order.id,
    admin_graphql_api_id: gid("Order", order.id),
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: order.cancelReason ?? (order.cancelledAt ? "other" : null),
    cancelled_at: order.cancelledAt ? at(order.cancelledAt) : null,
    cart_token: order.cartToken ?? null,
    checkout_token: order.checkoutToken ?? null,
    client_details: null,
    closed_at: null,
    company: null,
    confirmation_number: token.slice(0, 9).toUpperCase(),
    confirmed: true,
    contact_email: email,
    created_at: at(order.createdAt),
    currency: order.currency,
    current_subtotal_price: amount(totals.currentSubtotalMinor),
    current_subtotal_price_set: money(totals.currentSubtotalMinor),
    current_total_additional_fees_set: null,
    current_total_discounts: amount(totals.currentDiscountsMinor),
    current_total_discounts_set: money(totals.currentDiscountsMinor),
    current_total_duties_set: null,
    current_total_price: amount(totals.currentTotalMinor),
    current_total_price_set: money(totals.currentTotalMinor),
    current_total_tax: amount(totals.currentTaxMinor),
    current_total_tax_set: money(totals.currentTaxMinor),
    customer_locale: "en",
    device_id: null,
    discount_codes: [] as unknown[],
    duties_included: false,
    email,
    estimated_taxes: false,
    financial_status: order.financialStatus ?? defaultFinancialStatus(order, totals),
    fulfillment_status: null,
    landing_site: null,
    location_id: null,
    merchant_of_record_app_id: null,
    name: `#${orderNumber}`,
    note: null,
    note_attributes: [] as unknown[],
    number: orderNumber - 1000,
    order_number: orderNumber,
    original_total_additional_fees_set: null,
    original_total_duties_set: null,
    payment_gateway_names: totals.totalMinor > 0 ? ["shopify_payments"] : [],
    phone: null,
    po_number: null,
    presentment_currency: ctx.presentment?.currency ?? order.currency,
    processed_at: at(order.processedAt ?? order.createdAt),
    reference: null,
    referring_site: null,
    source_identifier: null,
    source_name: order.sourceName ?? "web",
    source_url: null,
    subtotal_price: amount(totals.subtotalMinor),
    subtotal_price_set: money(totals.subtotalMinor),
    tags: "",
    tax_exempt: false,
    tax_lines: orderTaxLines(order, ctx),
    taxes_included: order.taxesIncluded ?? false,
    test: order.test ?? false,
    token,
    total_cash_rounding_payment_adjustment_set: money(0),
    total_cash_rounding_refund_adjustment_set: money(0),
    total_discounts: amount(totals.discountsMinor),
    total_discounts_set: money(totals.discountsMinor),
    total_line_items_price: amount(totals.lineItemsMinor),
    total_line_items_price_set: money(totals.lineItemsMinor),
    total_outstanding: amount(0),
    total_price: amount(totals.totalMinor),
    total_price_set: money(totals.totalMinor),
    total_shipping_price_set: money(totals.shippingMinor),
    total_tax: amount(totals.taxMinor),
    total_tax_set: money(totals.taxMinor),
    total_tip_received: amount(0),
    total_weight: 0,
    updated_at: at(order.updatedAt ?? order.processedAt ?? order.createdAt),
    user_id: null,
    billing_address: null,
    customer,
    discount_applications: totals.discountsMinor
      ? [
          {
            target_type: "line_item",
            type: "manual",
            value: amount(totals.discountsMinor),
            value_type: "fixed_amount",
            allocation_method: "across",
            target_selection: "explicit",
            title: "Discount",
            description: "Discount",
          },
        ]
      : [],
    fulfillments: [] as unknown[],
    line_items: order.lines.map((line, index) =>
      buildLineItem(order, index, line.quantity - (refundedQuantity.get(index) ?? 0)),
    ),
    payment_terms: null,
    refunds: (order.refunds ?? []).map((refund) => buildRefundPayload(order, refund)),
    shipping_address: null,
    shipping_lines: shippingLinesPayload(order, ctx),
  };
}

export type OrderPayload = ReturnType<typeof buildOrderPayload>;

/** orders/delete carries only the id of the order that is gone. */
export function buildOrderDeletePayload(orderId: number): { id: number } {
  return { id: orderId };
}
