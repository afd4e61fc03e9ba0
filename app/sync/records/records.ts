/**
 * The normalised records both wire formats are read into (from-rest.ts, from-graphql.ts): ids, dates and
 * shop-money amounts decoded, nothing derived yet. The rules that turn a record into stored rows (gross
 * sales, units, pre-tax shipping and returns, booking dates, identity) are applied once, in rows.ts.
 */
import type { RefundParts } from "~/kpi/refund-payload";

/** An order line as it is stored (the order's `lines` JSON); both formats give every field directly. */
export interface OrderLineRow {
  id: string;
  productId: string | null;
  variantId: string | null;
  quantity: number;
  priceMinor: number;
  discountMinor: number;
  taxMinor: number;
  /** A gift card sold: left out of gross sales and units (docs/decisions/0025). */
  giftCard: boolean;
}

export interface CustomerRecord {
  id: bigint;
  /** As Shopify sent it; normalised by the row builder. */
  email: string | null;
  phone: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Lower-case, as webhooks send it ("enabled"). */
  state: string | null;
  createdAt: Date;
  updatedAt: Date | null;
}

/** Amounts (RefundParts) in shop-currency minor units, as Shopify states them. */
export interface RefundRecord extends RefundParts {
  id: bigint;
  orderId: bigint;
  createdAt: Date;
  processedAt: Date | null;
  /** Refunded units, gift cards left out. */
  units: number;
}

export interface OrderRecord {
  id: bigint;
  name: string | null;
  customerId: bigint | null;
  /** The order's contact email as Shopify sent it; normalised by the row builder. */
  email: string | null;
  createdAt: Date;
  updatedAt: Date | null;
  processedAt: Date | null;
  cancelledAt: Date | null;
  test: boolean;
  /** The shop currency, which every amount is in. */
  currency: string;
  presentmentCurrency: string | null;
  taxesIncluded: boolean;
  lines: OrderLineRow[];
  discountsMinor: number;
  /** Shipping as charged (tax-inclusive in a tax-inclusive shop), and the tax of the shipping lines. */
  shippingMinor: number;
  shippingTaxMinor: number;
  taxesMinor: number;
  dutiesMinor: number;
  totalMinor: number;
  checkoutToken: string | null;
  cartToken: string | null;
  sourceName: string | null;
  /** The customer in full, when the wire format carries it with the order (REST webhooks). */
  customer: CustomerRecord | null;
  refunds: RefundRecord[];
}

export interface CheckoutRecord {
  token: string;
  id: bigint | null;
  cartToken: string | null;
  email: string | null;
  customerId: bigint | null;
  createdAt: Date;
  updatedAt: Date | null;
  completedAt: Date | null;
  /** In shop-currency minor units; null when unknown. */
  totalMinor: number | null;
}
