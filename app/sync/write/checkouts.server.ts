import type { Prisma } from "@prisma/client";
import { newestPerKey } from "~/kpi/versions";
import { text, utc } from "./batch-rows.server";
import type { CartRow, CheckoutRow } from "~/sync/records/rows";
import { isTombstoned, prismaRows, tombstonedAmong } from "./tombstones.server";

type Tx = Prisma.TransactionClient;

/** A checkout is read in its newest version; once completed it stays completed. */
export async function upsertCheckout(tx: Tx, shopId: number, checkout: CheckoutRow): Promise<void> {
  await upsertCheckouts(tx, shopId, [checkout]);
}

/** The set-based form of upsertCheckout. Returns how many rows were inserted or replaced by a newer version. */
export async function upsertCheckouts(tx: Tx, shopId: number, rows: readonly CheckoutRow[]): Promise<number> {
  const newest = newestPerKey(
    rows,
    (k) => k.token,
    (k) => k.shopifyUpdated,
    "later",
  );
  if (newest.length === 0) return 0;
  // A forgotten customer's checkout still counts in abandonment, without saying whose it was.
  const forgotten = await tombstonedAmong(prismaRows(tx), shopId, {
    customerIds: newest.map((k) => k.customerId),
    emails: newest.map((k) => k.email),
  });
  const checkouts = newest.map((k) =>
    isTombstoned(forgotten, k) ? { ...k, email: null, customerId: null } : k,
  );
  const column = <T>(pick: (k: CheckoutRow) => T) => checkouts.map(pick);
  return tx.$executeRaw`
    INSERT INTO checkout AS k (shop_id, token, id, cart_token, email, customer_id, shopify_created_at, shopify_updated_at, completed_at, total_minor)
    SELECT ${shopId}, v.* FROM unnest(
      ${column((k) => k.token)}::text[], ${column((k) => text(k.id))}::bigint[], ${column((k) => k.cartToken)}::text[],
      ${column((k) => k.email)}::text[], ${column((k) => text(k.customerId))}::bigint[],
      ${column((k) => utc(k.shopifyCreated))}::timestamp[], ${column((k) => utc(k.shopifyUpdated))}::timestamp[],
      ${column((k) => utc(k.completedAt))}::timestamp[], ${column((k) => text(k.totalMinor))}::bigint[]
    ) AS v
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

/**
 * A cart is stored from either topic but counted only once its carts/create was seen (`createSeenAt`, the
 * create's event time; null for carts/update). Newer `updated_at` wins for the contents; a create that
 * arrives after an update (Shopify does not order deliveries) still records that the cart was created.
 */
export async function upsertCart(
  tx: Tx,
  shopId: number,
  cart: CartRow,
  createSeenAt: Date | null,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO cart AS c (shop_id, token, shopify_created_at, shopify_updated_at, units, create_seen_at)
    VALUES (${shopId}, ${cart.token}, ${cart.shopifyCreated}, ${cart.shopifyUpdated}, ${cart.units}, ${createSeenAt})
    ON CONFLICT (shop_id, token) DO UPDATE SET
      shopify_created_at = CASE WHEN c.shopify_updated_at < EXCLUDED.shopify_updated_at
        THEN LEAST(c.shopify_created_at, EXCLUDED.shopify_created_at) ELSE c.shopify_created_at END,
      shopify_updated_at = GREATEST(c.shopify_updated_at, EXCLUDED.shopify_updated_at),
      units = CASE WHEN c.shopify_updated_at < EXCLUDED.shopify_updated_at THEN EXCLUDED.units ELSE c.units END,
      create_seen_at = COALESCE(c.create_seen_at, EXCLUDED.create_seen_at)
    WHERE c.shopify_updated_at < EXCLUDED.shopify_updated_at
      OR (c.create_seen_at IS NULL AND EXCLUDED.create_seen_at IS NOT NULL)`;
}
