/**
 * Plain records the KPI maths reads. Every money field is integer minor units of the SHOP currency
 * (Shopify's `shop_money`), never the presentment currency.
 */

export interface KpiOrderLine {
  readonly quantity: number;
  /** Unit price, before discounts. */
  readonly priceMinor: number;
  /** Tax included in the line's price, for all its units (only read when the order's prices include tax). */
  readonly includedTaxMinor?: number;
  /**
   * A gift card sold (`gift_card` / `isGiftCard`): money taken for goods not yet delivered, which Shopify
   * keeps out of its sales as a liability. It counts in neither gross sales nor units
   * (docs/decisions/0025-gift-cards-are-not-sales.md).
   */
  readonly giftCard?: boolean;
}

export interface KpiOrder {
  readonly id: string;
  readonly customerId: string | null;
  readonly email: string | null;
  readonly processedAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly test: boolean;
  readonly cancelledAt: Date | null;
  readonly deleted: boolean;
  readonly lines: readonly KpiOrderLine[];
  /** `total_discounts_set`. */
  readonly discountsMinor: number;
  readonly shippingMinor: number;
  readonly taxesMinor: number;
  readonly dutiesMinor: number;
  /** Shop prices include tax (`taxes_included`): gross sales take the included line taxes out. */
  readonly taxesIncluded: boolean;
  readonly checkoutToken: string | null;
  readonly cartToken: string | null;
}

export interface KpiRefundAmounts {
  /** Refunded line-item subtotals: pre-tax, after discounts. */
  readonly linesSubtotalMinor: number;
  readonly shippingMinor: number;
  readonly taxesMinor: number;
  readonly dutiesMinor: number;
}

export interface KpiRefund extends KpiRefundAmounts {
  readonly id: string;
  readonly orderId: string;
  readonly processedAt: Date | null;
  readonly createdAt: Date;
}

export interface KpiCheckout {
  readonly token: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly completedAt: Date | null;
}

/** One version of a cart, as one webhook delivered it. */
export interface KpiCart {
  readonly token: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Delivered by `carts/create` (not `carts/update`): a cart exists, for the KPIs, only once this is seen. */
  readonly fromCreate: boolean;
}

export interface KpiCustomer {
  readonly id: string;
  readonly email: string | null;
  readonly createdAt: Date;
}

export interface KpiInput {
  readonly orders: readonly KpiOrder[];
  readonly refunds: readonly KpiRefund[];
  readonly checkouts: readonly KpiCheckout[];
  readonly carts: readonly KpiCart[];
  readonly customers: readonly KpiCustomer[];
}

/** A ratio with the numbers that went into it; `value` is null when the denominator is 0. */
export interface Ratio {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number;
}
