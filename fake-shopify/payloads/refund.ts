import { CHILD_KIND, childId, gid } from "../ids";
import {
  formatMinor,
  moneySet,
  mulDivRound,
  presentmentCurrencyOf,
  shopAmount,
  toPresentmentMinor,
} from "../money";
import type { MoneyContext, MoneySet } from "../money";
import { formatShopTime, toDate } from "../shop-time";
import { buildLineItem, taxLines } from "./line-item";
import {
  findLineIndex,
  lineItemIdOf,
  lineSubtotalMinor,
  orderMoneyContext,
  shippingLineIdOf,
} from "./order-input";
import type { OrderInput, RefundInput } from "./order-input";

/** What one refund gives back, in shop minor units. */
export interface RefundTotals {
  lineSubtotalMinor: number;
  lineTaxMinor: number;
  shippingMinor: number;
  shippingTaxMinor: number;
  /** Money returned to the buyer: the refund transaction's amount. */
  transactionMinor: number;
  quantityByLineIndex: Map<number, number>;
}

interface ResolvedRefundLine {
  index: number;
  quantity: number;
  subtotalMinor: number;
  taxMinor: number;
  restockType: string;
}

function resolveLines(order: OrderInput, refund: RefundInput): ResolvedRefundLine[] {
  return (refund.lines ?? []).map((ref) => {
    const index = findLineIndex(order, ref);
    const line = order.lines[index]!;
    if (ref.quantity <= 0 || ref.quantity > line.quantity) {
      throw new RangeError(`refund ${refund.id}: quantity ${ref.quantity} out of 1..${line.quantity}`);
    }
    return {
      index,
      quantity: ref.quantity,
      subtotalMinor: ref.subtotalMinor ?? mulDivRound(lineSubtotalMinor(line), ref.quantity, line.quantity),
      taxMinor: ref.taxMinor ?? mulDivRound(line.taxMinor ?? 0, ref.quantity, line.quantity),
      restockType: ref.restockType ?? "return",
    };
  });
}

export function refundTotals(order: OrderInput, refund: RefundInput): RefundTotals {
  const lines = resolveLines(order, refund);
  const shipping = refund.shipping ?? [];
  const lineSubtotal = lines.reduce((sum, l) => sum + l.subtotalMinor, 0);
  const lineTax = lines.reduce((sum, l) => sum + l.taxMinor, 0);
  const shippingMinor = shipping.reduce((sum, s) => sum + s.amountMinor, 0);
  const shippingTax = shipping.reduce((sum, s) => sum + (s.taxMinor ?? 0), 0);
  // Tax-inclusive prices already contain the tax, so it is not added on top.
  const addedTax = order.taxesIncluded ? 0 : lineTax + shippingTax;
  const quantityByLineIndex = new Map<number, number>();
  for (const l of lines)
    quantityByLineIndex.set(l.index, (quantityByLineIndex.get(l.index) ?? 0) + l.quantity);
  return {
    lineSubtotalMinor: lineSubtotal,
    lineTaxMinor: lineTax,
    shippingMinor,
    shippingTaxMinor: shippingTax,
    transactionMinor: lineSubtotal + shippingMinor + addedTax,
    quantityByLineIndex,
  };
}

/** REST's refund line money: a float-ish JSON number beside the exact `*_set` strings. */
function legacyNumber(minor: number, ctx: MoneyContext): number {
  return Number(shopAmount(minor, ctx));
}

