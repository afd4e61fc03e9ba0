/**
 * Pure mapping from Admin GraphQL objects (bulk export lines or paginated query nodes) to the same rows
 * the webhook path stores (app/ingest/normalise.ts), so both paths meet under one newer-wins rule.
 * Shop money only: every amount is read from `shopMoney` and checked to be in the shop currency.
 */
import { currencyExponent, parseMoneyToMinor } from "~/kpi/money";
import {
  normaliseEmail,
  orderLineSums,
  PayloadError,
  toDate,
  toId,
  toIdText,
  type CheckoutRow,
  type CustomerRow,
  type OrderLineRow,
  type OrderRow,
  type RefundRow,
} from "~/ingest/normalise";
import type { GqlAbandonedCheckout, GqlCustomer, GqlMoneyBag, GqlOrder, GqlRefund } from "./graphql-shapes";

function optionalDate(value: string | null | undefined, field: string): Date | null {
  return value === null || value === undefined || value === "" ? null : toDate(value, field);
}

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

export interface GraphqlOrderRows {
  order: OrderRow;
  refunds: RefundRow[];
}

export function normaliseGraphqlOrder(order: GqlOrder): GraphqlOrderRows {
  const id = toId(order.id, "order.id");
  const createdAt = toDate(order.createdAt, "order.createdAt");
  const currency = order.currencyCode;
  if (!currency) throw new PayloadError("order has no currencyCode");
  const taxesIncluded = order.taxesIncluded === true;

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

  const { grossMinor, units } = orderLineSums(lines, taxesIncluded);
  let shippingMinor = shopMinor(order.totalShippingPriceSet, money, "totalShippingPriceSet");
  if (taxesIncluded) {
    // As on the webhook path: tax-inclusive shipping prices contain their tax, Shipping is reported without it.
    for (const line of order.shippingLines ?? []) {
      for (const tax of line.taxLines)
        shippingMinor -= shopMinor(tax.priceSet, money, "shippingLines.taxLines");
    }
  }

  const row: OrderRow = {
    id,
    name: order.name ?? null,
    customerId: order.customer ? toId(order.customer.id, "order.customer.id") : null,
    email: normaliseEmail(order.email),
    orderedAt: optionalDate(order.processedAt, "order.processedAt") ?? createdAt,
    shopifyCreated: createdAt,
    shopifyUpdated: optionalDate(order.updatedAt, "order.updatedAt") ?? createdAt,
    cancelledAt: optionalDate(order.cancelledAt, "order.cancelledAt"),
    test: order.test === true,
    currency,
    presentmentCurrency: order.presentmentCurrencyCode ?? null,
    taxesIncluded,
    grossMinor: BigInt(grossMinor),
    discountsMinor: BigInt(shopMinor(order.totalDiscountsSet, money, "totalDiscountsSet")),
    shippingMinor: BigInt(shippingMinor),
    taxesMinor: BigInt(shopMinor(order.totalTaxSet, money, "totalTaxSet")),
    dutiesMinor: BigInt(shopMinor(order.originalTotalDutiesSet, money, "originalTotalDutiesSet")),
    totalMinor: BigInt(shopMinor(order.totalPriceSet, money, "totalPriceSet")),
    units,
    lines,
    checkoutToken: order.checkoutToken ?? null,
    cartToken: order.cartToken ?? null,
    sourceName: order.sourceName ?? null,
  };
  return {
    order: row,
    refunds: (order.refunds ?? []).map((refund) => normaliseGraphqlRefund(refund, id, money, taxesIncluded)),
  };
}

/**
 * GraphQL lists refunded shipping once, in refundShippingLines (REST's duplicate order adjustment does
 * not exist here). GraphQL's Refund has no processedAt, so the refund is booked on createdAt.
 */
export function normaliseGraphqlRefund(
  refund: GqlRefund,
  orderId: bigint,
  shopCurrency: string | Currency,
  taxesIncluded: boolean,
): RefundRow {
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
  // Returns stay pre-tax like gross sales: tax-inclusive subtotals lose their tax.
  if (taxesIncluded) linesSubtotalMinor -= lineTaxesMinor;
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
    refundedAt: createdAt,
    shopifyCreated: createdAt,
    linesSubtotalMinor: BigInt(linesSubtotalMinor),
    shippingMinor: BigInt(shippingMinor),
    taxesMinor: BigInt(lineTaxesMinor + shippingTaxMinor),
    dutiesMinor: BigInt(dutiesMinor),
    units,
  };
}

export function normaliseGraphqlCustomer(customer: GqlCustomer): CustomerRow {
  const createdAt = toDate(customer.createdAt, "customer.createdAt");
  return {
    id: toId(customer.id, "customer.id"),
    email: normaliseEmail(customer.defaultEmailAddress?.emailAddress),
    firstName: customer.firstName ?? null,
    lastName: customer.lastName ?? null,
    // GraphQL enums are upper-case (ENABLED); webhooks send "enabled".
    state: customer.state ? customer.state.toLowerCase() : null,
    shopifyCreated: createdAt,
    shopifyUpdated: optionalDate(customer.updatedAt, "customer.updatedAt") ?? createdAt,
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

export function normaliseGraphqlCheckout(checkout: GqlAbandonedCheckout, shopCurrency: string): CheckoutRow {
  const token = checkoutTokenFromRecoveryUrl(checkout.abandonedCheckoutUrl);
  if (!token) throw new PayloadError(`abandoned checkout ${checkout.id} has no token in its recovery URL`);
  const createdAt = toDate(checkout.createdAt, "checkout.createdAt");
  return {
    token,
    id: toId(checkout.id, "checkout.id"),
    cartToken: null,
    email: normaliseEmail(checkout.customer?.defaultEmailAddress?.emailAddress),
    customerId: checkout.customer ? toId(checkout.customer.id, "checkout.customer.id") : null,
    shopifyCreated: createdAt,
    shopifyUpdated: optionalDate(checkout.updatedAt, "checkout.updatedAt") ?? createdAt,
    completedAt: optionalDate(checkout.completedAt, "checkout.completedAt"),
    totalMinor: checkout.totalPriceSet
      ? BigInt(shopMinor(checkout.totalPriceSet, { code: shopCurrency }, "checkout.totalPriceSet"))
      : null,
  };
}
