/**
 * Reads refund amounts from a Shopify REST refund payload (webhook `refunds/create`, or an order's
 * `refunds[]`), in shop money only. Refunded shipping shows up twice in REST — in
 * `refund_shipping_lines` and as an `order_adjustments` entry of kind `shipping_refund` — and is
 * counted once: from the shipping lines when present, otherwise from the adjustments.
 */
import { currencyExponent, parseMoneyToMinor } from "./money";
import type { KpiRefund, KpiRefundAmounts } from "./types";

export interface RestMoney {
  readonly amount: string;
  readonly currency_code: string;
}

export interface RestMoneySet {
  readonly shop_money: RestMoney;
  readonly presentment_money?: RestMoney;
}

export interface RestRefundPayload {
  readonly id: number | string;
  readonly order_id: number | string;
  readonly created_at: string;
  readonly processed_at?: string | null;
  readonly refund_line_items?: readonly {
    readonly quantity?: number;
    readonly subtotal_set?: RestMoneySet | null;
    readonly total_tax_set?: RestMoneySet | null;
    readonly line_item?: { readonly gift_card?: boolean | null } | null;
  }[];
  readonly refund_shipping_lines?: readonly {
    readonly subtotal_amount_set?: RestMoneySet | null;
    readonly tax_amount_set?: RestMoneySet | null;
  }[];
  readonly order_adjustments?: readonly {
    readonly kind?: string | null;
    readonly amount_set?: RestMoneySet | null;
    readonly tax_amount_set?: RestMoneySet | null;
  }[];
  readonly duties?: readonly { readonly amount_set?: RestMoneySet | null }[];
}

export interface RefundPayloadOptions {
  /**
   * The order's `taxes_included`. Line subtotals of tax-inclusive shops contain the tax, which is
   * taken out so Returns stay pre-tax like gross sales.
   */
  readonly taxesIncluded?: boolean;
}

/** Parses shop money, checking every amount of one refund is in the same (shop) currency. */
function shopMoneyReader(): (set: RestMoneySet | null | undefined) => number {
  let currency: string | null = null;
  return (set) => {
    if (!set) return 0;
    const { amount, currency_code: code } = set.shop_money;
    if (currency !== null && code !== currency)
      throw new RangeError(`Refund mixes shop currencies ${currency} and ${code}`);
    currency = code;
    return parseMoneyToMinor(amount, currencyExponent(code));
  };
}

/** A refund line of a gift card sold (REST `line_item.gift_card`). */
export function isGiftCardRefundLine(
  line: NonNullable<RestRefundPayload["refund_line_items"]>[number],
): boolean {
  return line.line_item?.gift_card === true;
}

/**
 * A refund's amounts as Shopify states them, whatever the wire format: line subtotals (gift cards left
 * out) and their taxes, refunded shipping counted once and its tax, duties. Positive minor units.
 */
export interface RefundParts {
  readonly linesSubtotalMinor: number;
  readonly lineTaxesMinor: number;
  readonly shippingMinor: number;
  readonly shippingTaxMinor: number;
  readonly dutiesMinor: number;
}

/** The amounts the KPIs count: Returns stay pre-tax like gross sales, so tax-inclusive subtotals lose their tax. */
export function refundAmounts(parts: RefundParts, options: RefundPayloadOptions = {}): KpiRefundAmounts {
  return {
    linesSubtotalMinor: options.taxesIncluded
      ? parts.linesSubtotalMinor - parts.lineTaxesMinor
      : parts.linesSubtotalMinor,
    shippingMinor: parts.shippingMinor,
    taxesMinor: parts.lineTaxesMinor + parts.shippingTaxMinor,
    dutiesMinor: parts.dutiesMinor,
  };
}

export function refundPartsFromRestPayload(refund: RestRefundPayload): RefundParts {
  const shopMinor = shopMoneyReader();
  let linesSubtotalMinor = 0;
  let lineTaxesMinor = 0;
  for (const line of refund.refund_line_items ?? []) {
    // A gift card refunded was never a sale (docs/decisions/0025): it is no return either.
    if (!isGiftCardRefundLine(line)) linesSubtotalMinor += shopMinor(line.subtotal_set);
    lineTaxesMinor += shopMinor(line.total_tax_set);
  }

  const shippingLines = refund.refund_shipping_lines ?? [];
  const shippingAdjustments = (refund.order_adjustments ?? []).filter((a) => a.kind === "shipping_refund");
  // Adjustments are signed negative (money leaving the shop); only the size matters here.
  const adjustmentShipping = shippingAdjustments.reduce(
    (sum, a) => sum + Math.abs(shopMinor(a.amount_set)),
    0,
  );
  const adjustmentShippingTax = shippingAdjustments.reduce(
    (sum, a) => sum + Math.abs(shopMinor(a.tax_amount_set)),
    0,
  );

  let shippingMinor = adjustmentShipping;
  let shippingTaxMinor = adjustmentShippingTax;
  if (shippingLines.length > 0) {
    shippingMinor = shippingLines.reduce((sum, l) => sum + Math.abs(shopMinor(l.subtotal_amount_set)), 0);
    if (shippingLines.some((l) => l.tax_amount_set)) {
      shippingTaxMinor = shippingLines.reduce((sum, l) => sum + Math.abs(shopMinor(l.tax_amount_set)), 0);
    }
  }

  const dutiesMinor = (refund.duties ?? []).reduce((sum, d) => sum + shopMinor(d.amount_set), 0);
  return { linesSubtotalMinor, lineTaxesMinor, shippingMinor, shippingTaxMinor, dutiesMinor };
}

export function refundAmountsFromRestPayload(
  refund: RestRefundPayload,
  options: RefundPayloadOptions = {},
): KpiRefundAmounts {
  return refundAmounts(refundPartsFromRestPayload(refund), options);
}

/** The full KPI refund record of a REST refund payload. */
export function kpiRefundFromRestPayload(
  refund: RestRefundPayload,
  options: RefundPayloadOptions = {},
): KpiRefund {
  return {
    id: String(refund.id),
    orderId: String(refund.order_id),
    createdAt: new Date(refund.created_at),
    processedAt: refund.processed_at ? new Date(refund.processed_at) : null,
    ...refundAmountsFromRestPayload(refund, options),
  };
}
