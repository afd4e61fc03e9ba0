import { tokenFrom } from "../ids";
import { moneySet, shopAmount } from "../money";
import type { MoneyContext } from "../money";
import { formatShopTime, toDate } from "../shop-time";
import type { DateInput } from "../shop-time";

export interface CartLineInput {
  variantId: number;
  productId: number;
  title?: string;
  sku?: string | null;
  quantity: number;
  unitPriceMinor: number;
}

export interface CartInput {
  /** The cart token; a carts/* payload uses it as its id too. */
  token?: string;
  seed?: string;
  createdAt: DateInput;
  updatedAt?: DateInput;
  currency: string;
  timeZone?: string;
  lines: CartLineInput[];
}

/**
 * carts/create|update. A cart has no customer or email; orders link to it through
 * `cart_token`, which is why the token is the cart's only identity.
 */
export function buildCartPayload(input: CartInput) {
  const timeZone = input.timeZone ?? "UTC";
  const token =
    input.token ?? tokenFrom(`cart:${input.seed ?? formatShopTime(toDate(input.createdAt), "UTC")}`);
  const ctx: MoneyContext = { shopCurrency: input.currency };
  const createdAt = toDate(input.createdAt);
  return {
    id: token,
    token,
    line_items: input.lines.map((line) => {
      const lineMinor = line.unitPriceMinor * line.quantity;
      return {
        id: line.variantId,
        key: `${line.variantId}:${tokenFrom(`${token}:${line.variantId}`)}`,
        properties: null,
        quantity: line.quantity,
        variant_id: line.variantId,
        product_id: line.productId,
        title: line.title ?? "Item",
        sku: line.sku ?? null,
        vendor: null,
        gift_card: false,
        grams: 0,
        taxable: true,
        discounts: [] as unknown[],
        price: shopAmount(line.unitPriceMinor, ctx),
        original_price: shopAmount(line.unitPriceMinor, ctx),
        discounted_price: shopAmount(line.unitPriceMinor, ctx),
        line_price: shopAmount(lineMinor, ctx),
        original_line_price: shopAmount(lineMinor, ctx),
        total_discount: shopAmount(0, ctx),
        price_set: moneySet(line.unitPriceMinor, ctx),
        discounted_price_set: moneySet(line.unitPriceMinor, ctx),
        line_price_set: moneySet(lineMinor, ctx),
        original_line_price_set: moneySet(lineMinor, ctx),
        total_discount_set: moneySet(0, ctx),
      };
    }),
    note: null,
    created_at: formatShopTime(createdAt, timeZone),
    updated_at: formatShopTime(toDate(input.updatedAt ?? createdAt), timeZone),
  };
}

export type CartPayload = ReturnType<typeof buildCartPayload>;
