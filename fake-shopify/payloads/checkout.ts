import { tokenFrom } from "../ids";
import { formatMinor, presentmentCurrencyOf, toPresentmentMinor } from "../money";
import type { MoneyContext, PresentmentCurrency } from "../money";
import { formatShopTime, toDate } from "../shop-time";
import type { DateInput } from "../shop-time";
import { buildCustomerPayload } from "./customer";
import type { CustomerInput } from "./customer";

export interface CheckoutLineInput {
  variantId: number;
  productId: number;
  title?: string;
  sku?: string | null;
  quantity: number;
  unitPriceMinor: number;
}

export interface CheckoutInput {
  id: number;
  /** Defaults to a token derived from the id; an order created from it carries the same checkout_token. */
  token?: string;
  cartToken?: string | null;
  email?: string | null;
  createdAt: DateInput;
  updatedAt?: DateInput;
  /** Set once the checkout became an order. */
  completedAt?: DateInput | null;
  currency: string;
  presentment?: PresentmentCurrency;
  taxesIncluded?: boolean;
  timeZone?: string;
  customer?: CustomerInput | null;
  lines: CheckoutLineInput[];
  taxMinor?: number;
  shopDomain?: string;
}

/**
 * checkouts/create|update. Unlike orders, checkout money is plain strings in the buyer's
 * presentment currency, with no `*_set` pairs.
 */
export function buildCheckoutPayload(input: CheckoutInput) {
  const timeZone = input.timeZone ?? "UTC";
  const ctx: MoneyContext = input.presentment
    ? { shopCurrency: input.currency, presentment: input.presentment }
    : { shopCurrency: input.currency };
  const presentmentCurrency = presentmentCurrencyOf(ctx);
  const price = (shopMinor: number) => formatMinor(toPresentmentMinor(shopMinor, ctx), presentmentCurrency);
  const token = input.token ?? tokenFrom(`checkout:${input.id}`);
  const subtotalMinor = input.lines.reduce((sum, l) => sum + l.unitPriceMinor * l.quantity, 0);
  const taxMinor = input.taxMinor ?? 0;
  const totalMinor = subtotalMinor + (input.taxesIncluded ? 0 : taxMinor);
  const createdAt = toDate(input.createdAt);
  const email = input.email !== undefined ? input.email : (input.customer?.email ?? null);
  const shopDomain = input.shopDomain ?? "example.myshopify.com";

  return {
    id: input.id,
    token,
    cart_token: input.cartToken ?? null,
    email,
    gateway: null,
    buyer_accepts_marketing: false,
    buyer_accepts_sms_marketing: false,
    sms_marketing_phone: null,
    created_at: formatShopTime(createdAt, timeZone),
    updated_at: formatShopTime(toDate(input.updatedAt ?? createdAt), timeZone),
    completed_at: input.completedAt ? formatShopTime(toDate(input.completedAt), timeZone) : null,
    closed_at: null,
    landing_site: null,
    note: null,
    note_attributes: [] as unknown[],
    referring_site: null,
    shipping_lines: [] as unknown[],
    taxes_included: input.taxesIncluded ?? false,
    total_weight: 0,
    currency: input.currency,
    presentment_currency: presentmentCurrency,
    user_id: null,
    location_id: null,
    source_identifier: null,
    source_url: null,
    device_id: null,
    phone: null,
    customer_locale: "en",
    name: `#${input.id}`,
    source: null,
    source_name: "web",
    abandoned_checkout_url: `https://${shopDomain}/checkouts/${token}/recover`,
    discount_codes: [] as unknown[],
    tax_lines: [] as unknown[],
    line_items: input.lines.map((line) => ({
      key: tokenFrom(`checkout-line:${input.id}:${line.variantId}`),
      variant_id: line.variantId,
      product_id: line.productId,
      title: line.title ?? "Item",
      presentment_title: line.title ?? "Item",
      variant_title: null,
      presentment_variant_title: null,
      sku: line.sku ?? null,
      vendor: null,
      quantity: line.quantity,
      price: price(line.unitPriceMinor),
      line_price: price(line.unitPriceMinor * line.quantity),
      compare_at_price: null,
      applied_discounts: [] as unknown[],
      discount_allocations: [] as unknown[],
      tax_lines: [] as unknown[],
      taxable: taxMinor > 0,
      requires_shipping: true,
      gift_card: false,
      grams: 0,
      fulfillment_service: "manual",
      properties: null,
      unit_price_measurement: null,
    })),
    subtotal_price: price(subtotalMinor),
    total_discounts: price(0),
    total_duties: null,
    total_line_items_price: price(subtotalMinor),
    total_price: price(totalMinor),
    total_tax: price(taxMinor),
    billing_address: null,
    shipping_address: null,
    customer: input.customer ? buildCustomerPayload({ timeZone, ...input.customer }) : null,
  };
}

export type CheckoutPayload = ReturnType<typeof buildCheckoutPayload>;
