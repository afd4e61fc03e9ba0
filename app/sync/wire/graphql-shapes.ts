/**
 * The Admin GraphQL (2026-10) shapes the backfill and reconciliation read, with every nested
 * connection already flattened into an array (bulk JSONL children, or a paginated query's `nodes`).
 */
export interface GqlMoney {
  amount: string;
  currencyCode: string;
}

export interface GqlMoneyBag {
  shopMoney: GqlMoney;
  presentmentMoney?: GqlMoney | null;
}

export interface GqlTaxLine {
  priceSet: GqlMoneyBag | null;
}

export interface GqlLineItem {
  id: string;
  quantity: number;
  /** Absent in files written before the field was asked for. */
  isGiftCard?: boolean | null;
  originalUnitPriceSet: GqlMoneyBag | null;
  totalDiscountSet: GqlMoneyBag | null;
  taxLines: GqlTaxLine[];
  product: { id: string } | null;
  variant: { id: string } | null;
}

export interface GqlShippingLine {
  id: string;
  taxLines: GqlTaxLine[];
}

export interface GqlRefundLineItem {
  id: string;
  quantity: number;
  subtotalSet: GqlMoneyBag | null;
  totalTaxSet: GqlMoneyBag | null;
  lineItem?: { isGiftCard?: boolean | null } | null;
}

export interface GqlRefundShippingLine {
  id: string;
  subtotalAmountSet: GqlMoneyBag | null;
  taxAmountSet: GqlMoneyBag | null;
}

export interface GqlRefund {
  id: string;
  createdAt: string;
  duties?: { amountSet: GqlMoneyBag | null }[] | null;
  refundLineItems: GqlRefundLineItem[];
  refundShippingLines: GqlRefundShippingLine[];
}

export interface GqlOrder {
  id: string;
  name: string | null;
  email: string | null;
  createdAt: string;
  updatedAt: string | null;
  processedAt: string | null;
  cancelledAt: string | null;
  test: boolean;
  currencyCode: string;
  presentmentCurrencyCode: string | null;
  taxesIncluded: boolean;
  sourceName: string | null;
  checkoutToken: string | null;
  cartToken: string | null;
  customer: { id: string } | null;
  totalDiscountsSet: GqlMoneyBag | null;
  totalShippingPriceSet: GqlMoneyBag | null;
  totalTaxSet: GqlMoneyBag | null;
  originalTotalDutiesSet: GqlMoneyBag | null;
  totalPriceSet: GqlMoneyBag | null;
  refunds: GqlRefund[];
  lineItems: GqlLineItem[];
  shippingLines: GqlShippingLine[];
}

export interface GqlCustomer {
  id: string;
  defaultEmailAddress: { emailAddress: string | null } | null;
  firstName: string | null;
  lastName: string | null;
  state: string | null;
  createdAt: string;
  updatedAt: string | null;
}

export interface GqlAbandonedCheckout {
  id: string;
  abandonedCheckoutUrl: string;
  createdAt: string;
  updatedAt: string | null;
  completedAt: string | null;
  customer: { id: string; defaultEmailAddress: { emailAddress: string | null } | null } | null;
  totalPriceSet: GqlMoneyBag | null;
}
