/**
 * Pure mapping from Shopify REST webhook payloads to the rows ingest stores. No I/O, so every rule
 * (shop money only, dates, identity, refunded shipping counted once) is unit-tested on its own.
 */
import { currencyExponent, parseMoneyToMinor } from "~/kpi/money";
import {
  isGiftCardRefundLine,
  refundAmountsFromRestPayload,
  type RestMoneySet,
  type RestRefundPayload,
} from "~/kpi/refund-payload";
import type { RestCart, RestCheckout, RestCustomer, RestOrder, RestShop } from "./rest-payloads";

export class PayloadError extends Error {
  override name = "PayloadError";
}

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

/** Identity (docs/kpi-definitions.md, Ground rules): emails are trimmed and lower-cased, nothing else. */
export function normaliseEmail(email: string | null | undefined): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

const DIGITS = /^\d+$/;
/** Admin GraphQL ids (gid://shopify/Order/123) end in the same numeric id REST uses. */
const GID = /^gid:\/\/shopify\/\w+\/(\d+)$/;

/**
 * A Shopify id as a bigint. Numbers are taken only while exact: a larger id must arrive as its digits
 * (parseJsonExact gives them so), never as a rounded number that would name another record.
 */
export function toId(value: unknown, field: string): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === "bigint") return value;
  if (typeof value === "string") {
    if (DIGITS.test(value)) return BigInt(value);
    const gid = GID.exec(value);
    if (gid) return BigInt(gid[1]!);
  }
  throw new PayloadError(`${field} is not a Shopify id: ${JSON.stringify(value)}`);
}

/**
 * The id as the decimal text `String(toId(value))` gives, without the bigint round trip for the usual
 * gid form (digits with no leading zero are already that text). Bulk imports call this per line item.
 */
export function toIdText(value: unknown, field: string): string {
  if (typeof value === "string") {
    const gid = GID.exec(value);
    const digits = gid?.[1];
    if (digits !== undefined && (digits.length === 1 || digits.charCodeAt(0) !== 48)) return digits;
  }
  return String(toId(value, field));
}

function optionalId(value: unknown, field: string): bigint | null {
  return value === null || value === undefined ? null : toId(value, field);
}

export function toDate(value: unknown, field: string): Date {
  const date = typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()))
    throw new PayloadError(`${field} is not a date: ${JSON.stringify(value)}`);
  return date;
}

function optionalDate(value: unknown, field: string): Date | null {
  return value === null || value === undefined || value === "" ? null : toDate(value, field);
}

