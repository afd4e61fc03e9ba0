import { gid } from "../ids";
import { moneySet, shopAmount } from "../money";
import type { MoneyContext } from "../money";
import { lineItemIdOf, orderMoneyContext } from "./order-input";
import type { OrderInput } from "./order-input";

/** A REST `tax_lines[]` entry; only present when there is tax to show. */
export function taxLines(
  taxMinor: number | undefined,
  rate: string | undefined,
  title: string | undefined,
  ctx: MoneyContext,
) {
  if (!taxMinor) return [];
  return [
    {
      channel_liable: false,
      price: shopAmount(taxMinor, ctx),
      price_set: moneySet(taxMinor, ctx),
      rate: Number(rate ?? "0"),
      title: title ?? "Tax",
    },
  ];
}

/** One `line_items[]` entry of an order, with money in both currencies. */
export function buildLineItem(order: OrderInput, index: number, currentQuantity: number) {
  const line = order.lines[index];
  if (!line) throw new RangeError(`order ${order.id} has no line ${index}`);
  const ctx = orderMoneyContext(order);
  const id = lineItemIdOf(order, index);
  const discountMinor = line.discountMinor ?? 0;
  const title = line.title ?? "Item";
  return {
    id,
    admin_graphql_api_id: gid("LineItem", id),
    attributed_staffs: [] as unknown[],
    current_quantity: currentQuantity,
    fulfillable_quantity: currentQuantity,
    fulfillment_service: "manual",
    fulfillment_status: null,
    gift_card: line.giftCard ?? false,
    grams: 0,
    name: line.variantTitle ? `${title} - ${line.variantTitle}` : title,
    price: shopAmount(line.unitPriceMinor, ctx),
    price_set: moneySet(line.unitPriceMinor, ctx),
    product_exists: line.productId !== null,
    product_id: line.productId ?? null,
    properties: [] as unknown[],
    quantity: line.quantity,
    requires_shipping: true,
    sku: line.sku ?? null,
    taxable: (line.taxMinor ?? 0) > 0,
    title,
    total_discount: shopAmount(discountMinor, ctx),
    total_discount_set: moneySet(discountMinor, ctx),
    variant_id: line.variantId ?? null,
    variant_inventory_management: null,
    variant_title: line.variantTitle ?? null,
    vendor: null,
    tax_lines: taxLines(line.taxMinor, line.taxRate, line.taxTitle, ctx),
    duties: [] as unknown[],
    discount_allocations: discountMinor
      ? [
          {
            amount: shopAmount(discountMinor, ctx),
            amount_set: moneySet(discountMinor, ctx),
            discount_application_index: 0,
          },
        ]
      : [],
  };
}