/** The body of refunds/create, and the shape of each `refunds[]` entry of an order payload. */
export function buildRefundPayload(order: OrderInput, refund: RefundInput) {
  const ctx = orderMoneyContext(order);
  const timeZone = order.timeZone ?? "UTC";
  const createdAt = formatShopTime(toDate(refund.createdAt), timeZone);
  const processedAt = formatShopTime(toDate(refund.processedAt ?? refund.createdAt), timeZone);
  const totals = refundTotals(order, refund);
  const zero = moneySet(0, ctx);

  const refundLineItems = resolveLines(order, refund).map((l, i) => {
    const id = childId(refund.id, CHILD_KIND.refundLineItem, i);
    return {
      id,
      line_item_id: lineItemIdOf(order, l.index),
      location_id: null,
      quantity: l.quantity,
      restock_type: l.restockType,
      subtotal: legacyNumber(l.subtotalMinor, ctx),
      subtotal_set: moneySet(l.subtotalMinor, ctx),
      total_tax: legacyNumber(l.taxMinor, ctx),
      total_tax_set: moneySet(l.taxMinor, ctx),
      line_item: buildLineItem(order, l.index, order.lines[l.index]!.quantity),
    };
  });

  const refundShippingLines = (refund.shipping ?? []).map((s, i) => {
    const shippingIndex = s.shippingIndex ?? 0;
    const shippingLine = order.shippingLines?.[shippingIndex];
    if (!shippingLine) throw new RangeError(`order ${order.id} has no shipping line ${shippingIndex}`);
    const shippingLineId = shippingLineIdOf(order, shippingIndex);
    return {
      id: childId(refund.id, CHILD_KIND.refundShippingLine, i),
      shipping_line_id: shippingLineId,
      subtotal_amount_set: moneySet(s.amountMinor, ctx),
      tax_amount_set: moneySet(s.taxMinor ?? 0, ctx),
      shipping_line: {
        id: shippingLineId,
        title: shippingLine.title ?? "Standard",
        price: shopAmount(shippingLine.priceMinor, ctx),
        price_set: moneySet(shippingLine.priceMinor, ctx),
        tax_lines: taxLines(shippingLine.taxMinor, shippingLine.taxRate, shippingLine.taxTitle, ctx),
      },
    };
  });

  // Legacy REST shape: refunded shipping repeated as a negative adjustment of kind shipping_refund.
  const orderAdjustments = refund.legacyShippingAdjustment
    ? (refund.shipping ?? []).map((s, i) => ({
        id: childId(refund.id, CHILD_KIND.orderAdjustment, i),
        order_id: order.id,
        refund_id: refund.id,
        amount: shopAmount(-s.amountMinor, ctx),
        tax_amount: shopAmount(-(s.taxMinor ?? 0), ctx),
        kind: "shipping_refund",
        reason: "Shipping refund",
        amount_set: moneySet(-s.amountMinor, ctx),
        tax_amount_set: moneySet(-(s.taxMinor ?? 0), ctx),
      }))
    : [];

  const transactionId = childId(refund.id, CHILD_KIND.transaction, 0);
  const transactions =
    totals.transactionMinor > 0
      ? [
          {
            id: transactionId,
            admin_graphql_api_id: gid("OrderTransaction", transactionId),
            order_id: order.id,
            kind: "refund",
            gateway: refund.gateway ?? "shopify_payments",
            status: "success",
            message: null,
            created_at: processedAt,
            processed_at: processedAt,
            test: order.test ?? false,
            authorization: null,
            location_id: null,
            user_id: null,
            parent_id: null,
            device_id: null,
            error_code: null,
            source_name: "web",
            receipt: {},
            // REST transactions are in the buyer's (presentment) currency.
            amount: formatMinor(toPresentmentMinor(totals.transactionMinor, ctx), presentmentCurrencyOf(ctx)),
            currency: presentmentCurrencyOf(ctx),
            payment_id: `#${order.orderNumber ?? 1001}.${transactionId}`,
            total_unsettled_set: zero,
            manual_payment_gateway: false,
            amount_rounding: null,
          },
        ]
      : [];

  return {
    id: refund.id,
    admin_graphql_api_id: gid("Refund", refund.id),
    order_id: order.id,
    created_at: createdAt,
    processed_at: processedAt,
    note: refund.note ?? null,
    user_id: null,
    restock: refundLineItems.some((l) => l.restock_type !== "no_restock"),
    duties: [] as { amount_set: MoneySet }[], // duties are not modelled: none are refunded
    total_duties_set: zero,
    additional_fees: [] as unknown[],
    total_additional_fees_set: zero,
    return: null,
    refund_line_items: refundLineItems,
    refund_shipping_lines: refundShippingLines,
    order_adjustments: orderAdjustments,
    transactions,
  };
}

export type RefundPayload = ReturnType<typeof buildRefundPayload>;
