/**
 * The fake's records are Admin GraphQL objects. They are made from the REST payload builders (already
 * checked against Shopify's webhook shapes), so the same order reaches the app identically through a
 * webhook and through the Admin API.
 */
import { gid } from "../ids";
import type { CheckoutPayload } from "../payloads/checkout";
import type { CustomerPayload } from "../payloads/customer";
import type { OrderPayload } from "../payloads/order";

interface RestMoney {
  amount: string;
  currency_code: string;
}
interface RestMoneySet {
  shop_money: RestMoney;
  presentment_money: RestMoney;
}

export interface GqlMoneyBagObject {
  shopMoney: { amount: string; currencyCode: string };
  presentmentMoney: { amount: string; currencyCode: string };
}

export type FakeObject = Record<string, unknown> & {
  __typename: string;
  id: string;
  updatedAt: string;
  createdAt: string;
};

const bag = (set: RestMoneySet | null | undefined): GqlMoneyBagObject | null =>
  set
    ? {
        shopMoney: { amount: set.shop_money.amount, currencyCode: set.shop_money.currency_code },
        presentmentMoney: {
          amount: set.presentment_money.amount,
          currencyCode: set.presentment_money.currency_code,
        },
      }
    : null;

/** GraphQL DateTime: UTC, whole seconds. */
export const utc = (value: string | Date | null | undefined): string | null =>
  value ? new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z") : null;

const taxLines = (lines: { price_set: RestMoneySet; rate?: number; title?: string }[] | undefined) =>
  (lines ?? []).map((t) => ({ priceSet: bag(t.price_set), rate: t.rate ?? null, title: t.title ?? "Tax" }));

export function customerObject(rest: CustomerPayload): FakeObject {
  return {
    __typename: "Customer",
    id: gid("Customer", rest.id),
    firstName: rest.first_name,
    lastName: rest.last_name,
    state: String(rest.state).toUpperCase(),
    createdAt: utc(rest.created_at)!,
    updatedAt: utc(rest.updated_at)!,
    defaultEmailAddress: rest.email ? { emailAddress: rest.email } : null,
  };
}

export function orderObject(rest: OrderPayload): FakeObject {
  const r = rest as unknown as Record<string, unknown> & OrderPayload;
  const refunds = (r.refunds ?? []) as unknown as Record<string, unknown>[];
  return {
    __typename: "Order",
    id: gid("Order", rest.id),
    name: rest.name,
    email: rest.email,
    createdAt: utc(rest.created_at)!,
    updatedAt: utc(rest.updated_at)!,
    processedAt: utc(rest.processed_at)!,
    cancelledAt: utc(rest.cancelled_at),
    test: rest.test,
    currencyCode: rest.currency,
    presentmentCurrencyCode: rest.presentment_currency,
    taxesIncluded: rest.taxes_included,
    sourceName: rest.source_name,
    checkoutToken: rest.checkout_token,
    cartToken: rest.cart_token,
    customer: rest.customer ? customerObject(rest.customer) : null,
    totalDiscountsSet: bag(rest.total_discounts_set),
    totalShippingPriceSet: bag(rest.total_shipping_price_set),
    totalTaxSet: bag(rest.total_tax_set),
    originalTotalDutiesSet: bag(rest.original_total_duties_set as RestMoneySet | null),
    totalPriceSet: bag(rest.total_price_set),
    lineItems: rest.line_items.map((line) => ({
      __typename: "LineItem",
      id: gid("LineItem", line.id),
      quantity: line.quantity,
      name: line.name,
      sku: line.sku,
      isGiftCard: line.gift_card === true,
      originalUnitPriceSet: bag(line.price_set),
      totalDiscountSet: bag(line.total_discount_set),
      taxLines: taxLines(line.tax_lines as never),
      product: line.product_id ? { id: gid("Product", line.product_id) } : null,
      variant: line.variant_id ? { id: gid("ProductVariant", line.variant_id) } : null,
    })),
    shippingLines: (rest.shipping_lines ?? []).map((line) => ({
      __typename: "ShippingLine",
      id: gid("ShippingLine", line.id),
      title: line.title,
      originalPriceSet: bag(line.price_set),
      taxLines: taxLines(line.tax_lines as never),
    })),
    refunds: refunds.map((refund) => ({
      __typename: "Refund",
      id: gid("Refund", refund.id as number),
      createdAt: utc(refund.created_at as string),
      updatedAt: utc(refund.created_at as string),
      note: refund.note ?? null,
      duties: [],
      totalRefundedSet: bag(refund.total_duties_set as RestMoneySet),
      refundLineItems: ((refund.refund_line_items ?? []) as Record<string, unknown>[]).map((line) => ({
        __typename: "RefundLineItem",
        id: gid("RefundLineItem", line.id as number),
        quantity: line.quantity,
        subtotalSet: bag(line.subtotal_set as RestMoneySet),
        totalTaxSet: bag(line.total_tax_set as RestMoneySet),
        lineItem: {
          __typename: "LineItem",
          isGiftCard: (line.line_item as { gift_card?: boolean } | undefined)?.gift_card === true,
        },
      })),
      refundShippingLines: ((refund.refund_shipping_lines ?? []) as Record<string, unknown>[]).map(
        (line) => ({
          __typename: "RefundShippingLine",
          id: gid("RefundShippingLine", line.id as number),
          subtotalAmountSet: bag(line.subtotal_amount_set as RestMoneySet),
          taxAmountSet: bag(line.tax_amount_set as RestMoneySet),
        }),
      ),
    })),
  };
}

/** Shop money for a checkout: REST checkouts carry presentment strings only, so the builder's shop total is passed in. */
export function abandonedCheckoutObject(
  rest: CheckoutPayload,
  shopDomain: string,
  shopTotal: { amount: string; currencyCode: string },
): FakeObject {
  return {
    __typename: "AbandonedCheckout",
    id: gid("AbandonedCheckout", rest.id),
    name: `#${rest.id}`,
    // Shopify's recovery link carries the checkout token, the key webhooks use.
    abandonedCheckoutUrl: `https://${shopDomain}/checkouts/ac/${rest.token}/recover?key=${rest.token.slice(0, 16)}`,
    createdAt: utc(rest.created_at)!,
    updatedAt: utc(rest.updated_at)!,
    completedAt: utc(rest.completed_at),
    taxesIncluded: rest.taxes_included,
    customer: rest.customer ? customerObject(rest.customer) : null,
    totalPriceSet: {
      shopMoney: shopTotal,
      presentmentMoney: { amount: rest.total_price, currencyCode: rest.presentment_currency },
    },
  };
}
