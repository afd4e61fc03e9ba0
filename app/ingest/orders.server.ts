import { Prisma } from "@prisma/client";
import { upsertCustomer } from "./customers.server";
import type { CustomerRow, OrderRow, RefundRow } from "./normalise";

type Tx = Prisma.TransactionClient;

/**
 * Newer `updated_at` wins: an older or equal delivery never overwrites what is stored, so duplicates
 * and out-of-order deliveries converge on the newest version. Deletion and redaction are sticky.
 */
export async function upsertOrder(tx: Tx, shopId: number, order: OrderRow, customer?: CustomerRow | null): Promise<void> {
  if (customer) await upsertCustomer(tx, shopId, customer);
  await tx.$executeRaw`
    INSERT INTO "order" AS o (
      shop_id, id, name, customer_id, email, customer_key, ordered_at, shopify_created_at, shopify_updated_at,
      cancelled_at, test, currency, presentment_currency, taxes_included, gross_minor, discounts_minor,
      shipping_minor, taxes_minor, duties_minor, total_minor, units, lines, checkout_token, cart_token, source_name
    ) VALUES (
      ${shopId}, ${order.id}, ${order.name}, ${order.customerId}, ${order.email},
      ${customerKeySql(shopId, order)},
      ${order.orderedAt}, ${order.shopifyCreated}, ${order.shopifyUpdated}, ${order.cancelledAt}, ${order.test},
      ${order.currency}, ${order.presentmentCurrency}, ${order.taxesIncluded}, ${order.grossMinor}, ${order.discountsMinor},
      ${order.shippingMinor}, ${order.taxesMinor}, ${order.dutiesMinor}, ${order.totalMinor}, ${order.units},
      ${JSON.stringify(order.lines)}::jsonb, ${order.checkoutToken}, ${order.cartToken}, ${order.sourceName}
    )
    ON CONFLICT (shop_id, id) DO UPDATE SET
      name = EXCLUDED.name,
      customer_id = CASE WHEN o.customer_key LIKE 'anon:%' THEN NULL ELSE EXCLUDED.customer_id END,
      email = CASE WHEN o.customer_key LIKE 'anon:%' THEN NULL ELSE EXCLUDED.email END,
      customer_key = CASE WHEN o.customer_key LIKE 'anon:%' THEN o.customer_key ELSE EXCLUDED.customer_key END,
      ordered_at = EXCLUDED.ordered_at,
      shopify_created_at = EXCLUDED.shopify_created_at,
      shopify_updated_at = EXCLUDED.shopify_updated_at,
      cancelled_at = EXCLUDED.cancelled_at,
      test = EXCLUDED.test,
      currency = EXCLUDED.currency,
      presentment_currency = EXCLUDED.presentment_currency,
      taxes_included = EXCLUDED.taxes_included,
      gross_minor = EXCLUDED.gross_minor,
      discounts_minor = EXCLUDED.discounts_minor,
      shipping_minor = EXCLUDED.shipping_minor,
      taxes_minor = EXCLUDED.taxes_minor,
      duties_minor = EXCLUDED.duties_minor,
      total_minor = EXCLUDED.total_minor,
      units = EXCLUDED.units,
      lines = EXCLUDED.lines,
      checkout_token = EXCLUDED.checkout_token,
      cart_token = EXCLUDED.cart_token,
      source_name = EXCLUDED.source_name
    WHERE o.shopify_updated_at < EXCLUDED.shopify_updated_at`;
}

/**
 * KPI-SPEC identity: the Shopify customer; else the customer holding the normalised email (resolved
 * with everything known now); else an email-keyed guest; else none.
 */
function customerKeySql(shopId: number, order: Pick<OrderRow, "customerId" | "email">): Prisma.Sql {
  if (order.customerId !== null) return Prisma.sql`${`c:${order.customerId}`}`;
  if (order.email === null) return Prisma.sql`NULL`;
  return Prisma.sql`COALESCE(
    (SELECT 'c:' || c.id FROM customer c
      WHERE c.shop_id = ${shopId} AND c.email = ${order.email} AND c.deleted_at IS NULL
      ORDER BY c.shopify_created_at, c.id LIMIT 1),
    ${`e:${order.email}`})`;
}

/** orders/delete carries only the id. A delete that overtakes its create leaves a tombstone. */
export async function deleteOrder(tx: Tx, shopId: number, orderId: bigint, at: Date, currency: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "order" AS o (
      shop_id, id, ordered_at, shopify_created_at, shopify_updated_at, deleted_at, currency, gross_minor,
      discounts_minor, shipping_minor, taxes_minor, duties_minor, total_minor, units, lines
    ) VALUES (${shopId}, ${orderId}, ${at}, ${at}, 'epoch'::timestamp, ${at}, ${currency}, 0, 0, 0, 0, 0, 0, 0, '[]'::jsonb)
    ON CONFLICT (shop_id, id) DO UPDATE SET deleted_at = COALESCE(o.deleted_at, EXCLUDED.deleted_at)`;
}

/** Refunds do not change once created; a redelivery rewrites the same values. */
export async function upsertRefund(tx: Tx, shopId: number, refund: RefundRow): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO refund (
      shop_id, id, order_id, refunded_at, shopify_created_at, lines_subtotal_minor, shipping_minor, taxes_minor,
      duties_minor, units
    ) VALUES (
      ${shopId}, ${refund.id}, ${refund.orderId}, ${refund.refundedAt}, ${refund.shopifyCreated},
      ${refund.linesSubtotalMinor}, ${refund.shippingMinor}, ${refund.taxesMinor}, ${refund.dutiesMinor}, ${refund.units}
    )
    ON CONFLICT (shop_id, id) DO UPDATE SET
      order_id = EXCLUDED.order_id,
      refunded_at = EXCLUDED.refunded_at,
      shopify_created_at = EXCLUDED.shopify_created_at,
      lines_subtotal_minor = EXCLUDED.lines_subtotal_minor,
      shipping_minor = EXCLUDED.shipping_minor,
      taxes_minor = EXCLUDED.taxes_minor,
      duties_minor = EXCLUDED.duties_minor,
      units = EXCLUDED.units`;
}
