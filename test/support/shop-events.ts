import { buildOrderPayload } from "../../fake-shopify";
import type { OrderInput } from "../../fake-shopify/payloads/order-input";

export const SHOP = "pulse-test.myshopify.com";

/** A plain paid order: `quantity` units at `unitPriceMinor`, in USD, customer optional. */
export function simpleOrder(id: number, overrides: Partial<OrderInput> = {}) {
  return buildOrderPayload({
    id,
    createdAt: "2026-11-02T10:00:00Z",
    currency: "USD",
    lines: [{ quantity: 2, unitPriceMinor: 1250 }],
    ...overrides,
  });
}
