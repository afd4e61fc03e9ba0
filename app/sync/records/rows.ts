/**
 * The one builder of stored rows: every normalised record, whichever wire format it came in, becomes
 * its order, refund, customer and checkout rows here, under the rules of docs/kpi-definitions.md. The
 * writers (app/sync/write/) store these rows and nothing else.
 */
import { refundAmounts } from "~/kpi/refund-payload";
import { normaliseEmail } from "./fields";
import type { CheckoutRecord, CustomerRecord, OrderLineRow, OrderRecord, RefundRecord } from "./records";

export type { OrderLineRow } from "./records";

export interface OrderRow {
  id: bigint;
  name: string | null;
  customerId: bigint | null;
  email: string | null;
  orderedAt: Date;
  shopifyCreated: Date;
  shopifyUpdated: Date;
  cancelledAt: Date | null;
  test: boolean;
  currency: string;
  presentmentCurrency: string | null;
  taxesIncluded: boolean;
  grossMinor: bigint;
  discountsMinor: bigint;
  shippingMinor: bigint;
  taxesMinor: bigint;
  dutiesMinor: bigint;
  totalMinor: bigint;
  units: number;
  lines: OrderLineRow[];
  checkoutToken: string | null;
  cartToken: string | null;
  sourceName: string | null;
}

export interface RefundRow {
  id: bigint;
  orderId: bigint;
  refundedAt: Date;
  shopifyCreated: Date;
  linesSubtotalMinor: bigint;
  shippingMinor: bigint;
  taxesMinor: bigint;
  dutiesMinor: bigint;
  units: number;
}

export interface CustomerRow {
  id: bigint;
  email: string | null;
  /** Not stored: only checked against the shop's customer tombstones. */
  phone?: string | null;
  firstName: string | null;
  lastName: string | null;
  state: string | null;
  shopifyCreated: Date;
  shopifyUpdated: Date;
}

export interface CheckoutRow {
  token: string;
  id: bigint | null;
  cartToken: string | null;
  email: string | null;
  customerId: bigint | null;
  shopifyCreated: Date;
  shopifyUpdated: Date;
  completedAt: Date | null;
  totalMinor: bigint | null;
}

export interface CartRow {
  token: string;
  shopifyCreated: Date;
  shopifyUpdated: Date;
  units: number;
}

/** An order's rows: the order, its refunds, and its customer when the wire format carried one in full. */
export interface OrderRows {
  order: OrderRow;
  refunds: RefundRow[];
  customer: CustomerRow | null;
}

/**
 * Gross sales (Σ price × quantity, included taxes out) and units of an order's lines, gift cards sold left
 * out (docs/decisions/0025), as app/kpi/order-amounts.ts computes them.
 */
export function orderLineSums(
  lines: readonly OrderLineRow[],
  taxesIncluded: boolean,
): { grossMinor: number; units: number } {
  let grossMinor = 0;
  let units = 0;
  for (const line of lines) {
    if (line.giftCard) continue;
    grossMinor += line.priceMinor * line.quantity - (taxesIncluded ? line.taxMinor : 0);
    units += line.quantity;
  }
  return { grossMinor, units };
}

export function orderRows(record: OrderRecord): OrderRows {
  const { taxesIncluded } = record;
  const { grossMinor, units } = orderLineSums(record.lines, taxesIncluded);
  // Tax-inclusive shipping prices contain their tax; Shipping is reported without it, as gross is.
  const shippingMinor = taxesIncluded ? record.shippingMinor - record.shippingTaxMinor : record.shippingMinor;
  const order: OrderRow = {
    id: record.id,
    name: record.name,
    customerId: record.customerId,
    email: normaliseEmail(record.email),
    // Booked on processed_at as Shopify's reports are (it differs from created_at for imported orders).
    orderedAt: record.processedAt ?? record.createdAt,
    shopifyCreated: record.createdAt,
    shopifyUpdated: record.updatedAt ?? record.createdAt,
    cancelledAt: record.cancelledAt,
    test: record.test,
    currency: record.currency,
    presentmentCurrency: record.presentmentCurrency,
    taxesIncluded,
    grossMinor: BigInt(grossMinor),
    discountsMinor: BigInt(record.discountsMinor),
    shippingMinor: BigInt(shippingMinor),
    taxesMinor: BigInt(record.taxesMinor),
    dutiesMinor: BigInt(record.dutiesMinor),
    totalMinor: BigInt(record.totalMinor),
    units,
    lines: record.lines,
    checkoutToken: record.checkoutToken,
    cartToken: record.cartToken,
    sourceName: record.sourceName,
  };
  return {
    order,
    refunds: record.refunds.map((refund) => refundRow(refund, taxesIncluded)),
    customer: record.customer ? customerRow(record.customer) : null,
  };
}

/** `taxesIncluded`: the order's (or, for a refund that comes alone, the shop's) tax setting. */
export function refundRow(record: RefundRecord, taxesIncluded: boolean): RefundRow {
  const amounts = refundAmounts(record, { taxesIncluded });
  return {
    id: record.id,
    orderId: record.orderId,
    refundedAt: record.processedAt ?? record.createdAt,
    shopifyCreated: record.createdAt,
    linesSubtotalMinor: BigInt(amounts.linesSubtotalMinor),
    shippingMinor: BigInt(amounts.shippingMinor),
    taxesMinor: BigInt(amounts.taxesMinor),
    dutiesMinor: BigInt(amounts.dutiesMinor),
    units: record.units,
  };
}

export function customerRow(record: CustomerRecord): CustomerRow {
  return {
    id: record.id,
    email: normaliseEmail(record.email),
    phone: record.phone,
    firstName: record.firstName,
    lastName: record.lastName,
    state: record.state,
    shopifyCreated: record.createdAt,
    shopifyUpdated: record.updatedAt ?? record.createdAt,
  };
}

export function checkoutRow(record: CheckoutRecord): CheckoutRow {
  return {
    token: record.token,
    id: record.id,
    cartToken: record.cartToken,
    email: normaliseEmail(record.email),
    customerId: record.customerId,
    shopifyCreated: record.createdAt,
    shopifyUpdated: record.updatedAt ?? record.createdAt,
    completedAt: record.completedAt,
    totalMinor: record.totalMinor === null ? null : BigInt(record.totalMinor),
  };
}
