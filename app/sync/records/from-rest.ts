/**
 * Shopify REST webhook payloads (wire/rest-payloads.ts) read into normalised records (records.ts). Pure,
 * so every rule of the format (shop money only, which fields name the email and the customer) is
 * unit-tested on its own; the rows are built from the records by rows.ts.
 */
import { currencyExponent, parseMoneyToMinor } from "~/kpi/money";
import {
  isGiftCardRefundLine,
  refundPartsFromRestPayload,
  type RestMoneySet,
  type RestRefundPayload,
} from "~/kpi/refund-payload";
import type { RestCart, RestCheckout, RestCustomer, RestOrder, RestShop } from "~/sync/wire/rest-payloads";
import { optionalDate, optionalId, PayloadError, toDate, toId } from "./fields";
import type { CheckoutRecord, CustomerRecord, OrderLineRow, OrderRecord, RefundRecord } from "./records";
import type { CartRow } from "./rows";

/** Reads `*_set.shop_money`, checking it is in the shop currency (presentment money is ignored). */
function shopMinor(set: RestMoneySet | null | undefined, shopCurrency: string, field: string): number {
  if (!set) return 0;
  const { amount, currency_code: code } = set.shop_money;
  if (code !== shopCurrency)
    throw new PayloadError(`${field} is in ${code}, not the shop currency ${shopCurrency}`);
  return parseMoneyToMinor(amount, currencyExponent(code));
}

export function orderFromRest(order: RestOrder): OrderRecord {
  if (!order || typeof order !== "object") throw new PayloadError("order payload is not an object");
  const id = toId(order.id, "order.id");
  const createdAt = toDate(order.created_at, "order.created_at");
  // Shop currency: `currency` on the order is the shop currency; amounts are read from shop_money.
  const currency = order.currency ?? order.total_price_set?.shop_money.currency_code;
  if (!currency) throw new PayloadError("order has no currency");

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

  let shippingTaxMinor = 0;
  for (const line of order.shipping_lines ?? []) {
    for (const tax of line.tax_lines ?? [])
      shippingTaxMinor += shopMinor(tax.price_set, currency, "shipping_lines.tax_lines");
  }

  return {
    id,
    name: order.name ?? null,
    customerId: order.customer ? toId(order.customer.id, "order.customer.id") : null,
    email: order.email ?? order.contact_email ?? order.customer?.email ?? null,
    createdAt,
    updatedAt: optionalDate(order.updated_at, "order.updated_at"),
    processedAt: optionalDate(order.processed_at, "order.processed_at"),
    cancelledAt: optionalDate(order.cancelled_at, "order.cancelled_at"),
    test: order.test === true,
    currency,
    presentmentCurrency: order.presentment_currency ?? null,
    taxesIncluded: order.taxes_included === true,
    lines,
    discountsMinor: shopMinor(order.total_discounts_set, currency, "total_discounts_set"),
    shippingMinor: shopMinor(order.total_shipping_price_set, currency, "total_shipping_price_set"),
    shippingTaxMinor,
    taxesMinor: shopMinor(order.total_tax_set, currency, "total_tax_set"),
    dutiesMinor: shopMinor(order.original_total_duties_set, currency, "original_total_duties_set"),
    totalMinor: shopMinor(order.total_price_set, currency, "total_price_set"),
    checkoutToken: order.checkout_token ?? null,
    cartToken: order.cart_token ?? null,
    sourceName: order.source_name ?? null,
    // The embedded customer is a full one only when it has its dates (older payloads carry just the id).
    customer: order.customer?.created_at ? customerFromRest(order.customer) : null,
    // Orders carry their refunds: storing them repairs a missed refunds/create.
    refunds: (order.refunds ?? []).map(refundFromRest),
  };
}

/** Refunded shipping appears twice in REST and is counted once (app/kpi/refund-payload.ts). */
export function refundFromRest(refund: RestRefundPayload): RefundRecord {
  if (!refund || typeof refund !== "object") throw new PayloadError("refund payload is not an object");
  const createdAt = toDate(refund.created_at, "refund.created_at");
  const parts = refundPartsFromRestPayload(refund);
  const units = (refund.refund_line_items ?? []).reduce(
    (sum, line) =>
      sum + (typeof line.quantity === "number" && !isGiftCardRefundLine(line) ? line.quantity : 0),
    0,
  );
  return {
    id: toId(refund.id, "refund.id"),
    orderId: toId(refund.order_id, "refund.order_id"),
    createdAt,
    processedAt: optionalDate(refund.processed_at, "refund.processed_at"),
    ...parts,
    units,
  };
}

export function customerFromRest(customer: RestCustomer): CustomerRecord {
  if (!customer || typeof customer !== "object") throw new PayloadError("customer payload is not an object");
  return {
    id: toId(customer.id, "customer.id"),
    email: customer.email ?? null,
    phone: customer.phone ?? null,
    firstName: customer.first_name ?? null,
    lastName: customer.last_name ?? null,
    state: customer.state ?? null,
    createdAt: toDate(customer.created_at, "customer.created_at"),
    updatedAt: optionalDate(customer.updated_at, "customer.updated_at"),
  };
}

export function checkoutFromRest(checkout: RestCheckout): CheckoutRecord {
  if (!checkout || typeof checkout !== "object" || typeof checkout.token !== "string" || !checkout.token) {
    throw new PayloadError("checkout payload has no token");
  }
  const currency = checkout.currency ?? null;
  return {
    token: checkout.token,
    id: optionalId(checkout.id, "checkout.id"),
    cartToken: checkout.cart_token ?? null,
    email: checkout.email ?? null,
    customerId: checkout.customer ? toId(checkout.customer.id, "checkout.customer.id") : null,
    createdAt: toDate(checkout.created_at, "checkout.created_at"),
    updatedAt: optionalDate(checkout.updated_at, "checkout.updated_at"),
    completedAt: optionalDate(checkout.completed_at, "checkout.completed_at"),
    // A checkout's total_price is in its own currency; keep it only when that is a known currency.
    totalMinor:
      checkout.total_price != null && currency
        ? parseMoneyToMinor(checkout.total_price, currencyExponent(currency))
        : null,
  };
}

/** Carts come only by webhook, so their row is read straight from the payload. */
export function cartRowFromRest(cart: RestCart): CartRow {
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
  primaryLocale?: string;
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
  if (shop.primary_locale) {
    try {
      update.primaryLocale = Intl.getCanonicalLocales(shop.primary_locale)[0]!;
    } catch {
      throw new PayloadError(`invalid primary locale ${shop.primary_locale}`);
    }
  }
  return update;
}
