/**
 * Admin GraphQL objects (bulk export lines or paginated query nodes, wire/graphql-shapes.ts) read into
 * the same normalised records as webhooks (records.ts), so both meet in one row builder (rows.ts) and
 * under one newer-wins rule. Shop money only: every amount is read from `shopMoney` and checked to be
 * in the shop currency.
 */
import { currencyExponent, parseMoneyToMinor } from "~/kpi/money";
import type {
  GqlAbandonedCheckout,
  GqlCustomer,
  GqlMoneyBag,
  GqlOrder,
  GqlRefund,
} from "~/sync/wire/graphql-shapes";
import { optionalDate, PayloadError, toDate, toId, toIdText } from "./fields";
import type { CheckoutRecord, CustomerRecord, OrderLineRow, OrderRecord, RefundRecord } from "./records";

/**
 * parseMoneyToMinor for the plain form Shopify sends ("12.34", "-0.5", "3"), without its regular
 * expressions and string copies: a history import reads several amounts per order. Anything else
 * (signs other than "-", spaces, surplus decimals, more than 15 digits) goes to parseMoneyToMinor,
 * which gives the same value or throws the same error.
 */
export function moneyToMinor(amount: string, exponent: number): number {
  const length = amount.length;
  if (length === 0 || length > 20 || !Number.isInteger(exponent) || exponent < 0 || exponent > 6)
    return parseMoneyToMinor(amount, exponent);
  let index = amount.charCodeAt(0) === 45 /* - */ ? 1 : 0;
  const negative = index === 1;
  let value = 0;
  let digits = 0;
  let decimals = -1; // digits after the point; -1 before it
  for (; index < length; index++) {
    const code = amount.charCodeAt(index);
    if (code >= 48 && code <= 57) {
      if (decimals === exponent) return parseMoneyToMinor(amount, exponent);
      if (decimals >= 0) decimals += 1;
      value = value * 10 + (code - 48);
      digits += 1;
    } else if (code === 46 /* . */ && decimals === -1) {
      decimals = 0;
    } else {
      return parseMoneyToMinor(amount, exponent);
    }
  }
  if (digits === 0 || digits > 15) return parseMoneyToMinor(amount, exponent);
  for (let pad = Math.max(decimals, 0); pad < exponent; pad++) value *= 10;
  if (!Number.isSafeInteger(value)) return parseMoneyToMinor(amount, exponent);
  return negative && value !== 0 ? -value : value;
}

/**
 * What a money field is called in an error message, built only when there is an error (no closure
 * or string per line item): `field`, or `lineItems[index]field`, or `lineItems[index].taxLines[tax]`.
 */
function fieldName(field: string, index?: number, tax?: number): string {
  if (index === undefined) return field;
  return tax === undefined ? `lineItems[${index}]${field}` : `lineItems[${index}].taxLines[${tax}]`;
}

/** The shop currency of one record, with its exponent looked up once, at the first amount. */
export interface Currency {
  readonly code: string;
  exponent?: number;
}

/** Shop money in minor units; a bag in another currency than the shop's is a broken payload. */
function shopMinor(
  bag: GqlMoneyBag | null | undefined,
  currency: Currency,
  field: string,
  index?: number,
  tax?: number,
): number {
  if (!bag) return 0;
  const { amount, currencyCode } = bag.shopMoney;
  if (currencyCode !== currency.code)
    throw new PayloadError(
      `${fieldName(field, index, tax)} is in ${currencyCode}, not the shop currency ${currency.code}`,
    );
  currency.exponent ??= currencyExponent(currencyCode);
  return moneyToMinor(amount, currency.exponent);
}

/** The numeric id at the end of a gid, as a string (line JSON keeps REST's numeric ids as strings). */
const idText = (gid: string | null | undefined): string | null => (gid ? toIdText(gid, "id") : null);

export function orderFromGraphql(order: GqlOrder): OrderRecord {
  const id = toId(order.id, "order.id");
  const createdAt = toDate(order.createdAt, "order.createdAt");
  const currency = order.currencyCode;
  if (!currency) throw new PayloadError("order has no currencyCode");

  const money: Currency = { code: currency };
  const items = order.lineItems ?? [];
  const lines: OrderLineRow[] = new Array<OrderLineRow>(items.length);
  for (let index = 0; index < items.length; index++) {
    const line = items[index]!;
    if (!Number.isInteger(line.quantity) || line.quantity < 0)
      throw new PayloadError(`${fieldName(".quantity", index)} is not a count`);
    const id = idText(line.id)!;
    const productId = idText(line.product?.id);
    const variantId = idText(line.variant?.id);
    const priceMinor = shopMinor(line.originalUnitPriceSet, money, ".originalUnitPriceSet", index);
    const discountMinor = shopMinor(line.totalDiscountSet, money, ".totalDiscountSet", index);
    let taxMinor = 0;
    for (let t = 0; t < line.taxLines.length; t++)
      taxMinor += shopMinor(line.taxLines[t]!.priceSet, money, "", index, t);
    lines[index] = {
      id,
      productId,
      variantId,
      quantity: line.quantity,
      priceMinor,
      discountMinor,
      taxMinor,
      giftCard: line.isGiftCard === true,
    };
  }

  let shippingTaxMinor = 0;
  for (const line of order.shippingLines ?? []) {
    for (const tax of line.taxLines)
      shippingTaxMinor += shopMinor(tax.priceSet, money, "shippingLines.taxLines");
  }

  return {
    id,
    name: order.name ?? null,
    customerId: order.customer ? toId(order.customer.id, "order.customer.id") : null,
    email: order.email ?? null,
    createdAt,
    updatedAt: optionalDate(order.updatedAt, "order.updatedAt"),
    processedAt: optionalDate(order.processedAt, "order.processedAt"),
    cancelledAt: optionalDate(order.cancelledAt, "order.cancelledAt"),
    test: order.test === true,
    currency,
    presentmentCurrency: order.presentmentCurrencyCode ?? null,
    taxesIncluded: order.taxesIncluded === true,
    lines,
    discountsMinor: shopMinor(order.totalDiscountsSet, money, "totalDiscountsSet"),
    shippingMinor: shopMinor(order.totalShippingPriceSet, money, "totalShippingPriceSet"),
    shippingTaxMinor,
    taxesMinor: shopMinor(order.totalTaxSet, money, "totalTaxSet"),
    dutiesMinor: shopMinor(order.originalTotalDutiesSet, money, "originalTotalDutiesSet"),
    totalMinor: shopMinor(order.totalPriceSet, money, "totalPriceSet"),
    checkoutToken: order.checkoutToken ?? null,
    cartToken: order.cartToken ?? null,
    sourceName: order.sourceName ?? null,
    // GraphQL names the customer by id only; customers are read on their own.
    customer: null,
    refunds: (order.refunds ?? []).map((refund) => refundFromGraphql(refund, id, money)),
  };
}

