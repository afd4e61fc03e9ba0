import { CHILD_KIND, childId } from "../ids";
import type { MoneyContext, PresentmentCurrency } from "../money";
import type { DateInput } from "../shop-time";
import type { CustomerInput } from "./customer";

/** One line of an order. Money is in shop-currency minor units; totals are for all units. */
export interface OrderLineInput {
  id?: number;
  title?: string;
  variantTitle?: string | null;
  sku?: string | null;
  productId?: number | null;
  variantId?: number | null;
  quantity: number;
  unitPriceMinor: number;
  /** Discount allocated to this line, all units together. */
  discountMinor?: number;
  /** Tax charged on this line, all units together (included in the price when taxesIncluded). */
  taxMinor?: number;
  taxRate?: string;
  taxTitle?: string;
  /** A gift card sold (`gift_card: true`). */
  giftCard?: boolean;
}

export interface ShippingLineInput {
  id?: number;
  title?: string;
  priceMinor: number;
  taxMinor?: number;
  taxRate?: string;
  taxTitle?: string;
}

export interface RefundLineInput {
  /** The order line, by index in `OrderInput.lines` or by its line item id. */
  lineIndex?: number;
  lineItemId?: number;
  quantity: number;
  /** Defaults to the line's (price × qty − discount) share for these units. */
  subtotalMinor?: number;
  /** Defaults to the line's tax share for these units. */
  taxMinor?: number;
  restockType?: "no_restock" | "cancel" | "return" | "legacy_restock";
}

export interface RefundShippingInput {
  /** The order's shipping line, by index; defaults to the first. */
  shippingIndex?: number;
  amountMinor: number;
  taxMinor?: number;
}

export interface RefundInput {
  id: number;
  createdAt: DateInput;
  processedAt?: DateInput;
  note?: string | null;
  lines?: RefundLineInput[];
  shipping?: RefundShippingInput[];
  /**
   * Since API 2024-10 refunds/create no longer lists refunded shipping as an order adjustment
   * (it is only in refund_shipping_lines). Older payloads, and the REST Refund resource, also
   * carried it as `order_adjustments[kind=shipping_refund]`. Set this to reproduce that duplicate.
   */
  legacyShippingAdjustment?: boolean;
  gateway?: string;
}

export type FinancialStatus =
  "pending" | "authorized" | "partially_paid" | "paid" | "partially_refunded" | "refunded" | "voided";

export type CancelReason = "customer" | "declined" | "fraud" | "inventory" | "staff" | "other";

export interface OrderInput {
  id: number;
  /** Sequential order number; `name` is "#" + it. */
  orderNumber?: number;
  createdAt: DateInput;
  updatedAt?: DateInput;
  /** Differs from createdAt for imported orders. */
  processedAt?: DateInput;
  cancelledAt?: DateInput | null;
  cancelReason?: CancelReason | null;
  test?: boolean;
  currency: string;
  presentment?: PresentmentCurrency;
  taxesIncluded?: boolean;
  /** Shop IANA time zone; timestamps are written with its offset. */
  timeZone?: string;
  email?: string | null;
  customer?: CustomerInput | null;
  lines: OrderLineInput[];
  shippingLines?: ShippingLineInput[];
  refunds?: RefundInput[];
  financialStatus?: FinancialStatus;
  checkoutToken?: string | null;
  cartToken?: string | null;
  sourceName?: string;
}

export function orderMoneyContext(order: OrderInput): MoneyContext {
  return order.presentment
    ? { shopCurrency: order.currency, presentment: order.presentment }
    : { shopCurrency: order.currency };
}

export function lineItemIdOf(order: OrderInput, index: number): number {
  return order.lines[index]?.id ?? childId(order.id, CHILD_KIND.lineItem, index);
}

export function shippingLineIdOf(order: OrderInput, index: number): number {
  return order.shippingLines?.[index]?.id ?? childId(order.id, CHILD_KIND.shippingLine, index);
}

export function lineGrossMinor(line: OrderLineInput): number {
  return line.unitPriceMinor * line.quantity;
}

/** Price × quantity − discount: what Shopify calls the line's subtotal. */
export function lineSubtotalMinor(line: OrderLineInput): number {
  return lineGrossMinor(line) - (line.discountMinor ?? 0);
}

export function findLineIndex(order: OrderInput, ref: RefundLineInput): number {
  if (ref.lineIndex !== undefined) {
    if (!order.lines[ref.lineIndex]) throw new RangeError(`order ${order.id} has no line ${ref.lineIndex}`);
    return ref.lineIndex;
  }
  const index = order.lines.findIndex((_, i) => lineItemIdOf(order, i) === ref.lineItemId);
  if (index < 0) throw new RangeError(`order ${order.id} has no line item ${String(ref.lineItemId)}`);
  return index;
}
