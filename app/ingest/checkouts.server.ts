import type { Prisma } from "@prisma/client";
import type { CartRow, CheckoutRow } from "./normalise";

type Tx = Prisma.TransactionClient;

/** A checkout is read in its newest version; once completed it stays completed. */
export async function upsertCheckout(tx: Tx, shopId: number, checkout: CheckoutRow): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO checkout AS k (shop_id, token, id, cart_token, email, customer_id, shopify_created_at, shopify_updated_at, completed_at, total_minor)
    VALUES (${shopId}, ${checkout.token}, ${checkout.id}, ${checkout.cartToken}, ${checkout.email}, ${checkout.customerId},
            ${checkout.shopifyCreated}, ${checkout.shopifyUpdated}, ${checkout.completedAt}, ${checkout.totalMinor})
    ON CONFLICT (shop_id, token) DO UPDATE SET
      id = COALESCE(EXCLUDED.id, k.id),
      cart_token = COALESCE(EXCLUDED.cart_token, k.cart_token),
      email = EXCLUDED.email,
      customer_id = EXCLUDED.customer_id,
      shopify_created_at = LEAST(k.shopify_created_at, EXCLUDED.shopify_created_at),
      shopify_updated_at = EXCLUDED.shopify_updated_at,
      completed_at = COALESCE(EXCLUDED.completed_at, k.completed_at),
      total_minor = EXCLUDED.total_minor
    WHERE k.shopify_updated_at < EXCLUDED.shopify_updated_at`;
}

export async function upsertCart(tx: Tx, shopId: number, cart: CartRow): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO cart AS c (shop_id, token, shopify_created_at, shopify_updated_at, units)
    VALUES (${shopId}, ${cart.token}, ${cart.shopifyCreated}, ${cart.shopifyUpdated}, ${cart.units})
    ON CONFLICT (shop_id, token) DO UPDATE SET
      shopify_created_at = LEAST(c.shopify_created_at, EXCLUDED.shopify_created_at),
      shopify_updated_at = EXCLUDED.shopify_updated_at,
      units = EXCLUDED.units
    WHERE c.shopify_updated_at < EXCLUDED.shopify_updated_at`;
}