/** Reads `*_set.shop_money`, checking it is in the shop currency (presentment money is ignored). */
function shopMinor(set: RestMoneySet | null | undefined, shopCurrency: string, field: string): number {
  if (!set) return 0;
  const { amount, currency_code: code } = set.shop_money;
  if (code !== shopCurrency)
    throw new PayloadError(`${field} is in ${code}, not the shop currency ${shopCurrency}`);
  return parseMoneyToMinor(amount, currencyExponent(code));
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

export function normaliseOrder(order: RestOrder): OrderRow {
  if (!order || typeof order !== "object") throw new PayloadError("order payload is not an object");
  const id = toId(order.id, "order.id");
  const createdAt = toDate(order.created_at, "order.created_at");
  // Shop currency: `currency` on the order is the shop currency; amounts are read from shop_money.
  const currency = order.currency ?? order.total_price_set?.shop_money.currency_code;
  if (!currency) throw new PayloadError("order has no currency");
  const taxesIncluded = order.taxes_included === true;

  const lines: OrderLineRow[] = (order.line_items ?? []).map((line, index) => {
    const field = `line_items[${index}]`;
    if (!Number.isInteger(line.quantity) || line.quantity < 0)
      throw new PayloadError(`${field}.quantity is not a count`);
    const priceMinor = line.price_set
      ? shopMinor(line.price_set, currency, `${field}.price_set`)
      : parseMoneyToMinor(line.price ?? "0", currencyExponent(currency));
    return {
      id: String(line.id),
      productId: line.product_id == null ? null : String(line.product_id),
      variantId: line.variant_id == null ? null : String(line.variant_id),
      quantity: line.quantity,
      priceMinor,
      discountMinor: shopMinor(line.total_discount_set, currency, `${field}.total_discount_set`),
      taxMinor: (line.tax_lines ?? []).reduce(
        (sum, tax, t) => sum + shopMinor(tax.price_set, currency, `${field}.tax_lines[${t}]`),
        0,
      ),
      giftCard: line.gift_card === true,
    };
  });

  const { grossMinor, units } = orderLineSums(lines, taxesIncluded);
  let shippingMinor = shopMinor(order.total_shipping_price_set, currency, "total_shipping_price_set");
  if (taxesIncluded) {
    // Tax-inclusive shipping prices contain their tax; Shipping is reported without it, as gross is.
    for (const line of order.shipping_lines ?? []) {
      for (const tax of line.tax_lines ?? [])
        shippingMinor -= shopMinor(tax.price_set, currency, "shipping_lines.tax_lines");
    }
  }

  return {
    id,
    name: order.name ?? null,
    customerId: order.customer ? toId(order.customer.id, "order.customer.id") : null,
    email: normaliseEmail(order.email ?? order.contact_email ?? order.customer?.email),
    orderedAt: optionalDate(order.processed_at, "order.processed_at") ?? createdAt,
    shopifyCreated: createdAt,
    shopifyUpdated: optionalDate(order.updated_at, "order.updated_at") ?? createdAt,
    cancelledAt: optionalDate(order.cancelled_at, "order.cancelled_at"),
    test: order.test === true,
    currency,
    presentmentCurrency: order.presentment_currency ?? null,
    taxesIncluded,
    grossMinor: BigInt(grossMinor),
    discountsMinor: BigInt(shopMinor(order.total_discounts_set, currency, "total_discounts_set")),
    shippingMinor: BigInt(shippingMinor),
    taxesMinor: BigInt(shopMinor(order.total_tax_set, currency, "total_tax_set")),
    dutiesMinor: BigInt(shopMinor(order.original_total_duties_set, currency, "original_total_duties_set")),
    totalMinor: BigInt(shopMinor(order.total_price_set, currency, "total_price_set")),
    units,
    lines,
    checkoutToken: order.checkout_token ?? null,
    cartToken: order.cart_token ?? null,
    sourceName: order.source_name ?? null,
  };
}

export function normaliseRefund(
  refund: RestRefundPayload,
  options: { taxesIncluded?: boolean } = {},
): RefundRow {
  if (!refund || typeof refund !== "object") throw new PayloadError("refund payload is not an object");
  const createdAt = toDate(refund.created_at, "refund.created_at");
  const amounts = refundAmountsFromRestPayload(refund, options);
  const units = (refund.refund_line_items ?? []).reduce(
    (sum, line) =>
      sum + (typeof line.quantity === "number" && !isGiftCardRefundLine(line) ? line.quantity : 0),
    0,
  );
  return {
    id: toId(refund.id, "refund.id"),
    orderId: toId(refund.order_id, "refund.order_id"),
    refundedAt: optionalDate(refund.processed_at, "refund.processed_at") ?? createdAt,
    shopifyCreated: createdAt,
    linesSubtotalMinor: BigInt(amounts.linesSubtotalMinor),
    shippingMinor: BigInt(amounts.shippingMinor),
    taxesMinor: BigInt(amounts.taxesMinor),
    dutiesMinor: BigInt(amounts.dutiesMinor),
    units,
  };
}

export function normaliseCustomer(customer: RestCustomer): CustomerRow {
  if (!customer || typeof customer !== "object") throw new PayloadError("customer payload is not an object");
  const createdAt = toDate(customer.created_at, "customer.created_at");
  return {
    id: toId(customer.id, "customer.id"),
    email: normaliseEmail(customer.email),
    phone: customer.phone ?? null,
    firstName: customer.first_name ?? null,
    lastName: customer.last_name ?? null,
    state: customer.state ?? null,
    shopifyCreated: createdAt,
    shopifyUpdated: optionalDate(customer.updated_at, "customer.updated_at") ?? createdAt,
  };
}

export function normaliseCheckout(checkout: RestCheckout): CheckoutRow {
  if (!checkout || typeof checkout !== "object" || typeof checkout.token !== "string" || !checkout.token) {
    throw new PayloadError("checkout payload has no token");
  }
  const createdAt = toDate(checkout.created_at, "checkout.created_at");
  const currency = checkout.currency ?? null;
  return {
    token: checkout.token,
    id: optionalId(checkout.id, "checkout.id"),
    cartToken: checkout.cart_token ?? null,
    email: normaliseEmail(checkout.email),
    customerId: checkout.customer ? toId(checkout.customer.id, "checkout.customer.id") : null,
    shopifyCreated: createdAt,
    shopifyUpdated: optionalDate(checkout.updated_at, "checkout.updated_at") ?? createdAt,
    completedAt: optionalDate(checkout.completed_at, "checkout.completed_at"),
    // A checkout's total_price is in its own currency; keep it only when that is a known currency.
    totalMinor:
      checkout.total_price != null && currency
        ? BigInt(parseMoneyToMinor(checkout.total_price, currencyExponent(currency)))
        : null,
  };
}

export function normaliseCart(cart: RestCart): CartRow {
  if (!cart || typeof cart !== "object" || typeof cart.token !== "string" || !cart.token) {
    throw new PayloadError("cart payload has no token");
  }
  const createdAt = toDate(cart.created_at, "cart.created_at");
  return {
    token: cart.token,
    shopifyCreated: createdAt,
    shopifyUpdated: optionalDate(cart.updated_at, "cart.updated_at") ?? createdAt,
    units: (cart.line_items ?? []).reduce(
      (sum, line) => sum + (Number.isInteger(line.quantity) ? line.quantity : 0),
      0,
    ),
  };
}

export interface ShopUpdate {
  shopifyId?: bigint;
  name?: string;
  currency?: string;
  timezone?: string;
  taxesIncluded?: boolean;
}

export function normaliseShop(shop: RestShop): ShopUpdate {
  const update: ShopUpdate = {};
  if (shop.id != null) update.shopifyId = toId(shop.id, "shop.id");
  if (shop.name) update.name = shop.name;
  if (shop.currency) update.currency = shop.currency;
  if (shop.iana_timezone) {
    // Reject names Intl does not know: bucketing by an unknown zone would silently fall back to UTC.
    try {
      new Intl.DateTimeFormat("en", { timeZone: shop.iana_timezone });
      update.timezone = shop.iana_timezone;
    } catch {
      throw new PayloadError(`unknown IANA timezone ${shop.iana_timezone}`);
    }
  }
  if (typeof shop.taxes_included === "boolean") update.taxesIncluded = shop.taxes_included;
  return update;
}