/**
 * GraphQL lists refunded shipping once, in refundShippingLines (REST's duplicate order adjustment does
 * not exist here). GraphQL's Refund has no processedAt, so the refund is booked on createdAt.
 */
export function refundFromGraphql(
  refund: GqlRefund,
  orderId: bigint,
  shopCurrency: string | Currency,
): RefundRecord {
  const currency: Currency = typeof shopCurrency === "string" ? { code: shopCurrency } : shopCurrency;
  const createdAt = toDate(refund.createdAt, "refund.createdAt");
  let linesSubtotalMinor = 0;
  let lineTaxesMinor = 0;
  let units = 0;
  for (const line of refund.refundLineItems ?? []) {
    lineTaxesMinor += shopMinor(line.totalTaxSet, currency, "refundLineItems.totalTaxSet");
    // A gift card refunded was never a sale (docs/decisions/0025): it is no return either.
    if (line.lineItem?.isGiftCard === true) continue;
    linesSubtotalMinor += shopMinor(line.subtotalSet, currency, "refundLineItems.subtotalSet");
    units += Number.isInteger(line.quantity) ? line.quantity : 0;
  }
  let shippingMinor = 0;
  let shippingTaxMinor = 0;
  for (const line of refund.refundShippingLines ?? []) {
    shippingMinor += Math.abs(
      shopMinor(line.subtotalAmountSet, currency, "refundShippingLines.subtotalAmountSet"),
    );
    shippingTaxMinor += Math.abs(shopMinor(line.taxAmountSet, currency, "refundShippingLines.taxAmountSet"));
  }
  const dutiesMinor = (refund.duties ?? []).reduce(
    (sum, duty) => sum + shopMinor(duty.amountSet, currency, "refund.duties"),
    0,
  );
  return {
    id: toId(refund.id, "refund.id"),
    orderId,
    createdAt,
    processedAt: null,
    linesSubtotalMinor,
    lineTaxesMinor,
    shippingMinor,
    shippingTaxMinor,
    dutiesMinor,
    units,
  };
}

export function customerFromGraphql(customer: GqlCustomer): CustomerRecord {
  return {
    id: toId(customer.id, "customer.id"),
    email: customer.defaultEmailAddress?.emailAddress ?? null,
    phone: null,
    firstName: customer.firstName ?? null,
    lastName: customer.lastName ?? null,
    // GraphQL enums are upper-case (ENABLED); webhooks send "enabled".
    state: customer.state ? customer.state.toLowerCase() : null,
    createdAt: toDate(customer.createdAt, "customer.createdAt"),
    updatedAt: optionalDate(customer.updatedAt, "customer.updatedAt"),
  };
}

/**
 * GraphQL's AbandonedCheckout has no `token` field, but its recovery URL carries the token
 * (…/checkouts/<token>/recover or …/checkouts/ac/<token>/recover), the key webhooks store checkouts under.
 */
export function checkoutTokenFromRecoveryUrl(url: string): string | null {
  const match = /\/checkouts\/(?:ac\/|cn\/)?([A-Za-z0-9_-]+)\/recover/.exec(url);
  return match?.[1] ?? null;
}

export function checkoutFromGraphql(checkout: GqlAbandonedCheckout, shopCurrency: string): CheckoutRecord {
  const token = checkoutTokenFromRecoveryUrl(checkout.abandonedCheckoutUrl);
  if (!token) throw new PayloadError(`abandoned checkout ${checkout.id} has no token in its recovery URL`);
  return {
    token,
    id: toId(checkout.id, "checkout.id"),
    cartToken: null,
    email: checkout.customer?.defaultEmailAddress?.emailAddress ?? null,
    customerId: checkout.customer ? toId(checkout.customer.id, "checkout.customer.id") : null,
    createdAt: toDate(checkout.createdAt, "checkout.createdAt"),
    updatedAt: optionalDate(checkout.updatedAt, "checkout.updatedAt"),
    completedAt: optionalDate(checkout.completedAt, "checkout.completedAt"),
    totalMinor: checkout.totalPriceSet
      ? shopMinor(checkout.totalPriceSet, { code: shopCurrency }, "checkout.totalPriceSet")
      : null,
  };
}
